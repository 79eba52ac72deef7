"""The Store: every read and write of the capture data, on one SQLite file."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from tui.core.clock import ClockState, wall_ms
from tui.core.models import FLAGS, Entry, EntryKind, Participant, Session, SessionSummary, TagKind
from tui.core.text import casefold, encodable
from tui.store.opening import (
    StoreError,
    backup_before_upgrade,
    check_file,
    connect_read_only,
    use_wal,
)
from tui.store.rows import (
    ENTRY_COLUMNS,
    PARTICIPANT_COLUMNS,
    SESSION_COLUMNS,
    entries_with_tags,
    participant_from_row,
    session_from_row,
    session_list,
)
from tui.store.schema import migrations
from tui.store.stamps import new_uuid, now_iso, now_utc
from tui.store.versions import MIGRATIONS


def open_store(path: Path, read_only: bool = False) -> Store:
    """Check, open and migrate the database at ``path`` (created if missing).

    ``read_only`` is for commands that only read: see ``open_reader``.
    """
    if read_only:
        return open_reader(path)
    applied = check_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # e.g. a file where the folder should be
        reason = error.strerror or str(error)
        raise StoreError(path, f"cannot be created: folder {path.parent} ({reason})") from error
    # The store may be opened in a worker thread and then used on the UI thread.
    db = Database(sqlite3.connect(path, check_same_thread=False))
    try:
        db.execute("PRAGMA busy_timeout = 5000")
        pending = bool(migrations.pending(db))  # _migrate checks again under its lock
        if pending and applied:
            backup_before_upgrade(path)
        use_wal(db.conn)
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        if pending:
            _migrate(db)
    except sqlite3.Error as error:
        db.close()
        raise StoreError(path, f"cannot be opened ({error})") from error
    return Store(db, path)


def _migrate(db: Database) -> None:
    """Apply the pending migrations holding the write lock from the check to the last one.

    Two windows opening a new (or older) file at once both found the same migrations
    pending, and the second failed on a table the first had just made, or on a lock it
    could not wait for. Now the second waits for the first and finds nothing left to do.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(db)  # each migration a savepoint inside this transaction
    except BaseException:
        db.conn.rollback()
        raise
    db.execute("COMMIT")


def open_reader(path: Path) -> Store:
    """The database at ``path`` for reading only: nothing is written, nothing created.

    Works on a read-only file or folder, and beside a window that is writing. A missing
    file reads as an empty database (and is not created). A file from an older Earful is
    upgraded as usual when it can be written; otherwise it is refused in one line.
    """
    applied = check_file(path, read_only=True)
    if not applied:  # nothing there yet, or an empty file: nothing to read
        db = Database(sqlite3.connect(":memory:", check_same_thread=False))
        migrations.apply(db)
    elif len(applied) < len(MIGRATIONS):
        if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
            return open_store(path)
        raise StoreError(
            path, "was written by an older Earful; open it once with write access to upgrade it"
        )
    else:
        db = Database(connect_read_only(path))
    db.execute("PRAGMA query_only = ON")
    return Store(db, path)


def connect_writer(path: Path, timeout_ms: int = 250) -> Store:
    """A second connection to an open, migrated database, for the writer thread.

    A short busy timeout: the writer retries on its own and tells the screen it is waiting,
    rather than sitting silently in SQLite's busy handler.
    """
    db = Database(sqlite3.connect(path, check_same_thread=False))
    db.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return Store(db, path)


class Store:
    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self.conn = db.conn
        # Who types here (the config's ``author``): recorded on every entry added.
        self.author = ""
        # Case-insensitive matching beyond ASCII (SQLite's NOCASE folds only A-Z).
        self.conn.create_function("casefold", 1, casefold, deterministic=True)

    def close(self) -> None:
        self.db.close()

    def named(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run ``sql``; its rows are read by column name (``row["text"]``)."""
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params)

    def checkpoint(self) -> bool:
        """Move everything committed from the ``-wal`` file into the database file, so a
        copy of the file alone is complete; False if a reader kept part of it back."""
        try:
            busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error:
            return False
        return not busy

    # participants ------------------------------------------------------------------

    def participant_for(self, name: str, company: str = "") -> Participant:
        """The participant with this name and company (any case), created if new."""
        name, company = encodable(name.strip()), encodable(company.strip())
        row = self.conn.execute(
            "SELECT id FROM participants WHERE casefold(name) = ? AND casefold(company) = ?"
            " ORDER BY id LIMIT 1",
            (name.casefold(), company.casefold()),
        ).fetchone()
        if row:
            return self.participant(row[0])
        with self.db.atomic():
            cursor = self.conn.execute(
                "INSERT INTO participants (name, company, created_at) VALUES (?, ?, ?)",
                (name, company, now_iso()),
            )
        return self.participant(int(cursor.lastrowid or 0))

    def participant(self, participant_id: int) -> Participant:
        row = self.named(
            f"SELECT {PARTICIPANT_COLUMNS} FROM participants p WHERE p.id = ?", (participant_id,)
        ).fetchone()
        if row is None:
            raise KeyError(participant_id)
        return participant_from_row(row)

    # sessions ----------------------------------------------------------------------

    def create_session(
        self,
        participant_id: int,
        goal: str,
        planned_minutes: int,
        clock: ClockState,
        guide_version_id: int | None = None,
    ) -> Session:
        with self.db.atomic():
            cursor = self.conn.execute(
                "INSERT INTO sessions (participant_id, goal, planned_minutes, created_at,"
                " started_at_ms, guide_version_id) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    participant_id,
                    encodable(goal.strip()),
                    planned_minutes,
                    now_iso(),
                    clock.started_at_ms,
                    guide_version_id,
                ),
            )
        return self.session(int(cursor.lastrowid or 0))

    def session(self, session_id: int) -> Session:
        row = self.named(
            f"SELECT {SESSION_COLUMNS} FROM sessions s"
            " JOIN participants p ON p.id = s.participant_id WHERE s.id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            raise KeyError(session_id)
        return session_from_row(row)

    def latest_unfinished(self) -> Session | None:
        row = self.conn.execute(
            "SELECT id FROM sessions WHERE ended_at_ms IS NULL ORDER BY started_at_ms DESC LIMIT 1"
        ).fetchone()
        return self.session(row[0]) if row else None

    def sessions(self, now: Callable[[], int] = wall_ms) -> list[SessionSummary]:
        """Every session, newest first, with its entry count and length (a running one's
        up to ``now``)."""
        return session_list(self.conn, now)

    def save_recording(self, session_id: int, at_ms: int | None) -> None:
        with self.db.atomic():
            self.conn.execute(
                "UPDATE sessions SET recording_at_ms = ? WHERE id = ?", (at_ms, session_id)
            )

    def save_draft(
        self, session_id: int, text: str, kind: str, at_ms: int | None, tags: Iterable[str]
    ) -> None:
        with self.db.atomic():
            self.conn.execute(
                "UPDATE sessions SET draft_text = ?, draft_kind = ?, draft_at_ms = ?,"
                " draft_tags = ? WHERE id = ?",
                (
                    encodable(text),
                    kind,
                    at_ms,
                    json.dumps([encodable(tag) for tag in tags]),
                    session_id,
                ),
            )

    # entries -----------------------------------------------------------------------

    def add_entry(
        self,
        session_id: int,
        kind: EntryKind,
        text: str,
        at_ms: int,
        topics: Iterable[str] = (),
        emotions: Iterable[str] = (),
        flags: Iterable[str] = (),
    ) -> Entry:
        """Save one entry with its tags and flags in one committed transaction, by
        ``self.author``, with a new uuid (given here, so no trigger has to add one).

        The entry returned is what was written, not read back: this runs on every Enter,
        and reading it again was a seventh of the save's CPU time. Its tags are in the
        order a read gives them (by name, each once)."""
        flag_set = set(flags)
        text = encodable(text)
        topic_names = sorted({encodable(name) for name in topics})
        emotion_names = sorted({encodable(name) for name in emotions})
        starred, follow_up, testimonial = (flag in flag_set for flag in FLAGS)
        with self.db.atomic():
            cursor = self.conn.execute(
                "INSERT INTO entries (session_id, kind, text, at_ms, created_at, starred,"
                " follow_up, testimonial, author, uuid, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    kind,
                    text,
                    at_ms,
                    now_iso(),
                    int(starred),
                    int(follow_up),
                    int(testimonial),
                    self.author,
                    new_uuid(),
                    now_utc(),
                ),
            )
            entry_id = int(cursor.lastrowid or 0)
            self._link(entry_id, topic_names, emotion_names)
        return Entry(
            id=entry_id,
            session_id=session_id,
            kind=kind,
            text=text,
            at_ms=at_ms,
            topics=tuple(topic_names),
            emotions=tuple(emotion_names),
            starred=starred,
            follow_up=follow_up,
            testimonial=testimonial,
            author=self.author,
        )

    def _link(self, entry_id: int, topics: Iterable[str], emotions: Iterable[str]) -> None:
        # Known tags in one read, links in one statement (not a savepoint and two per tag).
        wanted: list[tuple[TagKind, str]] = [("topic", encodable(n)) for n in topics]
        wanted += [("emotion", encodable(n)) for n in emotions]
        marks = ",".join("?" * len(wanted))
        rows = self.conn.execute(
            f"SELECT kind, name, id FROM tags WHERE name IN ({marks})", [n for _, n in wanted]
        )
        known = {(kind, name): tag for kind, name, tag in rows}
        self.conn.executemany(
            "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) VALUES (?, ?)",
            [(entry_id, known.get(tag) or self.tag_id(*tag)) for tag in wanted],
        )

    def tag_id(self, kind: TagKind, name: str, valence: int = 0) -> int:
        """The id of a tag, created on first use (committed, or part of the open transaction)."""
        # Not cached: a cached id would outlive a rolled-back transaction that created it.
        name = encodable(name)
        with self.db.atomic():
            self.conn.execute(
                "INSERT OR IGNORE INTO tags (name, kind, valence) VALUES (?, ?, ?)",
                (name, kind, valence),
            )
            row = self.conn.execute(
                "SELECT id FROM tags WHERE name = ? AND kind = ?", (name, kind)
            ).fetchone()
        return int(row[0])

    def ensure_vocabulary(self, topics: Iterable[str], emotions: dict[str, int]) -> None:
        """Make the configured tags known, and keep emotion valences as configured."""
        with self.db.atomic():
            for name in topics:
                self.tag_id("topic", name)
            for name, valence in emotions.items():
                self.tag_id("emotion", name, valence)
                self.conn.execute(
                    "UPDATE tags SET valence = ? WHERE kind = 'emotion' AND name = ?",
                    (valence, name),
                )

    def entry(self, entry_id: int) -> Entry:
        entries = self._entries(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE id = ?", (entry_id,))
        if not entries:
            raise KeyError(entry_id)
        return entries[0]

    def entries(self, session_id: int) -> list[Entry]:
        """A session's entries in interview-time order."""
        return self._entries(
            f"SELECT {ENTRY_COLUMNS} FROM entries WHERE session_id = ? ORDER BY at_ms, id",
            (session_id,),
        )

    def _entries(self, sql: str, params: tuple[Any, ...]) -> list[Entry]:
        return entries_with_tags(self.conn, self.named(sql, params).fetchall())

    def toggle_tag(self, entry_id: int, kind: TagKind, name: str) -> Entry:
        """Add the tag to the entry, or take it off if it is there; committed."""
        with self.db.atomic():
            tag_id = self.tag_id(kind, name)
            removed = self.conn.execute(
                "DELETE FROM entry_tags WHERE entry_id = ? AND tag_id = ?", (entry_id, tag_id)
            ).rowcount
            if not removed:
                self.conn.execute(
                    "INSERT INTO entry_tags (entry_id, tag_id) VALUES (?, ?)", (entry_id, tag_id)
                )
        return self.entry(entry_id)

    def add_tags(self, entry_id: int, topics: Iterable[str], emotions: Iterable[str]) -> Entry:
        with self.db.atomic():
            self._link(entry_id, topics, emotions)
        return self.entry(entry_id)

    def toggle_flag(self, entry_id: int, flag: str) -> Entry:
        if flag not in FLAGS:
            raise ValueError(flag)
        with self.db.atomic():
            self.conn.execute(f"UPDATE entries SET {flag} = 1 - {flag} WHERE id = ?", (entry_id,))
        return self.entry(entry_id)

    # tags --------------------------------------------------------------------------

    def tag_names(self, kind: TagKind) -> list[str]:
        """Known tags of a kind, most used first (for autocomplete)."""
        rows = self.conn.execute(
            """SELECT t.name FROM tags t LEFT JOIN entry_tags et ON et.tag_id = t.id
            WHERE t.kind = ? GROUP BY t.id ORDER BY count(et.entry_id) DESC, t.name""",
            (kind,),
        )
        return [row[0] for row in rows]

    def valences(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT name, valence FROM tags WHERE kind = 'emotion'")
        return {name: valence for name, valence in rows}
