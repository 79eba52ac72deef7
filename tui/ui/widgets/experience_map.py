"""The experience map: every entry at its time, top to bottom, one of them selected.

Each entry is shown in full, wrapped to the map's width: at 80 columns a line has under
40 cells for the text, and quotes cut to one line lost most of their words.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Mapping
from typing import Any

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.widget import Widget

from tui.core.models import Entry
from tui.core.recording import shown_time
from tui.ui.widgets.entry_log import PLAIN, TIME_WIDTH, EntryLog, Piece
from tui.ui.widgets.match_line import MatchShown, match_line


@functools.lru_cache(maxsize=8192)
def wrapped_lines(plain: str, width: int) -> int:
    """How many lines ``plain`` takes at ``width`` as EntryLog wraps an entry's text.

    Remembered: the map counts every entry's lines each time it opens, and most entries
    are the same from one opening to the next (an eighth of reopening a 300-entry snapshot).
    """
    if "\n" not in plain and cell_len(plain) <= width:
        return 1
    return sum(len(divide_line(line, width, fold=True)) + 1 for line in plain.split("\n"))


class ExperienceMap(EntryLog, can_focus=True):
    """The entry log, focusable, with a selection that always points at an entry; with a
    transcript, each quote has a line saying what it was matched to."""

    COMPONENT_CLASSES = {"experience-map--said", "experience-map--differs"}
    DEFAULT_CSS = """
    ExperienceMap > .experience-map--said { color: $earful-muted; }
    ExperienceMap > .experience-map--differs { color: $text-warning; text-style: bold underline; }
    """

    BINDINGS = [
        Binding("up", "step(-1)", "Earlier", show=False, id="map.up"),
        Binding("down", "step(1)", "Later", show=False, id="map.down"),
        Binding("pageup", "step(-10)", "Page up", show=False, id="map.page-up"),
        Binding("pagedown", "step(10)", "Page down", show=False, id="map.page-down"),
        Binding("home", "first", "First", show=False, id="map.first"),
        Binding("end", "last", "Last", show=False, id="map.last"),
    ]

    # The session's sync: once set, every time on the map is recording time (floored at 0).
    recording_at_ms: int | None = None
    _heights: list[int]  # lines of each entry, beside EntryLog's _starts
    # The session's transcript: each entry's match (by entry id) and the participant's
    # speaker; None when the session has no transcript (then no match lines are drawn).
    matches: Mapping[int, MatchShown] | None = None
    speaker = ""

    def time_of(self, entry: Entry) -> str:
        return shown_time(entry.at_ms, self.recording_at_ms)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._heights = []

    def preload(self, entries: list[Entry], width: int) -> None:
        """Before mounting: hold ``entries``, the first selected, laid out ``width`` wide.

        With the width the map will have, the screen's first layout is its last: no second
        pass for a changed virtual size, nor for the scrollbar it brings.
        """
        self.entries = list(entries)
        self.count_authors()
        self.selected = 0 if entries else None
        self._width = width
        self._starts.clear()
        for index in range(len(self.entries)):
            self._place(index)
        if not self.entries:
            self._total = 1
        self._rendered.clear()  # drawn before the styles were known: draw again when shown
        self.set_reactive(Widget.virtual_size, Size(0, self._total))

    def show_entries(self, entries: list[Entry], keep_id: int | None = None) -> None:
        """Show ``entries``, selecting the one with ``keep_id`` (else about where it was)."""
        previous = self.selected or 0
        self.set_entries(entries)
        if not entries:
            return
        ids = [e.id for e in entries]
        index = ids.index(keep_id) if keep_id in ids else min(previous, len(entries) - 1)
        self.select(index)

    def action_step(self, step: int) -> None:
        if self.entries:
            current = self.selected if self.selected is not None else len(self.entries) - 1
            self.select(max(0, min(len(self.entries) - 1, current + step)))

    def action_first(self) -> None:
        if self.entries:
            self.select(0)

    def action_last(self) -> None:
        if self.entries:
            self.select(len(self.entries) - 1)

    def on_click(self, event: events.Click) -> None:
        line = int(self.scroll_offset.y) + event.y
        if self.entries and line < self._total:
            self.select(bisect_right(self._starts, line) - 1)
        self.focus()

    # every entry in full; the selection keeps itself in view ----------------------------

    def follow(self) -> None:
        """The map shows the selected entry, not the newest one, when it is laid out again."""
        if self.selected is None:
            super().follow()
        elif self.selected < len(self._starts):
            self.select(self.selected)

    def _place(self, index: int) -> None:
        # Counting an entry's lines, not drawing it: opening a 300-entry snapshot draws only
        # the entries on screen (drawing them all to count lines doubled the time to open).
        start = self._starts[index - 1] + self._heights[index - 1] if index else 0
        height = self._line_count(index)
        del self._heights[index:]
        self._heights.append(height)
        self._starts.append(start)
        self._total = start + height

    def _line_count(self, index: int) -> int:
        """The lines ``_render_entry`` will draw for this entry, found by Rich's own line
        breaker without building them (tests/ui/test_snapshot.py checks they agree)."""
        drawn = self._rendered.get(index)
        if drawn is not None:
            return len(drawn)
        plain = "".join(text for text, _ in self._pieces(self.entries[index]))
        return wrapped_lines(plain, max(10, (self._width or 80) - TIME_WIDTH - 1))

    def _style(self, name: str) -> Style:
        # Before mounting (preload) only line counts matter and there are no styles yet.
        return super()._style(name) if self.is_mounted else Style.null()

    def _component(self, name: str) -> str:
        if name in ("said", "differs"):
            return f"experience-map--{name}"
        return super()._component(name)

    def _pieces(self, entry: Entry) -> list[Piece]:
        pieces = super()._pieces(entry)
        if entry.kind == "mark" and not entry.text:
            pieces.append((" — a gap to fill in from the recording", self._style("mark")))
        if self.matches is not None and entry.kind in ("quote", "mark"):
            said = match_line(entry, self.matches.get(entry.id), self.speaker)
            if said is not None:
                pieces.append(("\n", PLAIN))
                pieces += [(piece, self._style(style)) for piece, style in said]
        return pieces
