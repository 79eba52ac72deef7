"""A quote's match to the transcript, reviewed by a person: matched again, confirmed,
rejected or moved to another place the words were said. The entry's words are never
changed here (taking the transcript's words is an ordinary edit of the entry), but a
review is an edit of it all the same: it moves the entry's ``updated_at``, so a merge
carries the newer review to the other file with the entry."""

from __future__ import annotations

from dataclasses import replace

from tui.core.match_review import candidates, step
from tui.core.matching import Match, Matching, Typed, match_transcript
from tui.core.session_transcript import MatchedWords
from tui.core.transcript import Transcript
from tui.store.stamps import now_utc
from tui.store.store import Store
from tui.store.transcripts import (
    recording_sync,
    transcript_cues,
    transcript_of,
    typed_entries,
)


def match_session(
    store: Store,
    session_id: int,
    transcript: Transcript,
    speaker: str | None = None,
    offset_ms: int | None = None,
) -> Matching:
    """Match the session's quotes (and marks) to ``transcript``: reads only.
    ``KeyError`` for no such session; ``SpeakerNotFound`` for an unknown ``speaker``."""
    sync = recording_sync(store, session_id)
    return match_transcript(
        transcript.cues,
        typed_entries(store, session_id),
        speaker=speaker,
        offset_ms=offset_ms,
        recording_at_ms=sync,
    )


def match_of(store: Store, entry_id: int) -> MatchedWords | None:
    row = store.conn.execute(
        "SELECT entry_id, start_ms, end_ms, words, speaker, score, status"
        " FROM transcript_matches WHERE entry_id = ?",
        (entry_id,),
    ).fetchone()
    return None if row is None else MatchedWords(*row)


def set_match(store: Store, entry_id: int, match: MatchedWords | Match | None) -> None:
    """Make ``match`` the entry's match (None: it has none), in one transaction; an edit
    of the entry, stamped now. ``KeyError`` if the entry is gone or its session has no
    transcript."""
    with store.db.atomic():
        row = store.conn.execute(
            "SELECT t.id FROM entries e JOIN transcripts t ON t.session_id = e.session_id"
            " WHERE e.id = ?",
            (entry_id,),
        ).fetchone()
        if row is None:
            raise KeyError(entry_id)
        store.conn.execute("DELETE FROM transcript_matches WHERE entry_id = ?", (entry_id,))
        if match is not None:
            store.conn.execute(
                "INSERT INTO transcript_matches (entry_id, transcript_id, start_ms, end_ms,"
                " words, speaker, score, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry_id,
                    row[0],
                    match.start_ms,
                    match.end_ms,
                    match.words,
                    match.speaker,
                    match.score,
                    match.status,
                ),
            )
        # No trigger watches this table: the entry is stamped here, as tagging stamps it
        # (migration 0009), never back in time.
        store.conn.execute(
            "UPDATE entries SET updated_at = max(coalesce(updated_at, ''), ?) WHERE id = ?",
            (now_utc(), entry_id),
        )


def next_place(store: Store, entry_id: int, forward: bool) -> Match | None:
    """The next (or previous) place in the transcript the quote could have been said,
    after (before) its current match, or its expected moment; None when there is none.
    ``KeyError`` if the entry is gone or its session has no transcript."""
    row = store.conn.execute(
        "SELECT session_id, kind, text, at_ms FROM entries WHERE id = ?", (entry_id,)
    ).fetchone()
    if row is None:
        raise KeyError(entry_id)
    session_id, kind, text, at_ms = row
    stored = transcript_of(store, session_id)
    if stored is None:
        raise KeyError(entry_id)
    typed = Typed(entry_id, str(kind), str(text), int(at_ms))
    places = candidates(transcript_cues(store, session_id), typed, stored.offset_ms)
    current = match_of(store, entry_id)
    span: tuple[int, int] | None = None
    if current is not None:  # a rejected match still says where not to look
        span = (current.start_ms, current.end_ms)
    elif stored.offset_ms is not None:
        expected = int(at_ms) + stored.offset_ms
        span = (expected, expected)
    found = step(places, span, forward)
    return None if found is None else replace(found, status="accepted")
