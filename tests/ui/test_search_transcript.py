"""Search (F3) finds what was said in a transcript too: listed after the entries, marked
"transcript", shown literally, and Enter opens that session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tests.ui.screen_text import screen_lines
from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.core.matching import Matching
from tui.core.transcript import Cue, Transcript
from tui.store.store import Store, open_store
from tui.store.transcripts import attach_transcript
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch

SIZE = (80, 24)
# Markup, an escape sequence and a right-to-left override, as a transcript could hold them.
HOSTILE = "[red]exports[/] [@click=app.quit]x[/] \x1b[31mred \u202eevil"
RAW = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _session(store: Store, name: str, company: str) -> int:
    who = store.participant_for(name, company)
    return store.create_session(who.id, "pricing", 30, ClockState(0)).id


def _attach(store: Store, session: int, cues: list[Cue], speaker: str) -> None:
    matching = Matching(speaker, 0, "given", 0, ())
    attach_transcript(store, session, "call.vtt", Transcript("vtt", tuple(cues)), matching)


@pytest.fixture
def said(db_path: Path) -> Path:
    """Ann's session: one quote about exports and a transcript; Bo's: a transcript only."""
    store = open_store(db_path)
    ann = _session(store, "Ann", "Acme")
    store.add_entry(ann, "quote", "The export breaks", 5_000, ["exports"])
    _attach(store, ann, [Cue(3_723_000, 3_725_000, "Ann [b]Lee[/", HOSTILE)], "Ann [b]Lee[/")
    bo = _session(store, "Bo", "Globex")
    before = [Cue(n * 3_000, n * 3_000 + 2_500, "Bo", f"something else {n}") for n in range(20)]
    _attach(store, bo, [*before, Cue(61_000, 63_000, "Host", "and how do exports work")], "Bo")
    store.close()
    return db_path


def app_for(db_path: Path) -> EarfulApp:
    return build_app(Launch("home"), db_path, Config(), now=lambda: 1_700_000_000_000)


async def search_for(pilot: Pilot[None], words: str, tag: str = "") -> OptionList:
    app: EarfulApp = pilot.app  # type: ignore[assignment]
    for _ in range(100):
        if app.store is not None:
            break
        await pilot.pause(0.02)
    await pilot.press("f3")
    await pilot.pause()
    app.screen.query_one("#tag", Input).value = tag
    app.screen.query_one("#words", Input).value = words
    app.screen.query_one("#words", Input).focus()
    await pilot.press("enter")
    return app.screen.query_one(OptionList)


def prompts(results: OptionList) -> list[str]:
    return [str(results.get_option_at_index(n).prompt) for n in range(results.option_count)]


def status(app: EarfulApp) -> str:
    return str(app.screen.query_one("#status", Static).content)


async def test_transcript_lines_come_after_the_entries_marked_and_literal(said: Path) -> None:
    app = app_for(said)
    async with app.run_test(size=SIZE) as pilot:
        results = await search_for(pilot, "exports")
        shown = prompts(results)
        assert len(shown) == 3
        assert shown[0].startswith("quote · Ann, Acme · ")
        assert all(line.startswith("transcript · ") for line in shown[1:])
        ann = next(line for line in shown if "Ann, Acme" in line and "transcript" in line)
        head, text = ann.split("\n")
        assert head.endswith(" 1:02:03 in the recording")  # the cue's time in the recording
        assert re.search(r" · \d{4}-\d\d-\d\d ", head)  # the session's date
        assert text.startswith(
            "  Ann [b]Lee[/ (participant): [red]exports[/] [@click=app.quit]x[/]"
        )
        assert not RAW.search(text) and "red" in text and "evil" in text
        assert "Host: and how do exports work" in next(
            line for line in shown if "Bo, Globex" in line
        )
        assert status(app).startswith("1 entry and 2 transcript lines found.")
        lines = screen_lines(app)
        assert any("[red]exports[/]" in line for line in lines)
        assert not any(RAW.search(line) for line in lines)
        assert app.is_running  # the [@click] text was not a link that quit


async def test_enter_on_a_transcript_line_opens_the_transcript_there(said: Path) -> None:
    app = app_for(said)
    async with app.run_test(size=SIZE) as pilot:
        results = await search_for(pilot, "how do exports work")
        assert [p.split(" · ")[:2] for p in prompts(results)] == [["transcript", "Bo, Globex"]]
        await pilot.press("enter")
        await pilot.pause(0.2)
        screen = app.screen
        assert type(screen).__name__ == "TranscriptScreen"
        view = screen.view  # type: ignore[attr-defined]
        assert view.cursor == 20  # the line found, not the start of the call
        assert screen.data.session.id == 2  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "SearchScreen"


async def test_a_long_transcript_leaves_the_entries_listed(db_path: Path) -> None:
    store = open_store(db_path)
    ann = _session(store, "Ann", "Acme")
    store.add_entry(ann, "quote", "pricing came up once among many other words said", 0)
    cues = [Cue(n * 2000, n * 2000 + 1500, "Ann", "pricing pricing pricing") for n in range(400)]
    _attach(store, ann, cues, "Ann")
    store.close()
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        shown = prompts(await search_for(pilot, "pricing"))
        assert shown[0].startswith("quote · Ann, Acme")  # the weaker match, still first
        assert sum(line.startswith("transcript · ") for line in shown) == 100
        assert "(the best first; refine to see others)" in status(app)


async def test_a_tag_filter_lists_entries_only_and_says_so(said: Path) -> None:
    app = app_for(said)
    async with app.run_test(size=SIZE) as pilot:
        shown = prompts(await search_for(pilot, "exports", "#exports"))
        assert len(shown) == 1 and shown[0].startswith("quote · ")
        assert "Transcripts are not searched for a tag." in status(app)
