"""A Footer that only rebuilds while its own screen is on show, and never cuts a key."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

# The command palette's key sits on the right with a border before it (Textual's Footer CSS).
PALETTE_BORDER = 1


class ScreenFooter(Footer):
    """Textual's Footer rebuilds its key widgets whenever bindings change, even on a
    screen that another screen covers: pushing the snapshot over the home screen cost
    a rebuild and a re-layout of home each time (and the old key widgets linger).
    Covered, it waits; its screen's resume brings it up to date.

    Moving the focus changes the screen's bindings but seldom the keys shown (a focused
    Input's own keys are hidden): the keys are rebuilt only when what they would show
    changed. Home's first focus moves (name box, then the list) rebuilt ~20 key widgets
    three times over before its list could be drawn.

    Where the keys are wider than the footer, Textual's draws them under the palette key,
    which hides all but a letter or two (``^p palettel``). Here the keys that do not fit
    whole are left out, from the last one back: ctrl+p lists them all.
    """

    DEFAULT_CSS = """
    ScreenFooter.-compact FooterKey.-command-palette { margin-right: 0; }
    """

    _fitted_width = 0
    _shown: tuple[object, ...] | None = None  # what the key widgets show now

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.app.screen:
            return
        if self._bindings_ready and self._shown == self._keys_shown(screen):
            return
        super().bindings_changed(screen)

    def _keys_shown(self, screen: Screen[object]) -> tuple[object, ...]:
        """Everything Footer.compose reads from the bindings, to tell if a rebuild shows more."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding, enabled, tooltip)  # Binding is a frozen dataclass: compared by value
            for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == palette
        )

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys_shown(self.screen)
        widgets = list(super().compose())
        for widget in widgets:
            # Set before mounting: added by the compact binding after it, each key would
            # be styled twice.
            widget.set_class(self.compact, "-compact", update=False)
        self._fitted_width = width = self.size.width or self.app.size.width
        palette = [w for w in widgets if w.has_class("-command-palette")]
        room = width - sum(self._width_of(w) + PALETTE_BORDER for w in palette)
        for widget in widgets:
            if widget in palette:
                continue
            room -= self._width_of(widget)
            if room < 0:
                break
            yield widget
        yield from palette

    def _width_of(self, widget: Widget) -> int:
        """Cells a key takes, by the rules of Textual's Footer CSS (compact or not)."""
        # FooterKey is not public API: known by what it shows (tests/ui/test_home.py guards).
        shown = getattr(widget, "key_display", None), getattr(widget, "description", None)
        if not all(isinstance(text, str) for text in shown):
            return self.size.width or self.app.size.width  # a group or label: leave it out
        key, description = (cell_len(str(text)) for text in shown)
        palette = widget.has_class("-command-palette")
        if self.compact:
            # key, a space, the description; one cell of margin after each key but the palette
            return key + (1 + description if description else 0) + (0 if palette else 1)
        # " key " then "description " (the palette key: padding-right 1, no margin)
        return key + 2 + (description + 1 if description else 0) + (1 if palette else 0)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and event.size.width != self._fitted_width:
            self.call_after_refresh(self.recompose)
