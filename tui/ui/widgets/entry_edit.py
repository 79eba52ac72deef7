"""The entry editor: text, kind, time and tags of one entry, or delete it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from tui.core.clock import format_ms
from tui.core.entry_fields import EntryEdit, format_tags, parse_tags, parse_time
from tui.core.models import ENTRY_KINDS, Entry
from tui.core.recording import clock_label, clock_note, interview_ms, shown_time
from tui.core.text import one_line, visible
from tui.ui.widgets.inert import INERT


class EntryEditor(ModalScreen[EntryEdit | None]):
    """Enter saves, Escape cancels; a bad time or tag is explained and nothing is lost.

    Once the session is synced (``recording_at_ms``) the time is shown and typed in
    recording time, and saved back as interview time.
    """

    DEFAULT_CSS = """
    EntryEditor { align: center middle; }
    EntryEditor > Vertical {
        width: 90; max-width: 98%; height: auto; padding: 0 2;
        border: thick $primary; background: $surface;
    }
    EntryEditor .title { text-style: bold; margin: 1 0 0 0; }
    EntryEditor .original { color: $text-muted; height: auto; }
    EntryEditor Label { margin-top: 0; }
    EntryEditor #row { height: auto; }
    EntryEditor #row > Vertical { width: 1fr; height: auto; }
    EntryEditor Select { width: 100%; }
    EntryEditor .error { color: $error; height: auto; }
    EntryEditor #buttons { height: auto; margin: 0 0 1 0; align-horizontal: right; }
    EntryEditor Button { margin-left: 1; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="edit.cancel")]

    def __init__(self, entry: Entry, recording_at_ms: int | None = None) -> None:
        super().__init__()
        self.entry = entry
        self.recording_at_ms = recording_at_ms
        self.shown = shown_time(entry.at_ms, recording_at_ms)

    def compose(self) -> ComposeResult:
        entry, rec = self.entry, self.recording_at_ms
        with Vertical():
            yield Static(Content(f"Edit {entry.kind} at {self.shown}"), classes="title")
            if rec is not None:
                note = f"{clock_note(rec).capitalize()}; this entry is at"
                note += f" {format_ms(entry.at_ms)} interview time."
                yield Static(Content(note), classes="original", id="clock")
            if entry.original_text is not None:
                yield Static(
                    Content.from_markup(
                        "[i]Original, as captured:[/i] $t", t=visible(entry.original_text)
                    ),
                    classes="original",
                )
            yield Label("Text")
            yield Input(entry.text, id="text", select_on_focus=False, highlighter=INERT)
            with Horizontal(id="row"):
                with Vertical():
                    yield Label("Kind")
                    yield Select(
                        [(k, k) for k in ENTRY_KINDS],
                        value=entry.kind,
                        allow_blank=False,
                        id="kind",
                    )
                with Vertical():
                    yield Label(f"Time, {clock_label(rec)} (mm:ss)")
                    yield Input(self.shown, id="time")
            yield Label("Tags (#topic !emotion)")
            yield Input(format_tags(entry.topics, entry.emotions), id="tags", highlighter=INERT)
            yield Static(Content(""), classes="error")
            with Horizontal(id="buttons"):
                yield Button("Delete", id="delete", variant="error")
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def _error(self, message: str) -> None:
        self.query_one(".error", Static).update(Content(message))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        text = one_line(self.query_one("#text", Input).value)
        chosen = self.query_one("#kind", Select).value
        kind = next((k for k in ENTRY_KINDS if k == chosen), self.entry.kind)
        typed = self.query_one("#time", Input).value
        try:
            # An untouched time keeps the entry where it was (a moment before the
            # recording began shows as 00:00 but is not moved there).
            at_ms = (
                self.entry.at_ms
                if typed.strip() == self.shown
                else interview_ms(parse_time(typed), self.recording_at_ms)
            )
            topics, emotions = parse_tags(self.query_one("#tags", Input).value)
        except ValueError as error:
            self._error(str(error))
            return
        if kind == "quote" and not text.strip():
            self._error("A quote needs text. To remove it, press Delete.")
            return
        self.dismiss(EntryEdit(text, kind, at_ms, topics, emotions))

    @on(Button.Pressed, "#delete")
    def delete(self) -> None:
        self.dismiss(EntryEdit(delete=True))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
