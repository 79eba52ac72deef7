"""Reading a session back from an ``earful export --format json`` document."""

from __future__ import annotations

import json
from typing import Any

from tui.core.guide import fingerprint
from tui.core.models import FLAGS, Entry, Participant
from tui.core.session_guide import SessionGuide
from tui.core.snapshot import Snapshot
from tui.store.export_checks import load_export
from tui.store.guides import add_guide, guide_version
from tui.store.store import Store, now_iso
from tui.store.transcript_export import restore_transcript


def import_json(store: Store, data: str) -> int:
    """Recreate the exported session in one transaction; returns its new id.

    Nothing is written unless the whole document is a valid export: ``ExportError`` (a
    ValueError) names the JSON path of the first problem.
    """
    return import_snapshot(store, load_export(data))


def import_snapshot(store: Store, snap: Snapshot) -> int:
    """Write a session ``load_export`` checked; the participant is matched or created.

    A participant is matched by name and company (any case); a known one keeps every fact
    we hold about them, and only gains what was blank or missing. The session's guide is
    matched by what it asks (``guide_version_for``), and its ticks and the entries'
    questions follow it. The transcript and the entries' matched words are stored as they
    were exported: nothing is matched again.
    """
    with store.db.atomic():
        participant_id = _participant_id(store, snap.participant)
        session_id = _insert_session(store, snap, participant_id)
        new_ids = {e.id: _insert_entry(store, session_id, e, snap) for e in snap.entries}
        memorable = new_ids.get(snap.memorable.id) if snap.memorable else None
        store.conn.execute(
            "UPDATE sessions SET memorable_entry_id = ? WHERE id = ?", (memorable, session_id)
        )
        if snap.guide is not None:
            _follow_guide(store, session_id, snap.guide, new_ids)
        if snap.transcript is not None:
            restore_transcript(store, session_id, snap.transcript, snap.matches, new_ids)
    return session_id


def guide_version_for(store: Store, found: SessionGuide) -> int:
    """The stored version asking exactly what ``found`` asks, else a new one; its id.

    A version of the guide by the same name (any case) comes first, then the oldest of any
    name (a colleague may have named the same file otherwise). With none, the guide is
    added: a new guide, or a new version of the one by that name.
    """
    row = store.conn.execute(
        "SELECT gv.id FROM guide_versions gv JOIN guides g ON g.id = gv.guide_id"
        " WHERE gv.content_hash = ? ORDER BY casefold(g.name) != ?, gv.id LIMIT 1",
        (fingerprint(found.guide), found.guide.name.strip().casefold()),
    ).fetchone()
    return int(row[0]) if row else add_guide(store, found.guide).version.id


def _follow_guide(
    store: Store, session_id: int, found: SessionGuide, new_ids: dict[int, int]
) -> None:
    version_id = guide_version_for(store, found)
    question_id = {q.number: q.id for q in guide_version(store, version_id).questions}
    store.conn.execute(
        "UPDATE sessions SET guide_version_id = ? WHERE id = ?", (version_id, session_id)
    )
    store.conn.executemany(
        "UPDATE entries SET question_id = ? WHERE id = ?",
        [(question_id[n], new_ids[e]) for e, n in found.answers.items()],
    )
    store.conn.executemany(
        "INSERT INTO questions_asked (session_id, question_id, asked_at_ms, skipped)"
        " VALUES (?, ?, ?, ?)",
        [
            (session_id, question_id[n], tick.at_ms, int(tick.skipped))
            for n, tick in sorted(found.ticks.items())
        ],
    )


def _participant_id(store: Store, who: Participant) -> int:
    row = store.named(
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
    known_facts = list(json.loads(row["facts"] or "[]"))
    facts = known_facts + [f for f in who.facts if f not in known_facts]
    store.conn.execute(
        "UPDATE participants SET email = ?, segment = ?, facts = ? WHERE id = ?",
        (row["email"] or who.email, row["segment"] or who.segment, _json(facts), row["id"]),
    )
    return int(row["id"])


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
