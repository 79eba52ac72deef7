"""The insight brief: typing lands where it appears to, tags combine as all of or any of."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch
from tui.ui.screens.brief import BriefScreen

SIZE = (80, 24)


@pytest.fixture
def filled(db_path: Path) -> Path:
    store = open_store(db_path)
    for name, text, topics, emotions in (
        ("Ann", "The price scares me", ["pricing"], ["anxious"]),
        ("Bo", "Pricing is fine", ["pricing"], []),
        ("Cy", "I worry about exports", ["exports"], ["anxious"]),
    ):
        who = store.participant_for(name, "")
        session = store.create_session(who.id, "learn", 30, ClockState(0)).id
        store.add_entry(session, "quote", text, 61_000, topics, emotions)
    store.conn.execute("UPDATE tags SET description = 'Cost, seats, plans' WHERE name = 'pricing'")
    store.conn.commit()
    store.close()
    return db_path


async def brief_of(pilot: Pilot[None], tags: list[str]) -> BriefScreen:
    app: EarfulApp = pilot.app  # type: ignore[assignment]
    for _ in range(100):
        if app.store is not None:
            break
        await pilot.pause(0.02)
    screen = BriefScreen(tags)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


def text_of(screen: BriefScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


def app_for(db_path: Path) -> EarfulApp:
    return build_app(Launch("home"), db_path, Config(), now=lambda: 1_700_000_000_000)


async def test_typing_a_finding_goes_into_the_box_and_fires_no_shortcut(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        screen = await brief_of(pilot, ["#pricing"])
        await pilot.press(*"Duplicates")  # "c", "a" and "e" among them
        finding = screen.query_one("#finding", Input)
        assert finding.value == "Duplicates" and screen.focused is finding
        assert app.clipboard == ""  # nothing was copied
        assert "Typing goes into the finding" in text_of(screen, "#keys")
        await pilot.press("enter")
        assert screen.markdown.startswith("## Duplicates\n")
        assert screen.focused is screen.query_one("#preview")
        await pilot.press("c")  # on the preview a letter is a shortcut again
        assert app.clipboard.startswith("## Duplicates")


async def test_a_topic_with_an_emotion_is_all_of_and_a_switches(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        screen = await brief_of(pilot, ["#pricing", "!anxious"])
        assert text_of(screen, "#mode") == "Insight brief · all of #pricing !anxious (a: any of)"
        assert "1 of 3 participants (33%) raised #pricing and !anxious in the same entry" in (
            screen.markdown
        )
        await pilot.press("a")
        assert text_of(screen, "#mode").startswith("Insight brief · any of")
        assert "3 of 3 participants (100%) raised #pricing or !anxious." in screen.markdown
        screen.query_one("#finding", Input).focus()
        await pilot.press("a")  # typed, not a switch
        assert screen.query_one("#finding", Input).value == "a"
        assert text_of(screen, "#mode").startswith("Insight brief · any of")


async def test_the_brief_shows_what_a_described_tag_means(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        screen = await brief_of(pilot, ["#pricing"])
        assert "- #pricing: Cost, seats, plans" in text_of(screen, "#markdown")
