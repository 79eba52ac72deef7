"""The experience map: every entry at its time, top to bottom, one of them selected.

Each entry takes one line (cut with an ellipsis) except the selected one, shown in full:
the story reads as a timeline, and laying out 300 entries costs nothing.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from tui.core.models import Entry
from tui.core.recording import shown_time
from tui.ui.widgets.entry_log import TIME_WIDTH, EntryLog


class ExperienceMap(EntryLog, can_focus=True):
    """The entry log, focusable, with a selection that always points at an entry."""

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

    def time_of(self, entry: Entry) -> str:
        return shown_time(entry.at_ms, self.recording_at_ms)

    def preload(self, entries: list[Entry], width: int) -> None:
        """Before mounting: hold ``entries``, the first selected, laid out ``width`` wide.

        With the width the map will have, the screen's first layout is its last: no second
        pass for a changed virtual size, nor for the scrollbar it brings.
        """
        self.entries = list(entries)
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

    # one line per entry, the selected one in full --------------------------------------

    def select(self, index: int | None) -> None:
        previous, self.selected = self.selected, index
        changed = [i for i in (previous, index) if i is not None]
        for i in changed:
            self._rendered.pop(i, None)
        self._relayout(from_index=min(changed, default=0), keep_rendered=True)
        if index is not None:
            top = self._starts[index]
            bottom = top + self._height(index) - 1
            if top < self.scroll_y:
                self.scroll_to(y=top, animate=False, immediate=True)
            elif bottom >= self.scroll_y + self.size.height:
                self.scroll_to(y=bottom - self.size.height + 1, animate=False, immediate=True)

    def _height(self, index: int) -> int:
        return len(self._lines_of(index)) if index == self.selected else 1

    def _place(self, index: int) -> None:
        start = self._starts[index - 1] + self._height(index - 1) if index else 0
        self._starts.append(start)
        self._total = start + self._height(index)

    def _render_entry(self, index: int) -> list[Strip]:
        if index == self.selected:
            return super()._render_entry(index)
        entry = self.entries[index]
        body = self._body(entry)
        body.no_wrap = True
        body.truncate(max(10, (self._width or 80) - TIME_WIDTH - 1), overflow="ellipsis")
        time = Text(self.time_of(entry).rjust(TIME_WIDTH - 2), style=self._style("time"))
        time.pad_right(TIME_WIDTH - time.cell_len)
        row = Text.assemble(time, body)
        return [Strip(row.render(self.app.console)).extend_cell_length(self._width)]

    def _style(self, name: str) -> Style:
        # Before mounting (preload) only line counts matter and there are no styles yet.
        return super()._style(name) if self.is_mounted else Style.null()

    def _body(self, entry: Entry) -> Text:
        text = super()._body(entry)
        if entry.kind == "mark" and not entry.text:
            text.append(" — a gap to fill in from the recording", self._style("mark"))
        return text
