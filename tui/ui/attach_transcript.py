"""Attaching the call's transcript from the snapshot (``earful transcript`` does the same
from the command line).

Asks for the file and reads it at once: a bad file is said under the path, which stays
there to fix. Replacing a transcript is asked first. The matching runs off the UI thread
with a notice saying so; the transcript and its matches are then stored in one
transaction, and the line ``earful transcript`` prints says what matched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.text import plural, visible
from tui.ui import edits
from tui.ui.widgets.dialogs import Confirm, TextPrompt

if TYPE_CHECKING:
    from tui.core.matching import Matching
    from tui.core.transcript import Transcript
    from tui.store.store import Store
    from tui.ui.app import EarfulApp

ASKED = "Attach the call's transcript (WebVTT, SRT, or text lines with times) from"


def ask(app: EarfulApp, store: Store, session_id: int, then: Callable[[], object]) -> None:
    """Ask for the file, then attach it (replacing one only when the person says so);
    ``then`` runs once it is stored."""
    read: list[Transcript] = []

    def check(answer: str) -> str | None:
        from tui.core.transcript import TranscriptError, read_transcript_file

        if not answer.strip():
            return "Type the path of the transcript file, or press Escape."
        path = Path(answer.strip()).expanduser()
        try:
            read[:] = [read_transcript_file(path)]
        except TranscriptError as error:
            return f"{visible(path.name)}: {visible(str(error))}"
        return None

    def chosen(answer: str | None) -> None:
        from tui.store.transcripts import transcript_of

        if answer is None or not read:
            return
        name = Path(answer.strip()).expanduser().name
        try:
            old = transcript_of(store, session_id)
        except sqlite3.Error as error:
            edits.could_not_read(app, error)
            return
        if old is None:
            _match(app, store, session_id, name, read[0], False, then)
            return
        question = (
            f"This interview has a transcript ({old.source}). Replace it with {name}?"
            " Its matches are made again; your quotes are not changed."
        )

        def replace(yes: bool | None) -> None:
            if yes:
                _match(app, store, session_id, name, read[0], True, then)

        app.push_screen(Confirm(question, yes="Replace"), replace)

    app.push_screen(TextPrompt(ASKED, "", "path to the file", check=check), chosen)


def _match(
    app: EarfulApp,
    store: Store,
    session_id: int,
    name: str,
    transcript: Transcript,
    replace: bool,
    then: Callable[[], object],
) -> None:
    from tui.core.matching import match_transcript
    from tui.store.transcripts import recording_sync, typed_entries

    try:
        typed, sync = typed_entries(store, session_id), recording_sync(store, session_id)
    except KeyError:
        app.notify("That interview no longer exists.", severity="warning")
        return
    except sqlite3.Error as error:
        edits.could_not_read(app, error)
        return
    cues = len(transcript.cues)
    app.notify(f"Matching {plural(len(typed), 'entry')} to {cues:,} cues of {name}…")

    def work() -> None:
        matching = match_transcript(transcript.cues, typed, recording_at_ms=sync)
        app.call_from_thread(_store, app, store, session_id, name, transcript, matching, replace)
        app.call_from_thread(then)

    app.run_worker(work, thread=True, group="attach-transcript", exit_on_error=False)


def _store(
    app: EarfulApp,
    store: Store,
    session_id: int,
    name: str,
    transcript: Transcript,
    matching: Matching,
    replace: bool,
) -> None:
    from tui.core.matching import summary
    from tui.store.transcripts import TranscriptExists, attach_transcript

    def attach() -> str:
        try:
            stored = attach_transcript(store, session_id, name, transcript, matching, replace)
        except TranscriptExists as error:  # attached from another window meanwhile
            return f"Not attached: this interview now has a transcript ({error.source})."
        return f"Attached {name}: " + summary(matching, stored.cues, stored.speakers)

    edits.attempt(app, attach, what="session")
