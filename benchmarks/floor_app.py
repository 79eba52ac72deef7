"""The floor for the first frame: a bare Textual app with the live screen's widgets."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.scroll_view import ScrollView
from textual.widgets import Footer, Input, Static


class Floor(App[None]):
    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(sys.argv[1], id="who")
            yield Static("00:00 / 30:00 · 30:00 left", id="clock")
        yield Static("Goal: How do teams share findings?")
        yield ScrollView()
        yield Static("")
        yield Static("QUOTE (verbatim)")
        yield Input(placeholder="Type what they say")
        yield Static("F2 #pains  F3 #gains  F4 #gaps  F5 #needs")
        yield Footer()


if __name__ == "__main__":
    Floor().run()
