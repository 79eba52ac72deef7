"""A quote taken from the transcript after the call: the words said, verbatim, saved as
an entry at the interview time they were said, and matched to those words at once."""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.models import Entry
from tui.core.text import encodable
from tui.store.store import Store

TAKEN_SCORE = 100  # the words are the quote: nothing left to match


def add_transcript_quote(
    store: Store,
    session_id: int,
    text: str,
    at_ms: int,
    words: tuple[int, int, str],
    topics: Iterable[str] = (),
    emotions: Iterable[str] = (),
) -> Entry:
    """Save ``text`` as a quote at interview time ``at_ms`` with its tags, matched (accepted,
    score 100) to the words said between recording times ``words`` = (start, end, speaker).

    One transaction; ``KeyError`` (nothing written) when the session has no transcript.
    """
    start_ms, end_ms, speaker = words
    with store.db.atomic():
        row = store.conn.execute(
            "SELECT id FROM transcripts WHERE session_id = ?", (session_id,)
        ).fetchone()
        if row is None:
            raise KeyError(session_id)
        entry = store.add_entry(session_id, "quote", text, max(0, at_ms), topics, emotions)
        store.conn.execute(
            "INSERT INTO transcript_matches (entry_id, transcript_id, start_ms, end_ms, words,"
            " speaker, score, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'accepted')",
            (entry.id, int(row[0]), start_ms, end_ms, encodable(text), speaker, TAKEN_SCORE),
        )
    return entry
