"""The home screen's new-interview form: its fields, and the guide named in it."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Literal

from textual.widget import Widget
from textual.widgets import Button, Input

from tui.ui import edits

if TYPE_CHECKING:
    from tui.store.guides import GuideVersion
    from tui.ui.app import EarfulApp


def form_fields(minutes: int) -> list[Widget]:
    """Participant, company, goal, guide and minutes (``minutes`` filled in), then Start."""
    return [
        Input(placeholder="Participant name", id="name"),
        Input(placeholder="Company", id="company"),
        Input(placeholder="Goal of the interview", id="goal"),
        # Guide names are suggested once the store is open: not a query before it.
        Input(placeholder="Guide", id="guide"),
        Input(str(minutes), placeholder="Minutes", id="minutes", type="integer"),
        Button("Start", id="start", variant="primary"),
    ]


def suggest_guides(app: EarfulApp, field: Input) -> None:
    """The guide field suggests every guide's name (read once the list is on screen)."""
    from textual.suggester import SuggestFromList

    from tui.store.guides import all_guides

    if app.store is not None:
        names = [g.name for g in all_guides(app.store)]
        field.suggester = SuggestFromList(names, case_sensitive=False)


def chosen_guide(app: EarfulApp, field: Input) -> GuideVersion | Literal[False] | None:
    """The latest version of the guide named in ``field``, None for none, False (and a
    one-line notice, the form kept, the field focused) for a name that is no guide."""
    text = field.value.strip()
    store = app.store
    if not text:
        return None
    if store is None:
        app.notify("The database is still opening: try again in a moment.")
        return False
    from tui.store.guides import GuideNotFound, find_guide

    try:
        return find_guide(store, text)
    except GuideNotFound:
        app.notify(
            f"No guide named {text!r}: F7 lists the guides, and `earful guide add FILE` adds one.",
            severity="warning",
            markup=False,
        )
    except sqlite3.Error as error:
        edits.could_not_read(app, error)
    field.focus()
    return False
