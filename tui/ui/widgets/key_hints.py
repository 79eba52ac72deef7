"""One line of keys and what they do: a Footer without its cost on every focus change."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from tui.ui.widgets.hotkey_bar import chord_label

GAP = Content("  ")
ALL_KEYS = Content.assemble(("^p", "bold"), " all keys")


class KeyHints(Static):
    """Built with its keys: the first frame already shows them (no update after mount).

    A hint that does not fit whole is left out, and the ones after it: "^p all keys" at the
    end always shows, and lists them all.
    """

    DEFAULT_CSS = """
    KeyHints { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def __init__(
        self, bindings: Iterable[Binding] = (), keymap: dict[str, str] | None = None
    ) -> None:
        self.parts = hint_parts(bindings, keymap or {})
        super().__init__(GAP.join([*self.parts, ALL_KEYS]))

    def render(self) -> Content:
        return fit(self.parts, self.content_size.width)


def hint_parts(bindings: Iterable[Binding], keymap: dict[str, str]) -> list[Content]:
    """Each binding that has ``show`` set, with the user's key if they rebound it."""
    parts = []
    for binding in bindings:
        if not binding.show:
            continue
        key = keymap.get(binding.id or "", binding.key)
        label = {"escape": "esc"}.get(key, key if len(key) == 1 else chord_label(key))
        # Assembled, not parsed from markup: cheaper, and the description stays plain text.
        parts.append(Content.assemble((label, "bold"), " ", binding.description))
    return parts


def fit(parts: list[Content], width: int) -> Content:
    """As many whole hints as fit in ``width`` cells, then "^p all keys"."""
    room = width - ALL_KEYS.cell_length
    shown = []
    for part in parts:
        room -= part.cell_length + GAP.cell_length
        if room < 0:
            break
        shown.append(part)
    # Assembled piece by piece: ``Content.join`` can get its cell length wrong, and the
    # line then came out two cells short, leaving the screen before's last cells showing.
    pieces: list[Content] = []
    for part in [*shown, ALL_KEYS]:
        pieces += [GAP, part] if pieces else [part]
    return Content.assemble(*pieces)
