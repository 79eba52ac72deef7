"""What the live screen looks like: one SVG snapshot, and what must stay visible at 80×24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widget import Widget

from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch, NewSession
from tui.ui.screens.live.screen import LiveScreen
from tui.ui.widgets.capture_input import CaptureInput
from tui.ui.widgets.clock import ClockDisplay
from tui.ui.widgets.entry_log import EntryLog
from tui.ui.widgets.hotkey_bar import HotkeyBar, PendingLine

START_MS = 1_700_000_000_000


class FixedClock:
    """Wall time the test moves by hand."""

    def __init__(self) -> None:
        self.ms = START_MS

    def __call__(self) -> int:
        return self.ms


def live_app(db_path: Path, clock: FixedClock) -> EarfulApp:
    new = NewSession(
        "Ada Lovelace", "Acme", "How do teams share findings?", 30, ClockState(START_MS)
    )
    return build_app(Launch("start", new=new), db_path, Config(), now=clock)


async def capture_an_interview(pilot: Pilot[None], clock: FixedClock) -> None:
    """A few minutes of an interview: quotes, a note, a mark, tags, a star, a pending draft."""
    for _ in range(200):
        await pilot.pause(0.01)
        screen = pilot.app.screen
        if isinstance(screen, LiveScreen) and screen.session is not None:
            break
    assert isinstance(screen, LiveScreen) and screen.store is not None
    capture = screen.query_one(CaptureInput)
    capture.cursor_blink = False  # a steady cursor, so every run draws the same frame
    lines = [
        (65, "Nobody reads our wiki, honestly #wiki !frustrated"),
        (140, "Ask about the Friday export ritual"),
        (260, "I paste quotes into Slack by hand every single week #workarounds !delighted"),
    ]
    for seconds, text in lines:
        clock.ms = START_MS + seconds * 1000
        capture.value = text
        if text.startswith("Ask"):
            await pilot.press("ctrl+n")
        await pilot.press("enter")
    await pilot.press("ctrl+s")
    clock.ms = START_MS + 300_000
    await pilot.press("ctrl+t")
    clock.ms = START_MS + 1_570_000  # inside the last five minutes: the clock warns
    capture.value = "We tried three tools"
    await pilot.press("f2")
    screen.query_one(ClockDisplay).tick()
    pilot.app.clear_notifications()
    await pilot.pause()


def test_live_screen_snapshot(snap_compare: Any, db_path: Path) -> None:
    clock = FixedClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await capture_an_interview(pilot, clock)

    assert snap_compare(live_app(db_path, clock), terminal_size=(100, 30), run_before=run_before)


def _inside(widget: Widget, width: int, height: int) -> bool:
    region = widget.region
    return (
        region.width > 0
        and region.height > 0
        and region.x >= 0
        and region.y >= 0
        and region.right <= width
        and region.bottom <= height
    )


async def test_everything_important_is_visible_at_80_by_24(db_path: Path) -> None:
    clock = FixedClock()
    async with live_app(db_path, clock).run_test(size=(80, 24)) as pilot:
        await capture_an_interview(pilot, clock)
        screen = pilot.app.screen
        clock_display = screen.query_one(ClockDisplay)
        important = [
            screen.query_one("#who"),
            clock_display,
            screen.query_one("#goal"),
            screen.query_one(EntryLog),
            screen.query_one(PendingLine),
            screen.query_one(CaptureInput),
            screen.query_one(HotkeyBar),
        ]
        for widget in important:
            assert _inside(widget, 80, 24), widget
        assert screen.query_one(EntryLog).region.height >= 5  # room for the log itself
        assert clock_display.region.width >= len("26:10 / 30:00 · 03:50 left")
        # The hotkey bar shows every key beside its tag, wrapped if it must be, none cut off.
        bar = screen.query_one(HotkeyBar)
        lines = [s.text for s in bar.render_lines(bar.region.reset_offset)]
        for chip in ("F2 #pains", "F5 #needs", "F6 !frustrated", "F9 !anxious"):
            assert any(chip in line.replace("\u00a0", " ") for line in lines), lines


async def test_the_space_is_used_at_200_by_60(db_path: Path) -> None:
    clock = FixedClock()
    async with live_app(db_path, clock).run_test(size=(200, 60)) as pilot:
        await capture_an_interview(pilot, clock)
        screen = pilot.app.screen
        log = screen.query_one(EntryLog)
        assert log.region.width == 200 and log.region.height >= 45
        # Every chord fits in two lines at this width (the bar replaced the footer line).
        assert screen.query_one(HotkeyBar).region.height == 2
