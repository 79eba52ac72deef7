"""The live screen's writer: one ordered queue, retried while the database is busy."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from tui.core.clock import ClockState
from tui.store import clocks
from tui.store.store import Store, open_store
from tui.store.writer import Job, Writer, WriterState

START = 1_700_000_000_000


def session(db: Path) -> int:
    store = open_store(db)
    try:
        person = store.participant_for("Ada Lovelace", "Acme")
        return store.create_session(person.id, "", 30, ClockState(START)).id
    finally:
        store.close()


def texts(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT text FROM entries ORDER BY id")]


class Recorder:
    """Collects what the writer delivers, as the screen would, in order."""

    def __init__(self) -> None:
        self.done: list[Any] = []
        self.failed: list[Exception] = []
        self.states: list[WriterState] = []

    def deliver(self, callback: Any) -> None:
        callback()

    def job(self, run: Any) -> Job:
        return Job(run, self.done.append, self.failed.append)


def add(session_id: int, text: str) -> Any:
    return lambda store: store.add_entry(session_id, "quote", text, 0).text


def test_jobs_run_in_the_order_submitted(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    sid = session(db)
    seen = Recorder()
    writer = Writer(db, seen.deliver)
    for n in range(50):
        writer.submit(seen.job(add(sid, f"q{n}")))
    assert writer.wait_idle(10)
    writer.close()
    assert seen.done == [f"q{n}" for n in range(50)] == texts(db)


def test_a_locked_database_is_waited_for_said_and_nothing_is_lost(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    sid = session(db)
    seen = Recorder()
    writer = Writer(db, seen.deliver, seen.states.append)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    for n in range(3):
        writer.submit(seen.job(add(sid, f"q{n}")))
    assert not writer.wait_idle(1.0)  # held back, not failed
    assert seen.failed == [] and seen.done == []
    assert any(s.waiting and "another program" in s.waiting for s in seen.states)
    assert writer.unsaved() == []  # (these jobs carry no record)
    other.rollback()
    other.close()
    assert writer.wait_idle(10)
    writer.close()
    assert seen.done == ["q0", "q1", "q2"] == texts(db)
    assert seen.states[-1] == WriterState(0, None)  # told when it went through


def test_a_vanished_row_fails_that_job_alone(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    sid = session(db)
    seen = Recorder()
    writer = Writer(db, seen.deliver)
    writer.submit(seen.job(lambda store: store.toggle_flag(12345, "starred")))
    writer.submit(seen.job(add(sid, "after")))
    assert writer.wait_idle(10)
    writer.close()
    assert [type(e) for e in seen.failed] == [KeyError]
    assert seen.done == ["after"]


def test_a_deleted_database_file_is_never_written_and_its_jobs_are_kept(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    sid = session(db)
    seen = Recorder()
    writer = Writer(db, seen.deliver, seen.states.append)
    writer.submit(seen.job(add(sid, "before")))
    assert writer.wait_idle(10)
    for path in tmp_path.glob("e.db*"):
        path.unlink()
    record = {"session_id": sid, "kind": "quote", "text": "after"}
    writer.submit(Job(add(sid, "after"), seen.done.append, seen.failed.append, record))
    assert not writer.wait_idle(1.0)
    assert any(s.waiting and "deleted or replaced" in s.waiting for s in seen.states)
    assert writer.unsaved() == [record]
    assert not writer.close(timeout=0.2)
    assert seen.done == ["before"]


def test_two_windows_pausing_one_session_both_count(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    sid = session(db)
    a, b = open_store(db), open_store(db)
    try:
        clocks.pause_clock(a, sid, START + 10_000)  # window A pauses
        state = clocks.pause_clock(b, sid, START + 12_000)  # B, not knowing, pauses too
        assert state.paused_since_ms == START + 10_000  # A's pause stands
        state = clocks.resume_clock(a, sid, START + 14_000)
        assert (state.paused_ms, state.paused_since_ms) == (4_000, None)
        state = clocks.resume_clock(b, sid, START + 15_000)  # B's stale resume changes nothing
        assert (state.paused_ms, state.paused_since_ms) == (4_000, None)
        clocks.pause_clock(b, sid, START + 20_000)
        state = clocks.end_clock(a, sid, START + 23_000)  # ending closes B's running pause
        assert (state.paused_ms, state.ended_at_ms) == (7_000, START + 23_000)
        state = clocks.reopen_clock(b, sid, START + 30_000)
        assert (state.paused_ms, state.ended_at_ms, state.paused_since_ms) == (
            14_000,
            None,
            START + 30_000,
        )
    finally:
        a.close()
        b.close()


def test_jobs_never_run_on_the_submitting_thread(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    sid = session(db)
    threads: list[str] = []
    seen = Recorder()

    def run(store: Store) -> str:
        threads.append(threading.current_thread().name)
        return add(sid, "x")(store)

    writer = Writer(db, seen.deliver)
    writer.submit(seen.job(run))
    assert writer.wait_idle(10)
    writer.close()
    assert threads == ["earful-writer"]
