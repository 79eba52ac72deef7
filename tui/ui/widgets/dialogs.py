"""Small modal questions: one line of text, or yes / no."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.ui.widgets.inert import INERT

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 76; max-width: 95%; height: auto; padding: 1 2;
    border: thick $primary; background: $surface;
}}
{name} .title {{ text-style: bold; margin-bottom: 1; }}
{name} .error {{ color: $error; height: auto; }}
{name} Horizontal {{ height: auto; margin-top: 1; align-horizontal: right; }}
{name} Button {{ margin-left: 1; }}
"""


class TextPrompt(ModalScreen[str | None]):
    """Asks for one line; Enter gives it back, Escape gives None.

    With ``check``, Enter first asks it about the line: a message back is shown under the
    line and the dialog stays open with the text as typed, to fix or to leave with Escape.
    """

    DEFAULT_CSS = DIALOG_CSS.format(name="TextPrompt")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(
        self,
        title: str,
        value: str = "",
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self._title, self._value, self._placeholder = title, value, placeholder
        self._check = check

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

    def show_error(self, message: str) -> None:
        self.query_one(".error", Static).update(Content(message))

    @property
    def problem(self) -> str:
        """The one-line message shown under the field ("" when there is none)."""
        return str(self.query_one(".error", Static).content)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        value = self.query_one(Input).value
        try:
            problem = self._check(value) if self._check is not None else None
        except sqlite3.Error as error:  # a check that reads the database, locked meanwhile
            problem = f"Could not read the database: {error}"
        if problem:
            self.show_error(problem)
            self.query_one(Input).focus()
            return
        self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A yes / no question; y says yes, Escape or n says no.

    Enter presses the focused button: Cancel, unless ``enter_says_yes``, so a stray Enter
    never destroys anything.
    """

    DEFAULT_CSS = DIALOG_CSS.format(name="Confirm")
    BINDINGS = [
        Binding("escape,n", "answer(False)", "No", id="dialog.no"),
        Binding("y", "answer(True)", "Yes", id="dialog.yes"),
    ]

    def __init__(
        self, question: str, yes: str = "Yes", no: str = "Cancel", enter_says_yes: bool = False
    ) -> None:
        super().__init__()
        self._question, self._yes, self._no = question, yes, no
        self._enter_says_yes = enter_says_yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self._question), classes="title")
            with Horizontal():
                yield Button(Content(self._no), id="no")
                yield Button(Content(self._yes), id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#yes" if self._enter_says_yes else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def ask_path(
    app: App[Any],
    title: str,
    default: Path,
    text: Callable[[], str | None],
    wrote: str = "Wrote",
) -> None:
    """Ask where to write ``text()`` (UTF-8) and write it there. A path that cannot be
    written is said under the path, which stays to fix; None from ``text`` means it is
    not ready yet."""

    def write(answer: str) -> str | None:
        found = text()
        if found is None:
            return "Still opening: try again in a moment."
        if not answer.strip():
            return "Type the path of a file to write, or press Escape."
        path = Path(answer.strip()).expanduser()
        try:
            path.write_text(found, encoding="utf-8")
        except OSError as error:
            return f"Nothing written: cannot write {path} ({error.strerror or error})."
        return None

    def written(answer: str | None) -> None:
        if answer is not None:
            path = Path(answer.strip()).expanduser().resolve()
            app.notify(f"{wrote} {path}", title="Exported", markup=False)

    app.push_screen(TextPrompt(title, str(default), check=write), written)
