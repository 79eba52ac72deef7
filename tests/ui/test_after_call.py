"""Search results and a participant's page at 80×24: kind, whole text, flags, recording time."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store.store import open_store
from tui.store.todos import set_done
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch

SIZE = (80, 24)
LONG = (
    "I would pay for the export tomorrow if it kept our formatting, honestly, and if"
    " someone could call me about single sign-on [b]before[/b] the renewal"
)


@pytest.fixture
def filled(db_path: Path) -> Path:
    store = open_store(db_path)
    ann = store.participant_for("Ann Lee", "Acme")
    session = store.create_session(ann.id, "pricing", 30, ClockState(0)).id
    quote = store.add_entry(session, "quote", LONG, 61_000, [], [], ["follow_up", "testimonial"])
    store.add_entry(session, "note", "export is their main pain", 90_000)
    store.save_recording(session, 30_000)
    set_done(store, quote.id, "follow_up", True)
    store.close()
    return db_path


async def connected(pilot: Pilot[None]) -> EarfulApp:
    app: EarfulApp = pilot.app  # type: ignore[assignment]
    for _ in range(100):
        if app.store is not None:
            break
        await pilot.pause(0.02)
    return app


def app_for(db_path: Path) -> EarfulApp:
    return build_app(Launch("home"), db_path, Config(), now=lambda: 1_700_000_000_000)


def rendered(widget: OptionList | DataTable[object]) -> list[str]:
    return [strip.text for strip in widget.render_lines(widget.region.reset_offset)]


async def test_search_results_say_their_kind_and_show_the_whole_text(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot)
        app.action_show_across("search")
        await pilot.pause()
        app.screen.query_one("#words", Input).value = "export"
        await pilot.press("enter")
        results = app.screen.query_one(OptionList)
        heads = [str(o.prompt).split("\n")[0] for o in results.options]
        assert sorted(h.split(" · ")[0] for h in heads) == ["note", "quote"]
        quote = next(h for h in heads if h.startswith("quote"))
        assert quote.startswith("quote · Ann Lee, Acme · ")
        assert "00:31 in the recording · ⚑ follow-up (done) · ♥ testimonial" in quote
        on_screen = " ".join(line.strip(" ▊▎") for line in rendered(results))
        assert "before[/b] the renewal”" in on_screen  # wrapped, not cut at ~35 characters


async def test_a_participants_page_shows_flags_and_recording_time(filled: Path) -> None:
    app = app_for(filled)
    async with app.run_test(size=SIZE) as pilot:
        await connected(pilot)
        app.action_show_across("participants")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]
        assert rows[0][1:3] == ["00:31 rec", "quote"]
        assert rows[0][3].startswith("⚑✓ ♥ I would pay")
        assert rows[1][1:4] == ["01:00 rec", "note", "export is their main pain"]
        status = str(app.screen.query_one("#status", Static).content)
        assert "⚑ follow-up, ♥ testimonial, ✓ done" in status
        assert "rec: time in the recording" in status
