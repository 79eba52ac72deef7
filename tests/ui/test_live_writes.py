"""The call never waits on the disk: another program holds the database, typing goes on."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from pathlib import Path

import pytest

from tests.ui.test_live import FakeClock, live_app, log_lines, ready, save_line, stored
from tui.ui.widgets.capture_input import CaptureInput


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


async def test_quotes_typed_while_another_program_holds_the_lock_stay_apart_and_on_time(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await save_line(pilot, "before the lock")
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # e.g. a large import in another terminal
        try:
            for n in range(1, 5):
                clock.advance(1.5)
                await save_line(pilot, f"Q{n} under lock")
                assert screen.query_one(CaptureInput).value == ""
            await pilot.press("f10")
            for _ in range(100):
                await pilot.pause(0.02)
                if any("Waiting for the database" in m for _, m in app.notices):
                    break
            shown = "\n".join(log_lines(screen))
            for n in range(1, 5):
                assert f"Q{n} under lock  saving…" in shown
            assert any("Waiting for the database" in m for _, m in app.notices)
            assert screen.clock.paused  # the clock answered at once
            assert app.writer.pending >= 5
        finally:
            other.rollback()
            other.close()
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        await pilot.pause()
        assert "saving…" not in "\n".join(log_lines(screen))
    session, entries = stored(db_path)
    assert [(e.text, e.at_ms) for e in entries] == [
        ("before the lock", 0),
        ("Q1 under lock", 1_500),
        ("Q2 under lock", 3_000),
        ("Q3 under lock", 4_500),
        ("Q4 under lock", 6_000),
    ]
    assert session.clock.paused_since_ms is not None


async def test_a_key_on_an_entry_still_being_saved_tags_that_entry(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            await save_line(pilot, "one")
            await save_line(pilot, "two")
            await pilot.press("f2", "ctrl+s")  # on "two", not yet saved
        finally:
            other.rollback()
            other.close()
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
    _, entries = stored(db_path)
    assert [(e.text, e.topics, e.starred) for e in entries] == [
        ("one", (), False),
        ("two", ("pains",), True),
    ]


async def test_a_key_on_an_entry_another_window_deleted_says_so(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await save_line(pilot, "one")
        await save_line(pilot, "two")
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        with sqlite3.connect(db_path) as other:
            other.execute("DELETE FROM entries WHERE text = 'two'")
        await pilot.press("ctrl+s")
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        await pilot.pause()
        assert any("no longer exists" in m for _, m in app.notices)
        assert not any("two" in line for line in log_lines(screen))
        assert pilot.app.is_running


async def test_an_entry_is_stamped_when_its_first_key_arrived_not_when_it_was_handled(
    db_path: Path, clock: FakeClock
) -> None:
    import time

    from textual import events

    app = live_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        clock.advance(10)
        key = events.Key("a", "a")
        key.time = time.monotonic() - 2.0  # received while the loop was busy for 2 s
        screen.query_one(CaptureInput).post_message(key)
        await pilot.pause()
        await pilot.press("b", "enter")
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
    _, entries = stored(db_path)
    assert [e.text for e in entries] == ["ab"]
    assert 7_900 <= entries[0].at_ms <= 8_000  # 2 s before it was handled, not 10 s


async def test_the_draft_is_kept_while_keys_keep_coming_and_a_huge_paste_holds_the_cursor(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        capture = screen.query_one(CaptureInput)
        ticks = iter(x * 0.4 for x in range(1000))
        capture.monotonic = lambda: next(ticks)  # each key 0.4 s after the last
        asked: list[str] = []
        capture.on_typing = lambda: asked.append(capture.value)
        await pilot.press(*"typing on")
        # Asked from the keys themselves, about once a second, never per key.
        assert 3 <= len(asked) <= 4 and asked[0] == "t"
        assert capture.cursor_blink
        capture.value = "x" * 1_000_000
        assert not capture.cursor_blink  # a blink would redraw a megabyte twice a second
        capture.value = "short again"
        assert capture.cursor_blink


async def test_saving_an_entry_clears_the_draft_it_was_in_the_same_transaction(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press(*"first")  # the first key asks for a draft save: "f"
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        assert stored(db_path)[0].draft_text.startswith("f")
        await pilot.press("enter")
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        session, entries = stored(db_path)
    assert [e.text for e in entries] == ["first"]
    assert session.draft_text == ""  # a crash now brings back nothing already saved


async def test_starting_while_another_program_holds_the_database_says_so_in_one_line(
    db_path: Path, clock: FakeClock
) -> None:
    from tui.store.store import open_store

    open_store(db_path).close()  # the file exists, migrated
    other = sqlite3.connect(db_path, isolation_level=None, timeout=10)
    other.execute("BEGIN IMMEDIATE")
    try:
        app = live_app(db_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.store_opened()
            await pilot.pause()
        assert app.return_code == 1  # no traceback, nothing typed yet to lose
    finally:
        other.rollback()
        other.close()


async def test_the_app_gives_the_quit_signals_back_when_it_closes(
    db_path: Path, clock: FakeClock
) -> None:
    # While it runs, SIGTERM and SIGHUP quit it cleanly; afterwards they are the host's
    # again (a test runner that could not be stopped once showed why).
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    async with live_app(db_path, clock).run_test() as pilot:
        await ready(pilot)
        assert signal.getsignal(signal.SIGTERM) != signal.SIG_DFL
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    assert signal.getsignal(signal.SIGHUP) == signal.SIG_DFL


async def test_a_save_that_finishes_after_the_interview_screen_closed_is_kept_quietly(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await ready(pilot)
        assert first.session is not None
        app.show_home()
        await pilot.pause()
        app.open_session(first.session.id)  # continued from the list: a screen of its own
        for _ in range(100):
            await pilot.pause(0.02)
            if app.screen is not first and app.screen.query(CaptureInput):
                break
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # the save waits for the lock
        try:
            await save_line(pilot, "said just before leaving")
            app.show_home()  # the interview screen goes while its save is still waiting
            await pilot.pause()
        finally:
            other.rollback()
            other.close()
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        await pilot.pause()  # the save's result arrives: nothing left to update, no error
        assert app.is_running
    _, entries = stored(db_path)
    assert [e.text for e in entries] == ["said just before leaving"]
