"""Taking a quote from the transcript: what the screen reads, and the undoable save."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.core.clock import format_ms
from tui.core.models import Entry, Session
from tui.core.session_transcript import MatchedWords
from tui.core.transcript import Cue
from tui.core.undo import Change
from tui.store import editing
from tui.store.transcript_quotes import add_transcript_quote
from tui.store.transcripts import StoredTranscript, entry_matches, transcript_cues
from tui.store.transcripts import transcript_of as stored_transcript
from tui.ui.widgets.transcript_words import Taken

if TYPE_CHECKING:
    from tui.store.editing import EntryRecord
    from tui.store.store import Store
    from tui.ui.app import EarfulApp

NO_TRANSCRIPT = "This session has no transcript: attach one with earful transcript SESSION FILE"
NO_OFFSET = (
    "Not taken: when this recording began is not known. Sync it (ctrl+r on the live"
    " screen) or attach the transcript again with earful transcript SESSION FILE"
    " --offset SECONDS --replace."
)


@dataclass(frozen=True)
class SessionTranscript:
    """Everything the transcript screen shows, read at once."""

    session: Session
    stored: StoredTranscript
    cues: list[Cue]
    matches: dict[int, MatchedWords]

    @property
    def offset_ms(self) -> int | None:
        """Recording time of interview time 0: the transcript's, else the session's sync."""
        if self.stored.offset_ms is not None:
            return self.stored.offset_ms
        sync = self.session.recording_at_ms
        return None if sync is None else -sync


def read_transcript(store: Store, session_id: int) -> SessionTranscript | None:
    """The session's transcript, or None without one (``KeyError``: no such session)."""
    session = store.session(session_id)
    stored = stored_transcript(store, session_id)
    if stored is None:
        return None
    return SessionTranscript(
        session, stored, transcript_cues(store, session_id), entry_matches(store, session_id)
    )


def take_quote(
    app: EarfulApp,
    store: Store,
    session_id: int,
    words: Taken,
    offset_ms: int,
    tags: tuple[tuple[str, ...], tuple[str, ...]],
) -> str:
    """Save ``words`` as a quote at the interview time they were said, matched to them,
    as one undoable change; says what was done."""
    at_ms = max(0, words.start_ms - offset_ms)
    topics, emotions = tags
    entry: Entry = add_transcript_quote(
        store,
        session_id,
        words.text,
        at_ms,
        (words.start_ms, words.end_ms, words.speaker),
        topics,
        emotions,
    )
    deleted: list[EntryRecord] = []

    def undo() -> None:
        deleted.append(editing.delete_entry(store, entry.id))

    def redo() -> None:
        editing.restore_entry(store, deleted.pop())

    app.undo.record(Change("quote from the transcript", redo=redo, undo=undo))
    return (
        f"Quote saved: {format_ms(words.start_ms)} in the recording, {format_ms(at_ms)}"
        " interview time (ctrl+z undoes)."
    )
