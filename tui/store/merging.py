"""``earful merge``: another Earful database (or a bundle) brought into this one, in one
transaction, as often as you like, with nothing doubled and nothing lost.

Rows match by uuid; tags by (name, kind); a participant without a uuid match by name and
company (any case and spacing), keeping the union of their facts. The newer ``updated_at``
wins an edit; the verbatim text is never lost; a row deleted there after its last edit
here is deleted here, and its tombstone copied, while a tombstone older than a later edit
here loses. Each session is written by ``importing.import_session``, the code that imports
an export, so a bundle's sessions merge exactly as ``earful import`` imports them. What
only a database holds (tags no entry uses, participants with no session) is merged here;
to-dos done or ticked back on in ``merging_todos``; deletes, from a database's tombstones
or a bundle's list, in ``merging_deletes``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from tui.core.identity import Identity, Stamp, newer
from tui.core.snapshot import Snapshot
from tui.core.text import plural
from tui.store.guides import add_guide, guide_version
from tui.store.importing import Imported, import_session, person_key
from tui.store.importing_entries import EntryBatch
from tui.store.merging_deletes import apply_tombstones
from tui.store.merging_shapes import SessionShape, needs_merging, outlives, session_shapes
from tui.store.merging_source import Source
from tui.store.merging_todos import merge_todos
from tui.store.store import Store

Progress = Callable[[int, int], None]  # (sessions done, sessions to merge)

_MERGE_CACHE_KIB = -65_536  # 64 MiB of page cache while merging (negative: KiB, not pages)


@dataclass
class Merged:
    """What a merge did (or, for a dry run, would do)."""

    new_sessions: int = 0
    new_entries: int = 0
    updated: int = 0  # rows here that took a newer edit: sessions, entries, people, tags
    deleted: int = 0  # rows here deleted by a tombstone from the other side
    matched: int = 0  # their participants found here by name and company, not by uuid

    def line(self, name: str) -> str:
        return (
            f"merged {name}: {plural(self.new_sessions, 'new session')},"
            f" {plural(self.new_entries, 'new entry', 'new entries')}, {self.updated} updated,"
            f" {self.deleted} deleted, {plural(self.matched, 'participant')} matched"
        )

    def count(self, done: Imported, session_updated: bool) -> None:
        self.new_sessions += done.new
        self.new_entries += done.new_entries
        self.updated += done.updated_entries + (session_updated and not done.new)


def merge(
    store: Store, source: Source, keep: bool = True, progress: Progress | None = None
) -> Merged:
    """Merge ``source`` into ``store`` in one transaction: committed whole, or (on any
    error, or when not ``keep``: a dry run) rolled back, leaving the file as it was."""
    cache = store.conn.execute("PRAGMA cache_size").fetchone()[0]
    # Each new entry goes into the uuid index at a random place: with SQLite's default
    # 2 MB of cache, a large merge reads most of the index's pages back again and again.
    store.conn.execute(f"PRAGMA cache_size = {_MERGE_CACHE_KIB}")
    try:
        store.conn.execute("BEGIN IMMEDIATE")
        try:
            if source.store is not None:
                merged = merge_database(store, source.store, progress)
            else:
                merged = merge_snapshots(store, source.snapshots or [], progress)
                merged.deleted += apply_tombstones(store, source.deleted)
        except BaseException:
            store.conn.rollback()
            raise
        if keep:
            store.conn.commit()
        else:
            store.conn.rollback()
    finally:
        store.conn.execute(f"PRAGMA cache_size = {int(cache)}")
    return merged


def merge_snapshots(
    store: Store, snapshots: list[Snapshot], progress: Progress | None = None
) -> Merged:
    """Each session of a bundle, as ``earful import`` imports it (part of the caller's
    transaction)."""
    merged = Merged()
    seen: set[str] = set()
    for done, snap in enumerate(snapshots, 1):
        ident = snap.identity or Identity()
        who = ident.participant.uuid or snap.participant.name
        if who not in seen:
            seen.add(who)
            merged.matched += _matched_by_name(store, snap, ident.participant)
        ours = store.conn.execute(
            "SELECT updated_at FROM sessions WHERE uuid = ?", (ident.session.uuid,)
        ).fetchone()
        session_updated = ours is not None and newer(ident.session.updated_at, ours[0])
        merged.count(import_session(store, snap), session_updated)
        if progress is not None:
            progress(done, len(snapshots))
    return merged


def merge_database(store: Store, other: Store, progress: Progress | None = None) -> Merged:
    """Everything in ``other`` merged into ``store`` (part of the caller's transaction)."""
    from tui.store.snapshots import session_export_data

    merged = Merged()
    _merge_tags(store, other, merged)
    _merge_guides(store, other)
    people = _merge_participants(store, other, merged)
    gone = _tombstones(store)
    ours = session_shapes(store)
    theirs = session_shapes(other)
    todo = [shape for uuid, shape in theirs.items() if needs_merging(shape, ours.get(uuid), gone)]
    _bury_with_session(store, theirs.values(), ours, gone)
    batch = EntryBatch(store)  # new sessions' entries, written many sessions at a time
    for done, shape in enumerate(todo, 1):
        snap = _as_here(session_export_data(other, shape.id), people, gone)
        mine = ours.get(shape.uuid)
        session_updated = mine is not None and newer(shape.updated_at, mine.updated_at)
        merged.count(import_session(store, snap, batch), session_updated)
        if mine is None and shape.uuid in gone:
            # Back because of a later edit there, and still deleted when it was: the
            # tombstone stays, so entries from a third file edited before it stay deleted.
            store.conn.execute(
                "INSERT OR IGNORE INTO tombstones (uuid, table_name, deleted_at)"
                " VALUES (?, 'sessions', ?)",
                (shape.uuid, gone[shape.uuid]),
            )
        if progress is not None:
            progress(done, len(todo))
    batch.flush()
    merge_todos(store, other)
    theirs_deleted = other.conn.execute("SELECT uuid, table_name, deleted_at FROM tombstones")
    merged.deleted += apply_tombstones(store, theirs_deleted.fetchall())
    return merged


def _matched_by_name(store: Store, snap: Snapshot, stamp: Stamp) -> int:
    """1 when the session's participant is someone here under another uuid."""
    if (
        stamp.uuid is not None
        and store.conn.execute(
            "SELECT 1 FROM participants WHERE uuid = ?", (stamp.uuid,)
        ).fetchone()
    ):
        return 0
    key = person_key(snap.participant.name, snap.participant.company)
    rows = store.conn.execute("SELECT name, company FROM participants")
    return int(any(person_key(name, company) == key for name, company in rows))


def _as_here(snap: Snapshot, people: dict[str, str], gone: dict[str, str]) -> Snapshot:
    """The session as this database knows its participant (by uuid), without the entries
    deleted here after their last edit there, by themselves or with their session (a
    session deleted here and edited there since comes back with only what was edited
    after the delete), and without a transcript deleted here."""
    ident = snap.identity or Identity()
    participant = ident.participant
    if participant.uuid in people:
        participant = Stamp(people[participant.uuid], participant.updated_at)
    session_deleted = gone.get(ident.session.uuid or "")

    def kept(entry_id: int) -> bool:
        stamp = ident.entries.get(entry_id, Stamp())
        return outlives(stamp.updated_at, gone.get(stamp.uuid or ""), session_deleted)

    entries = tuple(e for e in snap.entries if kept(e.id))
    memorable = snap.memorable if snap.memorable and kept(snap.memorable.id) else None
    # A transcript is never edited: deleted here (with its session, or replaced), it
    # stays deleted, and its tombstone takes it out of the other file too.
    transcript, matches = snap.transcript, snap.matches
    if ident.transcript in gone:
        transcript, matches = None, {}
    return replace(
        snap,
        entries=entries,
        memorable=memorable,
        transcript=transcript,
        matches=matches,
        identity=replace(ident, participant=participant),
    )


def _merge_tags(store: Store, other: Store, merged: Merged) -> None:
    """Every tag of theirs, known here by (name, kind); the newer edit of its valence and
    description wins. Links to entries come with the entries."""
    ours = {
        (name, kind): updated
        for name, kind, updated in store.conn.execute("SELECT name, kind, updated_at FROM tags")
    }
    rows = other.conn.execute("SELECT name, kind, valence, description, updated_at FROM tags")
    for name, kind, valence, description, updated in rows:
        if (name, kind) not in ours:
            store.conn.execute(
                "INSERT INTO tags (name, kind, valence, description, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (name, kind, valence, description, updated),
            )
        elif newer(updated, ours[(name, kind)]):
            changed = store.conn.execute(
                "UPDATE tags SET valence = ?, description = ?, updated_at = ?"
                " WHERE name = ? AND kind = ? AND (valence IS NOT ? OR description IS NOT ?)",
                (valence, description, updated, name, kind, valence, description),
            ).rowcount
            if not changed:  # the same values, edited later there: take the time only
                store.conn.execute(
                    "UPDATE tags SET updated_at = ? WHERE name = ? AND kind = ?",
                    (updated, name, kind),
                )
            merged.updated += changed


def _merge_guides(store: Store, other: Store) -> None:
    """Every version of their guides that asks what no version here asks, in their order:
    a guide nobody has followed yet reaches the team too. A version joins the guide of
    that name here, else comes as a new guide with their uuid."""
    known = {h for (h,) in store.conn.execute("SELECT content_hash FROM guide_versions")}
    rows = other.conn.execute(
        "SELECT g.uuid, v.id, v.content_hash FROM guide_versions v"
        " JOIN guides g ON g.id = v.guide_id ORDER BY g.id, v.version"
    ).fetchall()
    for uuid, version_id, content in rows:
        if content in known:
            continue
        known.add(content)
        newest = store.conn.execute("SELECT coalesce(max(id), 0) FROM guides").fetchone()[0]
        guide_id = add_guide(store, guide_version(other, version_id).guide).version.guide_id
        if guide_id > newest:  # a new guide here: it keeps their identity
            store.conn.execute(
                "UPDATE guides SET uuid = ? WHERE id = ?"
                " AND NOT EXISTS (SELECT 1 FROM guides WHERE uuid = ?)",
                (uuid, guide_id, uuid),
            )


_PERSON = "id, uuid, name, company, email, segment, facts, created_at, updated_at"


def _merge_participants(store: Store, other: Store, merged: Merged) -> dict[str, str]:
    """Every participant of theirs, found here by uuid or else by name and company; the
    newer edit of their details wins and their facts are the union. Returns their uuid →
    ours for each, so their sessions land on the same person here."""
    ours = [dict(r) for r in store.named(f"SELECT {_PERSON} FROM participants ORDER BY id")]
    by_uuid = {p["uuid"]: p for p in ours}
    by_key: dict[str, dict[str, object]] = {}
    for p in ours:
        by_key.setdefault(person_key(p["name"], p["company"]), p)
    people: dict[str, str] = {}
    for row in other.named(f"SELECT {_PERSON} FROM participants ORDER BY id"):
        theirs = dict(row)
        mine = by_uuid.get(theirs["uuid"])
        if mine is None:
            mine = by_key.get(person_key(theirs["name"], theirs["company"]))
            merged.matched += mine is not None
        if mine is None:
            store.conn.execute(
                f"INSERT INTO participants ({_PERSON[4:]}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                tuple(theirs[k] for k in _PERSON[4:].split(", ")),
            )
            by_uuid[theirs["uuid"]] = theirs
            by_key.setdefault(person_key(theirs["name"], theirs["company"]), theirs)
            people[theirs["uuid"]] = theirs["uuid"]
            continue
        people[theirs["uuid"]] = str(mine["uuid"])
        merged.updated += _update_participant(store, mine, theirs)
    return people


def _update_participant(store: Store, mine: dict[str, object], theirs: dict[str, object]) -> bool:
    known = list(json.loads(str(mine["facts"] or "[]")))
    facts = known + [f for f in json.loads(str(theirs["facts"] or "[]")) if f not in known]
    source = theirs if newer(_text(theirs["updated_at"]), _text(mine["updated_at"])) else mine
    fields = {k: source[k] for k in ("name", "company", "email", "segment")}
    fields["facts"] = json.dumps(facts, ensure_ascii=False)
    if all(fields[k] == mine[k] for k in fields):
        return False
    fields["updated_at"] = source["updated_at"]
    mine.update(fields)
    store.conn.execute(
        "UPDATE participants SET name = ?, company = ?, email = ?, segment = ?, facts = ?,"
        " updated_at = ? WHERE id = ?",
        (*fields.values(), mine["id"]),
    )
    return True


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _tombstones(store: Store) -> dict[str, str]:
    return dict(store.conn.execute("SELECT uuid, deleted_at FROM tombstones").fetchall())


def _bury_with_session(
    store: Store,
    theirs: Iterable[SessionShape],
    ours: dict[str, SessionShape],
    gone: dict[str, str],
) -> None:
    """Their entries of a session deleted here, last edited there before the delete, were
    deleted with it, whether or not a later edit brought the session back: they get the
    tombstone deleting the session there gives them (its time)."""
    here = {entry for shape in ours.values() for entry in shape.entries}
    buried = [
        (entry, gone[shape.uuid])
        for shape in theirs
        if shape.uuid in gone
        for entry, updated in shape.entries.items()
        if entry not in here and not newer(updated, gone[shape.uuid])
    ]
    store.conn.executemany(
        "INSERT INTO tombstones (uuid, table_name, deleted_at) SELECT ?, 'entries', ?"
        " WHERE NOT EXISTS (SELECT 1 FROM entries WHERE uuid = ?1) ON CONFLICT (uuid)"
        " DO UPDATE SET deleted_at = max(deleted_at, excluded.deleted_at)",
        buried,
    )


__all__ = ["Merged", "SessionShape", "merge", "merge_database", "merge_snapshots"]
