"""The live screen past the first screenful, at 80×24: what a real 40–80 entry interview sees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.ui.test_live import (
    FakeClock,
    live_app,
    log_lines,
    ready,
    save_line,
    shown,
    stored,
)
from tui.cli import build_app
from tui.core.config import Config
from tui.ui.launch import Launch
from tui.ui.screens.live import LiveScreen
from tui.ui.widgets.capture_input import CaptureInput
from tui.ui.widgets.entry_log import EntryLog
from tui.ui.widgets.hotkey_bar import PendingLine

SMALL = (80, 24)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def on_screen(screen: LiveScreen, text: str) -> bool:
    """Is ``text`` shown in the log (and not just as the start of a longer number)?"""
    pattern = re.compile(re.escape(text) + r"(?!\d)")
    return any(pattern.search(line) for line in log_lines(screen))


async def capture(pilot: Pilot[None], count: int, start: int = 1) -> None:
    for n in range(start, start + count):
        await save_line(pilot, f"quote number {n}")


async def test_the_newest_entry_stays_on_screen_for_a_whole_interview(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        for n in range(1, 61):
            clock.advance(20)
            await save_line(pilot, f"quote number {n}")
            await pilot.pause()
            assert on_screen(screen, f"quote number {n}"), (n, log_lines(screen))


async def test_resume_opens_at_the_newest_entry(db_path: Path, clock: FakeClock) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await capture(pilot, 39)
    resumed = build_app(Launch("resume"), db_path, Config(), now=clock)
    async with resumed.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        assert on_screen(screen, "quote number 39"), log_lines(screen)


async def test_scrolling_up_on_purpose_is_not_undone_by_a_new_entry(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        await capture(pilot, 30)
        await pilot.press("pageup", "pageup")
        top = screen.query_one(EntryLog).scroll_y
        await save_line(pilot, "said while reading back")
        assert screen.query_one(EntryLog).scroll_y == top
        await pilot.press("pagedown", "pagedown", "pagedown")
        await save_line(pilot, "back at the end")
        assert on_screen(screen, "back at the end")


async def test_a_new_entry_takes_the_hotkeys_from_a_selected_old_one(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await save_line(pilot, "one")
        await save_line(pilot, "two")
        await pilot.press("up", "up", "f2")
        await save_line(pilot, "three")
        await pilot.press("f6")
    _, entries = stored(db_path)
    assert [(e.text, e.topics, e.emotions) for e in entries] == [
        ("one", ("pains",), ()),
        ("two", (), ()),
        ("three", (), ("frustrated",)),
    ]


async def test_the_line_over_the_capture_line_names_the_entry_hotkeys_apply_to(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        clock.advance(3)
        await save_line(pilot, "one")
        clock.advance(10)
        await save_line(pilot, "two")
        label = screen.query_one(PendingLine)
        assert "F-keys → 00:13 two" in shown(label)
        await pilot.press("up", "up")
        assert "F-keys → 00:03 one" in shown(label)
        await pilot.press("escape")
        assert "F-keys → 00:13 two" in shown(label)
        screen.query_one(CaptureInput).value = "thr"
        await pilot.pause()
        assert "F-keys → this entry" in shown(label)


async def test_a_selected_entry_is_scrolled_into_view_and_shown(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        await capture(pilot, 40)
        await pilot.press(*["up"] * 35)
        assert on_screen(screen, "quote number 6")
        assert "quote number 6" in shown(screen.query_one(PendingLine))
        # Scrolling away and coming back to typing: the selection does not linger unseen.
        await pilot.press("escape")
        assert screen.query_one(EntryLog).selected is None
        assert on_screen(screen, "quote number 40")


async def test_the_editor_closing_leaves_no_hidden_selection(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        await capture(pilot, 3)
        await pilot.press("up", "up", "ctrl+o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await save_line(pilot, "four")
        await pilot.press("f3")
        log = screen.query_one(EntryLog)
        assert log.selected is None
    _, entries = stored(db_path)
    assert entries[-1].text == "four" and entries[-1].topics == ("gains",)
    assert entries[1].topics == ()
