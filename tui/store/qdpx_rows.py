"""The rows a REFI-QDA export reads: sessions with their entries and tags, their
participants, and the codebook, as ``tui.core.qdpx`` models."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from tui import __version__
from tui.core.models import FLAGS
from tui.core.qdpx import QdaEntry, QdaParticipant, QdaProject, QdaSession, QdaTag, derived_guid
from tui.store.store import Store

BATCH = 500  # sessions read per query: memory stays flat however many are exported


def row_guid(table: str, row_id: int, stored: str | None) -> str:
    """A row's GUID: its ``uuid``, or one derived from its table and id where it has none."""
    return stored or derived_guid(table, row_id)


def _columns(store: Store, table: str) -> set[str]:
    return {row[1] for row in store.conn.execute(f"PRAGMA table_info({table})")}


def _optional(store: Store, table: str, alias: str, column: str, otherwise: str) -> str:
    """``alias.column`` where the table has it, else ``otherwise`` (a file from before it)."""
    return f"{alias}.{column}" if column in _columns(store, table) else otherwise


def all_session_ids(store: Store) -> list[int]:
    """Every session, oldest first."""
    sql = "SELECT id FROM sessions ORDER BY started_at_ms, id"
    return [row[0] for row in store.conn.execute(sql)]


def project(store: Store, name: str, session_ids: Sequence[int]) -> QdaProject:
    """The codebook and the participants of these sessions."""
    tags = tuple(
        QdaTag(row["kind"], row["name"], row["description"])
        for row in store.named("SELECT kind, name, description FROM tags ORDER BY kind, name")
    )
    people: dict[int, QdaParticipant] = {}
    for batch in _batches(session_ids):
        for person_id, person in _participants(store, batch).items():
            people.setdefault(person_id, person)
    ordered = sorted(people.values(), key=lambda p: (p.name.casefold(), p.company.casefold()))
    return QdaProject(name, f"Earful {__version__}", tags, tuple(ordered))


def sessions(store: Store, session_ids: Sequence[int]) -> Iterator[QdaSession]:
    """Each session whole, in the order given, read a batch at a time."""
    tags = {
        row[0]: (row[1], row[2]) for row in store.conn.execute("SELECT id, kind, name FROM tags")
    }
    for batch in _batches(session_ids):
        people = _participants(store, batch)
        entries = _entries(store, batch, tags)
        marks = ",".join("?" * len(batch))
        uuid = _optional(store, "sessions", "s", "uuid", "NULL")
        rows = {
            row["id"]: row
            for row in store.named(
                f"""SELECT s.id, {uuid} AS uuid, s.participant_id, s.goal, s.created_at,
                    s.opportunities, s.insights FROM sessions s WHERE s.id IN ({marks})""",
                batch,
            )
        }
        for session_id in batch:
            row = rows.get(session_id)
            if row is None:  # deleted since the list was read
                continue
            yield QdaSession(
                guid=row_guid("sessions", session_id, row["uuid"]),
                id=session_id,
                participant=people[row["participant_id"]],
                created_at=row["created_at"],
                goal=row["goal"],
                entries=tuple(entries.get(session_id, ())),
                opportunities=tuple(json.loads(row["opportunities"] or "[]")),
                insights=tuple(json.loads(row["insights"] or "[]")),
            )


def _batches(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _participants(store: Store, session_ids: Sequence[int]) -> dict[int, QdaParticipant]:
    marks = ",".join("?" * len(session_ids))
    uuid = _optional(store, "participants", "p", "uuid", "NULL")
    found = {}
    for row in store.named(
        f"""SELECT DISTINCT p.id, {uuid} AS uuid, p.name, p.company, p.email, p.segment,
            p.facts FROM participants p JOIN sessions s ON s.participant_id = p.id
            WHERE s.id IN ({marks})""",
        session_ids,
    ):
        found[row["id"]] = QdaParticipant(
            guid=row_guid("participants", row["id"], row["uuid"]),
            name=row["name"],
            company=row["company"],
            email=row["email"],
            segment=row["segment"],
            facts=tuple(json.loads(row["facts"] or "[]")),
        )
    return found


def _entries(
    store: Store, session_ids: Sequence[int], tags: dict[int, tuple[str, str]]
) -> dict[int, list[QdaEntry]]:
    """The sessions' entries in the order the snapshot shows them, with their tags."""
    marks = ",".join("?" * len(session_ids))
    uuid = _optional(store, "entries", "e", "uuid", "NULL")
    author = _optional(store, "entries", "e", "author", "''")
    found: dict[int, list[QdaEntry]] = {}
    for row in store.named(
        f"""SELECT e.id, e.session_id, {uuid} AS uuid, e.kind, e.text, e.at_ms, e.created_at,
            e.starred, e.follow_up, e.testimonial, e.original_text, {author} AS author,
            (SELECT group_concat(tag_id) FROM entry_tags WHERE entry_id = e.id) AS tag_ids
        FROM entries e WHERE e.session_id IN ({marks}) ORDER BY e.session_id, e.at_ms, e.id""",
        session_ids,
    ):
        named = sorted(tags[int(t)] for t in row["tag_ids"].split(",")) if row["tag_ids"] else []
        found.setdefault(row["session_id"], []).append(
            QdaEntry(
                guid=row_guid("entries", row["id"], row["uuid"]),
                kind=row["kind"],
                text=row["text"],
                at_ms=row["at_ms"],
                created_at=row["created_at"],
                topics=tuple(name for kind, name in named if kind == "topic"),
                emotions=tuple(name for kind, name in named if kind == "emotion"),
                flags=tuple(flag for flag in FLAGS if row[flag]),
                original_text=row["original_text"],
                author=row["author"] or "",
            )
        )
    return found
