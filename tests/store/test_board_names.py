"""The board naming only the first few of each tag's people (what its screen shows): the
same rows, counts and order as the whole board, and the same first names, ties included."""

from __future__ import annotations

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
