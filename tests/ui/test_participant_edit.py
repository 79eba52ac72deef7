"""The participant profile editor and the merge dialog at 80×24 and smaller."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from tests.ui.screen_text import screen_lines
from tests.ui.test_home import home_app, loaded
from tui.core.clock import ClockState
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.screens.participant_edit import EditProfileScreen, MergeScreen

START_MS = 1_700_000_000_000


def two_people(db_path: Path) -> tuple[int, int]:
    """Ada with one session and one quote, Grace with two sessions and none."""
    store = open_store(db_path)
    ada = store.participant_for("Ada Lovelace", "Acme")
    grace = store.participant_for("Grace Hopper", "Navy")
    first = store.create_session(ada.id, "", 30, ClockState(START_MS))
    store.add_entry(first.id, "quote", "Nobody reads our wiki", 1000)
    for _ in range(2):
        store.create_session(grace.id, "", 30, ClockState(START_MS))
    store.close()
    return ada.id, grace.id


async def open_editor(pilot: Pilot[None], participant_id: int) -> EditProfileScreen:
    await loaded(pilot)
    pilot.app.push_screen(EditProfileScreen(participant_id))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, EditProfileScreen)
    return screen


def on_screen(app: EarfulApp, widget: object) -> bool:
    """The whole widget lies inside the terminal and inside its scrolling form."""
    region = widget.region  # type: ignore[attr-defined]
    form = app.screen.query_one("#form").region
    return bool(region.height) and form.contains_region(region) and region.bottom <= app.size.height


async def test_every_field_and_the_save_key_show_at_80_by_24(db_path: Path) -> None:
    ada, _ = two_people(db_path)
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_editor(pilot, ada)
        text = "\n".join(screen_lines(app))
        assert "Quick facts, one per line" in text
        assert "^s Save" in text
        for selector in ("#name", "#company", "#email", "#segment", "#facts"):
            assert on_screen(app, screen.query_one(selector)), selector
        screen.query_one("#facts", TextArea).text = "Runs research ops\nUses Notion"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EditProfileScreen)
    store = open_store(db_path)
    assert store.participant(ada).facts == ("Runs research ops", "Uses Notion")
    store.close()


async def test_a_shorter_terminal_scrolls_to_the_facts_and_keeps_the_keys(db_path: Path) -> None:
    ada, _ = two_people(db_path)
    app = home_app(db_path)
    async with app.run_test(size=(80, 14)) as pilot:
        screen = await open_editor(pilot, ada)
        facts = screen.query_one("#facts", TextArea)
        assert not on_screen(app, facts)
        facts.focus()  # Tab from the last field does the same
        await pilot.pause()
        assert on_screen(app, facts)
        assert "^s Save" in "\n".join(screen_lines(app))
        assert screen.query_one("#name", Input).value == "Ada Lovelace"


async def test_the_merge_list_counts_in_english(db_path: Path) -> None:
    ada, grace = two_people(db_path)
    app = home_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.push_screen(MergeScreen(grace))
        await pilot.pause()
        option = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert option.endswith("Ada Lovelace, Acme · 1 session · 1 quote")
        app.pop_screen()
        app.push_screen(MergeScreen(ada))
        await pilot.pause()
        option = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert option.endswith("Grace Hopper, Navy · 2 sessions · 0 quotes")
