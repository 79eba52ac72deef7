"""Which key applies which tag or emotion, and what is pending on the entry being typed."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

_GAP = "  "


def chord_label(key: str) -> str:
    """``ctrl+s`` → ``^S``, ``f2`` → ``F2``: short enough for an 80-column bar."""
    first = key.split(",")[0]
    if first.startswith("ctrl+") and len(first) == 6:
        return "^" + first[-1].upper()
    return first.upper() if len(first) <= 3 else first


class HotkeyBar(Widget):
    """The tag and emotion keys, wrapped between chips so a key never leaves its tag."""

    DEFAULT_CSS = """
    HotkeyBar { height: auto; max-height: 5; padding: 0 1; background: $panel; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._chips: list[Content] = []

    def show(
        self,
        topics: list[tuple[str, str]],
        emotions: list[tuple[str, str]],
        chords: list[tuple[str, str]] = (),  # type: ignore[assignment]
    ) -> None:
        """``topics``, ``emotions`` and other ``chords`` are ``(key, label)`` pairs."""
        chips = [
            Content.from_markup("[b]$k[/b] [$earful-topic]#$n[/]", k=chord_label(key), n=name)
            for key, name in topics
        ]
        chips += [
            Content.from_markup(
                "[b]$k[/b] [$earful-emotion-neutral]!$n[/]", k=chord_label(key), n=name
            )
            for key, name in emotions
        ]
        chips += [
            Content.from_markup("[b]$k[/b] $label", k=chord_label(key), label=label)
            for key, label in chords
        ]
        self._chips = chips
        self.refresh(layout=True)

    def _lines(self, width: int) -> Content:
        lines: list[list[Content]] = [[]]
        used = 0
        for chip in self._chips:
            needed = chip.cell_length + (len(_GAP) if lines[-1] else 0)
            if lines[-1] and used + needed > width:
                lines.append([])
                used, needed = 0, chip.cell_length
            lines[-1].append(chip)
            used += needed
        return Content("\n").join(Content(_GAP).join(line) for line in lines)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width).plain.splitlines()) or 1

    def render(self) -> Content:
        return self._lines(self.content_size.width or self.size.width)


class PendingLine(Static):
    """The kind of entry being typed, the chips that will go with it, and which entry
    the F-keys apply to now."""

    DEFAULT_CSS = """
    PendingLine { height: 1; padding: 0 1; color: $text-muted; }
    PendingLine.-selecting { color: $warning; }
    """

    def show(self, kind: str, tokens: tuple[str, ...], target: str = "") -> None:
        label = "NOTE (our words)" if kind == "note" else "QUOTE (verbatim)"
        chips = "".join(f"  {token}" for token in tokens)
        # Assembled, not parsed from markup (this runs on every Enter); one fixed line,
        # so no layout pass either.
        line = Content.assemble((label, "bold"), chips, "   F-keys → ", target)
        self.update(line, layout=False)
