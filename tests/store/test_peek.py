"""The session list read before the store opens: the same list, and never a write."""

from __future__ import annotations

from pathlib import Path

from tui.core.clock import ClockState
from tui.store.peek import peek_sessions
from tui.store.store import Store, open_store


def _fill(store: Store) -> None:
    for n, (name, company) in enumerate([("Ann Lee", "Acme"), ("Bo", ""), ("Ann Lee", "Acme")]):
        participant = store.participant_for(name, company)
        session = store.create_session(participant.id, f"goal {n}", 30, ClockState(n * 1000))
        for i in range(n):
            store.add_entry(session.id, "quote", f"said {i}", i * 10)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_it_lists_what_the_store_lists_beside_a_window_still_writing(db_path: Path) -> None:
    store = open_store(db_path)
    _fill(store)  # committed, and still in the -wal file: the store is open
    now = lambda: 10_000  # noqa: E731
    try:
        assert peek_sessions(db_path, now) == store.sessions(now)
        assert [s.entries for s in peek_sessions(db_path, now) or []] == [2, 1, 0]
    finally:
        store.close()


def test_it_writes_and_creates_nothing(db_path: Path) -> None:
    store = open_store(db_path)
    _fill(store)
    store.close()  # checkpointed: the file alone holds everything
    before = _files(db_path.parent)
    assert len(peek_sessions(db_path) or []) == 3
    assert _files(db_path.parent) == before


def test_what_it_cannot_read_is_left_to_the_store(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    assert peek_sessions(missing) is None
    assert not missing.exists()
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_bytes(b"these are my notes, not a database\n" * 200)
    assert peek_sessions(not_a_database) is None
    assert peek_sessions(tmp_path) is None  # a folder
