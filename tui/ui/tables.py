"""Small things every list screen does: a user string as a table cell, the row under the
cursor, and waiting for the typing to pause before searching."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable

from tui.core.text import visible


def cell(text: str, width: int = 0) -> Text:
    """User text for a DataTable cell: literal, inert, cut to ``width`` when given."""
    shown = visible(text)
    if width and len(shown) > width:
        shown = shown[: width - 1] + "…"
    return Text(shown, no_wrap=True)


def selected_key(table: DataTable[Any]) -> str | None:
    """The key of the row under the table's cursor; None when the table is empty."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


class Debounce:
    """Runs ``callback`` once typing has paused for ``delay`` seconds.

    Each ``__call__`` restarts the wait, so a search runs once per pause, not per key.
    """

    def __init__(self, owner: Widget, delay: float, callback: Callable[[], object]) -> None:
        self.owner, self.delay, self.callback = owner, delay, callback
        self._timer: Timer | None = None

    def __call__(self) -> None:
        self.cancel()
        self._timer = self.owner.set_timer(self.delay, self.callback)

    def cancel(self) -> None:
        """Forget the wait: the callback ran another way (Enter searches at once)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
