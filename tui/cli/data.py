"""``earful backup``: a complete copy of the database, safe while a window is writing."""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from tui.cli.common import fail
from tui.core.config import Config
from tui.core.text import plural, visible

COMMANDS: set[str] = {"backup"}


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the ``earful`` parser."""
    backup = commands.add_parser(
        "backup",
        help="copy the database to PATH, safely even while Earful is open",
        description="Copy the database to PATH with SQLite's online backup: every committed"
        " entry, even those a window that is still open keeps in the -wal file, and none it"
        " has not committed yet. The copy is checked before it takes PATH's place.",
    )
    backup.add_argument("path", metavar="PATH", help="the file to write the copy to")
    backup.add_argument("--force", action="store_true", help="replace PATH if it exists")


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run one of ``COMMANDS``; returns the exit status."""
    from tui.store.opening import StoreError, check_file

    target = Path(args.path).expanduser()
    try:
        applied = check_file(db_path, read_only=True)
    except StoreError as error:
        return fail(str(error))
    if not applied:
        return fail(f"{db_path}: no interviews there yet; nothing to back up")
    if target.is_dir():
        return fail(f"{target}: is a folder; give the name of the copy to write")
    if not target.parent.is_dir():
        return fail(f"{target}: folder {target.parent} does not exist")
    if target.exists() or target.is_symlink():
        if target.exists() and target.samefile(db_path):
            return fail(f"{target}: is the database itself; give another file")
        if not args.force:
            return fail(f"{target}: already exists; use --force to replace it")
    try:
        sessions, entries = backup(db_path, target)
    except StoreError as error:
        return fail(str(error))
    counts = f"{plural(sessions, 'session')}, {plural(entries, 'entry')}"
    print(f"backed up {counts} to {visible(str(target))}")
    return 0


def backup(db_path: Path, target: Path) -> tuple[int, int]:
    """Copy ``db_path`` to ``target``; returns the copy's session and entry counts.

    The copy is written beside ``target`` and checked first, then renamed over it: a
    failure leaves ``target`` as it was, and no half-written file behind.
    """
    from tui.store.opening import StoreError, connect_read_only

    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        # One read transaction: a writer's later commits are left out, never half copied.
        writable = os.access(db_path, os.W_OK) and os.access(db_path.parent, os.W_OK)
        source = sqlite3.connect(db_path, timeout=5) if writable else connect_read_only(db_path)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
                # One self-contained file, readable where no -wal could be made beside it.
                copy.execute("PRAGMA journal_mode = DELETE")
                verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
                if verdict != "ok":
                    raise StoreError(target, f"the copy failed its check ({verdict}); not kept")
                sessions = copy.execute("SELECT count(*) FROM sessions").fetchone()[0]
                entries = copy.execute("SELECT count(*) FROM entries").fetchone()[0]
            finally:
                copy.close()
        finally:
            source.close()
        os.replace(partial, target)
    except OSError as error:
        raise StoreError(target, f"cannot be written ({error.strerror or error})") from error
    except sqlite3.Error as error:
        raise StoreError(target, f"the copy could not be made ({error})") from error
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return int(sessions), int(entries)
