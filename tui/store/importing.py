"""Reading a session back from an ``earful export --format json`` document."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tui.core.guide import fingerprint
from tui.core.identity import Identity, Stamp, newer
from tui.core.models import Participant
from tui.core.session_guide import SessionGuide
from tui.core.snapshot import Snapshot
from tui.store.export_checks import load_export
from tui.store.guides import add_guide, guide_version
from tui.store.importing_entries import (
    EntryBatch,
    TagIds,
    insert_entries,
    keep_verbatim,
    take_matches,
    update_entry,
)
from tui.store.stamps import now_iso
from tui.store.store import Store
from tui.store.transcript_export import restore_transcript


@dataclass(frozen=True)
class Imported:
    """What importing one session did."""

    session_id: int
    new: bool  # a new session here; else the one with its uuid, brought up to date
    changed: bool  # anything written (a second import of the same file writes nothing)
    new_entries: int = 0
    updated_entries: int = 0


def import_json(store: Store, data: str) -> int:
    """Recreate (or bring up to date) the exported session in one transaction; its id.

    Nothing is written unless the whole document is a valid export: ``ExportError`` (a
    ValueError) names the JSON path of the first problem.
    """
    return import_snapshot(store, load_export(data))


def import_snapshot(store: Store, snap: Snapshot) -> int:
    """``import_session``, for the session's id alone."""
    return import_session(store, snap).session_id


def import_session(store: Store, snap: Snapshot, batch: EntryBatch | None = None) -> Imported:
    """Write a session ``load_export`` checked, in one transaction.

    A session whose uuid is here already is updated in place (``update_session``); any
    other is added as a new session. A participant is matched by uuid, else by name and
    company (any case and spacing); a known one keeps every fact we hold about them, and
    only gains what was blank or missing. The session's guide is matched by what it asks
    (``guide_version_for``), and its ticks and the entries' questions follow it. The
    transcript and the entries' matched words are stored as they were exported: nothing
    is matched again. Rows keep the uuids and edit times of the file.

    A new session's entries go into ``batch`` when one is given (written with the next
    sessions' when the caller flushes it); it is flushed before anything else is.
    """
    ident = snap.identity or Identity()
    with store.db.atomic():
        found = _by_uuid(store, "sessions", ident.session.uuid)
        if found is not None:
            if batch is not None:
                batch.flush()
            return update_session(store, snap, found)
        newest_guide = _newest(store, "guides")
        participant_id = _participant_id(store, snap.participant, ident.participant)
        session_id = _insert_session(store, snap, participant_id, ident.session)
        uuids = [s.uuid for s in ident.entries.values()]
        taken = _taken(store, uuids) | (batch.taken(uuids) if batch else set())
        tags: TagIds = {}
        adding = []
        for entry in snap.entries:
            stamp = ident.entries.get(entry.id, Stamp())
            if stamp.uuid in taken:  # the same entry in another session here: a copy
                stamp = Stamp(None, stamp.updated_at)
            adding.append((entry, stamp))
        version_id, answers = None, {}
        if snap.guide is not None:  # the entries are written answering their questions
            version_id = guide_version_for(store, snap.guide)
            number = {q.number: q.id for q in guide_version(store, version_id).questions}
            answers = {e: number.get(n) for e, n in snap.guide.answers.items()}
        new_ids = insert_entries(store, session_id, adding, snap, tags, answers, batch)
        memorable = new_ids.get(snap.memorable.id) if snap.memorable else None
        store.conn.execute(
            "UPDATE sessions SET memorable_entry_id = ? WHERE id = ?", (memorable, session_id)
        )
        if snap.guide is not None:
            _follow_guide(store, session_id, snap.guide, {}, version_id)
            _adopt_guide_uuid(store, session_id, ident.guide, newest_guide)
        if snap.transcript is not None:
            if batch is not None:
                batch.flush()  # its matches point at the entries
            restore_transcript(store, session_id, snap.transcript, snap.matches, new_ids)
            _adopt_transcript_uuid(store, session_id, ident.transcript)
        _restamp(store, session_id, ident, {}, True)  # the entries were written as they are
    return Imported(session_id, True, True, len(new_ids))


def update_session(store: Store, snap: Snapshot, session_id: int) -> Imported:
    """Bring the stored session ``session_id`` up to date with the same session in
    ``snap`` (part of the caller's transaction).

    Entries match by uuid: one only in the file is added (unless it was deleted here
    after its last edit there), one in both takes the newer side's edit (by
    ``updated_at``), and one only here stays. The session's own fields follow the newer
    side. ``original_text`` is never lost: the verbatim text kept here stays, and one
    only the file holds is kept here too, even when our edit is the newer. An entry taken
    from the file takes its transcript match too, when both hold the same transcript.
    """
    ident = snap.identity or Identity()
    row = store.named(
        "SELECT updated_at, guide_version_id FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    participant_id = _participant_id(store, snap.participant, ident.participant)
    theirs = newer(ident.session.updated_at, row["updated_at"])
    if theirs:
        _update_session_row(store, snap, session_id, participant_id)
    uuids = [s.uuid for s in ident.entries.values() if s.uuid]
    known = {
        r["uuid"]: r
        for r in store.named(
            "SELECT id, uuid, text, updated_at, original_text FROM entries"
            " WHERE uuid IN (SELECT value FROM json_each(?))",
            (json.dumps(uuids),),
        )
    }
    gone = dict(
        store.conn.execute(
            "SELECT uuid, deleted_at FROM tombstones"
            " WHERE uuid IN (SELECT value FROM json_each(?))",
            (json.dumps(uuids),),
        ).fetchall()
    )
    ids: dict[int, int] = {}  # the file's entry id → ours
    tags: TagIds = {}
    changed: dict[int, int] = {}  # the same, for entries added or updated from the file
    adding = []
    verbatim = 0  # entries whose verbatim text only the file had
    for entry in snap.entries:
        stamp = ident.entries.get(entry.id, Stamp())
        ours = known.get(stamp.uuid)
        if ours is not None:
            ids[entry.id] = ours["id"]
            if newer(stamp.updated_at, ours["updated_at"]):
                update_entry(store, ours, entry, snap, tags)
                changed[entry.id] = ours["id"]
            elif ours["original_text"] is None and entry.original_text is not None:
                keep_verbatim(store, ours, entry.original_text)
                verbatim += 1
        elif stamp.uuid in gone and not newer(stamp.updated_at, gone[stamp.uuid]):
            continue  # deleted here after it was last edited there
        else:
            adding.append((entry, stamp))
    added = insert_entries(store, session_id, adding, snap, tags)
    ids.update(added)
    changed.update(added)
    if theirs:
        memorable = ids.get(snap.memorable.id) if snap.memorable else None
        store.conn.execute(
            "UPDATE sessions SET memorable_entry_id = ? WHERE id = ?", (memorable, session_id)
        )
    if snap.guide is not None:
        newest_guide = _newest(store, "guides")
        _follow_guide(store, session_id, snap.guide, changed, row["guide_version_id"])
        _adopt_guide_uuid(store, session_id, ident.guide, newest_guide)
    has_transcript = store.conn.execute(
        "SELECT 1 FROM transcripts WHERE session_id = ?", (session_id,)
    ).fetchone()
    if snap.transcript is not None and not has_transcript:
        restore_transcript(store, session_id, snap.transcript, snap.matches, ids)
        _adopt_transcript_uuid(store, session_id, ident.transcript)
    elif snap.transcript is not None:
        take_matches(store, session_id, ident.transcript, snap.matches, changed)
    touched = changed if snap.guide else {e: i for e, i in changed.items() if e not in added}
    _restamp(store, session_id, ident, touched, theirs)
    updated = len(changed) - len(added) + verbatim
    return Imported(session_id, False, bool(theirs or changed or verbatim), len(added), updated)


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
    store: Store,
    session_id: int,
    found: SessionGuide,
    entries: dict[int, int],
    version_id: int | None = None,
) -> None:
    """The session follows the guide (``version_id``, else the one asking what ``found``
    asks); ``entries`` (the file's id → ours) answer the file's questions; the file's ticks
    are added to any here."""
    version_id = version_id or guide_version_for(store, found)
    question_id = {q.number: q.id for q in guide_version(store, version_id).questions}
    store.conn.execute(
        "UPDATE sessions SET guide_version_id = ? WHERE id = ?", (version_id, session_id)
    )
    answers = found.answers
    store.conn.executemany(
        "UPDATE entries SET question_id = ? WHERE id = ?",
        [(question_id.get(answers.get(e, -1)), ours) for e, ours in entries.items()],
    )
    store.conn.executemany(
        "INSERT OR IGNORE INTO questions_asked (session_id, question_id, asked_at_ms, skipped)"
        " VALUES (?, ?, ?, ?)",
        [
            (session_id, question_id[n], tick.at_ms, int(tick.skipped))
            for n, tick in sorted(found.ticks.items())
            if n in question_id
        ],
    )


def _adopt_guide_uuid(store: Store, session_id: int, uuid: str | None, newest: int) -> None:
    """A guide this import added takes the file's uuid (one already here keeps its own)."""
    store.conn.execute(
        "UPDATE guides SET uuid = ? WHERE id > ? AND id = (SELECT v.guide_id FROM sessions s"
        " JOIN guide_versions v ON v.id = s.guide_version_id WHERE s.id = ?)"
        " AND ? IS NOT NULL AND NOT EXISTS (SELECT 1 FROM guides WHERE uuid = ?)",
        (uuid, newest, session_id, uuid, uuid),
    )


def _adopt_transcript_uuid(store: Store, session_id: int, uuid: str | None) -> None:
    store.conn.execute(
        "UPDATE transcripts SET uuid = ? WHERE session_id = ? AND ? IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM transcripts WHERE uuid = ?)",
        (uuid, session_id, uuid, uuid),
    )


def _restamp(
    store: Store, session_id: int, ident: Identity, written: dict[int, int], session: bool
) -> None:
    """Give what was written from the file the file's edit times: the updates that linked
    it up (its memorable quote, its questions) are part of writing it, not new edits."""
    if session and ident.session.updated_at is not None:
        store.conn.execute(
            "UPDATE sessions SET updated_at = ? WHERE id = ?",
            (ident.session.updated_at, session_id),
        )
    stamps = ((ident.entries.get(e, Stamp()).updated_at, ours) for e, ours in written.items())
    store.conn.executemany(
        "UPDATE entries SET updated_at = ? WHERE id = ?", [s for s in stamps if s[0]]
    )


def person_key(name: str, company: str) -> str:
    """Who a participant is when their uuid is not known here: name and company in any
    case and spacing (``Ada  Lovelace`` at ``ACME`` is ``ada lovelace`` at ``acme``)."""
    return f"{' '.join(name.split()).casefold()}\n{' '.join(company.split()).casefold()}"


def _participant_id(store: Store, who: Participant, stamp: Stamp) -> int:
    row = None
    if stamp.uuid is not None:
        row = store.named(
            "SELECT id, email, segment, facts FROM participants WHERE uuid = ?", (stamp.uuid,)
        ).fetchone()
    if row is None:
        store.conn.create_function("person_key", 2, person_key, deterministic=True)
        row = store.named(
            "SELECT id, email, segment, facts FROM participants"
            " WHERE person_key(name, company) = ? ORDER BY id LIMIT 1",
            (person_key(who.name, who.company),),
        ).fetchone()
    if row is None:
        cursor = store.conn.execute(
            "INSERT INTO participants (name, company, email, segment, facts, created_at, uuid,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                who.name,
                who.company,
                who.email,
                who.segment,
                _json(who.facts),
                now_iso(),
                stamp.uuid,
                stamp.updated_at,
            ),
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


_SESSION_FIELDS = (
    "participant_id, goal, planned_minutes, created_at, started_at_ms, paused_ms,"
    " paused_since_ms, ended_at_ms, recording_at_ms, opportunities, insights"
)


def _session_values(snap: Snapshot, participant_id: int) -> tuple[Any, ...]:
    s = snap.session
    return (
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
    )


def _insert_session(store: Store, snap: Snapshot, participant_id: int, stamp: Stamp) -> int:
    cursor = store.conn.execute(
        f"INSERT INTO sessions ({_SESSION_FIELDS}, uuid, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*_session_values(snap, participant_id), stamp.uuid, stamp.updated_at),
    )
    return int(cursor.lastrowid or 0)


def _update_session_row(store: Store, snap: Snapshot, session_id: int, participant_id: int) -> None:
    assignments = ", ".join(f"{name.strip()} = ?" for name in _SESSION_FIELDS.split(","))
    store.conn.execute(
        f"UPDATE sessions SET {assignments} WHERE id = ?",
        (*_session_values(snap, participant_id), session_id),
    )


def _by_uuid(store: Store, table: str, uuid: str | None) -> int | None:
    if uuid is None:
        return None
    row = store.conn.execute(f"SELECT id FROM {table} WHERE uuid = ?", (uuid,)).fetchone()
    return None if row is None else int(row[0])


def _taken(store: Store, uuids: list[str | None]) -> set[str]:
    """Which of these entry uuids are here already."""
    rows = store.conn.execute(
        "SELECT uuid FROM entries WHERE uuid IN (SELECT value FROM json_each(?))",
        (json.dumps([u for u in uuids if u]),),
    )
    return {r[0] for r in rows}


def _newest(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])


def _json(items: Any) -> str:
    return json.dumps(list(items), ensure_ascii=False)
