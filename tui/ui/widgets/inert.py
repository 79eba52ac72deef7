"""Showing stored user text in an editable field without a terminal acting on it."""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text

from tui.core.text import visible


class InertHighlighter(Highlighter):
    """An Input's text drawn with control characters as visible symbols; the value is untouched."""

    def highlight(self, text: Text) -> None:
        # visible() maps one character to one, so the styles stay where they were.
        text.plain = visible(text.plain)


INERT = InertHighlighter()
