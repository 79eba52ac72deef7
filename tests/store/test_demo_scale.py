"""``earful demo --scale``'s corpus: the size asked for, spread over years, and a database
that behaves exactly as one filled entry by entry (search, board, uuids, triggers)."""

from __future__ import annotations

from datetime import date

import pytest

from tui.core.clock import ClockState
from tui.core.demo_scale import Shape, participants, sessions
from tui.store.demo import write_scale
from tui.store.insights import board, search
from tui.store.store import Store

RECOUNT = """SELECT et.tag_id, s.participant_id, count(*) FROM entry_tags et
    JOIN entries e ON e.id = et.entry_id JOIN sessions s ON s.id = e.session_id
    GROUP BY 1, 2 ORDER BY 1, 2"""
SCHEMA = "SELECT type, name, sql FROM sqlite_master ORDER BY name"


def _fill(store: Store, entries: int) -> tuple[int, int, int]:
    shape = Shape.of(entries)
    return write_scale(store, participants(shape), sessions(shape))


def test_a_million_is_a_decade_of_a_team_of_2000_in_10000_sessions() -> None:
    shape = Shape.of(1_000_000)
    assert (shape.sessions, shape.participants) == (10_000, 2_000)
    assert shape.days >= 9 * 365


def test_it_makes_the_entries_asked_for_over_distinct_people_on_weekdays() -> None:
    shape = Shape.of(25_000)
    made = list(sessions(shape))
    people = participants(shape)
    assert sum(len(s.entries) for s in made) == 25_000
    assert len(made) == 250 and len({p.name for p in people}) == len(people) == 50
    days = [date.fromisoformat(s.created_at[:10]) for s in made]
    assert all(d.weekday() < 5 for d in days)
    assert (max(days) - min(days)).days > 60
    assert {s.participant for s in made} == set(range(50))  # everyone is interviewed
    quotes = [e.text for s in made for e in s.entries if e.kind == "quote"]
    assert len(set(quotes)) > 100  # not one sentence over and over
    assert made == list(sessions(shape))  # same size, same demo


def test_the_database_is_as_if_every_entry_had_been_typed(store: Store) -> None:
    before = store.conn.execute(SCHEMA).fetchall()
    assert _fill(store, 2_000) == (4, 20, 2_000)
    # triggers and indexes dropped for the bulk insert are back, exactly as they were
    assert store.conn.execute(SCHEMA).fetchall() == before
    kept = store.conn.execute("SELECT * FROM tag_participants ORDER BY 1, 2").fetchall()
    assert kept == store.conn.execute(RECOUNT).fetchall() and kept
    said = store.conn.execute(
        "SELECT count(*) FROM entries WHERE text LIKE '%all the time%'"
    ).fetchone()[0]
    assert said and len(search(store, "all the time", limit=10_000)) == said
    missing = store.conn.execute(
        "SELECT count(*) FROM entries WHERE uuid IS NULL OR updated_at IS NULL"
    ).fetchone()[0]
    assert missing == 0
    rows = board(store)
    assert rows and rows[0].of == 4


def test_what_is_added_later_is_counted_and_found_as_usual(store: Store) -> None:
    _fill(store, 500)
    who = store.participant_for("Zed Quill", "")
    session = store.create_session(who.id, "later", 30, ClockState(0)).id
    store.add_entry(session, "quote", "A zeppelin of a problem", 1000, ["pricing"])
    assert [hit.text for hit in search(store, "zeppelin")] == ["A zeppelin of a problem"]
    pricing = next(r for r in board(store) if r.tag == "pricing")
    assert "Zed Quill" in pricing.names
    assert (
        store.conn.execute(RECOUNT).fetchall()
        == store.conn.execute("SELECT * FROM tag_participants ORDER BY 1, 2").fetchall()
    )


def test_added_to_a_database_with_data_both_are_searchable(store: Store) -> None:
    who = store.participant_for("Ann Lee", "Acme")
    session = store.create_session(who.id, "before", 30, ClockState(0)).id
    store.add_entry(session, "quote", "Our zanzibar moment", 1000, ["pricing"])
    _fill(store, 300)
    assert len(search(store, "zanzibar")) == 1
    assert store.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 301


def test_interrupted_it_leaves_the_database_as_it_was(store: Store) -> None:
    before = store.conn.execute(SCHEMA).fetchall()
    shape = Shape.of(1_000)

    def broken():  # type: ignore[no-untyped-def]
        for n, made in enumerate(sessions(shape)):
            if n == 5:
                raise KeyboardInterrupt
            yield made

    with pytest.raises(KeyboardInterrupt):
        write_scale(store, participants(shape), broken())
    assert store.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM participants").fetchone()[0] == 0
    assert store.conn.execute(SCHEMA).fetchall() == before
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
