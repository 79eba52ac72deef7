"""Once synced to the recording, the snapshot, its editor and copies speak recording time."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.store.helpers import save_clock
from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch
from tui.ui.screens.snapshot import SnapshotScreen
from tui.ui.widgets.entry_edit import EntryEditor
from tui.ui.widgets.experience_map import ExperienceMap

START_MS = 1_700_000_000_000


@pytest.fixture
def session(db_path: Path) -> int:
    store = open_store(db_path)
    ada = store.participant_for("Ada Lovelace", "Acme")
    clock = ClockState(START_MS, ended_at_ms=START_MS + 30 * 60_000)
    session = store.create_session(ada.id, "Sharing", 30, clock).id
    save_clock(store, session, clock)
    store.add_entry(session, "quote", "Said before the recording", 10_000)
    store.add_entry(session, "quote", "Nobody reads our wiki", 100_000, ["wiki"])
    store.save_recording(session, 30_000)
    store.close()
    return session


async def opened(pilot: Pilot[None], session_id: int) -> SnapshotScreen:
    app: EarfulApp = pilot.app  # type: ignore[assignment]
    for _ in range(100):
        if app.store is not None:
            break
        await pilot.pause(0.02)
    app.open_snapshot(session_id)
    await pilot.pause()
    assert isinstance(app.screen, SnapshotScreen)
    return app.screen


def map_lines(screen: SnapshotScreen) -> list[str]:
    timeline = screen.query_one(ExperienceMap)
    return [strip.text for strip in timeline.render_lines(timeline.region.reset_offset)]


async def test_snapshot_map_header_and_copy_use_recording_time(session: int, db_path: Path) -> None:
    app = build_app(Launch("home"), db_path, Config(), now=lambda: START_MS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot, session)
        header = str(screen.query_one("#header", Static).content)
        assert "Recording time (synced at 00:30)" in header
        lines = map_lines(screen)
        assert lines[0].lstrip().startswith("00:00 ")  # before the recording: its start
        assert lines[1].lstrip().startswith("01:10 ")
        await pilot.press("end", "c")
        assert app.clipboard.endswith("— Ada Lovelace, Acme · 01:10")


async def test_the_editor_shows_and_takes_recording_time(session: int, db_path: Path) -> None:
    app = build_app(Launch("home"), db_path, Config(), now=lambda: START_MS)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, session)
        await pilot.press("home", "e")  # the entry said before the recording
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EntryEditor)
        assert editor.query_one("#time", Input).value == "00:00"
        clock = str(editor.query_one("#clock", Static).content)
        assert "recording time, synced at 00:30 interview time" in clock
        assert "00:10 interview time" in clock
        editor.query_one("#text", Input).value = "Said before the recording, fixed"
        await pilot.press("enter")  # the time untouched: the entry does not move
        await pilot.pause()
        assert app.store is not None
        first = app.store.entries(session)[0]
        assert (first.text, first.at_ms) == ("Said before the recording, fixed", 10_000)
        await pilot.press("end", "e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EntryEditor)
        assert editor.query_one("#time", Input).value == "01:10"
        editor.query_one("#time", Input).value = "02:00"
        await pilot.press("enter")
        await pilot.pause()
        assert [e.at_ms for e in app.store.entries(session)] == [10_000, 150_000]
