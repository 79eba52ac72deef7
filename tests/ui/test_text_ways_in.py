"""Text UTF-8 cannot hold (lone surrogates) at every way in: kept with �, never a crash.

A terminal or shell hands Python bytes that are not UTF-8 as lone surrogates (byte 0xff
becomes '\\udcff'); broken UTF-16 gives them too. SQLite, JSON and the terminal all refuse
them, so each way in replaces them with U+FFFD, which the note-taker can see and fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.message import Message
from textual.widgets import Static

import tui.cli
from tui.cli import main
from tui.ui.launch import Launch
from tui.ui.widgets.capture_input import CaptureInput

from .terminal_keys import typed_like_a_terminal
from .test_live import SIZE, FakeClock, live_app, ready, shown, stored

LONE = "caf\udcff \ud800"
KEPT = "caf\ufffd \ufffd"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


async def test_a_pasted_lone_surrogate_is_kept_as_a_replacement_character(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        capture = screen.query_one(CaptureInput)
        capture.post_message(events.Paste(f"pasted {LONE}\nnext line"))
        await pilot.pause()
        assert capture.value == f"pasted {KEPT} next line"
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
    _, [entry] = stored(db_path)
    assert entry.text == f"pasted {KEPT} next line"


async def test_a_line_holding_a_lone_surrogate_is_saved_with_a_replacement_character(
    db_path: Path, clock: FakeClock
) -> None:
    # However the character got into the line (typed, restored), what Enter hands the screen
    # to show and save is storable.
    captured: dict[int, str] = {}  # the hook sees a message at each pump it passes

    def hook(message: Message) -> None:
        if isinstance(message, CaptureInput.Captured):
            captured[id(message)] = message.text

    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        screen = await ready(pilot)
        screen.query_one(CaptureInput).value = f"typed {LONE} #pricing"
        await pilot.press("enter")
        await pilot.pause()
        typed_like_a_terminal(app, "ok\udcff", "<enter>")
        await pilot.pause()
        assert app.is_running
    assert list(captured.values()) == [f"typed {KEPT} #pricing", "ok"]
    _, entries = stored(db_path)
    assert [(e.text, e.topics) for e in entries] == [
        (f"typed {KEPT}", ("pricing",)),
        ("ok", ()),  # Input leaves out a typed character it cannot print
    ]


async def test_earful_start_with_arguments_that_are_not_utf8_shows_and_stores_them_with_a_mark(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    launched: list[Launch] = []

    class NoUI:
        return_code = 0

        def run(self) -> None:
            pass

    def record(launch: Launch, *args: object, **kwargs: object) -> NoUI:
        launched.append(launch)
        return NoUI()

    monkeypatch.setattr(tui.cli, "build_app", record)
    # What Python makes of `earful start $'Ann \xff' --company $'\xffCo' --goal $'g\xff'`.
    assert main(["start", "Ann \udcff", "--company", "\udcffCo", "--goal", "g\udcff"]) == 0
    [launch] = launched
    assert launch.new is not None
    new = launch.new
    assert (new.participant, new.company, new.goal) == ("Ann \ufffd", "\ufffdCo", "g\ufffd")

    monkeypatch.undo()
    app = live_app(db_path, clock, who=(new.participant, new.company), goal=new.goal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "Ann \ufffd" in shown(screen.query_one("#who", Static))
    session, _ = stored(db_path)
    assert (session.participant.name, session.participant.company) == ("Ann \ufffd", "\ufffdCo")
    assert session.goal == "g\ufffd"
