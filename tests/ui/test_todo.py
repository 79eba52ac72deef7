"""The to-do view: reachable by key and palette, ticking off with undo, opening the entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store.store import open_store
from tui.store.todos import todo_items
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch

SIZE = (80, 24)
LONG = (
    "I would pay for it tomorrow if the export kept our formatting, honestly, and if"
    " someone could call me about single sign-on [b]before[/b] the renewal"
)


@pytest.fixture
def filled(db_path: Path) -> Path:
    store = open_store(db_path)
    ann = store.participant_for("Ann [b]Lee[/", "Acme")
    session = store.create_session(ann.id, "pricing", 30, ClockState(0)).id
    store.add_entry(session, "quote", LONG, 61_000, ["pricing"], [], ["follow_up"])
    store.add_entry(session, "mark", "", 90_000)
    store.add_entry(session, "quote", "nothing to do here", 95_000)
    store.save_recording(session, 30_000)
    store.close()
    return db_path


def app_for(db_path: Path) -> EarfulApp:
    return build_app(Launch("home"), db_path, Config(), now=lambda: 1_700_000_000_000)


async def open_todo(pilot: Pilot[None]) -> OptionList:
    app: EarfulApp = pilot.app  # type: ignore[assignment]
    for _ in range(100):
        if app.store is not None:
            break
        await pilot.pause(0.02)
    await pilot.press("f2")  # the board: an across screen, where F6 opens the to-do view
    await pilot.pause()
    await pilot.press("f6")
    await pilot.pause()
    assert type(app.screen).__name__ == "TodoScreen"
    return app.screen.query_one(OptionList)


def prompts(options: OptionList) -> list[str]:
    return [str(o.prompt) for o in options.options]


async def test_each_item_says_what_to_do_who_when_and_the_whole_text(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        options = await open_todo(pilot)
        shown = prompts(options)
        assert len(shown) == 2
        assert shown[0].startswith("[ ] ⚑ Ask the follow-up · Ann [b]Lee[/, Acme")
        assert "00:31 in the recording" in shown[0]
        assert shown[1].startswith("[ ] ▍ Fill in the mark from the recording")
        assert "mark: nothing typed yet" in shown[1]
        status = str(app.screen.query_one("#status", Static).content)
        assert status.startswith("2 open: 1 follow-up, 0 testimonials, 1 mark")
        assert "A mark is done when ticked (filling in its text does not tick it)" in status
        screen_text = "".join(
            str(strip.text) for strip in options.render_lines(options.region.reset_offset)
        )
        assert "renewal" in screen_text  # the long quote wraps, nothing cut at 80 columns


async def test_ticking_off_hides_an_item_and_ctrl_z_brings_it_back(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        options = await open_todo(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert app.store is not None
        assert [i.item for i in todo_items(app.store)] == ["mark"]
        assert len(options.options) == 1
        await pilot.press("a")  # done ones shown, ticked
        await pilot.pause()
        assert prompts(options)[0].startswith("[x] ⚑ Ask the follow-up")
        assert options.highlighted == 1  # the cursor stays on the mark it was on
        await pilot.press("up", "space")  # and unticked again
        await pilot.pause()
        assert prompts(options)[0].startswith("[ ] ⚑")
        await pilot.press("ctrl+z")  # undoes the unticking
        await pilot.pause()
        assert prompts(options)[0].startswith("[x] ⚑")
        await pilot.press("ctrl+z")  # and the ticking
        await pilot.pause()
        assert [i.item for i in todo_items(app.store)] == ["follow_up", "mark"]
        assert prompts(options)[0].startswith("[ ] ⚑")


async def test_enter_opens_the_entry_in_its_snapshot_and_the_palette_lists_the_view(
    filled: Path,
) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        options = await open_todo(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"To do after the call", "Done/not done", "Show done"} <= titles
        options.highlighted = 1
        await pilot.press("enter")
        await pilot.pause(0.2)
        from tui.ui.widgets.experience_map import ExperienceMap

        assert type(app.screen).__name__ == "SnapshotScreen"
        selected = app.screen.query_one(ExperienceMap).selected_entry
        assert selected is not None and selected.kind == "mark"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "TodoScreen"
