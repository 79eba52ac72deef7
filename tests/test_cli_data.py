"""``earful backup PATH``: every committed entry, nothing uncommitted, a checked copy."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import run
from tests.read_only import nobody_can_write
from tui.core.clock import ClockState
from tui.store.store import Store, open_store


def texts(path: Path, uri_options: str = "") -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{uri_options}", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT text FROM entries ORDER BY id")]
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(path: Path, entries: int) -> Store:
    store = open_store(path)
    person = store.participant_for("Ada Okafor", "Northwind")
    session = store.create_session(person.id, "pricing", 30, ClockState(1_700_000_000_000))
    for n in range(entries):
        store.add_entry(session.id, "quote", f"quote {n}", n * 1000, ["pricing"])
    return store


def test_a_backup_while_a_window_writes_has_every_committed_entry_and_nothing_else(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window = fill(db_path, 3)
    try:
        assert window.checkpoint()  # the first three entries are in the file itself
        window.conn.execute("PRAGMA wal_autocheckpoint = 0")  # as when a reader holds it back
        window.add_entry(1, "quote", "committed, still only in -wal", 9000)
        window.conn.execute("BEGIN IMMEDIATE")
        window.conn.execute(
            "INSERT INTO entries (session_id, kind, text, at_ms, created_at)"
            " VALUES (1, 'quote', 'typed but not committed', 9500, '2026-01-01')"
        )
        # Copying the file alone, as the README used to say, misses the -wal's entry.
        assert texts(db_path, "&immutable=1") == ["quote 0", "quote 1", "quote 2"]
        copy = tmp_path / "backup.db"
        status, out, err = run(["backup", str(copy)], capsys)
        window.conn.execute("ROLLBACK")
    finally:
        window.close()
    assert (status, err) == (0, "")
    assert out == f"backed up 1 session, 4 entries to {copy}\n"
    assert texts(copy) == ["quote 0", "quote 1", "quote 2", "committed, still only in -wal"]


def test_the_copy_is_one_checked_file_that_earful_opens(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(db_path, 2).close()
    copy = tmp_path / "copies" / "monday.db"
    copy.parent.mkdir()
    assert run(["backup", str(copy)], capsys)[0] == 0
    assert sorted(p.name for p in copy.parent.iterdir()) == ["monday.db"]  # no -wal, no temp
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    status, out, _ = run(["--db", str(copy), "sessions"], capsys)
    assert status == 0 and "Ada Okafor, Northwind" in out


def test_an_existing_file_is_kept_unless_forced(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(db_path, 2).close()
    copy = tmp_path / "backup.db"
    copy.write_text("last week's backup", encoding="utf-8")
    status, out, err = run(["backup", str(copy)], capsys)
    assert (status, out) == (1, "")
    assert err == f"earful: {copy}: already exists; use --force to replace it\n"
    assert copy.read_text(encoding="utf-8") == "last week's backup"
    status, out, err = run(["backup", str(copy), "--force"], capsys)
    assert (status, out, err) == (0, f"backed up 1 session, 2 entries to {copy}\n", "")
    assert texts(copy) == ["quote 0", "quote 1"]


def test_the_database_itself_is_never_overwritten(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(db_path, 2).close()
    before = sha(db_path)
    status, out, err = run(["backup", str(db_path), "--force"], capsys)
    assert (status, out) == (1, "")
    assert err == f"earful: {db_path}: is the database itself; give another file\n"
    assert sha(db_path) == before


def test_nothing_to_back_up_is_one_line_and_creates_nothing(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "backup.db"
    status, out, err = run(["backup", str(copy)], capsys)
    assert (status, out) == (1, "")
    assert err == f"earful: {db_path}: no interviews there yet; nothing to back up\n"
    assert not db_path.exists() and not copy.exists()


def test_a_copy_that_cannot_be_written_leaves_the_old_one_and_no_partial_file(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(db_path, 2).close()
    folder = tmp_path / "copies"
    folder.mkdir()
    copy = folder / "backup.db"
    copy.write_text("last week's backup", encoding="utf-8")
    with nobody_can_write(folder):
        status, out, err = run(["backup", str(copy), "--force"], capsys)
    assert (status, out) == (1, "")
    assert err.startswith(f"earful: {copy}: ") and err.count("\n") == 1
    assert sorted(p.name for p in folder.iterdir()) == ["backup.db"]
    assert copy.read_text(encoding="utf-8") == "last week's backup"


def test_a_database_no_one_may_write_can_be_backed_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    source = shared / "earful.db"
    fill(source, 3).close()
    copy = tmp_path / "backup.db"
    with nobody_can_write(shared):
        status, out, err = run(["--db", str(source), "backup", str(copy)], capsys)
    assert (status, out, err) == (0, f"backed up 1 session, 3 entries to {copy}\n", "")
    assert texts(copy) == ["quote 0", "quote 1", "quote 2"]
    assert sorted(p.name for p in shared.iterdir()) == ["earful.db"]
