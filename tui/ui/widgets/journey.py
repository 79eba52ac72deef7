"""The emotional journey: valence over interview time, one block per slice of time."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widget import Widget

from tui.core.clock import format_ms
from tui.core.models import Entry
from tui.core.snapshot import journey, spark_char


class EmotionalJourney(Widget):
    """High blocks where the customer was delighted, low where frustrated, ``·`` for nothing."""

    DEFAULT_CSS = """
    EmotionalJourney { height: 3; padding: 0 1; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entries: list[Entry] = []
        self.valences: dict[str, int] = {}
        self.duration_ms = 0

    def show(self, entries: list[Entry], valences: dict[str, int], duration_ms: int) -> None:
        self.entries, self.valences, self.duration_ms = entries, valences, duration_ms
        self.refresh()

    def render(self) -> Content:
        width = max(10, self.content_size.width)
        values = journey(self.entries, self.valences, self.duration_ms, width)
        parts: list[Content] = []
        run, run_style = "", ""
        for value in values:  # one span per run of a colour: a span per cell is slow to paint
            style = _style(value)
            if style != run_style and run:
                parts.append(Content.styled(run, run_style))
                run = ""
            run, run_style = run + spark_char(value), style
        if run:
            parts.append(Content.styled(run, run_style))
        end = format_ms(self.duration_ms)
        axis = "00:00" + end.rjust(width - 5)
        title = Content.styled("Emotional journey", "bold $text-accent")
        line = Content("").join(parts)
        return Content("\n").join([title, line, Content.styled(axis, "$text-muted")])


def _style(value: float | None) -> str:
    if value is None:
        return "$text-muted"
    if value > 0:
        return "$earful-emotion-positive"
    if value < 0:
        return "$earful-emotion-negative"
    return "$earful-emotion-neutral"
