"""The participant directory, one participant's page, profile edits and merging duplicates."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.core.models import EntryKind, Participant
from tui.core.text import encodable
from tui.store.rows import PARTICIPANT_COLUMNS, participant_from_row
from tui.store.store import Store


@dataclass(frozen=True)
class DirectoryRow:
    participant: Participant
    sessions: int
    quotes: int
    last_interview: str  # YYYY-MM-DD, or "" when never interviewed
    top_tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SaidEntry:
    """Something a participant said (or we noted), with the session it belongs to."""

    entry_id: int
    session_id: int
    session_date: str
    goal: str
    at_ms: int
    kind: EntryKind
    text: str
    tags: tuple[str, ...] = ()
    starred: bool = False


@dataclass(frozen=True)
class ParticipantPage:
    participant: Participant
    sessions: int
    said: tuple[SaidEntry, ...] = field(default_factory=tuple)


# When each participant was last interviewed (YYYY-MM-DD, "" if never): the directory's order.
_LAST = """SELECT participant_id, substr(max(created_at), 1, 10) AS last
    FROM sessions GROUP BY participant_id"""


def directory_order(store: Store) -> list[int]:
    """Every participant's id, most recently interviewed first, then by name.

    Reads sessions and names only: a decade's 2,000 participants in ~20 ms, where counting
    everyone's quotes (each entry's row, as ``kind`` is in no index) takes ~300-600 ms.
    """
    return [
        pid
        for (pid,) in store.conn.execute(
            f"""SELECT p.id FROM participants p LEFT JOIN ({_LAST}) s ON s.participant_id = p.id
            ORDER BY coalesce(s.last, '') DESC, p.name COLLATE NOCASE"""
        )
    ]


def directory(store: Store, ids: Sequence[int] | None = None) -> list[DirectoryRow]:
    """The participants ``ids`` in that order (everyone, most recently interviewed first,
    when None), with their sessions, quotes and top three topics."""
    params = list(ids or ())
    marks = ",".join("?" * len(params))
    who, whose = (
        ("1", "1") if ids is None else (f"p.id IN ({marks})", f"tp.participant_id IN ({marks})")
    )
    rows = store.named(
        f"""SELECT {PARTICIPANT_COLUMNS},
            (SELECT count(*) FROM sessions s WHERE s.participant_id = p.id) AS sessions,
            (SELECT count(*) FROM sessions s JOIN entries e ON e.session_id = s.id
             WHERE s.participant_id = p.id AND e.kind = 'quote') AS quotes,
            coalesce((SELECT substr(max(s.created_at), 1, 10) FROM sessions s
             WHERE s.participant_id = p.id), '') AS last
        FROM participants p WHERE {who} ORDER BY last DESC, p.name COLLATE NOCASE""",
        params,
    ).fetchall()
    if ids is not None:  # as asked, which is the order above unless a session came since
        at = {pid: n for n, pid in enumerate(ids)}
        rows.sort(key=lambda row: at[row["participant_id"]])
    top: dict[int, list[str]] = {}
    # Each topic's rows for these participants: a lookup by tag_participants' key each.
    for pid, name in store.conn.execute(
        f"""SELECT tp.participant_id, t.name FROM tag_participants tp
        JOIN tags t ON t.id = tp.tag_id AND t.kind = 'topic'
        WHERE {whose}
        ORDER BY tp.participant_id, tp.entries DESC, t.name""",
        params,
    ):
        top.setdefault(pid, []).append(name)
    return [
        DirectoryRow(
            participant_from_row(row),
            sessions=row["sessions"],
            quotes=row["quotes"],
            last_interview=row["last"],
            top_tags=tuple(top.get(row["participant_id"], [])[:3]),
        )
        for row in rows
    ]


def page(store: Store, participant_id: int) -> ParticipantPage:
    """Everything one participant ever said, newest session first; KeyError if unknown."""
    who = store.participant(participant_id)
    sessions = store.conn.execute(
        "SELECT count(*) FROM sessions WHERE participant_id = ?", (participant_id,)
    ).fetchone()[0]
    rows = store.named(
        """SELECT e.id, e.session_id, substr(s.created_at, 1, 10) AS session_date, s.goal,
            e.at_ms, e.kind, e.text, e.starred,
            (SELECT group_concat(CASE t.kind WHEN 'topic' THEN '#' ELSE '!' END || t.name, ' ')
             FROM entry_tags x JOIN tags t ON t.id = x.tag_id WHERE x.entry_id = e.id) AS tags
        FROM sessions s JOIN entries e ON e.session_id = s.id
        WHERE s.participant_id = ?
        ORDER BY s.started_at_ms DESC, s.id DESC, e.at_ms, e.id""",
        (participant_id,),
    ).fetchall()
    said = tuple(
        SaidEntry(
            entry_id=row["id"],
            session_id=row["session_id"],
            session_date=row["session_date"],
            goal=row["goal"],
            at_ms=row["at_ms"],
            kind=row["kind"],
            text=row["text"],
            tags=tuple(sorted((row["tags"] or "").split(), key=lambda t: (t[0] != "#", t))),
            starred=bool(row["starred"]),
        )
        for row in rows
    )
    return ParticipantPage(who, sessions, said)


def clean_profile(
    name: str, company: str, email: str, segment: str, facts: list[str]
) -> tuple[str, str, str, str, list[str]]:
    """Trimmed profile fields; ValueError with a readable message when one is unusable."""
    name, company, email, segment = (encodable(v.strip()) for v in (name, company, email, segment))
    facts = [encodable(f) for f in facts]
    if not name:
        raise ValueError("A participant needs a name.")
    if email and ("@" not in email or " " in email):
        raise ValueError(f"{email!r} does not look like an email address.")
    return name, company, email, segment, [f.strip() for f in facts if f.strip()]


def update_profile(
    store: Store,
    participant_id: int,
    name: str,
    company: str = "",
    email: str = "",
    segment: str = "",
    facts: list[str] | None = None,
) -> Participant:
    """Save the profile fields, committed; raises ValueError for a bad field, KeyError if gone."""
    name, company, email, segment, clean = clean_profile(name, company, email, segment, facts or [])
    store.participant(participant_id)
    with store.db.atomic():
        store.conn.execute(
            "UPDATE participants SET name = ?, company = ?, email = ?, segment = ?, facts = ?"
            " WHERE id = ?",
            (name, company, email, segment, json.dumps(clean), participant_id),
        )
    return store.participant(participant_id)


def merge(store: Store, keep_id: int, drop_id: int) -> Participant:
    """Move every session of ``drop_id`` to ``keep_id`` and delete it, in one transaction.

    Empty profile fields of the kept record are filled from the dropped one, and quick
    facts are combined. The triggers move the tag counts with the sessions.
    """
    if keep_id == drop_id:
        raise ValueError("Pick two different participants to merge.")
    keep, drop = store.participant(keep_id), store.participant(drop_id)
    facts = list(dict.fromkeys([*keep.facts, *drop.facts]))
    with store.db.atomic():
        store.conn.execute(
            "UPDATE sessions SET participant_id = ? WHERE participant_id = ?", (keep_id, drop_id)
        )
        store.conn.execute(
            "UPDATE participants SET company = ?, email = ?, segment = ?, facts = ? WHERE id = ?",
            (
                keep.company or drop.company,
                keep.email or drop.email,
                keep.segment or drop.segment,
                json.dumps(facts),
                keep_id,
            ),
        )
        store.conn.execute("DELETE FROM participants WHERE id = ?", (drop_id,))
    return store.participant(keep_id)
