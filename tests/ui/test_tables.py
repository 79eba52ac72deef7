"""The list screens' small helpers: search-as-you-type waits for a pause, once."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Label

from tui.ui.tables import Debounce


class Typing(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("typing")


async def test_a_burst_of_changes_runs_once_and_running_it_now_cancels_the_wait() -> None:
    runs: list[str] = []
    async with Typing().run_test() as pilot:
        soon = Debounce(pilot.app, 0.05, lambda: runs.append("after the pause"))
        for _ in range(5):  # five keys: one search, after the last
            soon()
        await pilot.pause(0.2)
        assert runs == ["after the pause"]
        soon()
        soon.cancel()  # Enter searched at once: the pending one must not run again
        await pilot.pause(0.2)
        assert runs == ["after the pause"]
