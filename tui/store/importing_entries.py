"""Writing an imported (or merged) session's entries: added in one statement per session,
updated to a newer edit with the verbatim text kept, and linked to their tags."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from tui.core.identity import Stamp
from tui.core.models import FLAGS, Entry, TagKind
from tui.core.snapshot import Snapshot
from tui.store.store import Store, new_uuid, now_iso

TagIds = dict[tuple[str, str], int]  # (kind, name) → the tag's id, within one import

_COLUMNS = (
    "session_id, kind, text, at_ms, created_at, starred, follow_up, testimonial,"
    " original_text, edited_at, author, uuid, updated_at, question_id"
)


def insert_entries(
    store: Store,
    session_id: int,
    adding: Sequence[tuple[Entry, Stamp]],
    snap: Snapshot,
    tags: TagIds,
    answers: Mapping[int, int | None] | None = None,
) -> dict[int, int]:
    """Add the entries to the session, with their tags and the guide questions they
    answer (``answers``: the file's entry id → our question id); the file's entry id →
    ours.

    One ``INSERT … SELECT`` from a JSON array rather than one statement per entry: the
    full-text index writes what each statement added as it ends, so a statement per entry
    made merging 100,000 entries several times slower.
    """
    if not adding:
        return {}
    uuids = [stamp.uuid or new_uuid() for _entry, stamp in adding]
    question = answers or {}
    values = [
        (*_values(session_id, entry, snap, uuid, stamp.updated_at), question.get(entry.id))
        for (entry, stamp), uuid in zip(adding, uuids, strict=True)
    ]
    # SQLite's JSON functions end a string at a NUL: a text holding one goes in as it is.
    held = [row for row in values if any(isinstance(v, str) and "\0" in v for v in row)]
    bulk = [row for row in values if row not in held] if held else values
    picked = ", ".join(f"value ->> {n}" for n in range(len(_COLUMNS.split(","))))
    store.conn.execute(
        f"INSERT INTO entries ({_COLUMNS}) SELECT {picked} FROM json_each(?)",
        (json.dumps(bulk, ensure_ascii=False),),
    )
    marks = ", ".join("?" * len(_COLUMNS.split(",")))
    store.conn.executemany(f"INSERT INTO entries ({_COLUMNS}) VALUES ({marks})", held)
    ours = dict(
        store.conn.execute(
            "SELECT uuid, id FROM entries WHERE uuid IN (SELECT value FROM json_each(?))",
            (json.dumps(uuids),),
        ).fetchall()
    )
    ids = {entry.id: ours[uuid] for (entry, _stamp), uuid in zip(adding, uuids, strict=True)}
    _link_tags(store, [(ids[entry.id], entry) for entry, _stamp in adding], snap, tags)
    # Linking a tag stamps its entry as edited now (a tag change travels): these were
    # written as the file has them, tags and all, so they keep the file's time.
    kept = [
        (uuid, stamp.updated_at)
        for (entry, stamp), uuid in zip(adding, uuids, strict=True)
        if stamp.updated_at and (entry.topics or entry.emotions)
    ]
    store.conn.execute(
        "UPDATE entries SET updated_at = value ->> 1 FROM json_each(?) WHERE uuid = value ->> 0",
        (json.dumps(kept),),
    )
    return ids


def _values(
    session_id: int, entry: Entry, snap: Snapshot, uuid: str, updated_at: str | None
) -> tuple[Any, ...]:
    created, edited = snap.stamps.get(entry.id, (None, None))
    return (
        session_id,
        entry.kind,
        entry.text,
        entry.at_ms,
        created or now_iso(),
        *(int(getattr(entry, flag)) for flag in FLAGS),
        entry.original_text,
        edited,
        entry.author,
        uuid,
        updated_at,
    )


def update_entry(store: Store, ours: Any, entry: Entry, snap: Snapshot, tags: TagIds) -> None:
    """Our entry as the file's newer edit has it, keeping the verbatim text we hold."""
    original = ours["original_text"]
    if original is None:
        original = entry.original_text
        if original is None and entry.text != ours["text"]:
            original = ours["text"]  # changed without an edit's record: keep what was typed
    store.conn.execute(
        "UPDATE entries SET kind = ?, text = ?, at_ms = ?, starred = ?, follow_up = ?,"
        " testimonial = ?, original_text = ?, edited_at = ?, author = ? WHERE id = ?",
        (
            entry.kind,
            entry.text,
            entry.at_ms,
            *(int(getattr(entry, flag)) for flag in FLAGS),
            original,
            snap.stamps.get(entry.id, (None, None))[1],
            entry.author,
            ours["id"],
        ),
    )
    store.conn.execute("DELETE FROM entry_tags WHERE entry_id = ?", (ours["id"],))
    _link_tags(store, [(ours["id"], entry)], snap, tags)


def keep_verbatim(store: Store, ours: Any, original: str) -> None:
    """The verbatim text of an entry whose newer edit is ours, when only the file kept it:
    both sides then hold the same verbatim text, whichever way they merge. Not an edit,
    so the entry keeps its edit time."""
    store.conn.execute("UPDATE entries SET original_text = ? WHERE id = ?", (original, ours["id"]))
    # The trigger stamped it as an edit made now: put our edit time back.
    store.conn.execute(
        "UPDATE entries SET updated_at = ? WHERE id = ?", (ours["updated_at"], ours["id"])
    )


def _link_tags(
    store: Store, entries: list[tuple[int, Entry]], snap: Snapshot, tags: TagIds
) -> None:
    # A tag new to this database takes the exported valence; a known one keeps its own.
    def tag_id(kind: TagKind, name: str) -> int:
        # Looked up once per session: a session's entries share a handful of tags.
        if (kind, name) not in tags:
            valence = snap.valences.get(name, 0) if kind == "emotion" else 0
            tags[kind, name] = store.tag_id(kind, name, valence)
        return tags[kind, name]

    links = []
    for entry_id, entry in entries:
        links += [(entry_id, tag_id("topic", name)) for name in entry.topics]
        links += [(entry_id, tag_id("emotion", name)) for name in entry.emotions]
    # One statement for all of them, as above: per row, the counting trigger is the cost.
    store.conn.execute(
        "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id)"
        " SELECT value ->> 0, value ->> 1 FROM json_each(?)",
        (json.dumps(links),),
    )
