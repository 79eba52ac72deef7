"""The private corners of Textual we rely on, each kept on purpose, and each failing here the
day Textual changes it: two the capture line keeps for a measured cost (see
capture_input.py), and the one the tests read the screen through (tests/ui/screen_text.py).
The tests' own copy of Textual's key names is checked against Pilot's here too."""

from __future__ import annotations

import inspect

from textual import events
from textual.app import App, ComposeResult
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Footer, Input, Label

from tests.ui.screen_text import screen_lines
from tests.ui.terminal_keys import key_name
from tui.ui.widgets.capture_input import CaptureInput
from tui.ui.widgets.screen_footer import ScreenFooter


def test_input_still_has_the_private_value_watcher_the_capture_line_runs_before() -> None:
    assert callable(Input.__dict__.get("_watch_value"))
    assert CaptureInput.__dict__["_watch_value"] is not Input.__dict__["_watch_value"]


def test_virtual_size_still_re_lays_out_by_default_and_not_in_the_capture_line() -> None:
    widgets = Widget.__dict__["virtual_size"]
    ours = CaptureInput.__dict__["virtual_size"]
    assert isinstance(widgets, Reactive) and isinstance(ours, Reactive)
    assert widgets._layout  # what makes every keystroke re-lay out the screen
    assert not ours._layout and ours._repaint


def test_the_footer_still_rebuilds_through_the_hook_screen_footer_narrows() -> None:
    """ScreenFooter skips Footer's rebuild for a covered screen or unchanged keys (home's
    first frame paid for three rebuilds): it overrides bindings_changed and reads
    _bindings_ready, both Footer's own."""
    assert callable(Footer.__dict__.get("bindings_changed"))
    assert list(inspect.signature(Footer.bindings_changed).parameters) == ["self", "screen"]
    assert "_bindings_ready" in inspect.getsource(Footer), (
        "Footer no longer keeps _bindings_ready: tui/ui/widgets/screen_footer.py must follow"
    )
    assert ScreenFooter.__dict__["bindings_changed"] is not Footer.__dict__["bindings_changed"]


# what the tests themselves rely on ---------------------------------------------------------


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("hello, screen")


async def test_the_screen_still_hands_tests_the_lines_it_draws() -> None:
    async with Hello().run_test(size=(20, 3)) as pilot:
        compositor = getattr(pilot.app.screen, "_compositor", None)
        assert callable(getattr(compositor, "render_strips", None)), (
            "Textual no longer has Screen._compositor.render_strips, which "
            "tests/ui/screen_text.py reads the screen through: see what "
            "App.export_screenshot draws from now, and read that there"
        )
        assert screen_lines(pilot.app) == ["hello, screen".ljust(20), " " * 20, " " * 20]


async def test_keys_typed_in_a_burst_have_the_names_textual_gives_them() -> None:
    typed = "aZ7é#!' -+@_/\\.👩\u200d\u0301❤\ufe0f"  # Pilot cannot press a lone surrogate
    keys: list[events.Key] = []

    def hook(message: Message) -> None:  # it sees a key at each widget the key passes
        if isinstance(message, events.Key) and not any(k is message for k in keys):
            keys.append(message)

    async with Hello().run_test(message_hook=hook) as pilot:
        await pilot.press(*typed)
    assert [key.key for key in keys] == [key_name(c) for c in typed], (
        "Textual names typed characters differently now: "
        "key_name in tests/ui/terminal_keys.py must follow"
    )
