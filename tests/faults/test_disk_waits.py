"""The real program while the database is held, deleted or the program is told to stop."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path

from tests.faults.terminal import Terminal, earful_env, query, wait_until

NAME = "Grace Hopper"


def entries(db: Path) -> list[tuple[str, int]]:
    return [(r[0], r[1]) for r in query(db, "SELECT text, at_ms FROM entries ORDER BY id")]


def start(db: Path, folder: Path) -> Terminal:
    term = Terminal(["start", NAME, "--minutes", "45"], earful_env(db, folder), 80, 24)
    term.wait_for_output(NAME.encode())
    wait_until(lambda: _sessions(db) == 1, what="session")
    return term


def _sessions(db: Path) -> int:
    try:
        return len(query(db, "SELECT 1 FROM sessions"))
    except sqlite3.Error:
        return 0


def test_a_ten_second_lock_merges_nothing_delays_nothing_and_stops_no_clock(
    tmp_path: Path,
) -> None:
    db = tmp_path / "earful.db"
    term = start(db, tmp_path)
    term.type("before the lock\r")
    wait_until(lambda: len(entries(db)) == 1, what="first entry")
    started = query(db, "SELECT started_at_ms FROM sessions")[0][0]
    other = sqlite3.connect(db, isolation_level=None, timeout=10)
    other.execute("BEGIN IMMEDIATE")  # as a large import in another terminal does
    held_since, held_at = time.monotonic(), len(term.output)
    began: list[int] = []
    try:
        for n in range(1, 5):
            began.append(int(time.time() * 1000) - started)
            term.type(f"Q{n} under lock\r")
            time.sleep(1.5)
        term.type("\x1b[21~")  # F10: pause
        time.sleep(1.0)
        during = bytes(term.output[held_at:])
        assert b"Waiting for the database" in during
        assert b"Traceback" not in during
        # The clock went on ticking on screen all through the lock.
        assert sum(f"00:{s:02d} / 45:00".encode() in during for s in range(60)) >= 4
    finally:
        time.sleep(max(0.0, held_since + 10 - time.monotonic()))  # held 10 s in all
        other.rollback()
        other.close()
    wait_until(lambda: len(entries(db)) == 5, what="the four quotes after the lock")
    saved = entries(db)
    assert [text for text, _ in saved] == ["before the lock"] + [
        f"Q{n} under lock" for n in range(1, 5)
    ]
    for (_, at_ms), typed in zip(saved[1:], began, strict=True):
        assert abs(at_ms - typed) < 500, (at_ms, typed)
    wait_until(
        lambda: query(db, "SELECT paused_since_ms FROM sessions")[0][0] is not None,
        what="the pause",
    )
    assert term.process.poll() is None and b"Traceback" not in term.output


def test_the_database_deleted_mid_call_is_said_and_nothing_typed_is_lost(
    tmp_path: Path,
) -> None:
    db = tmp_path / "earful.db"
    term = start(db, tmp_path)
    term.type("saved before\r")
    wait_until(lambda: len(entries(db)) == 1, what="first entry")
    for path in tmp_path.glob("earful.db*"):
        path.unlink()
    term.type("typed after the file went\r")
    term.wait_for_output(b"deleted or replaced", timeout=10)
    term.type("\x11")  # ctrl+q
    term.process.wait(20)
    recovered = list(tmp_path.glob("earful.db.*.unsaved.json"))
    assert len(recovered) == 1
    changes = json.loads(recovered[0].read_text(encoding="utf-8"))["changes"]
    assert [c["text"] for c in changes if "text" in c] == ["typed after the file went"]
    assert b"Traceback" not in term.output


def test_sigterm_saves_the_draft_restores_the_terminal_and_exits_at_once(
    tmp_path: Path,
) -> None:
    db = tmp_path / "earful.db"
    term = start(db, tmp_path)
    term.type("half a sentence")
    time.sleep(0.3)
    asked = time.monotonic()
    term.process.send_signal(signal.SIGTERM)
    assert term.process.wait(5) == 0
    assert time.monotonic() - asked < 1.5  # generous for a loaded machine; the aim is 1 s
    assert query(db, "SELECT draft_text FROM sessions")[0][0] == "half a sentence"
    tail = bytes(term.output[-400:])
    assert b"\x1b[?1049l" in tail  # out of the alternate screen
    assert b"\x1b[?25h" in tail  # the cursor shown again


def test_quitting_with_a_reader_attached_leaves_the_file_complete(tmp_path: Path) -> None:
    db = tmp_path / "earful.db"
    term = start(db, tmp_path)
    reader = sqlite3.connect(db)
    reader.execute("SELECT count(*) FROM entries").fetchone()  # attached, as Datasette is
    for n in range(20):
        term.type(f"entry {n}\r")
    wait_until(lambda: len(entries(db)) == 20, what="20 entries")
    term.type("\x11")
    term.process.wait(20)
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())  # the file alone, as a backup by copying would be
    reader.close()
    with sqlite3.connect(copy) as check:
        assert check.execute("SELECT count(*) FROM entries").fetchone()[0] == 20
