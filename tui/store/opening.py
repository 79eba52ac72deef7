"""Opening a database file safely: check it before anything is written to it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tui.store.versions import MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """A database that cannot be used, with one line saying which file and why."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def check_file(path: Path, scan: bool = True) -> list[str]:
    """Raise StoreError if ``path`` cannot be used; return the migrations already applied.

    Reads only: a file that fails a check is left byte-for-byte as it was. ``scan``
    also reads every page for damage (tens of ms on a large file), which the command
    line leaves to the store's opening, after the first frame.
    """
    if path.is_dir():
        raise StoreError(path, "is a folder, not a database file")
    folder = path.parent
    if not path.exists():
        existing = next(p for p in (folder, *folder.parents) if p.exists())
        if not existing.is_dir():
            raise StoreError(
                path, f"cannot create the database: {existing} is a file, not a folder"
            )
        if folder.exists() and not os.access(folder, os.W_OK):
            raise StoreError(path, f"cannot create the database: folder {folder} is read-only")
        return []
    if not os.access(path, os.R_OK):
        raise StoreError(path, "cannot be read (permission denied)")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise StoreError(path, "is not an Earful database (not an SQLite file)")
    if not os.access(path, os.W_OK):
        raise StoreError(path, "is read-only; Earful needs to write to it")
    if not os.access(folder, os.W_OK):
        raise StoreError(path, f"folder {folder} is read-only; SQLite needs it for its journal")
    if not header:
        return []
    return _applied_migrations(path, scan)


def _applied_migrations(path: Path, scan: bool) -> list[str]:
    # A read of a WAL-mode file makes -wal and -shm files: remove ours if we refuse it.
    made = [p for p in (Path(f"{path}-wal"), Path(f"{path}-shm")) if not p.exists()]
    try:
        return _read_migrations(path, scan)
    except StoreError:
        for leftover in made:
            leftover.unlink(missing_ok=True)
        raise


def _read_migrations(path: Path, scan: bool) -> list[str]:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2)
    except sqlite3.Error as error:
        raise StoreError(path, f"cannot be opened ({error})") from error
    try:
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0] if scan else "ok"
        if verdict != "ok":
            raise StoreError(path, f"is damaged (SQLite says: {verdict})")
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        if not has_table:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise StoreError(path, "is an SQLite file but not an Earful database")
            return []
        applied = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'earful' ORDER BY rowid"
            )
        ]
    except sqlite3.OperationalError as error:
        if "locked" in str(error):
            raise StoreError(
                path, "is locked by another program; close it and try again"
            ) from error
        raise StoreError(path, f"cannot be read ({error})") from error
    except sqlite3.DatabaseError as error:
        raise StoreError(path, f"is damaged or not a database ({error})") from error
    finally:
        conn.close()
    unknown = [name for name in applied if name not in MIGRATIONS]
    if unknown:
        raise StoreError(
            path, f"was written by a newer Earful (schema {unknown[-1]}); upgrade Earful to open it"
        )
    return applied


def backup_before_upgrade(path: Path) -> Path:
    """Copy the database aside before migrations change it; returns the copy's path."""
    target = path.with_name(f"{path.name}.before-{MIGRATIONS[-1]}.bak")
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
    finally:
        source.close()
    return target
