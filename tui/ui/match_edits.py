"""Reviewing a quote's transcript match from the snapshot: take the transcript's words,
confirm, reject, or move the match to the previous or next place the words were said.

Each is one undoable change of the entry (its match is part of its undo record), and
each returns the line to confirm it with.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tui.core.clock import format_ms
from tui.ui import edits

if TYPE_CHECKING:
    from types import ModuleType

    from tui.core.matching import Match
    from tui.core.models import Entry
    from tui.core.session_transcript import MatchedWords
    from tui.store.store import Store
    from tui.ui.app import EarfulApp

NO_WORDS = "No transcript words for this entry: ] looks for where it was said."


def _review() -> ModuleType:
    from tui.store import match_review  # imported when first used, as edits does

    return match_review


def _current(store: Store, entry_id: int) -> MatchedWords | None:
    match: MatchedWords | None = _review().match_of(store, entry_id)
    return None if match is None or match.status == "rejected" else match


def review(app: EarfulApp, store: Store, entry: Entry, how: str) -> str:
    """One of the snapshot's keys on ``entry``: take, confirm, reject, earlier, later."""
    entry = store.entry(entry.id)  # still there: KeyError when deleted in another window
    if entry.kind not in ("quote", "mark"):
        return "Only quotes and marks are matched to the transcript: notes are your own words."
    if how in ("earlier", "later"):
        return move(app, store, entry.id, forward=how == "later")
    return {"take": take_words, "confirm": confirm, "reject": reject}[how](app, store, entry.id)


def take_words(app: EarfulApp, store: Store, entry_id: int) -> str:
    """The transcript's words become the entry's text (the typed words kept as its
    original); a mark filled in this way becomes a quote."""
    match = _current(store, entry_id)
    if match is None:
        return NO_WORDS
    entry = store.entry(entry_id)
    if entry.text == match.words and entry.kind == "quote":
        return "This quote already has the transcript's words."

    def take() -> Entry:
        from tui.store.editing import edit_entry

        edit_entry(store, entry_id, text=match.words, kind="quote")
        score = 100 if match.score is None else match.score  # a mark's words, taken whole
        _review().set_match(store, entry_id, replace(match, status="accepted", score=score))
        return store.entry(entry_id)

    edits.change_entry(app, store, entry_id, "take the transcript's words", take)
    return "Took the transcript's words; the typed ones are kept (ctrl+z undoes)."


def confirm(app: EarfulApp, store: Store, entry_id: int) -> str:
    match = _current(store, entry_id)
    if match is None:
        return NO_WORDS
    if match.status == "accepted":
        return "This match is already confirmed."
    _set(app, store, entry_id, "confirm the match", replace(match, status="accepted"))
    return f"Confirmed: said at {format_ms(match.start_ms)} in the recording."


def reject(app: EarfulApp, store: Store, entry_id: int) -> str:
    match = _current(store, entry_id)
    if match is None:
        return "This entry has no match to reject."
    _set(app, store, entry_id, "reject the match", replace(match, status="rejected"))
    return "Match rejected: [ or ] looks elsewhere (ctrl+z undoes)."


def move(app: EarfulApp, store: Store, entry_id: int, forward: bool) -> str:
    """The match moves to the next (or previous) place the words were said."""
    found = _review().next_place(store, entry_id, forward)
    if found is None:
        where = "later" if forward else "earlier"
        return f"The transcript has nowhere {where} that reads like this quote."
    _set(app, store, entry_id, "move the match", found)
    return f"Matched to the words said at {format_ms(found.start_ms)} (score {found.score})."


def _set(
    app: EarfulApp, store: Store, entry_id: int, label: str, match: MatchedWords | Match
) -> None:
    def change() -> Entry:
        _review().set_match(store, entry_id, match)
        return store.entry(entry_id)

    edits.change_entry(app, store, entry_id, label, change)
