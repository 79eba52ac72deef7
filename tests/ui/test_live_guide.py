"""The interview guide during the call: the pane and its one line, ticking, skipping and
moving through the questions, entries linked to the question of their first keystroke."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot

from tests.ui.screen_text import screen_lines
from tests.ui.terminal_keys import typed_like_a_terminal
from tests.ui.test_live import FakeClock, ready, save_line, shown
from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.core.guide import parse_guide
from tui.store.guides import Tick, add_guide, entry_questions, ticks
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch, NewSession
from tui.ui.screens.live.screen import LiveScreen
from tui.ui.widgets.capture_input import CaptureInput
from tui.ui.widgets.entry_log import EntryLog
from tui.ui.widgets.guide_pane import GuideLine, GuidePane
from tui.ui.widgets.hotkey_bar import HotkeyBar, PendingLine

WIDE, NARROW = (120, 40), (80, 24)

GUIDE = """# Discovery
Goal: How do teams share what they learn?

## Warm-up (5 min)
- Tell me about your role. @ada
- How big is your team?

## Sharing (10 min)
- Tell me about the last time you shared a finding. #sharing
  - What happened next?
- Where did it end up? #wiki
"""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def guided_app(
    db_path: Path, clock: FakeClock, text: str = GUIDE, config: Config | None = None
) -> EarfulApp:
    store = open_store(db_path)
    version = add_guide(store, parse_guide(text)).version
    store.close()
    new = NewSession("Ada Lovelace", "Acme", "", 30, ClockState(clock()), version.id)
    return build_app(Launch("start", new=new), db_path, config or Config(), now=clock)


def saved_state(db_path: Path) -> tuple[list[tuple[int, Tick]], dict[str, int]]:
    """(question number, tick) for each tick, and the question number of each entry by text,
    read through a fresh connection."""
    store = open_store(db_path)
    try:
        session = store.sessions()[0].id
        numbers = dict(store.conn.execute("SELECT id, number FROM guide_questions").fetchall())
        done = sorted((numbers[q], tick) for q, tick in ticks(store, session).items())
        links = entry_questions(store, session)
        answered = {e.text: numbers[links[e.id]] for e in store.entries(session) if e.id in links}
        return done, answered
    finally:
        store.close()


async def settled(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, EarfulApp)
    assert await asyncio.to_thread(app.writer.wait_idle, 10)
    await pilot.pause()


def pane_text(screen: LiveScreen) -> list[str]:
    pane = screen.query_one(GuidePane)
    return [pane.render_line(y).text.rstrip() for y in range(pane.size.height)]


def section_colour(screen: LiveScreen) -> object:
    """The colour the one-line guide draws the section's minutes in."""
    widget = screen.query_one(GuideLine)
    strip = widget.render_lines(Region(0, 0, *widget.outer_size))[0]
    return next(seg.style.color for seg in strip if "section" in seg.text and seg.style)


def line_text(screen: LiveScreen) -> str:
    return shown(screen.query_one(GuideLine)).strip()


# ticking, skipping, moving -------------------------------------------------------------


async def test_ctrl_k_ticks_the_question_with_the_clock_and_the_next_becomes_current(
    db_path: Path, clock: FakeClock
) -> None:
    async with guided_app(db_path, clock).run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        assert screen.query_one(GuidePane).display and not screen.query_one(GuideLine).display
        assert any(line.startswith("▶  Q1  Tell me about your role.") for line in pane_text(screen))
        clock.advance(30)
        await pilot.press("ctrl+k")
        await settled(pilot)
        lines = pane_text(screen)
        assert any(line.startswith(" ✓ Q1") and "00:30" in line for line in lines)
        assert any(line.startswith("▶  Q2  How big is your team?") for line in lines)
        assert screen.capture.has_focus
    done, _ = saved_state(db_path)
    assert [(n, t.asked_at_ms, t.skipped) for n, t in done] == [(1, 30_000, False)]


async def test_ctrl_k_on_an_asked_question_unticks_it_and_stays(
    db_path: Path, clock: FakeClock
) -> None:
    async with guided_app(db_path, clock).run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+k", "ctrl+up")
        await settled(pilot)
        assert saved_state(db_path)[0] != []
        await pilot.press("ctrl+k")
        await settled(pilot)
        assert any(line.startswith("▶  Q1") for line in pane_text(screen))
    assert saved_state(db_path)[0] == []


async def test_ctrl_e_skips_and_ctrl_down_moves_on_without_ticking(
    db_path: Path, clock: FakeClock
) -> None:
    async with guided_app(db_path, clock).run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        clock.advance(5)
        titles = [command.title for command in pilot.app.get_system_commands(screen)]
        assert "Skip question" in titles  # in the palette too, with a guide
        await pilot.press("ctrl+e", "ctrl+down")
        await settled(pilot)
        lines = pane_text(screen)
        assert any(line.startswith(" – Q1") and "00:05" in line for line in lines)
        assert any(line.startswith("▶  Q3") for line in lines)
        assert any(line.startswith("       · What happened next?") for line in lines)
    done, _ = saved_state(db_path)
    assert [(n, t.skipped) for n, t in done] == [(1, True)]


async def test_undo_takes_a_tick_back_and_redo_puts_it_again(
    db_path: Path, clock: FakeClock
) -> None:
    async with guided_app(db_path, clock).run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        clock.advance(12)
        await pilot.press("ctrl+k")
        await pilot.press("ctrl+z")
        await settled(pilot)
        assert saved_state(db_path)[0] == []
        assert any(line.startswith("▶  Q1") for line in pane_text(screen))
        assert "Undone: ticking Q1" in pilot.app.notices[-1][1]
        await pilot.press("ctrl+g")
        await settled(pilot)
        assert any(line.startswith("▶  Q2") for line in pane_text(screen))
    done, _ = saved_state(db_path)
    assert [(n, t.asked_at_ms) for n, t in done] == [(1, 12_000)]


# entries and their questions -----------------------------------------------------------


async def test_an_entry_answers_the_question_current_at_its_first_keystroke(
    db_path: Path, clock: FakeClock
) -> None:
    async with guided_app(db_path, clock).run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        # All in one burst, as a fast typist's keys arrive: the tick comes after "I r".
        typed_like_a_terminal(pilot.app, "I r", "<ctrl+k>", "un research", "<enter>")
        typed_like_a_terminal(pilot.app, "Four of us", "<enter>")
        await settled(pilot)
        await save_line(pilot, "A note with no question change")
        await settled(pilot)
        log = [line.rstrip() for line in shown(screen.query_one(EntryLog)).splitlines()]
        assert log[0].startswith(" ── Q1 Tell me about your role. ──")
        assert "I run research" in log[1]
        assert log[2].startswith(" ── Q2 How big is your team? ──")
        assert "Four of us" in log[3] and "A note with no" in log[4]
    _, answered = saved_state(db_path)
    assert answered == {
        "I run research": 1,
        "Four of us": 2,
        "A note with no question change": 2,
    }


async def test_the_question_topic_is_a_pending_chip_kept_unless_its_key_takes_it_off(
    db_path: Path, clock: FakeClock
) -> None:
    config = Config(topics=["sharing", "pains"])
    async with guided_app(db_path, clock, config=config).run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+down", "ctrl+down", "w")
        assert "#sharing" in shown(screen.query_one(PendingLine))
        await save_line(pilot, "We post it in Slack")
        await pilot.press("x", "f2")  # the F-key of #sharing: off again
        assert "#sharing" not in shown(screen.query_one(PendingLine))
        await save_line(pilot, "Not about sharing")
        await settled(pilot)
    store = open_store(db_path)
    try:
        entries = store.entries(store.sessions()[0].id)
        assert [(e.text, e.topics) for e in entries] == [
            ("We post it in Slack", ("sharing",)),
            ("Not about sharing", ()),
        ]
    finally:
        store.close()


# 80×24: one line, F1 for the whole guide ---------------------------------------------


async def test_at_80x24_the_guide_is_one_line_with_the_section_time(
    db_path: Path, clock: FakeClock
) -> None:
    async with guided_app(db_path, clock).run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        assert not screen.query_one(GuidePane).display
        line = line_text(screen)
        assert line.startswith("Q1/4 · Tell me about your role. @ada")
        assert line.endswith("section 1: 0 of 5 min")
        within = section_colour(screen)
        lines = screen_lines(pilot.app)
        capture_top = next(n for n, text in enumerate(lines) if "▔▔▔" in text)
        assert lines[capture_top - 2].strip() == line  # above the capture line's pending line
        clock.advance(6 * 60)
        await pilot.pause(1.2)  # the line follows the clock once a second
        assert line_text(screen).endswith("section 1: 6 of 5 min")
        assert section_colour(screen) != within  # over its budget: the clock's colour
        await pilot.press("ctrl+k", "ctrl+k")
        assert line_text(screen).startswith("Q3/4 · Tell me about the last time")
        assert line_text(screen).endswith("section 2: 0 of 10 min")


async def test_f1_shows_the_whole_guide_and_typing_goes_on_in_the_capture_line(
    db_path: Path, clock: FakeClock
) -> None:
    async with guided_app(db_path, clock).run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert screen.query_one(GuidePane).display
        assert not screen.query_one(EntryLog).display
        assert any("Q4  Where did it end up?" in line for line in screen_lines(pilot.app))
        await pilot.press("h", "i")
        assert screen.query_one(CaptureInput).value == "hi"
        await pilot.press("f1")
        await pilot.pause()
        assert screen.query_one(EntryLog).display and screen.query_one(GuideLine).display


async def test_resume_brings_back_the_ticks_and_where_the_call_was(
    db_path: Path, clock: FakeClock
) -> None:
    async with guided_app(db_path, clock).run_test(size=WIDE) as pilot:
        await ready(pilot)
        clock.advance(20)
        # Q1 asked, Q2 skipped, then on to Q4 past Q3, where an answer was typed.
        await pilot.press("ctrl+k", "ctrl+e", "ctrl+down")
        await save_line(pilot, "In the wiki")
        await settled(pilot)
    clock.advance(60)
    app = build_app(Launch("resume"), db_path, Config(), now=clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        lines = pane_text(screen)
        assert any(line.startswith(" ✓ Q1") and "00:20" in line for line in lines)
        assert any(line.startswith(" – Q2") for line in lines)
        assert any(line.startswith("▶  Q4  Where did it end up?") for line in lines)
        await pilot.press("ctrl+k")  # Q4 asked: the one still open is Q3
        assert any(line.startswith("▶  Q3") for line in pane_text(screen))


# without a guide, and hostile guide text ----------------------------------------------


async def test_a_session_without_a_guide_looks_and_types_as_before(
    db_path: Path, clock: FakeClock
) -> None:
    new = NewSession("Ada Lovelace", "Acme", "", 30, ClockState(clock()))
    app = build_app(Launch("start", new=new), db_path, Config(), now=clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        assert not [w for w in screen.query("GuidePane, GuideLine") if w.display]
        assert "Asked" not in shown(screen.query_one(HotkeyBar))
        capture = screen.query_one(CaptureInput)
        await pilot.press("h", "e", "l", "l", "o", "left", "left", "ctrl+k")
        assert capture.value == "hel"  # the capture line's own kill to end of line
        await pilot.press("home", "ctrl+e", "!")
        assert capture.value == "hel!"
        await save_line(pilot, "no guide here")
        await settled(pilot)
        assert "──" not in shown(screen.query_one(EntryLog))
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Skip question" not in titles and "Mark" in titles  # guide keys are off
    assert saved_state(db_path) == ([], {})


HOSTILE = (
    "# Evil [b]guide[/b]\n## [red]Part[/red] \x1b[2J (5 min)\n"
    "- Why [@click=app.quit]this[/] \x1b[31mred\u202eevil? @a[b]x #wiki\n"
)


async def test_hostile_guide_text_is_shown_literally(db_path: Path, clock: FakeClock) -> None:
    for size in (WIDE, NARROW):
        async with guided_app(db_path, clock, HOSTILE).run_test(size=size) as pilot:
            screen = await ready(pilot)
            if size == NARROW:
                assert "Q1/1 · Why [@click=app.quit]this[/] ␛[31mred⇄evil?" in line_text(screen)
                await pilot.press("f1")
                await pilot.pause()
            text = " ".join(line.strip() for line in pane_text(screen))  # rewrapped
            assert "Evil [b]guide[/b]" in text
            assert "[red]Part[/red] ␛[2J" in text
            assert "Why [@click=app.quit]this[/] ␛[31mred⇄evil?" in text
            if size == NARROW:
                await pilot.press("f1")  # back to the log
                await pilot.pause()
            await save_line(pilot, "an answer")
            await settled(pilot)
            log = shown(screen.query_one(EntryLog))
            assert "── Q1 Why [@click=app.quit]this[/] ␛[31mred⇄evil?" in log
            assert all(
                "\x1b" not in line and "\u202e" not in line for line in screen_lines(pilot.app)
            )
