"""The home screen: the list of interviews, the new-interview form, reopening a session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from tests.store.helpers import save_clock
from tests.ui.screen_text import screen_lines
from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch
from tui.ui.screens.home import HomeScreen
from tui.ui.screens.live.screen import LiveScreen
from tui.ui.widgets.capture_input import CaptureInput

START_MS = 1_700_000_000_000
SIZE = (100, 30)


def home_app(db_path: Path) -> EarfulApp:
    return build_app(Launch("home"), db_path, Config(), now=lambda: START_MS + 600_000)


def add_session(db_path: Path, name: str, company: str, goal: str, entries: int) -> int:
    store = open_store(db_path)
    try:
        person = store.participant_for(name, company)
        session = store.create_session(person.id, goal, 45, ClockState(START_MS))
        for n in range(entries):
            store.add_entry(session.id, "quote", f"quote {n}", n * 1000)
        return session.id
    finally:
        store.close()


async def loaded(pilot: Pilot[None]) -> HomeScreen:
    """Wait until the home screen has read the sessions (the store opens in a thread)."""
    app: EarfulApp = pilot.app  # type: ignore[assignment]
    for _ in range(200):
        await pilot.pause(0.01)
        if app.store is not None and isinstance(app.screen, HomeScreen):
            await pilot.pause()
            return app.screen
    raise AssertionError("the store never opened")


async def live_screen(pilot: Pilot[None]) -> LiveScreen:
    for _ in range(200):
        await pilot.pause(0.01)
        screen = pilot.app.screen
        if isinstance(screen, LiveScreen) and screen.session is not None:
            return screen
    raise AssertionError("live capture never opened")


def row_texts(table: DataTable[object]) -> list[str]:
    return [" | ".join(str(cell) for cell in table.get_row_at(n)) for n in range(table.row_count)]


async def test_empty_state_says_how_to_start(db_path: Path) -> None:
    app = home_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        empty = screen.query_one("#empty")
        assert empty.display and "No interviews yet" in str(empty.render())
        assert not screen.query_one(DataTable).display
        assert screen.query_one("#name", Input).has_focus


async def test_sessions_are_listed_newest_first_with_their_counts(db_path: Path) -> None:
    add_session(db_path, "Ada Lovelace", "Acme", "How do teams share findings?", 3)
    add_session(db_path, "Grace [b]Hopper[/", "Navy", "Exports", 0)
    app = home_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        assert not screen.query_one("#empty").display
        rows = row_texts(screen.query_one(DataTable))
        assert len(rows) == 2
        assert "Grace [b]Hopper[/ | Navy | Exports | 0 |" in rows[0]
        assert "Ada Lovelace | Acme | How do teams share find" in rows[1]
        assert " | 3 | " in rows[1]
        assert all("open" in row for row in rows)


async def test_the_form_needs_a_name(db_path: Path) -> None:
    app = home_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        screen.query_one("#company", Input).value = "Acme"
        await pilot.press("enter")
        await pilot.pause()
        assert any("participant's name" in message for _, message in app.notices)
        assert isinstance(app.screen, HomeScreen)
        assert screen.query_one("#company", Input).value == "Acme"  # nothing typed is lost
        screen.query_one("#name", Input).value = "Ada"
        screen.query_one("#minutes", Input).value = "0"
        await pilot.press("enter")
        await pilot.pause()
        assert any("Minutes" in message for _, message in app.notices)
        assert isinstance(app.screen, HomeScreen)


async def test_the_form_starts_a_session_in_live_capture(db_path: Path) -> None:
    app = home_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        for field, value in (
            ("#name", "Ada Lovelace"),
            ("#company", "Acme"),
            ("#goal", "How do teams share findings?"),
            ("#minutes", "45"),
        ):
            screen.query_one(field, Input).value = value
        await pilot.press("enter")
        live = await live_screen(pilot)
        assert live.session is not None
        assert live.session.participant.label == "Ada Lovelace, Acme"
        assert (live.session.goal, live.session.planned_minutes) == (
            "How do teams share findings?",
            45,
        )
        assert isinstance(live.focused, CaptureInput)
    store = open_store(db_path)
    assert [(s.participant, s.company) for s in store.sessions()] == [("Ada Lovelace", "Acme")]
    store.close()


async def test_enter_on_a_row_reopens_that_session(db_path: Path) -> None:
    first = add_session(db_path, "Ada Lovelace", "Acme", "Sharing", 2)
    add_session(db_path, "Grace Hopper", "Navy", "Exports", 0)
    app = home_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(DataTable)
        table.focus()
        table.move_cursor(row=1)  # the older interview, with Ada
        await pilot.press("enter")
        live = await live_screen(pilot)
        assert live.session is not None and live.session.id == first
        assert [e.text for e in live.query_one("EntryLog").entries] == ["quote 0", "quote 1"]


async def test_a_finished_interview_opens_its_snapshot_and_continues_only_when_asked(
    db_path: Path,
) -> None:
    from tui.ui.screens.snapshot import SnapshotScreen

    finished = add_session(db_path, "Ada Lovelace", "Acme", "Sharing", 2)
    store = open_store(db_path)
    save_clock(store, finished, ClockState(START_MS, ended_at_ms=START_MS + 120_000))
    store.close()
    app = home_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        screen.query_one(DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SnapshotScreen)  # not a clock silently restarted
        assert open_store(db_path).session(finished).clock.ended_at_ms is not None
        app.show_home()
        screen = await loaded(pilot)
        screen.query_one(DataTable).focus()
        await pilot.press("c")  # continue, on purpose
        live = await live_screen(pilot)
        await pilot.pause()
        assert live.clock.paused and live.clock.elapsed_ms() == 120_000


async def test_opening_an_interview_deleted_meanwhile_says_so_and_goes_home(
    tmp_path: Path,
) -> None:
    app = build_app(Launch("open", session_id=999), tmp_path / "earful.db", Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.store_opened()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("no longer exists" in message for _, message in app.notices)


# 80×24 ------------------------------------------------------------------------------------


async def test_every_column_fits_at_80_columns_with_long_names_cut(db_path: Path) -> None:
    add_session(
        db_path,
        "Bartholomew Featherstonehaugh-Smythe",
        "International Business Machines",
        "Why do research repositories die within a year of being set up?",
        12,
    )
    store = open_store(db_path)
    store.conn.execute("UPDATE sessions SET created_at = '2023-11-14T22:13:00+00:00'")
    store.conn.commit()
    save_clock(store, 1, ClockState(START_MS, ended_at_ms=START_MS + 3_723_000))  # 1:02:03
    store.close()
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for _ in range(100):  # the table fits its columns to the rows on its next refresh
            lines = screen_lines(app)
            row = next((line for line in lines if "Barthol" in line), "")
            if row.rstrip().endswith("done"):
                break
            await pilot.pause(0.01)
        header = next(line for line in lines if "Participant" in line)
        for column in ("Date", "Company", "Goal", "Entries", "Length"):
            assert column in header
        assert re.search(r" 12 +1:02:03 +done *$", row), row  # entries, length, status
        assert "Bartholomew Featherstonehaugh-Smythe" not in row and "…" in row
        assert "14 Nov 22:13" in row  # this year's interview: a short date with its time


async def test_an_interview_from_another_year_shows_its_year(db_path: Path) -> None:
    add_session(db_path, "Ada Lovelace", "Acme", "Sharing", 0)
    store = open_store(db_path)
    store.conn.execute("UPDATE sessions SET created_at = '2021-03-04T09:30:00+00:00'")
    store.conn.commit()
    store.close()
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert "4 Mar 2021 | Ada Lovelace" in row_texts(screen.query_one(DataTable))[0]


async def test_coming_back_from_a_snapshot_selects_that_session_again(db_path: Path) -> None:
    from tui.ui.screens.snapshot import SnapshotScreen

    ids = [add_session(db_path, name, "", "Sharing", 1) for name in ("Ada", "Grace", "Hedy")]
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(DataTable)
        table.move_cursor(row=2)  # newest first: the oldest, Ada's
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SnapshotScreen) and app.screen.session_id == ids[0]
        await pilot.press("escape")
        home = await loaded(pilot)
        chosen = home.query_one(DataTable)
        assert chosen.cursor_row == 2 and "Ada" in row_texts(chosen)[2]
        await pilot.press("enter")  # Enter opens the very session the user came back from
        live = await live_screen(pilot)
        assert live.session is not None and live.session.id == ids[0]


async def test_delete_asks_with_cancel_as_the_default_and_counts_in_english(
    db_path: Path,
) -> None:
    from tui.ui.widgets.dialogs import Confirm

    add_session(db_path, "Ada Lovelace", "Acme", "Sharing", 1)
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("delete")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, Confirm)
        assert "with Ada Lovelace and its 1 entry?" in "\n".join(screen_lines(app))
        assert dialog.focused is not None and dialog.focused.id == "no"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
        assert len(open_store(db_path).sessions()) == 1  # a stray Enter deletes nothing


async def test_the_footer_shows_only_whole_keys_at_80_columns(db_path: Path) -> None:
    add_session(db_path, "Ada Lovelace", "Acme", "Sharing", 1)
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        footer = screen_lines(app)[-1]
        keys, palette = footer.split("▏")
        assert palette.strip() == "^p palette"  # not "^p palettel": nothing shows past it
        shown = [b.description for b in HomeScreen.BINDINGS if isinstance(b, Binding) and b.show]
        assert keys.startswith("^n New interview f5 Refresh")
        assert any(keys.rstrip().endswith(f" {description}") for description in shown), keys
        for width in (60, 100):  # and again, whole, when the terminal is resized
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            keys, palette = screen_lines(app)[-1].split("▏")
            assert palette.strip() == "^p palette"
            assert any(keys.rstrip().endswith(f" {d}") for d in shown), keys


async def test_the_list_shows_before_the_database_opens_and_acts_as_listed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame lists the interviews read straight from the file; until the database
    has opened, Enter on a finished one still opens its snapshot, never the live clock."""
    import threading

    from tui.store import store as store_module
    from tui.ui.screens.snapshot import SnapshotScreen

    finished = add_session(db_path, "Ada Lovelace", "Acme", "Sharing", 2)
    store = open_store(db_path)
    save_clock(store, finished, ClockState(START_MS, ended_at_ms=START_MS + 120_000))
    store.close()
    opening, real_open = threading.Event(), store_module.open_store

    def slow_open(path: Path) -> store_module.Store:
        opening.wait(10)
        return real_open(path)

    monkeypatch.setattr(store_module, "open_store", slow_open)
    app = home_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and app.store is None
        assert any("Ada Lovelace" in line for line in screen_lines(app))
        await pilot.press("delete")
        assert app.notices[-1][1] == "The database is still opening: try again in a moment."
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SnapshotScreen)
        opening.set()
        await app.store_opened()
        await pilot.pause()
    assert open_store(db_path).session(finished).clock.ended_at_ms is not None
