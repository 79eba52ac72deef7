"""A session's transcript in the database: its cues, the recording offset and the
participant's speaker, and the transcript words each typed entry was matched to.

A session has at most one transcript; attaching another replaces it (cues, matches and
all) only when asked. Matching never changes an entry: the words are kept beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.matching import Match, Matching, Status, Typed
from tui.core.session_transcript import MatchedWords
from tui.core.text import encodable
from tui.core.transcript import Cue, Transcript
from tui.store.stamps import now_iso
from tui.store.store import Store

STATUSES: tuple[Status, ...] = ("accepted", "confirm", "rejected")


class TranscriptExists(Exception):
    """The session has a transcript and replacing it was not asked for."""

    def __init__(self, session_id: int, source: str) -> None:
        super().__init__(f"session {session_id} already has a transcript ({source})")
        self.session_id = session_id
        self.source = source


@dataclass(frozen=True)
class StoredTranscript:
    id: int
    session_id: int
    source: str  # the file's name as given
    format: str
    offset_ms: int | None  # recording time of interview time 0; None when not known
    offset_from: str  # "sync", "estimated" or "given"
    speaker: str  # the participant's speaker
    added_at: str
    cues: int
    speakers: int


def typed_entries(store: Store, session_id: int) -> list[Typed]:
    """The session's quotes and marks, to be matched."""
    rows = store.conn.execute(
        "SELECT id, kind, text, at_ms FROM entries"
        " WHERE session_id = ? AND kind IN ('quote', 'mark') ORDER BY at_ms, id",
        (session_id,),
    )
    return [Typed(int(i), str(kind), str(text), int(at)) for i, kind, text, at in rows]


def recording_sync(store: Store, session_id: int) -> int | None:
    """The session's recording sync (interview ms when the recording started), if any;
    ``KeyError`` for no such session."""
    row = store.conn.execute(
        "SELECT recording_at_ms FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    if row is None:
        raise KeyError(session_id)
    return None if row[0] is None else int(row[0])


def transcript_of(store: Store, session_id: int) -> StoredTranscript | None:
    """The session's transcript, with how many cues and named speakers it has."""
    row = store.named(
        """SELECT t.*,
            (SELECT count(*) FROM transcript_cues c WHERE c.transcript_id = t.id) AS cues,
            (SELECT count(DISTINCT speaker) FROM transcript_cues c
                WHERE c.transcript_id = t.id AND speaker <> '') AS speakers
        FROM transcripts t WHERE t.session_id = ?""",
        (session_id,),
    ).fetchone()
    if row is None:
        return None
    return StoredTranscript(
        row["id"],
        row["session_id"],
        row["source"],
        row["format"],
        row["offset_ms"],
        row["offset_from"],
        row["speaker"],
        row["added_at"],
        row["cues"],
        row["speakers"],
    )


def attach_transcript(
    store: Store,
    session_id: int,
    source: str,
    transcript: Transcript,
    matching: Matching,
    replace: bool = False,
) -> StoredTranscript:
    """Store ``transcript`` and its matches for the session, in one transaction.

    ``TranscriptExists`` (nothing written) if the session has one and not ``replace``;
    ``KeyError`` if there is no such session.
    """
    with store.db.atomic():
        recording_sync(store, session_id)  # the session is there
        old = transcript_of(store, session_id)
        if old is not None:
            if not replace:
                raise TranscriptExists(session_id, old.source)
            store.conn.execute("DELETE FROM transcripts WHERE id = ?", (old.id,))
        cursor = store.conn.execute(
            "INSERT INTO transcripts (session_id, source, format, offset_ms, offset_from,"
            " speaker, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                encodable(source),
                transcript.format,
                matching.offset_ms,
                matching.offset_from,
                matching.speaker,
                now_iso(),
            ),
        )
        transcript_id = int(cursor.lastrowid or 0)
        store.conn.executemany(
            "INSERT INTO transcript_cues (transcript_id, position, start_ms, end_ms, speaker,"
            " text) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (transcript_id, n, c.start_ms, c.end_ms, c.speaker, c.text)
                for n, c in enumerate(transcript.cues)
            ],
        )
        store.conn.executemany(
            "INSERT INTO transcript_matches (entry_id, transcript_id, start_ms, end_ms, words,"
            " speaker, score, status) SELECT ?, ?, ?, ?, ?, ?, ?, ?"
            " WHERE EXISTS (SELECT 1 FROM entries WHERE id = ? AND session_id = ?)",
            [(*_match_row(transcript_id, m), m.entry_id, session_id) for m in matching.matches],
        )
    stored = transcript_of(store, session_id)
    assert stored is not None
    return stored


def _match_row(transcript_id: int, m: Match) -> tuple[object, ...]:
    return (m.entry_id, transcript_id, m.start_ms, m.end_ms, m.words, m.speaker, m.score, m.status)


def transcript_cues(store: Store, session_id: int) -> list[Cue]:
    """The session's transcript, cue by cue in time order (none without a transcript)."""
    rows = store.conn.execute(
        "SELECT c.start_ms, c.end_ms, c.speaker, c.text FROM transcript_cues c"
        " JOIN transcripts t ON t.id = c.transcript_id WHERE t.session_id = ?"
        " ORDER BY c.position",
        (session_id,),
    )
    return [Cue(int(a), int(b), str(who), str(text)) for a, b, who, text in rows]


def entry_matches(store: Store, session_id: int) -> dict[int, MatchedWords]:
    """Each matched entry of the session, by entry id."""
    rows = store.conn.execute(
        "SELECT m.entry_id, m.start_ms, m.end_ms, m.words, m.speaker, m.score, m.status"
        " FROM transcript_matches m JOIN transcripts t ON t.id = m.transcript_id"
        " WHERE t.session_id = ?",
        (session_id,),
    )
    return {int(row[0]): MatchedWords(*row) for row in rows}


def set_match_status(store: Store, entry_id: int, status: Status) -> bool:
    """Accept, ask about again, or reject an entry's match; False if it has none."""
    if status not in STATUSES:
        raise ValueError(f"a match's status is one of {', '.join(STATUSES)}, not {status!r}")
    with store.db.atomic():
        cursor = store.conn.execute(
            "UPDATE transcript_matches SET status = ? WHERE entry_id = ?", (status, entry_id)
        )
    return cursor.rowcount > 0
