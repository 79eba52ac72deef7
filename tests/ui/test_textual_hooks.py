"""The two private corners of Textual the capture line relies on, kept on purpose for a
measured cost (see capture_input.py): these fail the day Textual changes them."""

from __future__ import annotations

from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input

from tui.ui.widgets.capture_input import CaptureInput


def test_input_still_has_the_private_value_watcher_the_capture_line_runs_before() -> None:
    assert callable(Input.__dict__.get("_watch_value"))
    assert CaptureInput.__dict__["_watch_value"] is not Input.__dict__["_watch_value"]


def test_virtual_size_still_re_lays_out_by_default_and_not_in_the_capture_line() -> None:
    widgets = Widget.__dict__["virtual_size"]
    ours = CaptureInput.__dict__["virtual_size"]
    assert isinstance(widgets, Reactive) and isinstance(ours, Reactive)
    assert widgets._layout  # what makes every keystroke re-lay out the screen
    assert not ours._layout and ours._repaint
