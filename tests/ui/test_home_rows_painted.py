"""The home list draws its rows itself (SessionTable.render_line, for the first frame's
cost): every line must be exactly what DataTable would draw, styles and the mouse's
row and column included, or clicking and hovering would find the wrong session."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tests.ui.test_home import START_MS, home_app, loaded
from tui.core.clock import ClockState
from tui.store.store import open_store
from tui.ui.screens.home.session_table import SessionTable

SESSIONS = 45


def fill(db_path: Path, sessions: int) -> None:
    store = open_store(db_path)
    try:
        for n in range(sessions):
            person = store.participant_for(f"Person {n:02} " + "é" * (n % 4), f"Firm {n % 7}")
            goal = "What slows the team down when " + "findings pile up " * (n % 5)
            store.create_session(person.id, goal, 45, ClockState(START_MS + n * 60_000))
    finally:
        store.close()


def drawn_both_ways(table: SessionTable) -> list[tuple[list[object], list[object]]]:
    """Each line of the table as ours and as DataTable's own ``render_line`` draws it."""
    return [
        (list(table.render_line(y)), list(DataTable.render_line(table, y)))
        for y in range(table.size.height)
    ]


async def test_every_line_is_what_datatable_draws_scrolled_and_unfocused(db_path: Path) -> None:
    fill(db_path, SESSIONS)
    async with home_app(db_path).run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(SessionTable)
        assert table.row_count == SESSIONS and table.has_focus
        for ours, theirs in drawn_both_ways(table):
            assert ours == theirs
        table.move_cursor(row=30, animate=False)  # the list scrolls
        await pilot.pause()
        assert table.scroll_offset.y > 0
        for ours, theirs in drawn_both_ways(table):
            assert ours == theirs
        screen.query_one("#name").focus()  # the cursor's row is drawn blurred
        await pilot.pause()
        for ours, theirs in drawn_both_ways(table):
            assert ours == theirs
        before = drawn_both_ways(table)
        pilot.app.theme = "textual-light"  # the stripes' colours change with the theme
        await pilot.pause()
        after = drawn_both_ways(table)
        assert after != before
        for ours, theirs in after:
            assert ours == theirs


async def test_the_lines_match_with_the_zebra_off_and_wider_padding(db_path: Path) -> None:
    fill(db_path, 12)
    async with home_app(db_path).run_test(size=(120, 20)) as pilot:
        table = (await loaded(pilot)).query_one(SessionTable)
        table.zebra_stripes = False
        table.cell_padding = 2  # the columns now overrun the screen: scrolled sideways
        await pilot.pause()
        table.scroll_to(x=7, animate=False)
        await pilot.pause()
        assert table.scroll_offset.x == 7
        for ours, theirs in drawn_both_ways(table):
            assert ours == theirs


async def test_clicking_a_row_drawn_by_the_list_puts_the_cursor_on_it(db_path: Path) -> None:
    fill(db_path, 20)
    async with home_app(db_path).run_test(size=(100, 30)) as pilot:
        table = (await loaded(pilot)).query_one(SessionTable)
        assert table.cursor_row == 0
        header = table.header_height
        await pilot.click(table, offset=(30, header + 6))
        await pilot.pause()
        assert table.cursor_row == 6
