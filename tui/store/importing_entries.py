"""Writing an imported (or merged) session's entries: added in one statement per session,
updated to a newer edit with the verbatim text kept, linked to their tags, and matched to
the transcript as the file has them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from tui.core.identity import Stamp
from tui.core.models import FLAGS, Entry, TagKind
from tui.core.session_transcript import MatchedWords
from tui.core.snapshot import Snapshot
from tui.store.stamps import new_uuid, now_iso
from tui.store.store import Store

TagIds = dict[tuple[str, str], int]  # (kind, name) → the tag's id, within one import

_COLUMNS = (
    "id, session_id, kind, text, at_ms, created_at, starred, follow_up, testimonial,"
    " original_text, edited_at, author, uuid, updated_at, question_id"
)


def insert_entries(
    store: Store,
    session_id: int,
    adding: Sequence[tuple[Entry, Stamp]],
    snap: Snapshot,
    tags: TagIds,
    answers: Mapping[int, int | None] | None = None,
    batch: EntryBatch | None = None,
) -> dict[int, int]:
    """Add the entries to the session, with their tags and the guide questions they
    answer (``answers``: the file's entry id → our question id); the file's entry id →
    ours.

    With a ``batch``, they are written when it is flushed, with other sessions' entries:
    until then they are not in the table, though their ids are final.
    """
    if not adding:
        return {}
    own = batch is None
    batch = batch or EntryBatch(store, tags)
    ids = batch.add(session_id, adding, snap, answers or {})
    if own:
        batch.flush()
    return ids


class EntryBatch:
    """New entries of one or many sessions, written together by ``flush``.

    One ``INSERT … SELECT`` from a JSON array rather than one statement per entry, or per
    session: the full-text index writes what each statement added as it ends, so a
    statement per entry made merging 100,000 entries several times slower, and one per
    session still twice as slow as one for the lot. Ids are given here (the next after
    the largest, as SQLite would) so a session can point at its entries before they are
    written. Nothing else may add entries between ``add`` and ``flush``.
    """

    limit = 20_000  # entries held before they are written anyway

    def __init__(self, store: Store, tags: TagIds | None = None) -> None:
        self.store = store
        self.tags: TagIds = {} if tags is None else tags
        self.rows: list[tuple[Any, ...]] = []
        self.links: list[tuple[int, int]] = []
        self.pending: set[str] = set()  # uuids of the entries held
        self.next_id = 0

    def taken(self, uuids: Sequence[str | None]) -> set[str]:
        """Which of these uuids are held here, not yet written."""
        return self.pending.intersection(u for u in uuids if u)

    def add(
        self,
        session_id: int,
        adding: Sequence[tuple[Entry, Stamp]],
        snap: Snapshot,
        answers: Mapping[int, int | None],
    ) -> dict[int, int]:
        """Hold the session's entries, their tags and their questions; the file's entry
        id → ours."""
        if not self.rows:
            self.next_id = self.store.conn.execute(
                "SELECT coalesce(max(id), 0) + 1 FROM entries"
            ).fetchone()[0]
        ids: dict[int, int] = {}
        for entry, stamp in adding:
            uuid = stamp.uuid or new_uuid()
            ours = ids[entry.id] = self.next_id
            self.next_id += 1
            self.rows.append(
                (
                    ours,
                    *_values(session_id, entry, snap, uuid, stamp.updated_at),
                    answers.get(entry.id),
                )
            )
            self.pending.add(uuid)
        _link_tags(self.store, [(ids[e.id], e) for e, _s in adding], snap, self.tags, self.links)
        if len(self.rows) >= self.limit:
            self.flush()
        return ids

    def flush(self) -> None:
        """Write every entry held, then their tag links."""
        if not self.rows:
            return
        values, self.rows = self.rows, []
        store = self.store
        bulk = json.dumps(values, ensure_ascii=False)
        held: list[tuple[Any, ...]] = []
        # SQLite's JSON functions end a string at a NUL: a text holding one goes in as it
        # is. (``\\u0000`` in the JSON may also be a backslash typed before "u0000".)
        if "\\u0000" in bulk:
            held = [row for row in values if any(isinstance(v, str) and "\0" in v for v in row)]
            bulk = json.dumps([row for row in values if row not in held], ensure_ascii=False)
        picked = ", ".join(f"value ->> {n}" for n in range(len(_COLUMNS.split(","))))
        store.conn.execute(
            f"INSERT INTO entries ({_COLUMNS}) SELECT {picked} FROM json_each(?)", (bulk,)
        )
        marks = ", ".join("?" * len(_COLUMNS.split(",")))
        store.conn.executemany(f"INSERT INTO entries ({_COLUMNS}) VALUES ({marks})", held)
        links, self.links = self.links, []
        _link_new(store.conn, links, first=values[0][0])
        self.pending.clear()


# What linking a tag to an entry does row by row: count it on the board (for the entry's
# participant) and stamp the entry as edited now.
_LINK_TRIGGERS = ("entry_tags_counted", "entry_tags_tagged")


def _link_new(conn: sqlite3.Connection, links: list[tuple[int, int]], first: int) -> None:
    """Link entries just written (ids ``first`` and up) to their tags, counting them on
    the board in one statement rather than one per link, and without the edit stamp: they
    were written as the file has them, tags and all, so they keep the file's edit time.

    The triggers are dropped and put back as they were (their own SQL) inside the
    caller's transaction: a rollback, or a kill, leaves them as they were."""
    marks = ", ".join("?" * len(_LINK_TRIGGERS))
    kept = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
        _LINK_TRIGGERS,
    ).fetchall()
    for name, _sql in kept:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute(
        "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id)"
        " SELECT value ->> 0, value ->> 1 FROM json_each(?)",
        (json.dumps(links),),
    )
    if any(name == "entry_tags_counted" for name, _sql in kept):
        conn.execute(
            "INSERT INTO tag_participants (tag_id, participant_id, entries)"
            " SELECT et.tag_id, s.participant_id, count(*) FROM entry_tags et"
            " JOIN entries e ON e.id = et.entry_id JOIN sessions s ON s.id = e.session_id"
            " WHERE et.entry_id >= ? GROUP BY et.tag_id, s.participant_id"
            " ON CONFLICT (tag_id, participant_id) DO UPDATE"
            " SET entries = entries + excluded.entries",
            (first,),
        )
    for _name, sql in kept:
        conn.execute(sql)


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
    store: Store,
    entries: list[tuple[int, Entry]],
    snap: Snapshot,
    tags: TagIds,
    links: list[tuple[int, int]] | None = None,
) -> None:
    """Link the entries to their tags, or (given ``links``) add the links to it for the
    caller to write."""

    # A tag new to this database takes the exported valence; a known one keeps its own.
    def tag_id(kind: TagKind, name: str) -> int:
        # Looked up once per session: a session's entries share a handful of tags.
        if (kind, name) not in tags:
            valence = snap.valences.get(name, 0) if kind == "emotion" else 0
            tags[kind, name] = store.tag_id(kind, name, valence)
        return tags[kind, name]

    found = [] if links is None else links
    for entry_id, entry in entries:
        found += [(entry_id, tag_id("topic", name)) for name in entry.topics]
        found += [(entry_id, tag_id("emotion", name)) for name in entry.emotions]
    if links is None:
        store.conn.execute(
            "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id)"
            " SELECT value ->> 0, value ->> 1 FROM json_each(?)",
            (json.dumps(found),),
        )


def take_matches(
    store: Store,
    session_id: int,
    transcript: str | None,
    matches: Mapping[int, MatchedWords],
    entries: Mapping[int, int],
) -> None:
    """The file's transcript matches of the entries taken from it (``entries``: the
    file's id → ours), or their having none, when the session's transcript here is the
    file's (by uuid): a match reviewed is an edit of its entry, so the newer entry brings
    its match. Words matched in another transcript would point at the wrong cues."""
    here = store.conn.execute(
        "SELECT id FROM transcripts WHERE session_id = ? AND uuid = ?", (session_id, transcript)
    ).fetchone()
    if here is None or not entries:
        return
    store.conn.execute(
        "DELETE FROM transcript_matches WHERE entry_id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(entries.values())),),
    )
    store.conn.executemany(
        "INSERT INTO transcript_matches (entry_id, transcript_id, start_ms, end_ms, words,"
        " speaker, score, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (ours, here[0], m.start_ms, m.end_ms, m.words, m.speaker, m.score, m.status)
            for theirs, ours in entries.items()
            if (m := matches.get(theirs)) is not None
        ],
    )
