"""What the log paints on Enter, as the terminal gets it.

Saving an entry repaints only what changed (the new end of the log and its scrollbar,
then the saved entry's own lines), without a layout of the screen. These tests read the
painted screen, not freshly drawn lines, so a repaint that misses a line shows up here:
after each step the screen must be exactly what a full redraw of it shows.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from rich.style import Style
from textual.pilot import Pilot

from tests.ui.screen_text import screen_strips
from tests.ui.test_live import FakeClock, live_app, ready, save_line
from tui.cli import build_app
from tui.core.config import Config
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch
from tui.ui.screens.live.screen import LiveScreen

SMALL = (80, 24)

Painted = list[list[tuple[str, Style | None]]]


def painted(pilot: Pilot[None]) -> Painted:
    """The log's rows (its scrollbar too) and the line naming what the F-keys tag, as
    painted, text and style run by run. (The clock and the cursor change on their own.)"""
    screen = pilot.app.screen
    assert isinstance(screen, LiveScreen)
    lines = screen_strips(pilot.app)
    rows = [*range(screen.entry_log.region.y, screen.entry_log.region.bottom)]
    rows.append(screen.pending.region.y)
    return [[(s.text, s.style) for s in lines[y]] for y in rows]


async def redrawn(pilot: Pilot[None]) -> Painted:
    """The same screen after every widget of the live screen is drawn again from scratch."""
    screen = pilot.app.screen
    assert isinstance(screen, LiveScreen)
    for widget in [*screen.query("*"), screen.entry_log.vertical_scrollbar]:
        widget.refresh()
    await pilot.pause()
    return painted(pilot)


async def saved(pilot: Pilot[None], text: str) -> None:
    await save_line(pilot, text)
    app = pilot.app
    assert isinstance(app, EarfulApp)
    assert await asyncio.to_thread(app.writer.wait_idle, 10)
    await pilot.pause()


async def quotes(pilot: Pilot[None], count: int) -> None:
    for n in range(1, count + 1):
        await saved(pilot, f"quote number {n}")


def log_rows(pilot: Pilot[None]) -> list[str]:
    """The log's rows on the painted screen, scrollbar column included."""
    screen = pilot.app.screen
    assert isinstance(screen, LiveScreen)
    region = screen.entry_log.region
    lines = screen_strips(pilot.app)[region.y : region.bottom]
    return [line.text[region.x : region.right] for line in lines]


async def test_each_save_paints_what_a_full_redraw_would_through_a_long_interview(
    db_path: Path,
) -> None:
    clock = FakeClock()
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        assert isinstance(screen, LiveScreen)
        for n in range(1, 46):
            clock.advance(15)
            # Every fourth one wraps onto a second line at 80 columns.
            filler = " and the export never matches what finance expects" if n % 4 == 0 else ""
            await saved(pilot, f"quote number {n}{filler} #pains !frustrated")
            if n in (1, 12, 13, 14, 30, 45):  # empty, filling, overflowing, long past
                before = painted(pilot)
                assert before == await redrawn(pilot), f"after quote {n}"
        rows = log_rows(pilot)
        assert "quote number 45" in rows[-1]
        assert not any("saving…" in row for row in rows)


async def test_a_quote_still_saving_is_painted_so_then_painted_saved(db_path: Path) -> None:
    app = live_app(db_path, FakeClock())
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await quotes(pilot, 30)
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the database a moment
        try:
            await save_line(pilot, "quote number 31")
            await pilot.pause()
            assert "quote number 31  saving…" in log_rows(pilot)[-1]
            assert painted(pilot) == await redrawn(pilot)
        finally:
            other.rollback()
            other.close()
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        await pilot.pause()
        assert "saving…" not in log_rows(pilot)[-1]
        assert painted(pilot) == await redrawn(pilot)


async def test_scrolling_back_a_line_after_many_saves_starts_from_the_newest(
    db_path: Path,
) -> None:
    app = live_app(db_path, FakeClock())
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        await quotes(pilot, 40)
        before = log_rows(pilot)
        # What the mouse wheel does: one step up from where the log last scrolled to.
        screen.entry_log.scroll_up(animate=False)
        await pilot.pause()
        after = log_rows(pilot)
        assert [row[:-1] for row in after[1:]] == [row[:-1] for row in before[:-1]]
        assert "quote number 40" not in " ".join(after)


def scrollbar(pilot: Pilot[None]) -> list[list[tuple[str, Style | None]]]:
    """The log's scrollbar column as painted, row by row."""
    screen = pilot.app.screen
    assert isinstance(screen, LiveScreen)
    region = screen.entry_log.region
    lines = screen_strips(pilot.app)
    column = (region.right - 1, region.right)
    rows = range(region.y, region.bottom)
    return [[(s.text, s.style) for s in lines[y].crop(*column)] for y in rows]


async def test_a_resumed_long_interview_paints_the_thumb_at_the_end(db_path: Path) -> None:
    """Resumed, the log opens at its newest entry: the thumb must say so, as it does once
    the note-taker scrolls there, not sit at the top of the bar."""
    clock = FakeClock()
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        await quotes(pilot, 45)
        at_end = scrollbar(pilot)
        screen.entry_log.scroll_home(animate=False)
        await pilot.pause()
        assert scrollbar(pilot) != at_end  # the thumb's place shows in the column
    resumed = build_app(Launch("resume"), db_path, Config(), now=clock)
    async with resumed.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert "quote number 45" in log_rows(pilot)[-1]
        assert scrollbar(pilot) == at_end
