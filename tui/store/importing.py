"""Reading a session back from an ``earful export --format json`` document."""

from __future__ import annotations

import json
from typing import Any

from tui.core.export import read_json
from tui.core.models import FLAGS, Entry, Participant
from tui.core.snapshot import Snapshot
from tui.store.store import Store, now_iso


def import_json(store: Store, data: str) -> int:
    """Recreate the exported session in one transaction; returns its new id.

    The participant is matched by name and company (any case) or created. Nothing is
    written when the document is not a valid export: ValueError says why.
    """
    snap = read_json(data)
    _check_lists(json.loads(data))
    _check(snap)
    with store.db.atomic():
        participant_id = _participant_id(store, snap.participant)
        session_id = _insert_session(store, snap, participant_id)
        new_ids = {e.id: _insert_entry(store, session_id, e, snap) for e in snap.entries}
        memorable = new_ids.get(snap.memorable.id) if snap.memorable else None
        store.conn.execute(
            "UPDATE sessions SET memorable_entry_id = ? WHERE id = ?", (memorable, session_id)
        )
    return session_id


def _check(snap: Snapshot) -> None:
    """Types the database would accept but that no export writes."""
    s, p = snap.session, snap.participant
    texts = [p.name, p.company, p.email, p.segment, s.goal, s.created_at]
    texts += [*p.facts, *snap.opportunities, *snap.insights]
    for entry in snap.entries:
        texts += [entry.text, *entry.topics, *entry.emotions]
        if entry.original_text is not None:
            texts.append(entry.original_text)
        if not _whole(entry.at_ms) or entry.at_ms < 0:
            raise ValueError(f"entry {entry.id!r}: at_ms must be a whole number of 0 or more")
        if not all(name for name in (*entry.topics, *entry.emotions)):
            raise ValueError(f"entry {entry.id!r}: a tag name is empty")
    if not all(isinstance(t, str) for t in texts):
        raise ValueError("malformed Earful export: a text field is not a string")
    clock = s.clock
    numbers = [s.planned_minutes, clock.started_at_ms, clock.paused_ms]
    optional = [clock.paused_since_ms, clock.ended_at_ms, s.recording_at_ms]
    if not all(map(_whole, numbers)) or not all(v is None or _whole(v) for v in optional):
        raise ValueError("malformed Earful export: a time or length is not a whole number")
    ids = [e.id for e in snap.entries]
    if len(set(map(repr, ids))) != len(ids):
        raise ValueError("malformed Earful export: two entries share an id")
    for created, edited in snap.stamps.values():
        if not isinstance(created, str | None) or not isinstance(edited, str | None):
            raise ValueError("malformed Earful export: a timestamp is not text")


def _check_lists(raw: dict[str, Any]) -> None:
    """Fields that must be JSON lists (a string would otherwise be split into letters)."""
    lists = [raw["participant"]["facts"], raw["session"]["opportunities"]]
    lists.append(raw["session"]["insights"])
    for entry in raw["entries"]:
        lists += [entry["topics"], entry["emotions"]]
    if not all(isinstance(value, list) for value in lists):
        raise ValueError("malformed Earful export: facts, lists and tags must be JSON lists")
    valences = [v["valence"] for v in raw["tags"]["emotions"].values()]
    if not all(_whole(v) and v in (-1, 0, 1) for v in valences):
        raise ValueError("malformed Earful export: an emotion's valence must be -1, 0 or 1")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _participant_id(store: Store, who: Participant) -> int:
    row = store.conn.execute(
        "SELECT id, email, segment, facts FROM participants"
        " WHERE casefold(name) = ? AND casefold(company) = ? ORDER BY id LIMIT 1",
        (who.name.casefold(), who.company.casefold()),
    ).fetchone()
    if row is None:
        cursor = store.conn.execute(
            "INSERT INTO participants (name, company, email, segment, facts, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (who.name, who.company, who.email, who.segment, _json(who.facts), now_iso()),
        )
        return int(cursor.lastrowid or 0)
    # Someone we know: keep their profile, fill what is blank, add facts they lack.
    known_facts = list(json.loads(row[3] or "[]"))
    facts = known_facts + [f for f in who.facts if f not in known_facts]
    store.conn.execute(
        "UPDATE participants SET email = ?, segment = ?, facts = ? WHERE id = ?",
        (row[1] or who.email, row[2] or who.segment, _json(facts), row[0]),
    )
    return int(row[0])


def _insert_session(store: Store, snap: Snapshot, participant_id: int) -> int:
    s = snap.session
    cursor = store.conn.execute(
        "INSERT INTO sessions (participant_id, goal, planned_minutes, created_at, started_at_ms,"
        " paused_ms, paused_since_ms, ended_at_ms, recording_at_ms, opportunities, insights)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            participant_id,
            s.goal,
            s.planned_minutes,
            s.created_at,
            s.clock.started_at_ms,
            s.clock.paused_ms,
            s.clock.paused_since_ms,
            s.clock.ended_at_ms,
            s.recording_at_ms,
            _json(snap.opportunities),
            _json(snap.insights),
        ),
    )
    return int(cursor.lastrowid or 0)


def _insert_entry(store: Store, session_id: int, entry: Entry, snap: Snapshot) -> int:
    created, edited = snap.stamps.get(entry.id, (None, None))
    cursor = store.conn.execute(
        "INSERT INTO entries (session_id, kind, text, at_ms, created_at, starred, follow_up,"
        " testimonial, original_text, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            session_id,
            entry.kind,
            entry.text,
            entry.at_ms,
            created or now_iso(),
            *(int(getattr(entry, flag)) for flag in FLAGS),
            entry.original_text,
            edited,
        ),
    )
    entry_id = int(cursor.lastrowid or 0)
    # A tag new to this database takes the exported valence; a known one keeps its own.
    tag_ids = [store.tag_id("topic", name) for name in entry.topics]
    tag_ids += [
        store.tag_id("emotion", name, snap.valences.get(name, 0)) for name in entry.emotions
    ]
    store.conn.executemany(
        "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) VALUES (?, ?)",
        [(entry_id, tag_id) for tag_id in tag_ids],
    )
    return entry_id


def _json(items: Any) -> str:
    return json.dumps(list(items), ensure_ascii=False)
