"""What every Earful screen shares: typed access to the App, the store, copying, dialog CSS.

A screen never imports another screen: it asks the App to show one (``open_entry``,
``open_brief``, ``edit_participant``, …), so the App is the one place that knows them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from tui.ui import clipboard, edits

if TYPE_CHECKING:
    from tui.store.store import Store
    from tui.ui.app import EarfulApp

ResultType = TypeVar("ResultType")


class EarfulScreen(Screen[ResultType]):
    """A screen of the Earful App."""

    @property
    def earful(self) -> EarfulApp:
        return cast("EarfulApp", self.app)

    def with_store(self, callback: Callable[[Store], object]) -> None:
        """Run ``callback`` with the store now, or once it has opened."""
        self.earful.when_connected(callback)

    def key_of(self, binding_id: str | None, default: str) -> str:
        """The key an action has after the user's keymap (``default`` if not moved)."""
        return self.earful.config.keys.get(binding_id or "", default)

    def copy(self, text: str, what: str) -> None:
        """Copy ``text`` to the clipboard (or through the terminal) and say where it went."""
        how = clipboard.copy(self.app, text)
        self.notify(f"Copied {what} {how}.", title="Copied", markup=False)

    def action_undo(self) -> None:
        """ctrl+z where a screen binds it: the newest change of this run, undone."""
        edits.undo(self.earful)
        self.show_changes()

    def action_redo(self) -> None:
        edits.redo(self.earful)
        self.show_changes()

    def show_changes(self) -> None:
        """Read again what an undo or redo may have changed (a screen of data says how)."""


class EarfulModal(EarfulScreen[ResultType], ModalScreen[ResultType]):
    """A dialog over the screen below: a framed box in the middle.

    Its one child (a ``Vertical`` or ``VerticalScroll``) is the box; a subclass's own
    ``DEFAULT_CSS`` sizes it differently where it needs to.
    """

    DEFAULT_CSS = """
    EarfulModal { align: center middle; }
    EarfulModal > Vertical, EarfulModal > VerticalScroll {
        width: 80; max-width: 95%; height: auto; max-height: 95%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    EarfulModal Label { margin-top: 1; color: $text-muted; }
    EarfulModal #problem { color: $warning; height: auto; }
    """


class AcrossScreen(EarfulScreen[None]):
    """A screen over the whole repository; its bindings are listed in the command palette."""

    PALETTE_GROUP = "Across interviews"
    BINDINGS = [Binding("f6", "show_todo", "To do", show=False, id="across.todo")]

    def __init__(self) -> None:
        super().__init__()
        # Where each listed entry was said: a row or option key → (session id, entry id).
        self.places: dict[str, tuple[int, int]] = {}

    def open_place(self, key: str | None) -> None:
        """Open the session at the entry listed under ``key`` (Escape comes back here)."""
        if key in self.places:
            self.earful.open_entry(*self.places[key])

    def action_show_todo(self) -> None:
        self.earful.action_show_across("todo")

    def action_back(self) -> None:
        self.dismiss()


class AcrossModal(EarfulModal[None]):
    PALETTE_GROUP = "Across interviews"
