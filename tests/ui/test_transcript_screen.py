"""The transcript screen after the call: the whole call with times and speakers, the
captured quotes where they were said, and words of it taken as a quote with one key."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tests.store.helpers import save_clock
from tests.ui.screen_text import screen_lines, screen_strips
from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.core.matching import Match, Matching
from tui.core.transcript import Cue, Transcript
from tui.store.store import Store, open_store
from tui.store.transcripts import attach_transcript, entry_matches
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch
from tui.ui.screens.transcript import TranscriptScreen
from tui.ui.widgets.dialogs import TextPrompt
from tui.ui.widgets.transcript_view import TranscriptView

START_MS = 1_700_000_000_000
SIZE = (80, 24)
OFFSET_MS = 5_000  # the recording began 5 s before the interview clock
ADA, MAYA = "Ada Okafor", "Maya Chen"
HOSTILE = "the search is [b]broken[/b] [@click=app.quit]x[/] \x1b[31mred \u202eevil"
CUES = [
    Cue(2_000, 5_000, MAYA, "Thanks for making the time."),
    Cue(6_000, 10_000, ADA, "We keep every quote in a wiki nobody reads."),
    Cue(11_000, 14_000, MAYA, "Why do you think that is?"),
    Cue(15_000, 19_000, ADA, "Honestly nobody has time to look."),
    Cue(19_500, 23_000, ADA, "So we ask the same questions again."),
    Cue(24_000, 28_000, ADA, HOSTILE),
    *[Cue(30_000 + n * 4_000, 33_000 + n * 4_000, MAYA, f"Filler line {n}.") for n in range(40)],
]
CAPTURED = "We keep every quote in a wiki nobody reads."


def seed(db_path: Path, transcript: bool = True, offset_ms: int | None = OFFSET_MS) -> int:
    store = open_store(db_path)
    ada = store.participant_for(ADA, "Acme")
    clock = ClockState(START_MS, ended_at_ms=START_MS + 30 * 60_000)
    session = store.create_session(ada.id, "Sharing", 30, clock).id
    save_clock(store, session, clock)
    typed = store.add_entry(session, "quote", "we keep quotes in a wiki nobody reads", 1_500)
    if transcript:
        match = Match(typed.id, 6_000, 10_000, CAPTURED, ADA, 93, "accepted")
        given = "given" if offset_ms is not None else "estimated"
        matching = Matching(ADA, offset_ms, given, 1, (match,))
        attach_transcript(store, session, "call.vtt", Transcript("vtt", tuple(CUES)), matching)
    store.close()
    return session


def make_app(db_path: Path) -> EarfulApp:
    return build_app(Launch("home"), db_path, Config(), now=lambda: START_MS + 40 * 60_000)


async def opened(pilot: Pilot[None], session_id: int) -> TranscriptScreen:
    app: EarfulApp = pilot.app  # type: ignore[assignment]
    for _ in range(100):
        if app.store is not None:
            break
        await pilot.pause(0.02)
    app.open_transcript(session_id)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, TranscriptScreen)
    return screen


def with_store(db_path: Path) -> Store:
    return open_store(db_path)


async def test_it_shows_each_cue_with_its_time_and_speaker(db_path: Path) -> None:
    session = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await opened(pilot, session)
        lines = screen_lines(pilot.app)
        text = "\n".join(lines)
        assert "00:02" in text and "Maya Chen" in text and "Thanks for making the time." in text
        assert any("00:15" in line and "Ada Okafor" in line for line in lines)
        assert "46 cues" in text and "participant: Ada Okafor" in text
        assert "offset +5.0 s" in text


async def test_the_captured_quote_is_highlighted_where_it_was_said(db_path: Path) -> None:
    session = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await opened(pilot, session)
        view = screen.view
        captured = view.get_component_rich_style("transcript-view--captured", partial=True)
        strips = screen_strips(pilot.app)
        lines = [strip.text for strip in strips]
        row = next(n for n, line in enumerate(lines) if "wiki nobody" in line)
        assert "◂ captured" in "".join(lines[row : row + 2])
        styled = {seg.text.strip() for seg in strips[row] if seg.style and seg.style.underline}
        assert captured.underline and "wiki" in " ".join(styled)
        other = next(n for n, line in enumerate(lines) if "Thanks for making" in line)
        assert not any(seg.style and seg.style.underline for seg in strips[other])
        assert "captured" not in lines[other]
        await pilot.press("n")  # next captured quote
        assert view.cursor == 1


async def test_two_cues_taken_as_a_quote_verbatim_at_their_time_with_tags(
    db_path: Path,
) -> None:
    session = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await opened(pilot, session)
        await pilot.press("down", "down", "down", "space", "down")
        preview = str(screen.query_one("#preview").render())
        assert "Honestly nobody" in preview and "again." in preview
        await pilot.press("t")
        await pilot.pause()
        prompt = pilot.app.screen
        assert isinstance(prompt, TextPrompt)
        prompt.query_one(Input).value = "#search !frustrated"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        store = with_store(db_path)
        quotes = [e for e in store.entries(session) if e.text.startswith("Honestly")]
        assert len(quotes) == 1
        quote = quotes[0]
        assert quote.text == "Honestly nobody has time to look. So we ask the same questions again."
        assert quote.kind == "quote" and quote.at_ms == 15_000 - OFFSET_MS
        assert quote.topics == ("search",) and quote.emotions == ("frustrated",)
        match = entry_matches(store, session)[quote.id]
        assert (match.status, match.score, match.words) == ("accepted", 100, quote.text)
        store.close()
        assert "again. ◂ captured" in "\n".join(screen_lines(pilot.app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        store = with_store(db_path)
        assert [e.text for e in store.entries(session)] == ["we keep quotes in a wiki nobody reads"]
        assert len(entry_matches(store, session)) == 1
        store.close()
        assert "again. ◂ captured" not in "\n".join(screen_lines(pilot.app))


async def test_words_dropped_at_either_end_are_left_out_of_the_quote(db_path: Path) -> None:
    session = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await opened(pilot, session)
        await pilot.press("down", "down", "down")
        await pilot.press("left_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.press("enter")
        await pilot.pause()
        store = with_store(db_path)
        texts = [e.text for e in store.entries(session)]
        store.close()
        assert "nobody has time" in texts


async def test_without_a_recording_offset_nothing_is_taken_and_it_says_how(
    db_path: Path,
) -> None:
    session = seed(db_path, offset_ms=None)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await opened(pilot, session)
        await pilot.press("down", "enter")
        await pilot.pause()
        app: EarfulApp = pilot.app  # type: ignore[assignment]
        assert "--offset" in app.notices[-1][1]
        store = with_store(db_path)
        assert len(store.entries(session)) == 1
        store.close()


async def test_a_session_without_a_transcript_says_how_to_attach_one(db_path: Path) -> None:
    session = seed(db_path, transcript=False)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        app: EarfulApp = pilot.app  # type: ignore[assignment]
        for _ in range(100):
            if app.store is not None:
                break
            await pilot.pause(0.02)
        app.open_transcript(session)
        await pilot.pause()
        assert not isinstance(app.screen, TranscriptScreen)
        assert app.notices[-1][1] == (
            "This session has no transcript: attach one with earful transcript SESSION FILE"
        )


async def test_cue_text_with_markup_and_escapes_shows_literally(db_path: Path) -> None:
    session = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await opened(pilot, session)
        text = "\n".join(screen_lines(pilot.app))
        assert "[b]broken[/b]" in text and "[@click=app.quit]x[/]" in text
        assert "\x1b" not in text and "\u202e" not in text
        assert pilot.app.screen is screen  # nothing clicked, nothing crashed
        await pilot.press("down", "down", "down", "down", "down")
        preview = str(screen.query_one("#preview").render())
        assert "[b]broken[/b]" in preview and "\x1b" not in preview


async def test_paging_and_the_ends_move_the_cursor_and_keep_it_in_view(db_path: Path) -> None:
    session = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await opened(pilot, session)
        view = screen.query_one(TranscriptView)
        await pilot.press("end")
        assert view.cursor == len(CUES) - 1
        assert "Filler line 39." in "\n".join(screen_lines(pilot.app))
        await pilot.press("pageup")
        assert 0 < view.cursor < len(CUES) - 1
        await pilot.press("home")
        assert view.cursor == 0
        await pilot.press("pagedown")
        assert view.cursor > 1


async def test_the_tag_keys_tag_the_quote_taken_and_the_palette_names_them(
    db_path: Path,
) -> None:
    session = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await opened(pilot, session)
        app: EarfulApp = pilot.app  # type: ignore[assignment]
        topic, emotion = app.hotkeys["topic"][0], app.hotkeys["emotion"][0]
        bindings = {b.id: b for b in screen.BINDINGS if not isinstance(b, tuple)}
        assert screen.palette_title(bindings["transcript.topic-1"]) == f"Tag the quote #{topic}"
        await pilot.press("down", "f2", "f6")
        assert f"#{topic} !{emotion}" in str(screen.query_one("#preview").render())
        await pilot.press("enter")
        await pilot.pause()
        store = with_store(db_path)
        taken = max(store.entries(session), key=lambda e: e.id)
        store.close()
        assert taken.text == "We keep every quote in a wiki nobody reads."
        assert (taken.topics, taken.emotions) == ((topic,), (emotion,))


async def test_it_opens_at_the_cue_said_at_the_interview_time_asked_for(db_path: Path) -> None:
    session = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        app: EarfulApp = pilot.app  # type: ignore[assignment]
        for _ in range(100):
            if app.store is not None:
                break
            await pilot.pause(0.02)
        app.open_transcript(session, at_ms=20_000 - OFFSET_MS)
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        assert app.screen.view.cursor == 4  # 00:19.5-00:23, said at 00:20 in the recording


async def test_find_goes_to_the_next_cue_saying_it(db_path: Path) -> None:
    session = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await opened(pilot, session)
        await pilot.press("/")
        await pilot.pause()
        prompt = pilot.app.screen
        assert isinstance(prompt, TextPrompt)
        prompt.query_one(Input).value = "NOBODY"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.cursor == 1
        await pilot.press("/", "enter")  # the same words again: the next cue saying them
        await pilot.pause()
        assert screen.view.cursor == 3
