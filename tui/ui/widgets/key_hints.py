"""One line of keys and what they do: a Footer without its cost on every focus change."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from tui.ui.widgets.hotkey_bar import chord_label


class KeyHints(Static):
    """Built with its keys: the first frame already shows them (no update after mount)."""

    DEFAULT_CSS = """
    KeyHints { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def __init__(
        self, bindings: Iterable[Binding] = (), keymap: dict[str, str] | None = None
    ) -> None:
        super().__init__(hints(bindings, keymap or {}))


def hints(bindings: Iterable[Binding], keymap: dict[str, str]) -> Content:
    """Each binding that has ``show`` set, with the user's key if they rebound it."""
    parts = []
    for binding in bindings:
        if not binding.show:
            continue
        key = keymap.get(binding.id or "", binding.key)
        label = {"escape": "esc"}.get(key, key if len(key) == 1 else chord_label(key))
        parts.append(Content.from_markup("[b]$k[/b] $d", k=label, d=binding.description))
    parts.append(Content.from_markup("[b]^p[/b] all keys"))
    return Content("  ").join(parts)
