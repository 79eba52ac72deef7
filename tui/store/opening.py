"""Opening a database file safely: check it before anything is written to it."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import time
from pathlib import Path

from tui.store.versions import MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """A database that cannot be used, with one line saying which file and why."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def use_wal(conn: sqlite3.Connection, wait_s: float = 5.0) -> None:
    """Put the file in WAL mode (kept in the file, so this changes it once), waiting up to
    ``wait_s`` for other windows. Switching a new file to WAL needs it alone, and SQLite
    answers "database is locked" at once, without its busy wait, when another connection
    is using it at that moment: of 200 new files opened by four windows together, 10 had
    one window refused."""
    deadline = time.monotonic() + wait_s
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(2 * pause, 0.1)


def check_file(path: Path, scan: bool = True, read_only: bool = False) -> list[str]:
    """Raise StoreError if ``path`` cannot be used; return the migrations already applied.

    Reads only: a file that fails a check is left byte-for-byte as it was. ``scan``
    also reads every page for damage (tens of ms on a large file), which the command
    line leaves to the store's opening, after the first frame. ``read_only`` is for a
    caller that only reads: a file or folder Earful may not write to is then fine.
    """
    found = _stat(path)
    if found is None:
        return _check_creatable(path, read_only)
    if stat.S_ISDIR(found.st_mode):
        raise StoreError(path, "is a folder, not a database file")
    if not stat.S_ISREG(found.st_mode):
        # Checked before any open: opening a named pipe for reading waits forever.
        raise StoreError(path, f"is {_special_kind(found.st_mode)}, not a database file")
    if not os.access(path, os.R_OK):
        raise StoreError(path, "cannot be read (permission denied)")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise StoreError(path, "is not an Earful database (not an SQLite file)")
    folder = path.parent
    if not read_only:
        if not os.access(path, os.W_OK):
            raise StoreError(path, "is read-only; Earful needs to write to it")
        if not os.access(folder, os.W_OK):
            raise StoreError(path, f"folder {folder} is read-only; SQLite needs it for its journal")
    if not header:
        return []
    return _applied_migrations(path, scan, read_only)


def _stat(path: Path) -> os.stat_result | None:
    """The file at ``path`` after following links; None if nothing is there yet."""
    try:
        return path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            raise StoreError(path, f"is a link to {target}, which does not exist") from None
        return None
    except NotADirectoryError:
        return None  # a file where a folder should be: said by _check_creatable
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise StoreError(path, "is a symbolic link that leads back to itself") from error
        raise StoreError(path, f"cannot be reached ({error.strerror or error})") from error


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _check_creatable(path: Path, read_only: bool) -> list[str]:
    """Nothing at ``path`` yet: refuse a path no file could ever have, or (to write) one
    in a folder Earful may not write to. A reader reads it as empty and creates nothing."""
    folder = path.parent
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    if not existing.is_dir():
        raise StoreError(path, f"cannot create the database: {existing} is a file, not a folder")
    if not read_only and folder.exists() and not os.access(folder, os.W_OK):
        raise StoreError(path, f"cannot create the database: folder {folder} is read-only")
    return []


def _applied_migrations(path: Path, scan: bool, read_only: bool) -> list[str]:
    # A read of a WAL-mode file makes -wal and -shm files: remove ours if we refuse it.
    made = [p for p in (Path(f"{path}-wal"), Path(f"{path}-shm")) if not p.exists()]
    try:
        return _read_migrations(path, scan, read_only)
    except StoreError:
        for leftover in made:
            leftover.unlink(missing_ok=True)
        raise


def _read_migrations(path: Path, scan: bool, read_only: bool) -> list[str]:
    if read_only:
        conn = connect_read_only(path)
    else:
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
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


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can never write to ``path`` nor leave files beside it.

    With no ``-wal`` file beside it the database file holds every committed change and
    no one is writing in WAL mode, so it is read as immutable: no lock, no ``-shm`` made,
    which works in a read-only folder. With a ``-wal`` file (a window still open, or a
    crash) SQLite must read it too, through the ``-shm`` index: an ordinary read-only
    connection, which sees every committed change of a writer that is still running.
    """
    base = path.resolve().as_uri()
    wal = Path(f"{path}-wal")
    uris = [f"{base}?mode=ro"] if wal.exists() else []
    if not uris or wal.stat().st_size == 0:  # an empty -wal holds nothing to miss
        uris.append(f"{base}?mode=ro&immutable=1")
    failure = sqlite3.Error("no way to open it")
    for uri in uris:
        conn = sqlite3.connect(uri, uri=True, timeout=2, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as error:
            conn.close()
            failure = error
    if "locked" in str(failure):
        raise StoreError(path, "is locked by another program; close it and try again")
    if not isinstance(failure, sqlite3.OperationalError):
        raise StoreError(path, f"is damaged or not a database ({failure})")
    raise StoreError(
        path,
        f"cannot be read ({failure}): its {wal.name} file holds changes that need a"
        " folder Earful can write to; open it once with write access",
    )


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
