"""The key line under a screen covers its whole width: a line short by even a cell leaves
the screen before's last characters showing in the corner (they did, two of them)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tests.ui.screen_text import screen_lines
from tui.ui.widgets.key_hints import KeyHints, fit, hint_parts

KEYS = [
    Binding("e", "edit", "Edit"),
    Binding("d", "delete", "Delete"),
    Binding("s", "star", "Star"),
    Binding("c", "copy", "Copy"),
    Binding("C", "copy_all", "Copy all"),
    Binding("escape", "back", "Back"),
]


class Hinted(App[None]):
    def __init__(self, keys: list[Binding]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        yield Static("body", classes="body")
        yield KeyHints(self.keys)

    CSS = ".body { height: 1fr; }"


@pytest.mark.parametrize("count", [0, 1, 2, len(KEYS)])
@pytest.mark.parametrize("width", [40, 80, 120])
async def test_the_key_line_fills_the_width(count: int, width: int) -> None:
    async with Hinted(KEYS[:count]).run_test(size=(width, 5)) as pilot:
        await pilot.pause()
        last = screen_lines(pilot.app)[-1]
        assert len(last) == width and "^p all keys" in last


@pytest.mark.parametrize("count", range(len(KEYS) + 1))
def test_the_hints_measure_what_they_show(count: int) -> None:
    shown = fit(hint_parts(KEYS[:count], {}), 200)
    assert shown.cell_length == len(shown.plain)
