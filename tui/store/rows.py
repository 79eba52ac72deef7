"""Rows of the capture tables, read by column name into the core's models."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence

from tui.core.clock import ClockState, InterviewClock
from tui.core.models import Entry, Participant, Session, SessionSummary

ENTRY_COLUMNS = (
    "id, session_id, kind, text, at_ms, starred, follow_up, testimonial, original_text, author"
)
# What ``participant_from_row`` reads, from ``participants p``; the id is named so that it
# does not clash with a session's own id in a join.
PARTICIPANT_COLUMNS = "p.id AS participant_id, p.name, p.company, p.email, p.segment, p.facts"
SESSION_COLUMNS = f"""s.id, s.goal, s.planned_minutes, s.created_at, s.started_at_ms, s.paused_ms,
    s.paused_since_ms, s.ended_at_ms, s.recording_at_ms, s.draft_text, s.draft_kind,
    s.draft_at_ms, s.draft_tags, {PARTICIPANT_COLUMNS}"""


def participant_from_row(row: sqlite3.Row) -> Participant:
    """A participant from a row holding ``PARTICIPANT_COLUMNS``."""
    return Participant(
        id=row["participant_id"],
        name=row["name"],
        company=row["company"],
        email=row["email"],
        segment=row["segment"],
        facts=tuple(json.loads(row["facts"] or "[]")),
    )


def session_from_row(row: sqlite3.Row) -> Session:
    clock = ClockState(
        row["started_at_ms"], row["paused_ms"], row["paused_since_ms"], row["ended_at_ms"]
    )
    return Session(
        id=row["id"],
        participant=participant_from_row(row),
        goal=row["goal"],
        planned_minutes=row["planned_minutes"],
        created_at=row["created_at"],
        clock=clock,
        recording_at_ms=row["recording_at_ms"],
        draft_text=row["draft_text"],
        draft_kind=row["draft_kind"],
        draft_at_ms=row["draft_at_ms"],
        draft_tags=tuple(json.loads(row["draft_tags"] or "[]")),
    )


# Newest first. The page of sessions is picked (by the order alone) before anything else
# is read, so each entry count is taken for the sessions shown only: counting all of a
# decade's sessions' entries reads every entry's index row (a million of them).
_SUMMARIES = """SELECT s.id, s.created_at, p.name AS participant, p.company, s.goal,
        (SELECT count(*) FROM entries e WHERE e.session_id = s.id) AS entries,
        s.started_at_ms, s.paused_ms, s.paused_since_ms, s.ended_at_ms
    FROM ({picked}) page
    JOIN sessions s ON s.id = page.id JOIN participants p ON p.id = s.participant_id
    ORDER BY s.started_at_ms DESC, s.id DESC"""
SESSION_LIST = _SUMMARIES.format(
    picked="SELECT id FROM sessions ORDER BY started_at_ms DESC, id DESC LIMIT ? OFFSET ?"
)


def session_list(
    conn: sqlite3.Connection,
    now: Callable[[], int],
    limit: int | None = None,
    offset: int = 0,
) -> list[SessionSummary]:
    """Sessions newest first, with their entry count and length (a running one's up to
    ``now``): every one, or ``limit`` of them after the first ``offset`` (a page of the
    list, read in time proportional to the page, not to the database)."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    page = (-1 if limit is None else max(0, limit), max(0, offset))
    return [summary_from_row(row, now) for row in cursor.execute(SESSION_LIST, page)]


def session_summary(
    conn: sqlite3.Connection, now: Callable[[], int], session_id: int
) -> SessionSummary | None:
    """One session as the list shows it (None when there is no such session), without
    reading the list."""
    found = session_summaries(conn, now, [session_id])
    return found[0] if found else None


_SOME_SESSIONS = _SUMMARIES.format(picked="SELECT value AS id FROM json_each(?)")


def session_summaries(
    conn: sqlite3.Connection, now: Callable[[], int], session_ids: Sequence[int]
) -> list[SessionSummary]:
    """The sessions ``session_ids`` as the list shows them, in that order (a page of a list
    arranged elsewhere; ids of sessions gone meanwhile are left out)."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    found = {
        row["id"]: summary_from_row(row, now)
        for row in cursor.execute(_SOME_SESSIONS, (json.dumps(list(session_ids)),))
    }
    return [found[i] for i in session_ids if i in found]


def session_count(conn: sqlite3.Connection) -> int:
    """How many sessions the whole list has (for "40 of 10,000 shown")."""
    return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])


def summary_from_row(row: sqlite3.Row, now: Callable[[], int]) -> SessionSummary:
    clock = InterviewClock(
        ClockState(
            row["started_at_ms"], row["paused_ms"], row["paused_since_ms"], row["ended_at_ms"]
        ),
        now,
    )
    return SessionSummary(
        id=row["id"],
        created_at=row["created_at"],
        participant=row["participant"],
        company=row["company"],
        goal=row["goal"],
        entries=row["entries"],
        duration_ms=clock.elapsed_ms(),
        ended=clock.ended,
    )


def entry_from_row(row: sqlite3.Row, topics: list[str], emotions: list[str]) -> Entry:
    return Entry(
        id=row["id"],
        session_id=row["session_id"],
        kind=row["kind"],
        text=row["text"],
        at_ms=row["at_ms"],
        topics=tuple(topics),
        emotions=tuple(emotions),
        starred=bool(row["starred"]),
        follow_up=bool(row["follow_up"]),
        testimonial=bool(row["testimonial"]),
        original_text=row["original_text"],
        author=row["author"],
    )


def entries_with_tags(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[Entry]:
    """The entries of ``rows`` (read by ``ENTRY_COLUMNS``) with their tags, each kind by
    name: one more query for all of them."""
    if not rows:
        return []
    tags: dict[int, tuple[list[str], list[str]]] = {row["id"]: ([], []) for row in rows}
    link_sql = (
        "SELECT et.entry_id, t.kind, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id"
    )
    if len(tags) < 900:  # SQLite's limit on parameters: a whole session by its id instead
        marks = ",".join("?" * len(tags))
        links = conn.execute(
            f"{link_sql} WHERE et.entry_id IN ({marks}) ORDER BY t.kind, t.name", list(tags)
        )
    else:
        links = conn.execute(
            f"{link_sql} JOIN entries e ON e.id = et.entry_id WHERE e.session_id = ?"
            " ORDER BY t.kind, t.name",
            (rows[0]["session_id"],),
        )
    for entry_id, kind, name in links:
        if entry_id in tags:
            tags[entry_id][0 if kind == "topic" else 1].append(name)
    return [entry_from_row(row, *tags[row["id"]]) for row in rows]
