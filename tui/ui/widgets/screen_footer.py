"""A Footer that only rebuilds while its own screen is on show."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class ScreenFooter(Footer):
    """Textual's Footer rebuilds its key widgets whenever bindings change, even on a
    screen that another screen covers: pushing the snapshot over the home screen cost
    a rebuild and a re-layout of home each time (and the old key widgets linger).
    Covered, it waits; its screen's resume brings it up to date."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.app.screen:
            super().bindings_changed(screen)
