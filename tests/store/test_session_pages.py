"""The home screen's list a page at a time: the same sessions, in the same order, as the
whole list, with each page's entry counts, both from the store and before it opens."""

from __future__ import annotations

from pathlib import Path

from tui.core.clock import ClockState
from tui.store.peek import peek_sessions
from tui.store.rows import session_count, session_list, session_summary
from tui.store.store import Store, open_store


def _fill(store: Store, sessions: int) -> None:
    for n in range(sessions):
        who = store.participant_for(f"Person {n % 3}", "Acme")
        # started out of id order, two at the same moment: the order is by start, then id
        session = store.create_session(who.id, f"goal {n}", 30, ClockState((n * 7 % 5) * 1000))
        for i in range(n % 4):
            store.add_entry(session.id, "quote", f"said {i}", i * 10)


def test_pages_put_together_are_the_whole_list(db_path: Path) -> None:
    store = open_store(db_path)
    _fill(store, 11)
    now = lambda: 50_000  # noqa: E731
    every = session_list(store.conn, now)
    assert len(every) == session_count(store.conn) == 11
    pages = [session_list(store.conn, now, limit=4, offset=at) for at in (0, 4, 8)]
    assert [len(p) for p in pages] == [4, 4, 3]
    assert [s for page in pages for s in page] == every
    assert session_list(store.conn, now, limit=4, offset=11) == []
    assert session_list(store.conn, now, limit=0) == []
    assert store.sessions(now) == every  # the store's list is unchanged
    store.close()


def test_peek_reads_the_first_screenful_only(db_path: Path) -> None:
    store = open_store(db_path)
    _fill(store, 9)
    now = lambda: 50_000  # noqa: E731
    every = store.sessions(now)
    store.close()
    assert peek_sessions(db_path, now, limit=5) == every[:5]
    assert peek_sessions(db_path, now) == every


def test_one_session_is_read_as_the_list_shows_it(db_path: Path) -> None:
    store = open_store(db_path)
    _fill(store, 6)
    now = lambda: 50_000  # noqa: E731
    for listed in session_list(store.conn, now):
        assert session_summary(store.conn, now, listed.id) == listed
    assert session_summary(store.conn, now, 999) is None
    store.close()
