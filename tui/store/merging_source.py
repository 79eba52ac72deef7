"""What ``earful merge`` reads from: another Earful database, opened so that it is never
changed, or a JSON bundle or session export. Every refusal is one line (``StoreError``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from tui.core.snapshot import Snapshot
from tui.store.opening import SQLITE_HEADER, StoreError, check_file, connect_read_only
from tui.store.schema import migrations
from tui.store.store import Store
from tui.store.versions import MIGRATIONS

if TYPE_CHECKING:
    from tui.store.bundles import Bundle


@dataclass
class Source:
    """Another database (``store``) or the sessions of a JSON file (``snapshots``) with
    the rows it says were deleted (``deleted``: uuid, table, deleted_at)."""

    store: Store | None = None
    snapshots: list[Snapshot] | None = None
    deleted: list[tuple[str, str, str]] = field(default_factory=list)


def same_file(one: Path, other: Path) -> bool:
    """True when both paths lead to one file (a link, another spelling of the path)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


@contextlib.contextmanager
def opened_source(path: Path, target: Path) -> Iterator[Source]:
    """``path`` opened for reading; ``StoreError`` for what cannot be merged into ``target``.

    A database from an older Earful is copied into memory with SQLite's backup and the
    copy upgraded: the file itself is only ever read.
    """
    if same_file(path, target):
        raise StoreError(path, "is the database being merged into; nothing to merge")
    if not path.exists():
        if path.is_symlink():
            raise StoreError(path, f"is a link to {os.readlink(path)}, which does not exist")
        raise StoreError(path, "does not exist")
    if path.is_dir():
        raise StoreError(path, "is a folder, not a database or an export")
    if _header(path) != SQLITE_HEADER:
        bundle = _documents(path)
        yield Source(snapshots=bundle.snapshots, deleted=bundle.deleted)
        return
    applied = check_file(path, read_only=True)  # damaged, foreign or newer: one line
    if not applied:
        raise StoreError(path, "is an empty database; nothing to merge")
    conn = connect_read_only(path)
    if len(applied) < len(MIGRATIONS):
        conn = _upgraded_copy(conn, path, identified="0008_identity" in applied)
    db = Database(conn)
    db.execute("PRAGMA query_only = ON")
    store = Store(db, path)
    try:
        yield Source(store=store)
    finally:
        store.close()


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(path, f"cannot be read ({error.strerror or error})") from error


def _upgraded_copy(conn: sqlite3.Connection, path: Path, identified: bool) -> sqlite3.Connection:
    """A copy in memory of an older file, upgraded to this release's schema.

    A file from before stable ids gets them from what its rows hold, not at random, and
    the oldest edit time: merging the same old file again then finds every row it brought
    the first time, and its rows never win over an edit made since.
    """
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        conn.backup(copy)
        migrations.apply(Database(copy))
        if not identified:
            _stable_identity(copy)
    except sqlite3.Error as error:
        copy.close()
        raise StoreError(path, f"cannot be upgraded to merge it ({error})") from error
    finally:
        conn.close()
    return copy


# What each row's uuid is made from, for a file from before stable ids: enough of the
# row that two rows of one file never share it, and the same row of the file always gets it.
_MADE_FROM = {
    "participants": "id || '|' || name || '|' || company || '|' || created_at",
    "sessions": "id || '|' || created_at || '|' || started_at_ms",
    "entries": "id || '|' || session_id || '|' || created_at || '|' || at_ms",
    "guides": "id || '|' || name || '|' || created_at",
    "transcripts": "id || '|' || session_id || '|' || source || '|' || added_at",
}
_OLDEST = "1970-01-01T00:00:00.000Z"


def _stable_identity(conn: sqlite3.Connection) -> None:
    conn.create_function("stable_uuid", 2, _stable_uuid, deterministic=True)
    with conn:
        for table, made_from in _MADE_FROM.items():
            conn.execute(f"UPDATE {table} SET uuid = stable_uuid('{table}', {made_from})")
        for table in ("participants", "sessions", "entries", "tags"):
            conn.execute(f"UPDATE {table} SET updated_at = ?", (_OLDEST,))


def _stable_uuid(table: str, made_from: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"earful:{table}:{made_from}"))


def _documents(path: Path) -> Bundle:
    """The sessions of a bundle or session export, all checked before any is merged."""
    from tui.store.bundles import load_bundle

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise StoreError(path, f"cannot be read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise StoreError(
            path, f"byte {error.start}: neither an Earful database nor an export"
        ) from error
    try:
        return load_bundle(text)
    except ValueError as error:
        raise StoreError(path, f"is not an Earful database, bundle or export: {error}") from error
