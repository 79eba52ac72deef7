"""The footer of the list screens: rebuilt when the keys it shows change, and only then."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input

from tui.ui.widgets.screen_footer import ScreenFooter


class Pane(Widget, can_focus=True):
    BINDINGS = [Binding("f7", "noop", "Pane only")]

    def action_noop(self) -> None:
        pass


class Footed(App[None]):
    BINDINGS = [Binding("f2", "noop", "Everywhere")]

    def compose(self) -> ComposeResult:
        yield Input(id="one")
        yield Input(id="two")
        yield Pane()
        yield ScreenFooter(compact=True)

    def action_noop(self) -> None:
        pass


def shown(app: Footed) -> list[str]:
    return [str(key.render()).strip() for key in app.query_one(ScreenFooter).children]


async def test_moving_the_focus_between_boxes_keeps_the_same_keys_without_a_rebuild() -> None:
    app = Footed()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        before = list(app.query_one(ScreenFooter).children)
        assert any("Everywhere" in text for text in shown(app))
        app.query_one("#two", Input).focus()
        await pilot.pause()
        app.query_one("#one", Input).focus()
        await pilot.pause()
        assert list(app.query_one(ScreenFooter).children) == before  # the same widgets


async def test_a_focus_that_brings_its_own_key_shows_it_and_leaving_hides_it() -> None:
    app = Footed()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        assert not any("Pane only" in text for text in shown(app))
        app.query_one(Pane).focus()
        await pilot.pause()
        assert any("Pane only" in text for text in shown(app))
        app.query_one("#one", Input).focus()
        await pilot.pause()
        assert not any("Pane only" in text for text in shown(app))


async def test_compact_keys_are_drawn_compact() -> None:
    app = Footed()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        keys = list(app.query_one(ScreenFooter).children)
        assert keys and all(key.has_class("-compact") for key in keys)
        assert "f2 Everywhere" in " ".join(shown(app))
