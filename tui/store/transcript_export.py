"""A session's transcript as its snapshot and exports carry it: read from the store, and
restored to it by an import.

Everything goes through ``transcripts``, the module that stores transcripts; this one
only turns its rows into the plain snapshot parts and back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from tui.core.matching import Match, Matching
from tui.core.session_transcript import MatchedWords, OffsetFrom, SessionTranscript
from tui.core.transcript import Transcript
from tui.store import transcripts
from tui.store.store import Store


def session_transcript(
    store: Store, session_id: int, cues: bool = True
) -> SessionTranscript | None:
    """The session's transcript, with all its cues unless not ``cues``; or None."""
    stored = transcripts.transcript_of(store, session_id)
    if stored is None:
        return None
    return SessionTranscript(
        stored.source,
        stored.format,
        stored.speaker,
        stored.offset_ms,
        cast(OffsetFrom, stored.offset_from),  # the table allows no other value
        tuple(transcripts.transcript_cues(store, session_id)) if cues else (),
    )


def restore_transcript(
    store: Store,
    session_id: int,
    found: SessionTranscript,
    matches: Mapping[int, MatchedWords],
    new_ids: Mapping[int, int],
) -> None:
    """Store an imported session's transcript and its entries' matches as exported (no
    matching is redone); ``new_ids`` maps the export's entry ids to the stored ones."""
    kept = [
        Match(new_ids[e], m.start_ms, m.end_ms, m.words, m.speaker, m.score, m.status)
        for e, m in matches.items()
        if e in new_ids
    ]
    quotes = sum(1 for m in kept if m.score is not None)
    matching = Matching(found.speaker, found.offset_ms, found.offset_from, quotes, tuple(kept))
    transcript = Transcript(found.format, found.cues)
    transcripts.attach_transcript(store, session_id, found.source, transcript, matching)
