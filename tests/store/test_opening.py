"""Opening a database file: a file Earful cannot use is refused and left exactly as it was."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.read_only import nobody_can_write
from tui.core.clock import ClockState
from tui.store.opening import StoreError, backup_before_upgrade, check_file
from tui.store.store import Store, open_store
from tui.store.versions import MIGRATIONS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused_unchanged(path: Path) -> StoreError:
    """Opening ``path`` fails with a message naming it, and the file keeps every byte."""
    before = _sha256(path)
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert str(path) in str(caught.value)
    assert caught.value.path == path
    assert _sha256(path) == before
    return caught.value


def _filled_database(path: Path, entries: int = 300) -> None:
    store = open_store(path)
    try:
        who = store.participant_for("Ann Lee", "Acme")
        session = store.create_session(who.id, "exports", 30, ClockState(0))
        for i in range(entries):
            store.add_entry(
                session.id, "quote", f"quote number {i} " * 10, i * 1000, topics=["pricing"]
            )
    finally:
        store.close()


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT id, session_id, kind, text, at_ms FROM entries ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


@pytest.fixture
def permissions_respected(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """Make ``os.access`` follow the owner permission bits even when running as root.

    Root ignores file permissions, so there the check Earful makes is emulated from the
    mode bits; for anyone else the real permissions apply. Yields a function that
    registers a path whose permissions must be restored afterwards.
    """
    if os.geteuid() == 0:
        real_access = os.access

        def owner_access(
            path: str | os.PathLike[str], mode: int, *args: object, **kw: object
        ) -> bool:
            try:
                bits = os.stat(path).st_mode
            except OSError:
                return real_access(path, mode)
            if mode & os.R_OK and not bits & stat.S_IRUSR:
                return False
            if mode & os.W_OK and not bits & stat.S_IWUSR:
                return False
            return not (mode & os.X_OK and not bits & stat.S_IXUSR)

        monkeypatch.setattr(os, "access", owner_access)
    restore: list[tuple[Path, int]] = []
    yield lambda path: restore.append((path, stat.S_IMODE(path.stat().st_mode)))
    for path, mode in reversed(restore):
        path.chmod(mode)


# --- files that are refused --------------------------------------------------------------


def test_random_bytes_are_refused_unchanged(db_path: Path) -> None:
    db_path.write_bytes(random.Random(7).randbytes(8192))
    _refused_unchanged(db_path)


def test_a_text_file_is_refused_unchanged(db_path: Path) -> None:
    db_path.write_text("Shopping list\n- milk\n- interview notes?\n", encoding="utf-8")
    _refused_unchanged(db_path)


def test_a_file_starting_like_sqlite_but_short_is_refused_unchanged(db_path: Path) -> None:
    db_path.write_bytes(b"SQLite for")
    _refused_unchanged(db_path)


def test_a_truncated_database_is_refused_unchanged(db_path: Path) -> None:
    _filled_database(db_path)
    data = db_path.read_bytes()
    assert len(data) > 8192
    db_path.write_bytes(data[: len(data) // 2])
    _refused_unchanged(db_path)


def test_a_folder_at_the_path_is_refused(db_path: Path) -> None:
    db_path.mkdir()
    (db_path / "inside.txt").write_text("keep me")
    with pytest.raises(StoreError) as caught:
        open_store(db_path)
    assert str(db_path) in str(caught.value)
    assert [p.name for p in db_path.iterdir()] == ["inside.txt"]
    assert (db_path / "inside.txt").read_text() == "keep me"


def test_a_read_only_file_is_refused_unchanged(
    db_path: Path, permissions_respected: Callable[[Path], None]
) -> None:
    _filled_database(db_path, entries=3)
    permissions_respected(db_path)
    db_path.chmod(0o444)
    error = _refused_unchanged(db_path)
    assert "read-only" in error.problem


def test_an_unreadable_file_is_refused_unchanged(
    db_path: Path, permissions_respected: Callable[[Path], None]
) -> None:
    _filled_database(db_path, entries=3)
    before = _sha256(db_path)
    permissions_respected(db_path)
    db_path.chmod(0o000)
    with pytest.raises(StoreError) as caught:
        open_store(db_path)
    assert str(db_path) in str(caught.value)
    db_path.chmod(0o644)
    assert _sha256(db_path) == before


def test_a_database_in_a_read_only_folder_is_refused_unchanged(
    tmp_path: Path, permissions_respected: Callable[[Path], None]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "earful.db"
    _filled_database(path, entries=3)
    permissions_respected(folder)
    folder.chmod(0o555)
    error = _refused_unchanged(path)
    assert str(folder) in error.problem
    assert sorted(p.name for p in folder.iterdir()) == ["earful.db"]


def test_a_new_database_in_a_read_only_folder_is_refused_and_nothing_created(
    tmp_path: Path, permissions_respected: Callable[[Path], None]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "earful.db"
    permissions_respected(folder)
    folder.chmod(0o555)
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert str(path) in str(caught.value)
    assert list(folder.iterdir()) == []


def test_a_database_from_a_newer_earful_is_refused_unchanged(db_path: Path) -> None:
    _filled_database(db_path, entries=3)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('earful', '9999_from_the_future', '2099-01-01')"
        )
    conn.close()
    error = _refused_unchanged(db_path)
    assert "9999_from_the_future" in error.problem


def test_another_programs_sqlite_file_is_refused_unchanged(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
        conn.execute("INSERT INTO recipes (title) VALUES ('pancakes')")
    conn.close()
    _refused_unchanged(db_path)
    conn = sqlite3.connect(db_path)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master")]
    finally:
        conn.close()
    assert tables == ["recipes"]


def test_check_file_only_reads(db_path: Path) -> None:
    _filled_database(db_path, entries=3)
    before = _sha256(db_path)
    assert check_file(db_path) == list(MIGRATIONS)
    assert _sha256(db_path) == before


# --- files that open ---------------------------------------------------------------------


def test_a_missing_file_is_created_with_its_folders(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "earful.db"
    store = open_store(path)
    store.close()
    assert path.is_file()


def test_an_empty_file_becomes_a_database(db_path: Path) -> None:
    db_path.touch()
    store = open_store(db_path)
    try:
        assert store.participant_for("Ann").name == "Ann"
    finally:
        store.close()


def test_reopening_a_current_database_writes_no_backup(db_path: Path) -> None:
    _filled_database(db_path, entries=5)
    before = _rows(db_path)
    for _ in range(2):
        open_store(db_path).close()
    assert _rows(db_path) == before
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".bak")]


def test_backup_before_upgrade_holds_the_same_rows(db_path: Path) -> None:
    _filled_database(db_path, entries=20)
    before = _sha256(db_path)
    backup = backup_before_upgrade(db_path)
    assert backup != db_path
    assert backup.parent == db_path.parent
    assert backup.is_file()
    assert _rows(backup) == _rows(db_path)
    assert len(_rows(backup)) == 20
    assert _sha256(db_path) == before
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_an_upgrade_keeps_the_data_and_writes_a_backup_first(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulate a later version with one more migration than this file has."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    import tui.store.store as store_module
    from tui.store.schema import initial

    _filled_database(db_path, entries=10)
    before = _rows(db_path)

    later = Migrations("earful")
    later(name="0001_initial")(initial)

    @later(name="0002_test_upgrade")
    def add_column(db: Database) -> None:
        db.execute("ALTER TABLE entries ADD COLUMN upgraded INTEGER NOT NULL DEFAULT 1")

    monkeypatch.setattr(store_module, "migrations", later)
    store: Store = open_store(db_path)
    try:
        assert [e.text for e in store.entries(1)] == [row[3] for row in before]
        assert store.conn.execute("SELECT min(upgraded) FROM entries").fetchone()[0] == 1
    finally:
        store.close()
    backups = [p for p in db_path.parent.iterdir() if p.name.endswith(".bak")]
    assert len(backups) == 1
    assert _rows(backups[0]) == before


# --- reading only: commands that only read open the file read-only ------------------------


def _everything_in(folder: Path) -> dict[str, str]:
    return {p.name: _sha256(p) for p in sorted(folder.iterdir())}


def _entry_texts(store: Store) -> list[str]:
    return [row[0] for row in store.conn.execute("SELECT text FROM entries ORDER BY id")]


def test_a_reader_opens_a_database_no_one_may_write(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "earful.db"
    _filled_database(path, entries=3)
    before = _everything_in(folder)
    with nobody_can_write(folder):
        with pytest.raises(StoreError, match="read-only"):
            open_store(path)
        store = open_store(path, read_only=True)
        try:
            assert len(_entry_texts(store)) == 3
            assert store.sessions()[0].participant == "Ann Lee"
        finally:
            store.close()
    assert _everything_in(folder) == before


def test_a_reader_changes_nothing_and_leaves_no_files(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "earful.db"
    _filled_database(path, entries=3)
    before = _everything_in(folder)
    store = open_store(path, read_only=True)
    try:
        with pytest.raises(sqlite3.OperationalError):
            store.add_entry(1, "quote", "written by a reader", 0)
    finally:
        store.close()
    assert _everything_in(folder) == before  # no -wal, no -shm, no migration, same bytes


def test_a_reader_sees_what_a_window_still_writing_committed_and_nothing_more(
    db_path: Path,
) -> None:
    _filled_database(db_path, entries=2)
    writer = open_store(db_path)
    try:
        writer.conn.execute("PRAGMA wal_autocheckpoint = 0")  # committed rows stay in -wal
        writer.add_entry(1, "quote", "committed, only in the -wal file", 5000)
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute(
            "INSERT INTO entries (session_id, kind, text, at_ms, created_at)"
            " VALUES (1, 'quote', 'not committed', 6000, '2026-01-01')"
        )
        main_file_alone = sqlite3.connect(f"{db_path.as_uri()}?mode=ro&immutable=1", uri=True)
        assert "committed, only in the -wal file" not in {
            row[0] for row in main_file_alone.execute("SELECT text FROM entries")
        }
        main_file_alone.close()
        reader = open_store(db_path, read_only=True)
        try:
            texts = _entry_texts(reader)
        finally:
            reader.close()
        assert texts[-1] == "committed, only in the -wal file" and len(texts) == 3
        writer.conn.execute("ROLLBACK")
    finally:
        writer.close()


def test_a_missing_file_reads_as_empty_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nothing-here" / "earful.db"
    store = open_store(path, read_only=True)
    try:
        assert store.sessions() == []
    finally:
        store.close()
    assert not path.parent.exists()


def test_an_older_file_no_one_may_write_is_refused_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "earful.db"
    path.write_bytes((FIXTURES / "schema-0001.db").read_bytes())
    before = _everything_in(folder)
    with nobody_can_write(folder), pytest.raises(StoreError) as caught:
        open_store(path, read_only=True)
    assert str(caught.value) == (
        f"{path}: was written by an older Earful; open it once with write access to upgrade it"
    )
    assert _everything_in(folder) == before


def test_an_older_file_that_can_be_written_is_upgraded_for_a_reader_as_before(
    db_path: Path,
) -> None:
    db_path.write_bytes((FIXTURES / "schema-0001.db").read_bytes())
    open_store(db_path, read_only=True).close()
    assert check_file(db_path) == list(MIGRATIONS)


def test_changes_left_in_a_wal_that_cannot_be_read_are_refused_in_one_line(
    tmp_path: Path,
) -> None:
    """A copy taken while a window was writing: its -wal, but no -shm, in a read-only folder.

    Reading the main file alone would silently miss the -wal's entries.
    """
    source, folder = tmp_path / "earful.db", tmp_path / "copy"
    folder.mkdir()
    _filled_database(source, entries=2)
    writer = open_store(source)
    try:
        writer.conn.execute("PRAGMA wal_autocheckpoint = 0")
        writer.add_entry(1, "quote", "only in the -wal file", 5000)
        for name in ("earful.db", "earful.db-wal"):
            (folder / name).write_bytes((tmp_path / name).read_bytes())
    finally:
        writer.close()
    path = folder / "earful.db"
    with nobody_can_write(folder), pytest.raises(StoreError) as caught:
        open_store(path, read_only=True)
    assert str(caught.value).startswith(f"{path}: cannot be read (")
    assert str(caught.value).endswith(
        "its earful.db-wal file holds changes that need a folder Earful can write to;"
        " open it once with write access"
    )
    store = open_store(path, read_only=True)  # once the folder may be written, all is there
    try:
        assert _entry_texts(store)[-1] == "only in the -wal file"
    finally:
        store.close()
