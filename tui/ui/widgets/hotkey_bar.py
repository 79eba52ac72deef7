"""Which key applies which tag or emotion, and what is pending on the entry being typed."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def chord_label(key: str) -> str:
    """``ctrl+s`` → ``^S``, ``f2`` → ``F2``: short enough for an 80-column bar."""
    first = key.split(",")[0]
    if first.startswith("ctrl+") and len(first) == 6:
        return "^" + first[-1].upper()
    return first.upper() if len(first) <= 3 else first


class HotkeyBar(Static):
    DEFAULT_CSS = """
    HotkeyBar { height: auto; max-height: 3; padding: 0 1; background: $panel; }
    """

    def show(self, topics: list[tuple[str, str]], emotions: list[tuple[str, str]]) -> None:
        """``topics`` and ``emotions`` are ``(key, name)`` pairs in key order."""
        parts: list[Content] = []
        for key, name in topics:
            parts.append(
                Content.from_markup("[b]$k[/b] [$earful-topic]#$n[/]", k=chord_label(key), n=name)
            )
        for key, name in emotions:
            parts.append(
                Content.from_markup(
                    "[b]$k[/b] [$earful-emotion-neutral]!$n[/]", k=chord_label(key), n=name
                )
            )
        self.update(Content("  ").join(parts))


class PendingLine(Static):
    """The kind of entry being typed and the chips that will go with it."""

    DEFAULT_CSS = """
    PendingLine { height: 1; padding: 0 1; color: $text-muted; }
    """

    def show(self, kind: str, tokens: tuple[str, ...], reach: str = "") -> None:
        label = "NOTE (our words)" if kind == "note" else "QUOTE (verbatim)"
        chips = "  ".join(tokens)
        self.update(
            Content.from_markup(
                "[b]$label[/b]  $chips$sep$reach",
                label=label,
                chips=chips,
                sep="   " if chips and reach else "",
                reach=reach,
            )
        )
