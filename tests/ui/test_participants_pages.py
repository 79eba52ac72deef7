"""The participant directory lists a page of a large team at a time and reads the next
page as the cursor nears the end: everyone is reachable, the title counts them all."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from tests.ui.test_board import app_for, open_screen
from tui.core.clock import ClockState
from tui.store.store import open_store
from tui.ui.screens.participants import PAGE

PEOPLE = PAGE + 30


def _team(db_path: Path) -> None:
    store = open_store(db_path)
    for n in range(PEOPLE):
        who = store.participant_for(f"P{n:03}", "Acme")
        session = store.create_session(who.id, "g", 30, ClockState(0)).id
        store.add_entry(session, "quote", f"P{n:03} said", 0, ["pricing"])
        day = f"20{10 + n // 28:02}-{1 + n % 12:02}-{1 + n % 28:02}T10:00:00"
        with store.db.atomic():
            store.conn.execute("UPDATE sessions SET created_at = ? WHERE id = ?", (day, session))
    store.close()


async def test_a_large_team_is_listed_a_page_at_a_time(db_path: Path) -> None:
    _team(db_path)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, "f4")
        table = app.screen.query_one(DataTable)
        status = str(app.screen.query_one("#status", Static).content)
        assert status.startswith(f"{PEOPLE} participants.")
        assert table.row_count == PAGE
        first = table.get_row_at(0)
        assert [str(c) for c in first[2:4]] == ["1", "1"]
        await pilot.press("ctrl+end")  # the last row held: the next page is read
        await pilot.pause()
        assert table.row_count == PEOPLE
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.cursor_row == PEOPLE - 1
        last = [str(c) for c in table.get_row_at(PEOPLE - 1)]
        assert last[0] == "P000" and last[4] == "2010-01-01"  # the longest ago, last
        assert len({str(table.get_row_at(n)[0]) for n in range(PEOPLE)}) == PEOPLE
