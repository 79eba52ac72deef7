"""The home screen with more sessions than it lists at once: every one still reachable."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from tests.store.helpers import save_clock
from tests.ui.screen_text import screen_lines
from tests.ui.test_home import START_MS, home_app, live_screen, loaded
from tui.core.clock import ClockState
from tui.store.store import open_store
from tui.ui.screens.home.session_list import remember_viewed
from tui.ui.screens.home.session_table import PAGE
from tui.ui.tables import selected_key

MANY = 3 * PAGE + 7


def many_sessions(db_path: Path, count: int = MANY) -> list[int]:
    """``count`` sessions, a minute apart, "Person 0" the oldest; their ids, oldest first."""
    store = open_store(db_path)
    try:
        with store.db.atomic():
            people = [store.participant_for(f"Person {n:03d}", "Acme") for n in range(count)]
        return [
            store.create_session(p.id, "Sharing", 45, ClockState(START_MS + n * 60_000)).id
            for n, p in enumerate(people)
        ]
    finally:
        store.close()


def selected_name(table: DataTable[object]) -> str:
    return str(table.get_row_at(table.cursor_row)[2])


async def test_a_long_list_shows_a_page_and_says_how_many_there_are(db_path: Path) -> None:
    many_sessions(db_path)
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == PAGE  # not every session: a page of them
        assert selected_name(table) == f"Person {MANY - 1:03d}"  # the newest first
        title = screen_lines(app)[0]
        assert f"{MANY} interviews · 1–{PAGE} listed, more as you move down" in title


async def test_end_and_page_down_reach_the_oldest_session(db_path: Path) -> None:
    ids = many_sessions(db_path)
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(DataTable)
        await pilot.press("end")
        assert selected_name(table) == "Person 000" and selected_key(table) == str(ids[0])
        assert any("Person 000" in line for line in screen_lines(app))
        await pilot.press("up")
        assert selected_name(table) == "Person 001"
        await pilot.press("home")
        assert selected_name(table) == f"Person {MANY - 1:03d}"
        for _ in range(MANY):  # page after page, the next ones read on the way
            if selected_name(table) == "Person 000":
                break
            await pilot.press("pagedown")
        assert selected_name(table) == "Person 000"
        await pilot.press("enter")  # and it opens, as any other
        live = await live_screen(pilot)
        assert live.session is not None and live.session.id == ids[0]


async def test_the_filter_finds_a_session_far_below_the_first_page(db_path: Path) -> None:
    ids = many_sessions(db_path)
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        screen.query_one("#filter", Input).value = "person 007"
        await pilot.pause()
        table = screen.query_one(DataTable)
        assert table.row_count == 1 and selected_key(table) == str(ids[7])
        assert f"1 of {MANY} interviews match" in screen_lines(app)[0]
        screen.query_one("#filter", Input).value = ""
        await pilot.pause()
        assert table.row_count == PAGE


async def test_the_session_last_viewed_is_selected_however_old(db_path: Path) -> None:
    ids = many_sessions(db_path)
    app = home_app(db_path)
    remember_viewed(app, ids[5])  # coming back from its snapshot, say
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(DataTable)
        assert selected_key(table) == str(ids[5])
        assert any("Person 005" in line for line in screen_lines(app))
        await pilot.press("down", "down", "down", "down", "down")
        assert selected_name(table) == "Person 000"  # the rows around it are there too


async def test_deleting_an_old_session_names_it(db_path: Path) -> None:
    from tui.ui.widgets.dialogs import Confirm

    ids = many_sessions(db_path)
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("end", "delete")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert f"session #{ids[0]} with Person 000" in " ".join(screen_lines(app))
        await pilot.press("y")
        await pilot.pause()
        store = open_store(db_path)
        assert ids[0] not in {s.id for s in store.sessions()}
        store.close()


async def test_a_longer_length_on_a_later_page_is_shown_whole(db_path: Path) -> None:
    # The oldest interview ran over an hour; the first page's are all shorter. Reaching
    # it, its length column widens instead of cutting "1:02:03".
    ids = many_sessions(db_path)
    store = open_store(db_path)
    for n, session in enumerate(ids):
        length = 3_723_000 if n == 0 else 1_800_000  # 1:02:03, else 30:00
        save_clock(
            store,
            session,
            ClockState(START_MS + n * 60_000, ended_at_ms=START_MS + n * 60_000 + length),
        )
    store.close()
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(DataTable)
        for _ in range(MANY):
            if selected_name(table) == "Person 000":
                break
            await pilot.press("pagedown")
        await pilot.pause()
        row = next(line for line in screen_lines(app) if "Person 000" in line)
        assert "1:02:03" in row and "done" in row
