"""Joining another note-taker's session of the same call into the snapshot shown (J), as
``earful join`` does from the command line.

Lists the participant's other sessions, most recent first, with what tells them apart
(date, length, entries, who typed them), and asks which; the most recent is offered.
The join is one undoable change: ctrl+z puts the other session back, ctrl+g joins again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from tui.core.clock import format_ms
from tui.core.text import plural, visible
from tui.core.undo import Change
from tui.ui import edits
from tui.ui.widgets.dialogs import TextPrompt

if TYPE_CHECKING:
    from types import ModuleType

    from tui.store.joining import Candidate, JoinRecord
    from tui.store.store import Store
    from tui.ui.app import EarfulApp

LISTED = 6  # sessions listed (the question fits 80×24); older ones are joined by their id


def _joining() -> ModuleType:
    from tui.store import joining  # imported when first used, as edits does

    return joining


class Shown(Protocol):
    """The screen showing the session to join into (the snapshot)."""

    earful: EarfulApp
    store: Store | None
    session_id: int

    def reload(self) -> object: ...


def join_into_shown(screen: Shown) -> None:
    """The snapshot's J: ask which session to join into the one shown, join it, show it."""
    if screen.store is not None:
        ask(screen.earful, screen.store, screen.session_id, screen.reload)


def ask(app: EarfulApp, store: Store, session_id: int, then: Callable[[], object]) -> None:
    """Ask which of the participant's other sessions to join into ``session_id``, join it
    as one undoable change, then run ``then``."""
    try:
        found: list[Candidate] = _joining().join_candidates(store, session_id, app.now)
        name = store.session(session_id).participant.name
    except KeyError:
        app.notify("That session no longer exists.", severity="warning")
        return
    except sqlite3.Error as error:
        edits.could_not_read(app, error)
        return
    if not found:
        app.notify(
            f"{visible(name)} has no other session to join into this one.",
            severity="warning",
            markup=False,
        )
        return
    ids = {str(c.id) for c in found}

    def check(answer: str) -> str | None:
        if answer.strip().lstrip("#") in ids:
            return None
        return "Type the number of one of the sessions listed, or press Escape."

    def chosen(answer: str | None) -> None:
        if answer is None:
            return
        other_id = int(answer.strip().lstrip("#"))
        edits.attempt(app, lambda: join(app, store, session_id, other_id), what="session")
        then()

    prompt = TextPrompt(_question(name, found), str(found[0].id), "session number", check)
    app.push_screen(prompt, chosen)


def _question(name: str, found: list[Candidate]) -> str:
    lines = [
        f"Join another session with {visible(name)} into this one (its entries move here,"
        " on this timeline, each keeping its author; ctrl+z undoes):",
        "",
    ]
    for c in found[:LISTED]:
        when = c.created_at[:16].replace("T", " ")
        who = ", ".join(visible(a) for a in c.authors) or "author not known"
        lines.append(
            f"#{c.id}  {when} · {format_ms(c.duration_ms)} · {plural(c.entries, 'entry')} · {who}"
        )
    if len(found) > LISTED:
        lines.append(f"… and {len(found) - LISTED} older (type the number)")
    return "\n".join(lines)


def join(app: EarfulApp, store: Store, keep_id: int, other_id: int) -> str:
    """Join ``other_id`` into ``keep_id`` as one undoable change; the line to confirm it."""
    from tui.core.joining import joined_line

    held: list[JoinRecord] = [_joining().join_sessions(store, keep_id, other_id)]

    def undo() -> None:
        _joining().unjoin(store, held[0])

    def redo() -> None:
        held[0] = _joining().join_sessions(store, keep_id, held[0].other_id)

    app.undo.record(Change(f"join session #{other_id}", redo=redo, undo=undo))
    line = joined_line(held[0].joined)
    return f"{line[0].upper()}{line[1:]}. ctrl+z undoes."
