"""The board naming only the first few of each tag's people (what its screen shows): the
same rows, counts and order as the whole board, and the same first names, ties included."""

from __future__ import annotations

import sqlite3

from tui.core.clock import ClockState
from tui.core.insights import parse_filter
from tui.store.insights import board
from tui.store.store import Store


def _fill(store: Store) -> None:
    # pricing: Cy 3 entries, then Ann, bo and Dee 1 each (a tie broken by name, any case)
    said = [
        ("Dee", ["pricing"]),
        ("Cy", ["pricing", "exports"]),
        ("Cy", ["pricing"]),
        ("Cy", ["pricing"]),
        ("bo", ["pricing", "exports"]),
        ("Ann", ["pricing"]),
        ("Eve", ["search"]),
    ]
    for n, (name, topics) in enumerate(said):
        who = store.participant_for(name, "")
        session = store.create_session(who.id, "g", 30, ClockState(n * 1000)).id
        store.add_entry(session, "quote", f"{name} said {n}", 1000, topics, ["frustrated"])


def test_the_first_names_are_the_whole_boards_first_names(store: Store) -> None:
    _fill(store)
    every = board(store)
    assert next(r for r in every if r.tag == "pricing").names == ("Cy", "Ann", "bo", "Dee")
    for shown in (0, 1, 2, 3, 10):
        assert board(store, names=shown) == [
            type(r)(r.tag, r.kind, r.participants, r.of, r.entries, r.names[:shown]) for r in every
        ]


def test_a_filtered_board_names_the_first_too(store: Store) -> None:
    _fill(store)
    filters = parse_filter("", "", "", "g")
    assert [r.names for r in board(store, filters, names=2)] == [
        r.names[:2] for r in board(store, filters)
    ]


def _companies(store: Store) -> None:
    # Acme: Ann 2 pricing, Bo 1 pricing and exports (two sessions of Ann's); Globex: Cy.
    said = [
        ("Ann", "Acme", ["pricing"]),
        ("Ann", "Acme", ["pricing", "exports"]),
        ("Bo", "ACME Corp", ["pricing"]),
        ("Cy", "Globex", ["pricing", "search"]),
        ("Dee", "Acme", []),
    ]
    for n, (name, company, topics) in enumerate(said):
        who = store.participant_for(name, company)
        session = store.create_session(who.id, "g", 30, ClockState(n * 1000)).id
        store.add_entry(session, "quote", f"{name} said {n}", 1000, topics, [])


def test_a_company_filter_counts_only_that_companys_people(store: Store) -> None:
    _companies(store)
    rows = board(store, parse_filter(company="acme"))
    assert [(r.label, r.participants, r.of, r.entries, r.names) for r in rows] == [
        ("#pricing", 2, 3, 3, ("Ann", "Bo")),
        ("#exports", 1, 3, 1, ("Ann",)),
    ]
    assert board(store, parse_filter(company="acme"), names=1)[0].names == ("Ann",)
    # The same answer as recounting the sessions' entries (a date range forces that).
    recounted = board(store, parse_filter("1970-01-01", "", "acme"))
    assert recounted == rows
    assert board(store, parse_filter("1970-01-01", "", "acme"), names=1) == board(
        store, parse_filter(company="acme"), names=1
    )


def test_a_company_filter_reads_the_kept_counts_not_every_entry(store: Store) -> None:
    """A company alone asks nothing of sessions: a decade's board then reads no entry."""
    _companies(store)
    read: set[str] = set()

    def note(action: int, table: str | None, *_: object) -> int:
        if action == sqlite3.SQLITE_READ and table:
            read.add(table)
        return sqlite3.SQLITE_OK

    store.conn.set_authorizer(note)
    try:
        for names in (None, 20):
            assert board(store, parse_filter(company="acme"), names=names)
    finally:
        store.conn.set_authorizer(None)
    assert "tag_participants" in read
    assert not read & {"entries", "entry_tags"}
