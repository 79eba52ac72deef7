"""A line of text the codebook asks for, checked before the question closes."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.ui.widgets.dialogs import DIALOG_CSS
from tui.ui.widgets.inert import INERT


class CheckedPrompt(ModalScreen[str | None]):
    """Asks for one line and stays open, saying why in one line, until ``check`` accepts it.

    ``check`` returns a problem to show, or None when the text will do.
    """

    DEFAULT_CSS = DIALOG_CSS.format(name="CheckedPrompt")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="codebook.cancel")]

    def __init__(
        self,
        title: str,
        check: Callable[[str], str | None],
        value: str = "",
        placeholder: str = "",
    ) -> None:
        super().__init__()
        self._title, self._check = title, check
        self._value, self._placeholder = value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self._title), classes="title")
            yield Input(
                self._value,
                placeholder=self._placeholder,
                select_on_focus=False,
                highlighter=INERT,
            )
            yield Static(Content(""), classes="error")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("OK", id="ok", variant="primary")

    @property
    def problem(self) -> str:
        """The one-line message shown under the field ("" when there is none)."""
        return str(self.query_one(".error", Static).content)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        value = self.query_one(Input).value
        try:
            problem = self._check(value)
        except sqlite3.Error as error:  # a check that reads the database, locked meanwhile
            problem = f"Could not read the database: {error}"
        if problem:
            self.query_one(".error", Static).update(Content(problem))
            self.query_one(Input).focus()
        else:
            self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
