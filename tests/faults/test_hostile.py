"""Hostile text through every place user text appears: stored exactly, shown inert, no crash.

"Shown" is read from what the screen really draws (the compositor's strips), so a control
character reaching the terminal, or markup being interpreted, fails the test.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pyperclip
import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList

from tests.store.helpers import save_clock
from tests.ui.screen_text import screen_lines
from tui.cli import build_app
from tui.cli.after import render
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.core.export import csv_cell, md_escape
from tui.core.text import visible
from tui.store.editing import set_facts, set_list, set_memorable
from tui.store.snapshots import session_export_data
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch, NewSession
from tui.ui.screens.board import BoardScreen
from tui.ui.screens.brief import BriefScreen
from tui.ui.screens.participants import ParticipantScreen, ParticipantsScreen
from tui.ui.screens.search import SearchScreen
from tui.ui.screens.snapshot import SnapshotScreen
from tui.ui.screens.tag_quotes import TagQuotesScreen
from tui.ui.widgets.capture_input import CaptureInput
from tui.ui.widgets.entry_log import EntryLog

START = 1_700_000_000_000
SIZE = (100, 30)
HOSTILE = {
    "click": "[@click=app.quit]x[/]",
    "bold": "[bold]",
    "trailing": "she said [/",
    "note": "[note]",
    "windows": "C:\\path\\[bold]",
    "csi": "\x1b[31mred",
    "clear": "\x1b[2J",
    "osc-title": "\x1b]0;title\x07",
    "osc52": "\x1b]52;c;aGk=\x07",
    "controls": "a\x00b\x01c\x08d\x7fe\x9bf",
    "unicode": "👩‍💻 e\u0301 مرحبا \u202eevil",
    "formula": "=1+1",
    "plus": "+cmd",
    "minus": "-2",
    "at": "@x",
    "tab": "\t=x",
    "cr": "\r=x",
}
# The formula variants matter to CSV only: the screens see one of them.
ON_SCREEN = {k: v for k, v in HOSTILE.items() if k not in ("plus", "minus", "at")}
# What a terminal would act on: every C0 control, DEL and C1 (the log shows a tab as a space).
RAW_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def assert_inert(app: EarfulApp) -> str:
    lines = screen_lines(app)
    leaked = [line for line in lines if RAW_CONTROL.search(line)]
    assert not leaked, f"control characters reach the terminal: {leaked!r}"
    assert app.is_running
    return "\n".join(lines)


def shown(text: str) -> str:
    """The part of ``text`` a screen can be expected to show on one line."""
    return visible(text).strip()


def seed(db_path: Path, text: str) -> None:
    """Two ended interviews where every field a user can type holds ``text``.

    Session 1 holds the entries and the snapshot's lists; session 2 holds the entry whose
    emotion tag is named ``text``, so the board and the briefs show a hostile tag name.
    """
    store = open_store(db_path)
    who = store.participant_for("placeholder")
    # Set as is (a name can be edited in Datasette): participant_for trims whitespace.
    store.conn.execute("UPDATE participants SET name = ?, company = ?", (text, text))
    store.conn.commit()
    clock = ClockState(START, ended_at_ms=START + 30 * 60_000)
    first = store.create_session(who.id, "goal", 30, clock)
    second = store.create_session(who.id, "goal", 30, clock)
    store.conn.execute("UPDATE sessions SET goal = ?, created_at = '2024-03-04T09:30'", (text,))
    store.conn.commit()
    save_clock(store, first.id, clock)
    save_clock(store, second.id, clock)
    quote = store.add_entry(first.id, "quote", text, 60_000, ["hostile"], [], ["starred"])
    store.add_entry(first.id, "note", text, 120_000)
    store.add_entry(first.id, "mark", text, 180_000)
    store.tag_id("emotion", text, -1)
    store.add_entry(second.id, "quote", f"zebra {text}", 240_000, ["hostile"], [text])
    set_memorable(store, first.id, quote.id)
    set_facts(store, who.id, [text])
    set_list(store, first.id, "opportunities", [text])
    set_list(store, first.id, "insights", [text])
    store.close()


def stored_exactly(db_path: Path, text: str) -> None:
    store = open_store(db_path)
    try:
        session = store.session(1)
        assert (session.participant.name, session.participant.company) == (text, text)
        assert session.goal == text and session.participant.facts == (text,)
        assert [e.text for e in store.entries(1)] == [text, text, text]
        [tagged] = store.entries(2)
        assert (tagged.text, tagged.emotions) == (f"zebra {text}", (text,))
        snap = session_export_data(store, 1)
        assert snap.opportunities == snap.insights == (text,)
    finally:
        store.close()


class FakeClipboard:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.text: str | None = None
        monkeypatch.setattr(pyperclip, "copy", self.copy)
        monkeypatch.setattr(pyperclip, "paste", lambda: self.text)

    def copy(self, text: str) -> None:
        self.text = text


async def connected(pilot: Pilot[None]) -> EarfulApp:
    app: EarfulApp = pilot.app  # type: ignore[assignment]
    for _ in range(200):
        if app.store is not None:
            break
        await pilot.pause(0.01)
    await pilot.pause()
    return app


def table_texts(table: DataTable[object]) -> list[str]:
    return [
        str(getattr(c, "plain", c)) for row in range(table.row_count) for c in table.get_row_at(row)
    ]


@pytest.mark.parametrize("text", ON_SCREEN.values(), ids=ON_SCREEN.keys())
async def test_every_screen_shows_hostile_text_inert(
    text: str, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(db_path, text)
    board = FakeClipboard(monkeypatch)
    app = build_app(Launch("home"), db_path, Config(), now=lambda: START + 40 * 60_000)
    async with app.run_test(size=SIZE) as pilot:
        app = await connected(pilot)
        home = assert_inert(app)
        assert shown(text) in home  # participant, company and goal columns
        await pilot.press("delete")  # the confirmation names the participant
        await pilot.pause()
        assert f"with {shown(text)}" in " ".join(assert_inert(app).split())
        await pilot.press("n")

        # the snapshot: experience map, memorable quote, facts, opportunities, insights, tags
        app.open_snapshot(1, pushed=True)
        await pilot.pause()
        assert isinstance(app.screen, SnapshotScreen)
        page = assert_inert(app)
        assert page.count(shown(text)) >= 5
        await pilot.press("home", "c")
        assert board.text is not None and visible(text) in board.text  # copying is data
        await pilot.press("e")  # the entry editor shows the text in an Input
        await pilot.pause()
        assert_inert(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("C")
        assert f"- {md_escape(text)}" in (board.text or "")  # the Markdown of the whole page
        await pilot.press("escape")
        await pilot.pause()

        # across interviews: board, a tag's quotes, brief, search, participants
        app.action_show_across("board")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        screen.action_switch_tab()
        await pilot.pause()
        emotions = screen.query_one("#emotions", DataTable)
        assert f"!{visible(text)}" in table_texts(emotions)
        assert shown(text) in assert_inert(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TagQuotesScreen)
        prompts = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert any(visible(text) in p for p in prompts)
        assert shown(text) in assert_inert(app)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        assert shown(text) in assert_inert(app)
        await pilot.press("c")
        assert md_escape(" ".join(text.split())) in (board.text or "")  # the brief's Markdown
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()

        app.push_screen(SearchScreen("zebra"))
        await pilot.pause()
        search = app.screen
        assert isinstance(search, SearchScreen) and search.places
        results = search.query_one(OptionList).options
        assert any(f"zebra {visible(text)}".strip() in str(o.prompt) for o in results)
        assert_inert(app)
        await pilot.press("escape")

        app.push_screen(ParticipantsScreen())
        await pilot.pause()
        assert shown(text) in assert_inert(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantScreen)
        assert shown(text) in assert_inert(app)
        stored_exactly(db_path, text)  # nothing shown so far changed what is stored
        await pilot.press("e")
        await pilot.pause()
        assert_inert(app)  # the profile form holds every field
        await pilot.press("ctrl+s")  # a notification that names the participant
        await pilot.pause()
        # a profile is saved trimmed, so the name a notification gives is too
        saved = f"Saved {visible(text.strip())}'s profile"
        assert any(saved in message for _, message in app.notices)
        assert_inert(app)
        assert app.is_running


def export_all(db_path: Path) -> dict[str, str]:
    store = open_store(db_path)
    try:
        snap = session_export_data(store, 1)
        return {fmt: render(snap, fmt, Config().copy_format) for fmt in ("md", "csv", "json")}
    finally:
        store.close()


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_every_export_format_keeps_hostile_text_safe(text: str, db_path: Path) -> None:
    seed(db_path, text)
    out = export_all(db_path)
    data = json.loads(out["json"])
    assert data["participant"]["name"] == text  # JSON is exact
    assert [e["text"] for e in data["entries"]] == [text, text, text]
    rows = list(csv.reader(io.StringIO(out["csv"])))
    cells = [cell for row in rows[1:] for cell in row]
    assert csv_cell(visible(text)) in cells  # a formula is never a formula
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    for fmt in ("md", "csv"):
        lines = out[fmt].replace("\r\n", "\n").split("\n")
        assert not any(RAW_CONTROL.search(line) for line in lines), f"raw controls in {fmt}"


def test_cli_output_is_inert(tmp_path: Path) -> None:
    db = tmp_path / "all.db"
    store = open_store(db)
    for n, text in enumerate(HOSTILE.values()):
        who = store.participant_for(f"person {n}")
        store.conn.execute(
            "UPDATE participants SET name = ?, company = ? WHERE id = ?", (text, text, who.id)
        )
        session = store.create_session(who.id, text, 30, ClockState(START + n))
        store.add_entry(session.id, "quote", f"zebra {text}", 1000, ["hostile", "x"], [])
    store.conn.commit()
    store.close()
    for args in (
        ["sessions"],
        ["board"],
        ["board", "--format", "csv"],
        ["search", "zebra"],
        ["brief", "--tag", "hostile"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "tui", "--db", str(db), *args],
            capture_output=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        out = done.stdout.decode("utf-8")
        leaked = [line for line in out.splitlines() if RAW_CONTROL.search(line)]
        assert not leaked, f"earful {' '.join(args)} prints control characters: {leaked!r}"
        if args[0] == "search":
            for text in HOSTILE.values():
                assert f"zebra {visible(text)}".rstrip() in out


@pytest.mark.parametrize("text", [*ON_SCREEN.values(), "x" * 1_000_000], ids=[*ON_SCREEN, "1MB"])
async def test_live_capture_saves_hostile_text_exactly(
    text: str, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = NewSession(text, text, text, 30, ClockState(START))
    app = build_app(Launch("start", new=new), db_path, Config(), now=lambda: START + 5_000)
    async with app.run_test(size=SIZE) as pilot:
        app = await connected(pilot)
        await pilot.pause()
        capture = app.screen.query_one(CaptureInput)
        if len(text) > 1000:
            capture.post_message(events.Paste(text))  # the way a terminal delivers a paste
        else:
            capture.value = text
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert capture.value == ""
        assert_inert(app)
        log = app.screen.query_one(EntryLog)
        assert shown(text)[:40] in log.render_line(0).text
    store = open_store(db_path)
    assert [e.text for e in store.entries(1)] == [text]
    store.close()


# Rich drops BEL, BS, VT, FF and CR itself; these hold characters it lets through.
CONTROLS = {k: HOSTILE[k] for k in ("csi", "clear", "osc-title", "osc52", "controls")}


@pytest.mark.parametrize("text", CONTROLS.values(), ids=CONTROLS.keys())
async def test_a_hostile_tag_name_in_the_experience_map_is_inert(text: str, db_path: Path) -> None:
    seed(db_path, text)
    app = build_app(Launch("home"), db_path, Config(), now=lambda: START + 40 * 60_000)
    async with app.run_test(size=SIZE) as pilot:
        app = await connected(pilot)
        app.open_snapshot(2, pushed=True)
        await pilot.pause()
        assert f"!{visible(text)}" in assert_inert(app)


async def test_the_first_saved_entry_appears_on_screen(db_path: Path) -> None:
    new = NewSession("Ada", "", "", 30, ClockState(START))
    app = build_app(Launch("start", new=new), db_path, Config(), now=lambda: START + 5_000)
    async with app.run_test(size=SIZE) as pilot:
        app = await connected(pilot)
        app.screen.query_one(CaptureInput).value = "the first quote"
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert "the first quote" in assert_inert(app)
