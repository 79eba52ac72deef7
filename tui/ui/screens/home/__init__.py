"""The home screen: the list of interviews and the new-interview form."""

from tui.ui.screens.home.screen import HomeScreen

__all__ = ["HomeScreen"]
