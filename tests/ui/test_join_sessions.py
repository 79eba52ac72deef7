"""J on the snapshot: another note-taker's session of the same call joined into the one
shown, at 80×24, undone with ctrl+z and joined again with ctrl+g."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.store.helpers import save_clock
from tests.ui.test_authors_shown import map_text
from tests.ui.test_snapshot import START_MS, make_app, open_snapshot
from tui.core.clock import ClockState
from tui.store.store import open_store
from tui.ui.widgets.dialogs import TextPrompt

SIZE = (80, 24)


def seed(db: Path) -> tuple[int, int, int]:
    """Ann's notes of a call with Ada, Bo's notes of the same call (Bo pressed start 5 s
    later), and an older session with Ada; returns their ids."""
    store = open_store(db)
    ada = store.participant_for("Ada Lovelace", "Acme")
    older = store.create_session(ada.id, "first call", 30, ClockState(START_MS - 86_400_000))
    save_clock(store, older.id, ClockState(START_MS - 86_400_000, ended_at_ms=START_MS - 1))
    ended = ClockState(START_MS, ended_at_ms=START_MS + 30 * 60_000)
    ann = store.create_session(ada.id, "sharing", 30, ended)
    save_clock(store, ann.id, ended)
    bo_clock = ClockState(START_MS + 5_000, ended_at_ms=START_MS + 30 * 60_000)
    bo = store.create_session(ada.id, "sharing", 30, bo_clock)
    save_clock(store, bo.id, bo_clock)
    store.author = "ann"
    store.add_entry(ann.id, "quote", "Nobody reads our wiki", 60_000)
    store.add_entry(ann.id, "quote", "Notion is where it goes", 180_000)
    store.author = "bo"
    store.add_entry(bo.id, "note", "She sighs at wiki", 115_000)  # ann's 02:00
    store.add_entry(bo.id, "quote", "Slack is faster", 235_000)  # ann's 04:00
    store.close()
    return older.id, ann.id, bo.id


def map_lines(screen: object) -> list[str]:
    return [line for line in map_text(screen).splitlines() if line.strip()]


async def test_j_joins_the_other_note_takers_session_and_ctrl_z_takes_it_back(
    tmp_path: Path,
) -> None:
    db = tmp_path / "e.db"
    older, ann, bo = seed(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, ann)
        await pilot.press("J")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        asked = str(prompt.query_one(".title").render())
        # Most recent first, with what tells them apart.
        assert asked.index(f"#{bo} ") < asked.index(f"#{older} ")
        assert "2 entries · bo" in asked and "0 entries · author not known" in asked
        assert prompt.query_one(Input).value == str(bo)  # the most recent is offered
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert app.notices[-1][1].startswith(
            f"Joined session {bo} into {ann}: 2 entries from bo (aligned by start time, +5.0 s)"
        )
        lines = map_lines(screen)
        order = ["Nobody reads", "She sighs", "Notion is", "Slack is"]
        found = [next(i for i, line in enumerate(lines) if text in line) for text in order]
        assert found == sorted(found)  # one timeline, interleaved by time
        assert "02:00" in lines[found[1]] and "· bo" in lines[found[1]]
        assert "· ann" in lines[found[0]] and "· bo" in lines[found[3]]

        await pilot.press("ctrl+z")
        await pilot.pause()
        lines = map_lines(screen)
        assert not any("She sighs" in line for line in lines)
        assert not any("· ann" in line for line in lines)  # one author again: none named
        store = open_store(db)
        try:
            assert [(e.at_ms, e.author) for e in store.entries(bo)] == [
                (115_000, "bo"),
                (235_000, "bo"),
            ]
        finally:
            store.close()

        await pilot.press("ctrl+g")
        await pilot.pause()
        assert any("She sighs" in line and "· bo" in line for line in map_lines(screen))


async def test_j_with_no_other_session_of_the_participant_says_so(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    store = open_store(db)
    ada = store.participant_for("Ada Lovelace", "Acme")
    ann = store.create_session(ada.id, "sharing", 30, ClockState(START_MS, ended_at_ms=START_MS))
    store.close()
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, ann.id)
        await pilot.press("J")
        await pilot.pause()
        assert app.screen is screen
        assert app.notices[-1] == (
            "warning",
            "Ada Lovelace has no other session to join into this one.",
        )


async def test_a_number_not_listed_is_said_under_it_and_nothing_is_joined(
    tmp_path: Path,
) -> None:
    db = tmp_path / "e.db"
    _, ann, _ = seed(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_snapshot(pilot, ann)
        await pilot.press("J")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        prompt.query_one(Input).value = str(ann)  # this very session is not offered
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prompt
        assert prompt.problem == "Type the number of one of the sessions listed, or press Escape."
    store = open_store(db)
    try:
        assert len(store.sessions()) == 3
    finally:
        store.close()
