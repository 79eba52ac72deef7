"""Editing a participant's profile, and merging two records of the same person."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tui.core.text import plural, visible
from tui.ui import edits
from tui.ui.screen_base import EarfulModal
from tui.ui.widgets.inert import INERT
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.core.models import Participant
    from tui.store.store import Store

GONE = "no longer exists (merged or deleted in another window?)."


def read_participant(
    screen: ModalScreen[bool], store: Store, participant_id: int
) -> Participant | None:
    """The participant a dialog is about; None, with the reason said and the dialog closing,
    when they were deleted meanwhile or the database cannot be read."""
    try:
        return store.participant(participant_id)
    except KeyError:
        screen.notify(f"That participant {GONE}", severity="warning")
    except sqlite3.Error as error:
        edits.could_not_read(screen.app, error)
    close_soon(screen)
    return None


def close_soon(screen: ModalScreen[bool]) -> None:
    """Close a dialog that could not show what it is about, once it is up."""

    def close() -> None:
        screen.dismiss(False)  # not awaited: a screen cannot await its own dismissal

    screen.call_later(close)


class EditProfileScreen(EarfulModal[bool]):
    DEFAULT_CSS = """
    EditProfileScreen > VerticalScroll { max-height: 100%; }
    EditProfileScreen .field { height: 1; margin-top: 1; }
    EditProfileScreen .field Label { width: 10; margin-top: 0; }
    EditProfileScreen .field Input { width: 1fr; background: $panel; }
    EditProfileScreen .facts { margin-top: 1; color: $text-muted; }
    EditProfileScreen TextArea { height: 6; background: $panel; }
    """
    PALETTE_GROUP = "Participant profile"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="participants.save"),
        Binding("escape", "cancel", "Cancel", id="participants.cancel"),
    ]

    def __init__(self, participant_id: int) -> None:
        super().__init__()
        self.participant_id = participant_id

    def compose(self) -> ComposeResult:
        store = self.earful.store
        assert store is not None
        p = read_participant(self, store, self.participant_id)
        if p is None:
            return
        # One line a field, label beside it: at 80×24 the facts and the keys stay on screen;
        # smaller still, the form scrolls and its keys stay at the bottom.
        with VerticalScroll(id="form"):
            for label, name, value in (
                ("Name", "name", p.name),
                ("Company", "company", p.company),
                ("Email", "email", p.email),
                ("Segment", "segment", p.segment),
            ):
                with Horizontal(classes="field"):
                    yield Label(label)
                    yield Input(value, id=name, highlighter=INERT, compact=True)
            yield Label("Quick facts, one per line", classes="facts")
            # The facts are shown inert; left untouched, they are saved back exactly as stored.
            self._facts = list(p.facts)
            yield TextArea(
                "\n".join(visible(f) for f in p.facts), id="facts", soft_wrap=True, compact=True
            )
            yield Static("", id="problem", markup=False)
            yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        if self.query("#name"):  # else the participant could not be read: closing
            self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        from tui.store.participants import update_profile

        store = self.earful.store
        if store is None:
            return
        name, company, email, segment = (
            self.query_one(f"#{n}", Input).value for n in ("name", "company", "email", "segment")
        )
        facts = self.query_one("#facts", TextArea).text.splitlines()
        if facts == [visible(f) for f in self._facts]:
            facts = self._facts
        try:
            saved = update_profile(
                store,
                self.participant_id,
                name,
                company,
                email,
                segment=segment,
                facts=facts,
            )
        except KeyError:
            self.query_one("#problem", Static).update(f"Not saved: that participant {GONE}")
            return
        except (ValueError, sqlite3.Error) as error:
            # nothing typed is lost: the form stays open with the text as it was
            self.query_one("#problem", Static).update(visible(f"Not saved: {error}"))
            return
        self.notify(f"Saved {visible(saved.name)}'s profile.", markup=False)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class MergeScreen(EarfulModal[bool]):
    """Pick the duplicate record; its sessions move to this participant and it is deleted."""

    DEFAULT_CSS = """
    MergeScreen OptionList { height: auto; max-height: 16; }
    """
    PALETTE_GROUP = "Merge participants"

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="participants.merge-cancel")]

    def __init__(self, keep_id: int) -> None:
        super().__init__()
        self.keep_id = keep_id
        self.armed: int | None = None

    def compose(self) -> ComposeResult:
        from tui.store.participants import directory

        store = self.earful.store
        assert store is not None
        keep = read_participant(self, store, self.keep_id)
        try:
            rows = directory(store) if keep is not None else []
        except sqlite3.Error as error:
            edits.could_not_read(self.app, error)
            close_soon(self)
            return
        if keep is None:
            return
        others = [row for row in rows if row.participant.id != self.keep_id]
        with Vertical():
            yield Static(
                Content.from_markup(
                    "Merge a duplicate into [b]$who[/b]: pick the other record. Its sessions"
                    " and entries move here; then it is deleted.",
                    who=visible(keep.label),
                ),
                id="intro",
            )
            options = [
                Option(
                    Content.from_markup(
                        "$who [dim]· $n · $q[/dim]",
                        who=visible(row.participant.label),
                        n=plural(row.sessions, "session"),
                        q=plural(row.quotes, "quote"),
                    ),
                    id=str(row.participant.id),
                )
                for row in others
            ]
            yield OptionList(*options)
            yield Static("" if others else "There is nobody else to merge with.", id="problem")
            yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        if self.query(OptionList):  # else the participant could not be read: closing
            self.query_one(OptionList).focus()

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        if self.armed is not None and event.option.id != str(self.armed):
            self.armed = None
            self.query_one("#problem", Static).update("")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        drop_id = int(event.option.id or 0)
        if self.armed != drop_id:
            self.armed = drop_id
            self.query_one("#problem", Static).update("Press Enter again to merge; Esc to cancel.")
            return
        self._merge(drop_id)

    def _merge(self, drop_id: int) -> None:
        from tui.store.participants import merge

        store = self.earful.store
        if store is None:
            return
        try:
            kept = merge(store, self.keep_id, drop_id)
        except (KeyError, ValueError, sqlite3.Error) as error:
            self.query_one("#problem", Static).update(Content(visible(f"Not merged: {error}")))
            return
        self.notify(f"Merged into {visible(kept.label)}.", markup=False)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
