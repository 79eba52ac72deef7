"""Which key applies which tag or emotion, and what is pending on the entry being typed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

_GAP = "  "


def chord_label(key: str) -> str:
    """``ctrl+s`` → ``^S``, ``f2`` → ``F2``: short enough for an 80-column bar."""
    first = key.split(",")[0]
    if first.startswith("ctrl+") and len(first) == 6:
        return "^" + first[-1].upper()
    return first.upper() if len(first) <= 3 else first


class ChipFlow(Widget):
    """Chips laid out in lines, wrapped only between chips: a chip is never split, so a
    key never leaves its tag and a tag never leaves its count."""

    DEFAULT_CSS = """
    ChipFlow { height: auto; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._heading: Content | None = None
        self._chips: list[Content] = []

    def show_chips(self, chips: list[Content], heading: Content | None = None) -> None:
        """``heading``, if given, stands on a line of its own above the chips."""
        self._heading, self._chips = heading, chips
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
        flowed = Content("\n").join(Content(_GAP).join(line) for line in lines)
        return flowed if self._heading is None else Content("\n").join([self._heading, flowed])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width).plain.splitlines()) or 1

    def render(self) -> Content:
        return self._lines(self.content_size.width or self.size.width)


class HotkeyBar(ChipFlow):
    """The tag and emotion keys, then the other chords."""

    DEFAULT_CSS = """
    HotkeyBar { height: auto; max-height: 5; padding: 0 1; background: $panel; }
    """

    def show(
        self,
        topics: list[tuple[str, str]],
        emotions: list[tuple[str, str]],
        chords: Sequence[tuple[str, str]] = (),
    ) -> None:
        """``topics``, ``emotions`` and other ``chords`` are ``(key, label)`` pairs."""
        # Assembled, not parsed from markup: twenty markup parses were ~4 ms of the live
        # screen's first frame (30× the assembling). Names stay plain text either way.
        chips = [_chip(key, ("#" + name, "$earful-topic")) for key, name in topics]
        chips += [_chip(key, ("!" + name, "$earful-emotion-neutral")) for key, name in emotions]
        chips += [_chip(key, label) for key, label in chords]
        self.show_chips(chips)


def _chip(key: str, label: str | tuple[str, str]) -> Content:
    """The key in bold, then what it does."""
    return Content.assemble((chord_label(key), "bold"), " ", label)


class PendingLine(Widget):
    """The kind of entry being typed, the chips that will go with it, and which entry
    the F-keys apply to now."""

    DEFAULT_CSS = """
    PendingLine { height: 1; padding: 0 1; color: $text-muted; }
    PendingLine.-selecting { color: $warning; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[str, tuple[str, ...], str] = ("quote", (), "")

    def show(self, kind: str, tokens: tuple[str, ...], target: str = "") -> None:
        # Drawn when painted, and only when it changed: this runs on every Enter (twice:
        # shown, then saved) and every change of the draft. One fixed line: no layout.
        if (kind, tokens, target) != self._shown:
            self._shown = (kind, tokens, target)
            self.refresh()

    def render(self) -> Content:
        kind, tokens, target = self._shown
        label = "NOTE (our words)" if kind == "note" else "QUOTE (verbatim)"
        chips = "".join(f"  {token}" for token in tokens)
        # Assembled, not parsed from markup: the target is what the note-taker typed.
        return Content.assemble((label, "bold"), chips, "   F-keys → ", target)
