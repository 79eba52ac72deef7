"""The home screen: the list of interviews, the new-interview form, reopening a session."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch
from tui.ui.screens.home import HomeScreen
from tui.ui.screens.live import LiveScreen
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
        assert "Ada Lovelace | Acme | How do teams share findings? | 3 |" in rows[1]
        assert all("open" in row for row in rows)


async def test_the_form_needs_a_name(db_path: Path) -> None:
    app = home_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(pilot)
        screen.query_one("#company", Input).value = "Acme"
        await pilot.press("enter")
        await pilot.pause()
        assert any("participant's name" in n.message for n in app._notifications)
        assert isinstance(app.screen, HomeScreen)
        assert screen.query_one("#company", Input).value == "Acme"  # nothing typed is lost
        screen.query_one("#name", Input).value = "Ada"
        screen.query_one("#minutes", Input).value = "0"
        await pilot.press("enter")
        await pilot.pause()
        assert any("Minutes" in n.message for n in app._notifications)
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


async def test_opening_an_interview_deleted_meanwhile_says_so_and_goes_home(
    tmp_path: Path,
) -> None:
    app = build_app(Launch("open", session_id=999), tmp_path / "earful.db", Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.store_opened()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("no longer exists" in str(n.message) for n in app._notifications)
