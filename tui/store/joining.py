"""Joining two note-takers' sessions of the same call into one, and undoing that.

The other session's entries move into the kept one (ids, uuids, tags, flags, verbatim
text, ticked to-dos and authors stay theirs), their interview times shifted onto the kept
session's clock (see ``tui.core.joining``); its opportunities and insights are added to
the kept session's; its transcript moves too when the kept session has none; then the
other session is deleted, so its tombstone travels with a merge. All in one transaction.

``unjoin`` puts it all back from the ``JoinRecord``: the other session with its id and
uuid (its tombstone goes), its entries with their own times. As with every undo here, the
rows it changes get a new ``updated_at``: undoing is an edit too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from tui.core.clock import ClockState, InterviewClock, wall_ms
from tui.core.joining import Joined
from tui.core.models import person_label
from tui.store.store import Store

LISTS = ("opportunities", "insights")


class JoinRefused(ValueError):
    """The two sessions cannot be joined; the message is the one line to say."""


@dataclass
class JoinRecord:
    """Everything ``unjoin`` needs to put both sessions back as they were."""

    joined: Joined
    other: dict[str, Any]  # the other session's row
    moved: list[tuple[int, int, int | None]]  # entry id, at_ms and question_id before
    ticks: list[tuple[int, int, int]] = field(default_factory=list)  # the other's
    ticks_added: list[int] = field(default_factory=list)  # questions ticked into the kept one
    lists: dict[str, str] = field(default_factory=dict)  # the kept session's, before
    memorable_set: bool = False  # the other's memorable quote became the kept session's
    moved_transcript: tuple[int, int | None] | None = None  # its id and offset_ms before
    transcript: dict[str, Any] | None = None  # the other's, dropped (the kept one had one)
    cues: list[dict[str, Any]] = field(default_factory=list)
    matches: list[dict[str, Any]] = field(default_factory=list)  # dropped with it

    @property
    def keep_id(self) -> int:
        return self.joined.keep_id

    @property
    def other_id(self) -> int:
        return int(self.other["id"])


@dataclass(frozen=True)
class Candidate:
    """Another session with the same participant, as the snapshot offers it to join."""

    id: int
    created_at: str
    duration_ms: int
    entries: int
    authors: tuple[str, ...]  # most entries first; '' (not known) left out


def _rows(store: Store, sql: str, *params: object) -> list[dict[str, Any]]:
    return [dict(zip(r.keys(), r, strict=True)) for r in store.named(sql, params).fetchall()]


def _session(store: Store, session_id: int) -> dict[str, Any]:
    found = _rows(store, "SELECT * FROM sessions WHERE id = ?", session_id)
    if not found:
        raise KeyError(session_id)
    return found[0]


def _insert(store: Store, table: str, row: dict[str, Any]) -> int:
    """Insert ``row``; with its id when that is free, else under a new one."""
    names, marks = ", ".join(row), ", ".join("?" * len(row))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    try:
        with store.db.atomic():  # a savepoint: a clash undoes only this insert
            return int(store.conn.execute(sql, list(row.values())).lastrowid or 0)
    except sqlite3.IntegrityError:
        if row.get("id") is None:
            raise
        values = list({**row, "id": None}.values())
        return int(store.conn.execute(sql, values).lastrowid or 0)


def _authors(store: Store, session_id: int) -> tuple[str, ...]:
    rows = store.conn.execute(
        "SELECT author FROM entries WHERE session_id = ? AND author <> ''"
        " GROUP BY author ORDER BY count(*) DESC, author",
        (session_id,),
    )
    return tuple(row[0] for row in rows)


def _name(store: Store, participant_id: int) -> tuple[str, str]:
    row = store.conn.execute(
        "SELECT name, company FROM participants WHERE id = ?", (participant_id,)
    ).fetchone()
    return (row[0], row[1]) if row else ("?", "")


def join_candidates(
    store: Store, session_id: int, now: Callable[[], int] = wall_ms
) -> list[Candidate]:
    """The participant's other sessions, most recent first; KeyError for no such session."""
    session = _session(store, session_id)
    rows = store.named(
        "SELECT s.id, s.created_at, s.started_at_ms, s.paused_ms, s.paused_since_ms,"
        " s.ended_at_ms, (SELECT count(*) FROM entries e WHERE e.session_id = s.id) AS n"
        " FROM sessions s WHERE s.participant_id = ? AND s.id <> ?"
        " ORDER BY s.started_at_ms DESC, s.id DESC",
        (session["participant_id"], session_id),
    ).fetchall()
    found = []
    for row in rows:
        state = ClockState(
            row["started_at_ms"], row["paused_ms"], row["paused_since_ms"], row["ended_at_ms"]
        )
        duration = InterviewClock(state, now).elapsed_ms()
        authors = _authors(store, row["id"])
        found.append(Candidate(row["id"], row["created_at"], duration, row["n"], authors))
    return found


def join_sessions(store: Store, keep_id: int, other_id: int) -> JoinRecord:
    """Join session ``other_id`` into ``keep_id`` (see the module); committed.

    KeyError for a session that does not exist; JoinRefused, saying why in one line, for a
    session joined with itself or sessions with different participants.
    """
    if keep_id == other_id:
        raise JoinRefused(f"session {keep_id} cannot be joined with itself")
    keep, other = _session(store, keep_id), _session(store, other_id)
    if keep["participant_id"] != other["participant_id"]:
        ours, theirs = _name(store, keep["participant_id"]), _name(store, other["participant_id"])
        # Their names tell them apart; two people of the same name, their companies too.
        same = ours[0].casefold() == theirs[0].casefold()
        names = (person_label(*ours), person_label(*theirs)) if same else (ours[0], theirs[0])
        raise JoinRefused(
            f"sessions {keep_id} and {other_id} are with different participants"
            f" ({names[0]}, {names[1]}): join only the notes of one call"
        )
    joined = _alignment(store, keep, other)
    record = JoinRecord(joined, other, _moved(store, other_id))
    with store.db.atomic():
        _move_entries(store, record, keep)
        _move_ticks(store, record, keep)
        joined = replace(joined, transcript=_move_transcript(store, record))
        _merge_lists(store, record, keep)
        store.conn.execute("DELETE FROM sessions WHERE id = ?", (other_id,))
    record.joined = joined
    return record


def _alignment(store: Store, keep: dict[str, Any], other: dict[str, Any]) -> Joined:
    """How far the other session's times move: by the recording syncs when both have one,
    else by the start times (a pause is kept only as a total, so it cannot be placed)."""
    synced = keep["recording_at_ms"] is not None and other["recording_at_ms"] is not None
    if synced:
        shift, gap = keep["recording_at_ms"] - other["recording_at_ms"], 0
    else:
        shift = other["started_at_ms"] - keep["started_at_ms"]
        gap = abs(keep["paused_ms"] - other["paused_ms"])
    counted = store.conn.execute(
        "SELECT count(*), count(CASE WHEN at_ms + ? < 0 THEN 1 END) FROM entries"
        " WHERE session_id = ?",
        (shift, other["id"]),
    ).fetchone()
    authors = _authors(store, other["id"])
    return Joined(keep["id"], other["id"], counted[0], authors, synced, shift, counted[1], "", gap)


def _moved(store: Store, other_id: int) -> list[tuple[int, int, int | None]]:
    rows = store.conn.execute(
        "SELECT id, at_ms, question_id FROM entries WHERE session_id = ? ORDER BY id", (other_id,)
    )
    return [(row[0], row[1], row[2]) for row in rows]


def _move_entries(store: Store, record: JoinRecord, keep: dict[str, Any]) -> None:
    """Into the kept session, on its clock; a link to a question of another guide goes."""
    store.conn.execute(
        "UPDATE entries SET session_id = :keep, at_ms = max(0, at_ms + :shift),"
        " question_id = CASE WHEN question_id IN (SELECT q.id FROM guide_questions q"
        "  JOIN guide_sections gs ON gs.id = q.section_id WHERE gs.version_id = :guide)"
        "  THEN question_id END"
        " WHERE session_id = :other",
        {
            "keep": keep["id"],
            "shift": record.joined.shift_ms,
            "guide": keep["guide_version_id"],
            "other": record.other_id,
        },
    )


def _move_ticks(store: Store, record: JoinRecord, keep: dict[str, Any]) -> None:
    """Questions the other note-taker ticked count for the kept session when both followed
    the same guide and the kept one has not ticked them."""
    record.ticks = [
        (row[0], row[1], row[2])
        for row in store.conn.execute(
            "SELECT question_id, asked_at_ms, skipped FROM questions_asked WHERE session_id = ?",
            (record.other_id,),
        )
    ]
    if keep["guide_version_id"] is None or keep["guide_version_id"] != record.other.get(
        "guide_version_id"
    ):
        return
    ticked = {
        row[0]
        for row in store.conn.execute(
            "SELECT question_id FROM questions_asked WHERE session_id = ?", (keep["id"],)
        )
    }
    added = [tick for tick in record.ticks if tick[0] not in ticked]
    store.conn.executemany(
        "INSERT INTO questions_asked (session_id, question_id, asked_at_ms, skipped)"
        " VALUES (?, ?, max(0, ? + ?), ?)",
        [(keep["id"], q, at, record.joined.shift_ms, skipped) for q, at, skipped in added],
    )
    record.ticks_added = [tick[0] for tick in added]


def _move_transcript(store: Store, record: JoinRecord) -> str:
    """The other's transcript: "moved" to the kept session (its offset onto the kept
    clock) when that has none, else "dropped" with the other session; "" when none."""
    theirs = _rows(store, "SELECT * FROM transcripts WHERE session_id = ?", record.other_id)
    if not theirs:
        return ""
    transcript = theirs[0]
    ours = store.conn.execute(
        "SELECT 1 FROM transcripts WHERE session_id = ?", (record.keep_id,)
    ).fetchone()
    if ours is None:
        record.moved_transcript = (transcript["id"], transcript["offset_ms"])
        store.conn.execute(
            "UPDATE transcripts SET session_id = ?, offset_ms = offset_ms - ? WHERE id = ?",
            (record.keep_id, record.joined.shift_ms, transcript["id"]),
        )
        return "moved"
    record.transcript = transcript
    record.cues = _rows(
        store, "SELECT * FROM transcript_cues WHERE transcript_id = ?", transcript["id"]
    )
    record.matches = _rows(
        store, "SELECT * FROM transcript_matches WHERE transcript_id = ?", transcript["id"]
    )
    return "dropped"


def _merge_lists(store: Store, record: JoinRecord, keep: dict[str, Any]) -> None:
    """The other's opportunities and insights after the kept ones, each once; its
    memorable quote when the kept session has not picked one."""
    record.lists = {which: keep[which] for which in LISTS}
    for which in LISTS:
        ours = list(json.loads(keep[which] or "[]"))
        more = [item for item in json.loads(record.other[which] or "[]") if item not in ours]
        if more:
            store.conn.execute(
                f"UPDATE sessions SET {which} = ? WHERE id = ?",
                (json.dumps(ours + more, ensure_ascii=False), keep["id"]),
            )
    picked = record.other["memorable_entry_id"]
    if keep["memorable_entry_id"] is None and picked in {m[0] for m in record.moved}:
        record.memorable_set = True
        store.conn.execute(
            "UPDATE sessions SET memorable_entry_id = ? WHERE id = ?", (picked, keep["id"])
        )


def unjoin(store: Store, record: JoinRecord) -> None:
    """Put both sessions back as they were before ``join_sessions``; committed.

    KeyError when the kept session was deleted meanwhile (in another window).
    """
    _session(store, record.keep_id)
    with store.db.atomic():
        record.other["id"] = _insert(store, "sessions", record.other)
        store.conn.executemany(
            "UPDATE entries SET session_id = ?, at_ms = ?, question_id = ?"
            " WHERE id = ? AND session_id = ?",
            [(record.other_id, at, q, e, record.keep_id) for e, at, q in record.moved],
        )
        store.conn.executemany(
            "DELETE FROM questions_asked WHERE session_id = ? AND question_id = ?",
            [(record.keep_id, q) for q in record.ticks_added],
        )
        store.conn.executemany(
            "INSERT INTO questions_asked (session_id, question_id, asked_at_ms, skipped)"
            " VALUES (?, ?, ?, ?)",
            [(record.other_id, *tick) for tick in record.ticks],
        )
        _put_transcript_back(store, record)
        for which, before in record.lists.items():
            store.conn.execute(
                f"UPDATE sessions SET {which} = ? WHERE id = ?", (before, record.keep_id)
            )
        if record.memorable_set:
            store.conn.execute(
                "UPDATE sessions SET memorable_entry_id = NULL WHERE id = ?", (record.keep_id,)
            )


def _put_transcript_back(store: Store, record: JoinRecord) -> None:
    if record.moved_transcript is not None:
        transcript_id, offset_ms = record.moved_transcript
        store.conn.execute(
            "UPDATE transcripts SET session_id = ?, offset_ms = ? WHERE id = ?",
            (record.other_id, offset_ms, transcript_id),
        )
    if record.transcript is None:
        return
    record.transcript["session_id"] = record.other_id
    record.transcript["id"] = _insert(store, "transcripts", record.transcript)
    for cue in record.cues:
        _insert(
            store, "transcript_cues", {**cue, "id": None, "transcript_id": record.transcript["id"]}
        )
    moved = {m[0] for m in record.moved}
    for match in record.matches:
        if match["entry_id"] in moved and _exists(store, match["entry_id"]):
            _insert(
                store, "transcript_matches", {**match, "transcript_id": record.transcript["id"]}
            )


def _exists(store: Store, entry_id: int) -> bool:
    return (
        store.conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone() is not None
    )
