"""Across interviews in the app: board, drill-down, jump, brief, search, participants."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from tests.store.helpers import maintained, recount
from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store.participants import directory
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch
from tui.ui.widgets.dialogs import TextPrompt

SIZE = (100, 30)
HOSTILE_NAME = "Ann [b]Lee[/"


@pytest.fixture
def filled(db_path: Path) -> Path:
    store = open_store(db_path)
    for name, company, text, topics in (
        (HOSTILE_NAME, "Acme", "Pricing is confusing [red]", ["pricing"]),
        (HOSTILE_NAME, "Acme", "Seats cost too much", ["pricing"]),
        ("Bo", "Globex", "The export breaks", ["exports", "pricing"]),
    ):
        who = store.participant_for(name, company)
        session = store.create_session(who.id, "pricing", 30, ClockState(0)).id
        store.add_entry(session, "quote", text, 61_000, topics, ["frustrated"])
    store.close()
    return db_path


def app_for(db_path: Path) -> EarfulApp:
    return build_app(Launch("home"), db_path, Config(), now=lambda: 1_700_000_000_000)


async def connected(pilot: Pilot[None]) -> None:
    app: EarfulApp = pilot.app  # type: ignore[assignment]
    for _ in range(100):
        if app.store is not None:
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def open_screen(pilot: Pilot[None], key: str) -> None:
    await connected(pilot)
    await pilot.press(key)
    await pilot.pause()


def cells(table: DataTable[object]) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]


async def test_board_shows_n_of_m_and_drills_down_to_quotes_by_participant(
    filled: Path,
) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f2")
        topics = app.screen.query_one("#topics", DataTable)
        rows = cells(topics)
        assert rows[0][:4] == ["#pricing", "2 of 2", "100%", "3"]
        assert HOSTILE_NAME in rows[0][4]  # shown literally, not as markup
        assert rows[1][:2] == ["#exports", "1 of 2"]
        await pilot.press("enter")
        await pilot.pause()
        quotes = app.screen.query_one(OptionList)
        prompts = [str(o.prompt) for o in quotes.options]
        assert prompts[0].startswith(f"{HOSTILE_NAME}, Acme · 2 entries")
        assert any("Pricing is confusing [red]" in p and "01:01" in p for p in prompts)


async def test_a_quote_jumps_to_its_moment_in_the_session(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f2")
        await pilot.press("enter")
        await pilot.pause()
        quotes = app.screen.query_one(OptionList)
        wanted = quotes.options[quotes.highlighted or 0].id
        await pilot.press("enter")
        await pilot.pause(0.2)
        from tui.ui.screens.snapshot import SnapshotScreen
        from tui.ui.widgets.experience_map import ExperienceMap

        assert isinstance(app.screen, SnapshotScreen)
        selected = app.screen.query_one(ExperienceMap).selected_entry
        assert selected is not None and f"e{selected.id}" == wanted
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(OptionList)  # back on the tag's quotes


async def test_filters_make_the_counts_follow_and_say_when_nothing_matches(
    filled: Path,
) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f2")
        company = app.screen.query_one("#company", Input)
        company.value = "globex"
        company.focus()
        await pilot.press("enter")
        assert cells(app.screen.query_one("#topics", DataTable))[0][:2] == ["#exports", "1 of 1"]
        company.value = "nobody"
        company.focus()
        await pilot.press("enter")
        status = str(app.screen.query_one("#status", Static).content)
        assert "No sessions match these filters" in status
        date = app.screen.query_one("#from", Input)
        date.value = "May 1st"
        date.focus()
        await pilot.press("enter")
        assert "date like" in str(app.screen.query_one("#status", Static).content)


async def test_brief_modal_copies_markdown_with_evidence(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f2")
        await pilot.press("b")
        await pilot.pause()
        shown = str(app.screen.query_one("#markdown", Static).content)
        assert "2 of 2 participants (100%)" in shown
        await pilot.press("c")
        assert app.clipboard.startswith("## Participants raised #pricing")
        assert "Pricing is confusing \\[red\\]" in app.clipboard or "Seats" in app.clipboard


async def test_priorities_picture_places_each_topic(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f2")
        await pilot.press("p")
        await pilot.pause()
        picture = str(app.screen.query_one("#picture", Static).content)
        assert "pricing: 2 of 2 participants, 100% painful" in picture


async def test_search_screen_finds_words_and_opens_the_session(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f3")
        words = app.screen.query_one("#words", Input)
        words.value = 'AND( "'  # hostile: searched as the plain word "and"
        await pilot.press("enter")
        assert "Nothing found" in str(app.screen.query_one("#status", Static).content)
        words.value = "export"
        words.focus()
        await pilot.press("enter")
        first = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert first.startswith("quote · Bo, Globex · ") and "01:01\n" in first
        assert first.endswith("“The export breaks”")
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "SnapshotScreen"


async def test_participants_directory_page_edit_and_merge(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f4")
        table = app.screen.query_one(DataTable)
        names = {row[0]: row for row in cells(table)}
        assert names[HOSTILE_NAME][2:4] == ["2", "2"]
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#email", Input).value = "not an email"
        await pilot.press("ctrl+s")
        assert "Not saved" in str(app.screen.query_one("#problem", Static).content)
        app.screen.query_one("#email", Input).value = "x@acme.test"
        await pilot.press("ctrl+s")
        await pilot.pause()
        store = app.store
        assert store is not None
        assert "x@acme.test" in {row.participant.email for row in directory(store)}
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press("enter")  # the second Enter confirms
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1


async def test_empty_repository_shows_helpful_empty_states(db_path: Path) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f2")
        assert "earful demo" in str(app.screen.query_one("#status", Static).content)
        await pilot.press("escape")
        await pilot.press("f3")
        await pilot.pause()
        assert "Type words" in str(app.screen.query_one("#status", Static).content)
        await pilot.press("escape")
        await pilot.press("f4")
        await pilot.pause()
        assert "No participants yet" in str(app.screen.query_one("#status", Static).content)


async def test_palette_lists_the_across_commands_from_any_screen(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, "f2")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Insights board", "Search", "Participants", "Insight brief", "Brief"} <= titles


# --- the codebook, at 80×24 --------------------------------------------------------------

SMALL = (80, 24)


async def on_board(pilot: Pilot[None]) -> DataTable[object]:
    await open_screen(pilot, "f2")
    return pilot.app.screen.query_one("#topics", DataTable)


async def answer(pilot: Pilot[None], text: str) -> None:
    """Type into the open question's field (set at once) and press Enter."""

    assert isinstance(pilot.app.screen, TextPrompt)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


def counts_match(app: EarfulApp) -> bool:
    assert app.store is not None
    return maintained(app.store) == recount(app.store)


def about(app: EarfulApp) -> str:
    return str(app.screen.query_one("#about", Static).content)


async def test_rename_a_tag_and_undo_it(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SMALL) as pilot:
        topics = await on_board(pilot)
        await pilot.press("r")
        await pilot.pause()
        await answer(pilot, "Price  Points")
        rows = cells(topics)
        assert rows[0][:4] == ["#price-points", "2 of 2", "100%", "3"]
        assert "#pricing" not in {row[0] for row in rows}
        assert about(app).startswith("#price-points")  # the cursor stayed on it
        assert counts_match(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert cells(topics)[0][:4] == ["#pricing", "2 of 2", "100%", "3"]
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert cells(topics)[0][0] == "#price-points"


async def test_a_bad_name_keeps_the_question_open_and_changes_nothing(filled: Path) -> None:

    app = app_for(filled)
    async with app.run_test(size=SMALL) as pilot:
        topics = await on_board(pilot)
        await pilot.press("r")
        await pilot.pause()
        for bad in ("!!!", "   "):
            await answer(pilot, bad)
            prompt = app.screen
            assert isinstance(prompt, TextPrompt)
            assert "tag name" in prompt.problem and "\n" not in prompt.problem
        await pilot.press("escape")
        await pilot.pause()
        assert cells(topics)[0][0] == "#pricing"


async def test_renaming_onto_an_existing_tag_asks_before_merging(filled: Path) -> None:
    from tui.ui.widgets.dialogs import Confirm

    app = app_for(filled)
    async with app.run_test(size=SMALL) as pilot:
        topics = await on_board(pilot)
        await pilot.press("down")  # #exports
        await pilot.press("r")
        await pilot.pause()
        await answer(pilot, "#Pricing")
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")  # the default is Cancel
        await pilot.pause()
        assert [row[0] for row in cells(topics)] == ["#pricing", "#exports"]
        await pilot.press("r")
        await pilot.pause()
        await answer(pilot, "pricing")
        await pilot.press("y")
        await pilot.pause()
        # Bo's entry carried both tags: it counts once.
        assert [row[:4] for row in cells(topics)] == [["#pricing", "2 of 2", "100%", "3"]]
        assert counts_match(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [row[:2] for row in cells(topics)] == [
            ["#pricing", "2 of 2"],
            ["#exports", "1 of 2"],
        ]
        assert counts_match(app)


async def test_merge_key_names_the_tag_that_stays(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SMALL) as pilot:
        topics = await on_board(pilot)
        await pilot.press("down", "m")
        await pilot.pause()
        await answer(pilot, "nope")
        assert "No topic tag called 'nope'" in app.screen.problem  # type: ignore[attr-defined]
        await answer(pilot, "pricing")
        await pilot.press("y")
        await pilot.pause()
        assert [row[0] for row in cells(topics)] == ["#pricing"]
        assert counts_match(app)


async def test_delete_defaults_to_cancel_and_undo_brings_the_links_back(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SMALL) as pilot:
        topics = await on_board(pilot)
        before = cells(topics)
        await pilot.press("d")
        await pilot.pause()
        question = str(app.screen.query_one(".title", Static).content)
        assert question.startswith("Delete #pricing from 3 entries, 2 participants?")
        await pilot.press("enter")
        await pilot.pause()
        assert cells(topics) == before
        await pilot.press("d", "y")
        await pilot.pause()
        assert [row[0] for row in cells(topics)] == ["#exports"]
        assert counts_match(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert cells(topics) == before
        assert counts_match(app)


async def test_a_description_shows_under_the_table_literally(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SMALL) as pilot:
        await on_board(pilot)
        assert "no description: e describes it" in about(app)
        await pilot.press("e")
        await pilot.pause()
        await answer(pilot, "What it costs [b]x[/")
        assert about(app).startswith("#pricing: What it costs [b]x[/")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "no description" in about(app)


async def test_choosing_hotkey_tags_saves_tells_the_app_and_undoes(filled: Path) -> None:
    from tui.store.hotkeys import chosen_hotkeys

    app = app_for(filled)
    told: list[str] = []
    app.hotkeys_changed = lambda: told.append("changed")  # type: ignore[attr-defined]
    async with app.run_test(size=SMALL) as pilot:
        await on_board(pilot)
        await pilot.press("k")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "#pains #gains #gaps #needs"
        await answer(pilot, "a b c d e")
        assert "At most 4" in app.screen.problem  # type: ignore[attr-defined]
        await answer(pilot, "#Pricing, exports New")
        assert app.store is not None
        assert chosen_hotkeys(app.store) == {"topic": ["pricing", "exports", "new"]}
        assert told == ["changed"]
        await pilot.press("t", "k")  # the emotions tab chooses F6–F9
        await pilot.pause()
        assert app.screen.query_one(Input).value.startswith("!frustrated !delighted")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert chosen_hotkeys(app.store) == {}
        assert told == ["changed", "changed"]


async def test_every_codebook_action_is_in_the_palette(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SMALL) as pilot:
        await on_board(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        wanted = {"Rename tag", "Merge tag into another", "Delete tag", "Describe tag"}
        assert wanted | {"Choose hotkey tags", "Undo"} <= titles


async def test_one_participant_reads_in_the_singular(db_path: Path) -> None:
    store = open_store(db_path)
    who = store.participant_for("Ann", "Acme")
    session = store.create_session(who.id, "pricing", 30, ClockState(0)).id
    store.add_entry(session, "quote", "Too dear", 0, ["pricing"])
    store.close()
    app = app_for(db_path)
    async with app.run_test(size=SMALL) as pilot:
        await on_board(pilot)
        status = str(app.screen.query_one("#status", Static).content)
        assert status.startswith("1 participant interviewed.")
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.screen.query_one("#title", Static).content).endswith("· 1 entry")


async def test_priorities_say_the_legend_is_below_the_fold(filled: Path) -> None:
    from textual.containers import VerticalScroll

    app = app_for(filled)
    async with app.run_test(size=SMALL) as pilot:
        await on_board(pilot)
        await pilot.press("p")
        await pilot.pause()
        scroll = app.screen.query_one(VerticalScroll)
        assert "legend" in str(scroll.border_subtitle)
        await pilot.press("end")
        await pilot.pause()
        assert not scroll.border_subtitle
