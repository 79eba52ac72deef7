"""Changing what was captured after the fact, in ways that can be undone."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from tui.core.entry_fields import EntryEdit
from tui.core.models import ENTRY_KINDS, Entry, EntryKind
from tui.core.snapshot import LISTS
from tui.core.text import encodable
from tui.store.stamps import now_iso, now_utc
from tui.store.store import Store


@dataclass
class EntryRecord:
    """Every column of an entry, the ids of its tags and its to-do items ticked off (item,
    when): enough to put it back exactly."""

    row: dict[str, Any]
    tag_ids: tuple[int, ...] = ()
    done: tuple[tuple[str, str], ...] = ()
    match: dict[str, Any] | None = None  # the transcript's words it was matched to

    @property
    def id(self) -> int:
        return int(self.row["id"])


@dataclass
class SessionRecord:
    """A deleted session: its row, every entry and its ticked questions, to restore within
    the run (each entry's row holds the question it answered)."""

    row: dict[str, Any]
    entries: list[EntryRecord] = field(default_factory=list)
    ticks: list[tuple[int, int, int]] = field(default_factory=list)  # question, at_ms, skipped
    transcript: dict[str, Any] | None = None  # its transcript row, and the cues below
    cues: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.row["id"])


def _row(store: Store, table: str, row_id: int) -> dict[str, Any]:
    values = store.named(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if values is None:
        raise KeyError(row_id)
    return dict(zip(values.keys(), values, strict=True))


def _rows(store: Store, sql: str, *params: object) -> list[dict[str, Any]]:
    return [dict(zip(r.keys(), r, strict=True)) for r in store.named(sql, params).fetchall()]


def _insert(store: Store, table: str, row: dict[str, Any]) -> int:
    names = ", ".join(row)
    marks = ", ".join("?" * len(row))
    cursor = store.conn.execute(
        f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values())
    )
    return int(cursor.lastrowid or 0)


def _set_tag_ids(store: Store, entry_id: int, tag_ids: tuple[int, ...]) -> None:
    store.conn.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
    store.conn.executemany(
        "INSERT INTO entry_tags (entry_id, tag_id) VALUES (?, ?)", [(entry_id, t) for t in tag_ids]
    )


# entries -----------------------------------------------------------------------------


def entry_record(store: Store, entry_id: int) -> EntryRecord:
    """The entry as it is now, to undo a change to it later."""
    tags = store.conn.execute(
        "SELECT tag_id FROM entry_tags WHERE entry_id = ? ORDER BY tag_id", (entry_id,)
    )
    done = store.conn.execute(
        "SELECT item, done_at FROM todos_done WHERE entry_id = ? ORDER BY item", (entry_id,)
    )
    match = _rows(store, "SELECT * FROM transcript_matches WHERE entry_id = ?", entry_id)
    return EntryRecord(
        _row(store, "entries", entry_id),
        tuple(t[0] for t in tags),
        tuple(map(tuple, done)),
        match[0] if match else None,
    )


def put_back(store: Store, record: EntryRecord) -> Entry:
    """Make the entry exactly as recorded (text, kind, time, flags, tags, its match to the
    transcript); committed."""
    # Not ``updated_at``: undoing an edit is an edit too, and its time is now (the trigger).
    columns = {k: v for k, v in record.row.items() if k not in ("id", "updated_at")}
    assignments = ", ".join(f"{name} = ?" for name in columns)
    with store.db.atomic():
        store.conn.execute(
            f"UPDATE entries SET {assignments} WHERE id = ?", [*columns.values(), record.id]
        )
        _set_tag_ids(store, record.id, record.tag_ids)
        store.conn.execute("DELETE FROM transcript_matches WHERE entry_id = ?", (record.id,))
        _put_match(store, record)
        # A match put back moves no column the trigger watches: stamped here, as a review is.
        store.conn.execute(
            "UPDATE entries SET updated_at = max(coalesce(updated_at, ''), ?) WHERE id = ?",
            (now_utc(), record.id),
        )
    return store.entry(record.id)


def edit_entry(
    store: Store,
    entry_id: int,
    *,
    text: str | None = None,
    kind: EntryKind | None = None,
    at_ms: int | None = None,
    topics: tuple[str, ...] | list[str] | None = None,
    emotions: tuple[str, ...] | list[str] | None = None,
) -> tuple[EntryRecord, EntryRecord]:
    """Change any of an entry's fields in one transaction; returns (before, after) records.

    The first change of the text keeps the verbatim original in ``original_text``.
    """
    if kind is not None and kind not in ENTRY_KINDS:
        raise ValueError(f"kind must be one of {', '.join(ENTRY_KINDS)}")
    if at_ms is not None and at_ms < 0:
        raise ValueError("time cannot be before the interview began")
    before = entry_record(store, entry_id)
    text = None if text is None else encodable(text)
    with store.db.atomic():
        if text is not None and text != before.row["text"]:
            store.conn.execute(
                "UPDATE entries SET original_text = coalesce(original_text, text), text = ?,"
                " edited_at = ? WHERE id = ?",
                (text, now_iso(), entry_id),
            )
        if kind is not None:
            store.conn.execute("UPDATE entries SET kind = ? WHERE id = ?", (kind, entry_id))
        if at_ms is not None:
            store.conn.execute("UPDATE entries SET at_ms = ? WHERE id = ?", (at_ms, entry_id))
        if topics is not None or emotions is not None:
            current = store.entry(entry_id)
            ids = [store.tag_id("topic", t) for t in (current.topics if topics is None else topics)]
            ids += [
                store.tag_id("emotion", e)
                for e in (current.emotions if emotions is None else emotions)
            ]
            _set_tag_ids(store, entry_id, tuple(dict.fromkeys(ids)))
    return before, entry_record(store, entry_id)


def apply_edit(store: Store, entry_id: int, edit: EntryEdit) -> tuple[EntryRecord, EntryRecord]:
    """Save what the entry editor asked for (a delete is ``delete_entry``)."""
    return edit_entry(
        store,
        entry_id,
        text=edit.text,
        kind=edit.kind,
        at_ms=edit.at_ms,
        topics=edit.topics,
        emotions=edit.emotions,
    )


def delete_entry(store: Store, entry_id: int) -> EntryRecord:
    """Delete an entry and return all of it, for ``restore_entry``."""
    record = entry_record(store, entry_id)
    with store.db.atomic():
        store.conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
    return record


def restore_entry(store: Store, record: EntryRecord) -> Entry:
    """Put a deleted entry back with its id and tags (a new id if that one was reused)."""
    with store.db.atomic():
        _restore_entry(store, record)
    return store.entry(record.id)


def _restore_entry(store: Store, record: EntryRecord) -> None:
    try:
        with store.db.atomic():  # a savepoint, so a clash undoes only this insert
            _insert(store, "entries", record.row)
    except sqlite3.IntegrityError:
        record.row["id"] = _insert(store, "entries", {**record.row, "id": None})
    _set_tag_ids(store, record.id, record.tag_ids)
    # Its tags went back with it, not as an edit made now: it keeps its edit time.
    store.conn.execute(
        "UPDATE entries SET updated_at = ? WHERE id = ?", (record.row["updated_at"], record.id)
    )
    store.conn.executemany(
        "INSERT OR IGNORE INTO todos_done (entry_id, item, done_at) VALUES (?, ?, ?)",
        [(record.id, item, done_at) for item, done_at in record.done],
    )
    _put_match(store, record)


def _put_match(store: Store, record: EntryRecord) -> None:
    """The entry's match as recorded, if its transcript is still there."""
    if record.match is not None and _exists(store, "transcripts", record.match["transcript_id"]):
        _insert(store, "transcript_matches", {**record.match, "entry_id": record.id})


def _exists(store: Store, table: str, row_id: int) -> bool:
    found = store.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return found is not None


# the snapshot's own fields ---------------------------------------------------------


def memorable_entry(
    store: Store, session_id: int, entries: list[Entry] | None = None
) -> Entry | None:
    """The quote picked as memorable, else the first starred entry (a quote if there is one)."""
    entries = store.entries(session_id) if entries is None else entries
    row = store.conn.execute(
        "SELECT memorable_entry_id FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    chosen = row[0] if row else None
    by_id = {e.id: e for e in entries}
    if chosen in by_id:
        return by_id[chosen]
    starred = [e for e in entries if e.starred]
    return next((e for e in starred if e.kind == "quote"), starred[0] if starred else None)


def set_memorable(store: Store, session_id: int, entry_id: int | None) -> int | None:
    """Pick the memorable quote; returns the previous choice, for undo.

    KeyError if the session was deleted meanwhile, as every other edit here.
    """
    with store.db.atomic():
        row = store.conn.execute(
            "SELECT memorable_entry_id FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            raise KeyError(session_id)
        store.conn.execute(
            "UPDATE sessions SET memorable_entry_id = ? WHERE id = ?", (entry_id, session_id)
        )
    return row[0]


def get_list(store: Store, session_id: int, which: str) -> list[str]:
    if which not in LISTS:
        raise ValueError(which)
    row = store.conn.execute(f"SELECT {which} FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        raise KeyError(session_id)
    return list(json.loads(row[0] or "[]"))


def set_list(store: Store, session_id: int, which: str, items: list[str]) -> list[str]:
    """Replace the session's opportunities or insights; returns the previous list."""
    previous = get_list(store, session_id, which)
    with store.db.atomic():
        store.conn.execute(
            f"UPDATE sessions SET {which} = ? WHERE id = ?",
            (json.dumps([encodable(item) for item in items], ensure_ascii=False), session_id),
        )
    return previous


def get_facts(store: Store, participant_id: int) -> list[str]:
    return list(store.participant(participant_id).facts)


def set_facts(store: Store, participant_id: int, facts: list[str]) -> list[str]:
    """Replace the participant's quick facts; returns the previous ones."""
    previous = get_facts(store, participant_id)
    with store.db.atomic():
        store.conn.execute(
            "UPDATE participants SET facts = ? WHERE id = ?",
            (json.dumps([encodable(fact) for fact in facts], ensure_ascii=False), participant_id),
        )
    return previous


# whole sessions ----------------------------------------------------------------------


def delete_session(store: Store, session_id: int) -> SessionRecord:
    """Delete a session and its entries; the record brings them back."""
    record = SessionRecord(_row(store, "sessions", session_id))
    ids = store.conn.execute("SELECT id FROM entries WHERE session_id = ?", (session_id,))
    record.entries = [entry_record(store, row[0]) for row in ids.fetchall()]
    record.ticks = store.conn.execute(
        "SELECT question_id, asked_at_ms, skipped FROM questions_asked WHERE session_id = ?",
        (session_id,),
    ).fetchall()
    found = _rows(store, "SELECT * FROM transcripts WHERE session_id = ?", session_id)
    if found:
        record.transcript = found[0]
        record.cues = _rows(
            store, "SELECT * FROM transcript_cues WHERE transcript_id = ?", found[0]["id"]
        )
    with store.db.atomic():
        store.conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
    return record


def restore_session(store: Store, record: SessionRecord) -> None:
    """Put a deleted session back with its entries, tags and ticked questions."""
    with store.db.atomic():
        try:
            with store.db.atomic():
                _insert(store, "sessions", record.row)
        except sqlite3.IntegrityError:  # its id was taken by a newer session meanwhile
            record.row["id"] = _insert(store, "sessions", {**record.row, "id": None})
            for entry in record.entries:
                entry.row["session_id"] = record.id
        if record.transcript is not None:
            _restore_transcript(store, record)
        for entry in record.entries:
            _restore_entry(store, entry)
        store.conn.executemany(
            "INSERT INTO questions_asked (session_id, question_id, asked_at_ms, skipped)"
            " VALUES (?, ?, ?, ?)",
            [(record.id, *tick) for tick in record.ticks],
        )


def _restore_transcript(store: Store, record: SessionRecord) -> None:
    """The session's transcript and cues back (new ids where theirs were taken since)."""
    assert record.transcript is not None
    transcript = {**record.transcript, "session_id": record.id}
    try:
        with store.db.atomic():
            _insert(store, "transcripts", transcript)
    except sqlite3.IntegrityError:
        transcript["id"] = _insert(store, "transcripts", {**transcript, "id": None})
    for cue in record.cues:
        _insert(store, "transcript_cues", {**cue, "id": None, "transcript_id": transcript["id"]})
    for entry in record.entries:
        if entry.match is not None:
            entry.match["transcript_id"] = transcript["id"]


def resolve_session(store: Store, ref: str) -> int | None:
    """A session id from what a user typed: a number, or ``latest``."""
    if ref.strip().lower() == "latest":
        row = store.conn.execute(
            "SELECT id FROM sessions ORDER BY started_at_ms DESC, id DESC LIMIT 1"
        ).fetchone()
    elif ref.strip().isdigit():
        row = store.conn.execute("SELECT id FROM sessions WHERE id = ?", (int(ref),)).fetchone()
    else:
        row = None
    return row[0] if row else None
