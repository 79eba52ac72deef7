"""The screens the App makes on demand, each imported when first made: `earful start`
never loads the interview list, and the list never loads the live screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

if TYPE_CHECKING:
    from tui.ui.screens.live.screen import LiveScreen


def home_screen() -> Screen[None]:
    # Imported when first shown: `earful start` never needs the session table.
    from tui.ui.screens.home import HomeScreen

    return HomeScreen()


def across_screen(which: str) -> Screen[None]:
    """A new screen for one of ``palette.ACROSS_COMMANDS``."""
    if which == "board":
        from tui.ui.screens.board import BoardScreen

        return BoardScreen()
    if which == "search":
        from tui.ui.screens.search import SearchScreen

        return SearchScreen()
    if which == "participants":
        from tui.ui.screens.participants import ParticipantsScreen

        return ParticipantsScreen()
    if which == "todo":
        from tui.ui.screens.todo import TodoScreen

        return TodoScreen()
    if which == "guide":
        from tui.ui.screens.guide import GuideScreen

        return GuideScreen()
    from tui.ui.screens.brief import BriefScreen

    return BriefScreen([])


def live_screen(*args: Any, **kwargs: Any) -> LiveScreen:
    # Imported when first made: the home screen never needs the live screen's modules.
    from tui.ui.screens.live.screen import LiveScreen

    return LiveScreen(*args, **kwargs)
