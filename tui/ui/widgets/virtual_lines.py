"""A list of items (entries, cues, guide questions), each a few lines, of which only the
lines on screen are drawn: the Line API as Textual means it to be used.

A subclass lays its items out (``_starts``: each item's first line; ``_total``: all the
lines) and draws one item (``_draw_item``); this class keeps what was drawn until it changes,
resolves each component style once per theme, and serves ``render_line``.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, ClassVar

from rich.style import Style
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.ui.widgets.text_style import shown_style


class VirtualLines(ScrollView, can_focus=False):
    STYLE_PREFIX: ClassVar[str] = ""  # the component classes' prefix, e.g. "entry-log"
    # Component styles that are a background laid over a line (a selection), taken as
    # they are; the rest are text styles, their colour as it shows (``shown_style``).
    BACKGROUNDS: ClassVar[frozenset[str]] = frozenset({"selected"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._rendered: dict[int, list[Strip]] = {}
        self._styles: dict[str, Style] = {}
        self._starts: list[int] = []  # the first line of each item
        self._total = 0  # lines in all
        self._width = 0  # the width the items were laid out for
        self._line_style: Style | None = None  # the widget's own style, as of this frame

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        # Textual moves the thumb only when the scroll changes while the bar is shown. A
        # list scrolled to its end before its first layout (an interview resumed, a
        # transcript opened at a cue) then got its bar with the thumb still at the top.
        if shown:
            self.vertical_scrollbar.position = self.scroll_y

    def _draw_item(self, index: int) -> list[Strip]:
        """The lines of item ``index``, each as wide as the widget."""
        raise NotImplementedError

    def _nothing(self, y: int, width: int) -> Strip:
        """Line ``y`` when there are no items."""
        return Strip.blank(width)

    def _lines_of(self, index: int) -> list[Strip]:
        strips = self._rendered.get(index)
        if strips is None:
            strips = self._draw_item(index)
            self._rendered[index] = strips
        return strips

    def _component(self, name: str) -> str:
        return f"{self.STYLE_PREFIX}--{name}"

    def _style(self, name: str) -> Style:
        # Resolved once per theme: asking the CSS each time was most of an Enter's cost.
        style = self._styles.get(name)
        if style is None:
            component = self._component(name)
            if name in self.BACKGROUNDS:
                style = self.get_component_rich_style(component, partial=True)
            else:
                style = shown_style(self, component)
            self._styles[name] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line_style = None
        self._styles.clear()
        self._rendered.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's own style, worked out once a frame: ``rich_style`` walks every
        # ancestor's styles, and asking it for each line was a fifth of painting the log.
        self._line_style = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        # A Line API widget styles its own lines: without the widget's colours under them
        # the lines showed the terminal's own background and text colour, in every theme.
        style = self._line_style
        if style is None:  # a line asked for outside a frame
            style = self._line_style = self.rich_style
        return self._line(y).apply_style(style)

    def _line(self, y: int) -> Strip:
        width = self.size.width
        if not self._starts:
            return self._nothing(y, width)
        line = self.scroll_offset.y + y
        if line >= self._total:
            return Strip.blank(width)
        index = bisect_right(self._starts, line) - 1
        strips = self._lines_of(index)
        offset = line - self._starts[index]
        if offset >= len(strips):
            return Strip.blank(width)
        return strips[offset].crop_extend(0, width, None)
