"""What the terminal shows, for tests that read the whole screen.

Textual has no public call that gives the screen's lines: ``App.export_screenshot`` draws
the same lines but only hands them back as SVG, without the control characters a hostile
string could smuggle in, and with colours as CSS classes. So this module is the one place
that asks the screen's compositor for them (what ``export_screenshot`` does inside).
``tests/ui/test_textual_hooks.py`` fails with a clear message the day Textual renames it.

A single widget's lines need none of this: use its ``render_line(y)`` (Line API widgets)
or ``render_lines(region)``.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.strip import Strip


def screen_strips(app: App[Any]) -> list[Strip]:
    """Every line the current screen draws, with its styles, as it goes to the terminal."""
    return list(app.screen._compositor.render_strips())


def screen_lines(app: App[Any]) -> list[str]:
    """Every line the current screen draws, as plain text."""
    return [strip.text for strip in screen_strips(app)]
