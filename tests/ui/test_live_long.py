"""The live screen past the first screenful, at 80×24: what a real 40–80 entry interview sees."""

from __future__ import annotations

import asyncio
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
from tui.ui.screens.live.screen import LiveScreen
from tui.ui.widgets.capture_input import CaptureInput
from tui.ui.widgets.clock import ClockDisplay
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


def dialog_text(pilot: Pilot[None]) -> str:
    """The words of the dialog on top."""
    return " ".join(shown(w) for w in pilot.app.screen.query("Static"))


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
        assert "F-keys → 00:00 quote number 39" in shown(screen.query_one(PendingLine))


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


# undo takes back any slip, most recent first -----------------------------------------


async def test_undo_takes_back_hotkeys_flags_and_new_entries_newest_first(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        await save_line(pilot, "one")
        await pilot.press("ctrl+o")  # an edit made long before the slips
        await pilot.pause()
        editor = pilot.app.screen
        editor.query_one("#text").value = "one, fixed"
        editor.query_one("#text").focus()
        await pilot.press("enter")  # the editor's save
        await pilot.pause()
        await save_line(pilot, "two")
        await pilot.press("f9", "ctrl+s", "ctrl+t")
        await pilot.press("ctrl+z")
        assert "Undone: the mark at" in shown(screen.query_one("#notice"))
        await pilot.press("ctrl+z")
        assert "Undone: adding the star on “two”" in shown(screen.query_one("#notice"))
        await pilot.press("ctrl+z")
        assert "Undone: adding !" in shown(screen.query_one("#notice"))
        _, entries = stored(db_path)
        assert [(e.text, e.emotions, e.starred) for e in entries] == [
            ("one, fixed", (), False),
            ("two", (), False),
        ]
        await pilot.press("ctrl+z")  # the quote itself
        _, entries = stored(db_path)
        assert [e.text for e in entries] == ["one, fixed"]
        assert not on_screen(screen, "two")
        await pilot.press("ctrl+g")  # redo brings the same quote back
        _, entries = stored(db_path)
        assert [e.text for e in entries] == ["one, fixed", "two"]


async def test_a_tags_only_line_on_a_selected_entry_is_undone_in_one_step(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await save_line(pilot, "one")
        await save_line(pilot, "two")
        await pilot.press("up", "up")
        await save_line(pilot, "#wiki !anxious")
        _, entries = stored(db_path)
        assert entries[0].topics == ("wiki",) and entries[0].emotions == ("anxious",)
        await pilot.press("ctrl+z")
    _, entries = stored(db_path)
    assert [(e.text, e.topics, e.emotions) for e in entries] == [
        ("one", (), ()),
        ("two", (), ()),
    ]


# keys a terminal multiplexer lets through ---------------------------------------------


async def test_testimonial_is_a_key_tmux_and_screen_let_through(
    db_path: Path, clock: FakeClock
) -> None:
    taken_by_multiplexers = {"ctrl+b", "ctrl+a"}  # tmux's and GNU screen's prefixes
    keys = {b.key for b in LiveScreen.BINDINGS if hasattr(b, "key")}
    assert not keys & taken_by_multiplexers
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await save_line(pilot, "I'd say that on your website")
        await pilot.press("ctrl+l")
    _, entries = stored(db_path)
    assert entries[0].testimonial


# ending asks once; a finished interview does not restart by itself --------------------


async def test_f12_asks_before_ending_and_escape_keeps_the_interview_going(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        await save_line(pilot, "one")
        await pilot.press("f12")
        await pilot.pause()
        assert "End the interview" in dialog_text(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        session, _ = stored(db_path)
        assert session.clock.ended_at_ms is None
        clock.advance(60)
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, LiveScreen)
    session, _ = stored(db_path)
    assert session.clock.ended_at_ms == session.clock.started_at_ms + 60_000


async def test_reopening_an_ended_interview_continues_paused_with_the_gap_as_a_pause(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        clock.advance(60)
        await save_line(pilot, "one")
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    session, _ = stored(db_path)
    clock.advance(3600)  # an hour later
    reopened = build_app(Launch("open", session_id=session.id), db_path, Config(), now=clock)
    async with reopened.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        assert screen.clock.paused and screen.clock.elapsed_ms() == 60_000
        clock.advance(30)
        assert screen.clock.elapsed_ms() == 60_000  # nothing counts until F10
        await pilot.press("f10")
        clock.advance(5)
        assert screen.clock.elapsed_ms() == 65_000


# recording time, explicit and undoable ------------------------------------------------


async def test_resyncing_the_recording_asks_and_undo_puts_the_old_sync_back(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        clock.advance(12)
        await pilot.press("ctrl+r")
        clock.advance(30)
        await save_line(pilot, "after the recording")
        screen.query_one(ClockDisplay).tick()
        assert "rec 00:30" in shown(screen.query_one(ClockDisplay))
        assert "F-keys → 00:30 after the recording" in shown(screen.query_one(PendingLine))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Move the sync" in dialog_text(pilot)
        await pilot.press("escape")  # keep the first sync
        await pilot.pause()
        session, _ = stored(db_path)
        assert session.recording_at_ms == 12_000
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        session, _ = stored(db_path)
        assert session.recording_at_ms == 42_000
        assert on_screen(screen, "00:00  after the recording")
        await pilot.press("ctrl+z")
        session, _ = stored(db_path)
        assert session.recording_at_ms == 12_000
        assert on_screen(screen, "00:30  after the recording")


# the footer and notices ---------------------------------------------------------------


async def test_the_pause_key_says_resume_while_paused(db_path: Path, clock: FakeClock) -> None:
    from tui.ui.widgets.hotkey_bar import HotkeyBar

    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        bar = screen.query_one(HotkeyBar)
        assert "F10 Pause" in shown(bar)
        await pilot.press("f10")
        await pilot.pause()
        assert "F10 Resume" in shown(bar) and "F10 Pause" not in shown(bar)
        await pilot.press("f10")
        await pilot.pause()
        assert "F10 Pause" in shown(bar)


async def test_notices_hide_no_entry_of_a_full_log(db_path: Path, clock: FakeClock) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        await capture(pilot, 20)
        await pilot.press("ctrl+t")  # says "Moment marked at …"
        await pilot.pause()
        assert "Moment marked" in shown(screen.query_one("#notice"))
        log = screen.query_one(EntryLog)
        notice = screen.query_one("#notice")
        assert notice.region.y >= log.region.bottom  # below the log, not over it
        assert not list(screen.query("Toast"))
        assert on_screen(screen, "moment marked")


async def test_the_log_keeps_following_while_a_notice_takes_a_line(
    db_path: Path, clock: FakeClock
) -> None:
    # The notice line makes the log a line shorter: that is not scrolling up on purpose,
    # and the entries saved while it shows (and after it goes) must stay in view.
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        await capture(pilot, 20)
        await pilot.press("ctrl+r")  # says "Recording time now …"
        await pilot.pause()
        assert screen.has_class("-notice")
        for n in range(21, 25):
            await save_line(pilot, f"quote number {n}")
            await pilot.pause()
            assert on_screen(screen, f"quote number {n}"), (n, log_lines(screen))
        screen.hide_notice()
        await pilot.pause()
        await save_line(pilot, "quote number 25")
        await pilot.pause()
        assert on_screen(screen, "quote number 25"), log_lines(screen)


async def test_after_an_edit_the_f_keys_line_names_the_entry_as_it_now_reads(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        await save_line(pilot, "The expnse reports are late")
        await pilot.press("ctrl+o")
        await pilot.pause()
        field = pilot.app.screen.query_one("#text")
        field.value = "The expense reports are late"
        field.focus()
        await pilot.press("enter")
        await app.store_opened()
        for _ in range(100):
            await pilot.pause(0.02)
            if "expense" in shown(screen.query_one(PendingLine)):
                break
        assert "F-keys → 00:00 The expense reports are late" in shown(screen.query_one(PendingLine))


async def test_the_f_keys_carry_the_tags_chosen_in_the_codebook(
    db_path: Path, clock: FakeClock
) -> None:
    from tui.store.hotkeys import choose_hotkeys
    from tui.store.store import open_store
    from tui.ui.widgets.hotkey_bar import HotkeyBar

    store = open_store(db_path)
    choose_hotkeys(store, "topic", ["pricing", "onboarding"])
    store.close()
    app = live_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(pilot)
        assert "F2 #pricing  F3 #onboarding  F6 !frustrated" in shown(screen.query_one(HotkeyBar))
        await save_line(pilot, "too expensive for us")
        await pilot.press("f3")
        await app.store_opened()
        store = open_store(db_path)
        choose_hotkeys(store, "topic", ["wiki"])  # chosen on the board meanwhile
        store.close()
        app.hotkeys_changed()
        await pilot.pause()
        assert "F2 #wiki  F6" in shown(screen.query_one(HotkeyBar))
        await pilot.press("f2")
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
    _, entries = stored(db_path)
    assert entries[0].topics == ("onboarding", "wiki")
