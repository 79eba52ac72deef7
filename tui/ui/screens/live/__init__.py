"""The live screen: capture during the call (the screen and the parts it owns)."""

from tui.ui.screens.live.screen import LiveScreen

__all__ = ["LiveScreen"]
