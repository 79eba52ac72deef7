"""The snapshot with the call's transcript: each quote shows where it was said and how the
words differ; one key takes the exact words, one rejects, two move the match, and each is
undone by ctrl+z. The typed text changes only when the note-taker takes the words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.ui.screen_text import screen_lines
from tests.ui.test_snapshot import START_MS, last_notice, make_app, open_snapshot
from tui.core.clock import ClockState
from tui.core.matching import match_transcript
from tui.core.transcript import read_transcript
from tui.store.store import Store, open_store
from tui.store.transcripts import attach_transcript, entry_matches, typed_entries
from tui.ui.app import EarfulApp
from tui.ui.screens.snapshot import SnapshotScreen
from tui.ui.widgets.dialogs import Confirm, TextPrompt
from tui.ui.widgets.experience_map import ExperienceMap

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transcripts"
LATE = 7_200  # the fixture's recording started 7.2 s before the interview clock
SAID = "Nobody goes looking for a research doc"  # Ada, at 0:53 in the recording
TYPED = "nobody looks for a research doc"  # what the note-taker typed, a second late
SIZE = (100, 30)


def seed(db_path: Path, transcript: bool = True) -> tuple[int, dict[str, int]]:
    """An interview with Ada typed during the fixture call, its transcript attached."""
    store = open_store(db_path)
    ada = store.participant_for("Ada Okafor", "Acme")
    clock = ClockState(START_MS, ended_at_ms=START_MS + 30 * 60_000)
    session = store.create_session(ada.id, "learn", 30, clock).id
    typed = {
        "doc": ("quote", "I ran six interviews and wrote everything up in a doc", 14_400),
        "nobody": ("quote", TYPED, 47_000),
        "never": ("quote", "we switched to a whiteboard app last spring", 30_000),
        "note": ("note", "frustrated with docs", 40_000),
    }
    ids = {key: store.add_entry(session, k, t, at).id for key, (k, t, at) in typed.items()}
    if transcript:
        _attach(store, session)
    store.close()
    return session, ids


def _attach(store: Store, session: int) -> None:
    found = read_transcript((FIXTURES / "zoom.vtt").read_bytes())
    matching = match_transcript(found.cues, typed_entries(store, session))
    attach_transcript(store, session, "zoom.vtt", found, matching)


def select(screen: SnapshotScreen, entry_id: int) -> None:
    timeline = screen.query_one(ExperienceMap)
    timeline.select([e.id for e in timeline.entries].index(entry_id))


def entry_text(db_path: Path, entry_id: int) -> tuple[str, str | None]:
    store = open_store(db_path)
    try:
        row = store.conn.execute(
            "SELECT text, original_text FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        return row[0], row[1]
    finally:
        store.close()


def match_of(db_path: Path, entry_id: int) -> tuple[str, str] | None:
    store = open_store(db_path)
    try:
        session = store.entry(entry_id).session_id
        found = entry_matches(store, session).get(entry_id)
        return None if found is None else (found.words, found.status)
    finally:
        store.close()


def text_of(pilot: Pilot[None]) -> str:
    """The experience map's words (the column left of the side bar), wrapped lines joined."""
    return " ".join(" ".join(line.split("▏")[0] for line in screen_lines(pilot.app)).split())


async def test_each_quote_shows_where_it_was_said_and_the_words_that_differ(
    tmp_path: Path,
) -> None:
    session, _ids = seed(tmp_path / "e.db")
    async with make_app(tmp_path / "e.db").run_test(size=SIZE) as pilot:
        await open_snapshot(pilot, session)
        shown = text_of(pilot)
        # The typed quote, then where it was said and the words said.
        assert f"00:47 {TYPED} ↳" in shown
        assert "✓ said at 00:53 · 87 · w takes: “Nobody" in shown
        assert "not found in the transcript" in shown  # the quote never said
        assert "frustrated with docs" in shown and shown.count("↳") == 3  # notes: no line


async def test_taking_the_words_is_an_edit_that_keeps_the_typed_ones_and_undoes(
    tmp_path: Path,
) -> None:
    db = tmp_path / "e.db"
    session, ids = seed(db)
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, session)
        assert entry_text(db, ids["nobody"]) == (TYPED, None)  # matching changed nothing
        select(screen, ids["nobody"])
        await pilot.press("w")
        await pilot.pause()
        assert entry_text(db, ids["nobody"]) == (SAID, TYPED)
        assert "Took the transcript's words" in last_notice(pilot.app)
        assert f"{SAID} (edited)" in text_of(pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert entry_text(db, ids["nobody"]) == (TYPED, None)
        assert f"w takes: “{SAID}”" in text_of(pilot)


async def test_a_rejected_match_can_be_moved_to_where_the_words_were_said_again(
    tmp_path: Path,
) -> None:
    db = tmp_path / "e.db"
    session, ids = seed(db)
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, session)
        select(screen, ids["nobody"])
        await pilot.press("r")
        await pilot.pause()
        assert match_of(db, ids["nobody"]) == (SAID, "rejected")
        assert "✗ match rejected" in text_of(pilot)
        # Maya says it back four seconds later: the next place the words were said.
        await pilot.press("]")
        await pilot.pause()
        assert match_of(db, ids["nobody"]) == ("nobody goes looking for the doc", "accepted")
        assert "said by Maya Chen? at 00:57" in text_of(pilot)
        await pilot.press("[")
        await pilot.pause()
        assert match_of(db, ids["nobody"]) == (SAID, "accepted")
        await pilot.press("[")
        await pilot.pause()
        assert "nowhere earlier" in last_notice(pilot.app)
        for _ in range(3):
            await pilot.press("ctrl+z")
            await pilot.pause()
        assert match_of(db, ids["nobody"]) == (SAID, "accepted")
        assert entry_text(db, ids["nobody"]) == (TYPED, None)  # never touched


async def test_a_match_to_confirm_is_confirmed_with_y(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    session, ids = seed(db)
    store = open_store(db)
    store.conn.execute("UPDATE transcript_matches SET status = 'confirm'")
    store.conn.commit()
    store.close()
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, session)
        assert "to confirm (y)" in text_of(pilot)
        select(screen, ids["doc"])
        await pilot.press("y")
        await pilot.pause()
        assert match_of(db, ids["doc"]) is not None
        assert match_of(db, ids["doc"])[1] == "accepted"  # type: ignore[index]
        assert match_of(db, ids["nobody"])[1] == "confirm"  # type: ignore[index]


async def test_notes_and_sessions_without_a_transcript_say_why_nothing_happens(
    tmp_path: Path,
) -> None:
    db = tmp_path / "e.db"
    session, ids = seed(db, transcript=False)
    async with make_app(db).run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, session)
        assert "↳" not in text_of(pilot)
        await pilot.press("w")
        assert "no transcript: a attaches one" in last_notice(pilot.app)
    db2 = tmp_path / "t.db"
    session, ids = seed(db2)
    async with make_app(db2).run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, session)
        select(screen, ids["note"])
        await pilot.press("w")
        assert "notes are your own words" in last_notice(pilot.app)


async def test_attaching_a_transcript_from_the_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Named as a note-taker in that folder types them: a whole temporary path is about
    # seventy keys, and each costs the test a frame.
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "e.db"
    session, ids = seed(db, transcript=False)
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes\n", encoding="utf-8")
    good = tmp_path / "call.vtt"
    shutil.copy(FIXTURES / "zoom.vtt", good)
    app: EarfulApp
    async with make_app(db).run_test(size=SIZE) as pilot:
        app = pilot.app  # type: ignore[assignment]
        await open_snapshot(pilot, session)
        await pilot.press("a")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        await pilot.press(*bad.name, "enter")
        await pilot.pause()
        assert "notes.txt: line 1: is not a transcript" in prompt.problem  # the dialog stays
        await pilot.press(*(["backspace"] * len(bad.name)), *good.name, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Attached call.vtt: 2 of 3 quotes matched" in last_notice(app)
        assert f"w takes: “{SAID}”" in text_of(pilot)
        # A second file replaces it only when the note-taker says so.
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*good.name, "enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")
        await pilot.pause()
        assert match_of(db, ids["nobody"]) == (SAID, "accepted")


@pytest.mark.parametrize("hostile", ["[b]bold[/b] \x1b[31mred", "\u202egnp.exe"])
async def test_transcript_words_with_markup_or_controls_show_literally(
    tmp_path: Path, hostile: str
) -> None:
    db = tmp_path / "e.db"
    session, ids = seed(db)
    store = open_store(db)
    store.conn.execute(
        "UPDATE transcript_matches SET words = ? WHERE entry_id = ?", (hostile, ids["nobody"])
    )
    store.conn.commit()
    store.close()
    async with make_app(db).run_test(size=SIZE) as pilot:
        await open_snapshot(pilot, session)
        shown = text_of(pilot)
        assert "\x1b" not in shown and "\u202e" not in shown
        assert ("[b]bold[/b]" in shown) or ("gnp.exe" in shown)
