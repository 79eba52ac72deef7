"""The live screen as a note-taker uses it: type, tag, save, select, and never lose a word."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from textual import events
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tests.ui.terminal_keys import typed_like_a_terminal
from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.core.models import Entry, Session
from tui.store.store import Store, open_store
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch, NewSession
from tui.ui.screens.live.screen import LiveScreen
from tui.ui.widgets.capture_input import CaptureInput
from tui.ui.widgets.clock import ClockDisplay
from tui.ui.widgets.entry_log import EntryLog
from tui.ui.widgets.hotkey_bar import PendingLine

START_MS = 1_700_000_000_000
SIZE = (100, 30)


class FakeClock:
    """Wall time in epoch milliseconds that only moves when the test says so."""

    def __init__(self) -> None:
        self.ms = START_MS

    def __call__(self) -> int:
        return self.ms

    def advance(self, seconds: float) -> None:
        self.ms += round(seconds * 1000)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def live_app(
    db_path: Path,
    clock: FakeClock,
    config: Config | None = None,
    who: tuple[str, str] = ("Ada Lovelace", "Acme"),
    goal: str = "How do teams share findings?",
) -> EarfulApp:
    new = NewSession(who[0], who[1], goal, 30, ClockState(started_at_ms=clock()))
    return build_app(Launch("start", new=new), db_path, config or Config(), now=clock)


async def ready(pilot: Pilot[None]) -> LiveScreen:
    """Wait for the live screen to have its session loaded (the store opens in a thread)."""
    for _ in range(200):
        await pilot.pause(0.01)
        screen = pilot.app.screen
        if isinstance(screen, LiveScreen) and screen.session is not None:
            await pilot.pause()
            return screen
    raise AssertionError("the live screen never loaded its session")


def stored(db_path: Path) -> tuple[Session, list[Entry]]:
    """The newest session and its entries, read through a fresh connection (committed data)."""
    store = open_store(db_path)
    try:
        session = store.session(store.sessions()[0].id)
        return session, store.entries(session.id)
    finally:
        store.close()


def shown(widget: Widget) -> str:
    """What a widget draws, as plain text lines."""
    strips = widget.render_lines(Region(0, 0, *widget.outer_size))
    return "\n".join(strip.text.rstrip() for strip in strips)


def log_lines(screen: LiveScreen) -> list[str]:
    log = screen.query_one(EntryLog)
    return [log.render_line(y).text.rstrip() for y in range(log.size.height)]


async def save_line(pilot: Pilot[None], text: str) -> None:
    """Type a (long) line the fast way and press Enter on it."""
    pilot.app.screen.query_one(CaptureInput).value = text
    await pilot.press("enter")


# capturing -------------------------------------------------------------------------


async def test_time_is_the_clock_at_the_first_keystroke_minus_the_lead(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock, Config(lead_seconds=3))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        clock.advance(10)
        await pilot.press("w")
        clock.advance(12)  # the note-taker types on long after the words were said
        await pilot.press("o", "w")
        clock.advance(4)
        await pilot.press("enter")
        await pilot.pause()
    _, entries = stored(db_path)
    assert [(e.text, e.kind, e.at_ms) for e in entries] == [("wow", "quote", 7_000)]


async def test_trailing_tokens_tag_the_entry_and_the_text_is_kept_exactly(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await save_line(
            pilot, "  We tried #1 and it was  wow! #Feature_Requests #PAINS !Frustrated"
        )
        assert screen.query_one(CaptureInput).value == ""
        assert "wow!  #feature-requests  #pains  !frustrated" in log_lines(screen)[0]
    _, [entry] = stored(db_path)
    assert entry.text == "  We tried #1 and it was  wow!"
    assert set(entry.topics) == {"feature-requests", "pains"}
    assert entry.emotions == ("frustrated",)


async def test_known_tags_autocomplete_after_hash(db_path: Path, clock: FakeClock) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await save_line(pilot, "first #onboarding")
        await pilot.press("s", "o", "space", "#", "o", "n")
        await pilot.pause()
        assert "so #onboarding" in shown(screen.query_one(CaptureInput))  # offered, greyed
        await pilot.press("right", "enter")
    _, entries = stored(db_path)
    assert entries[-1].text == "so" and entries[-1].topics == ("onboarding",)


async def test_f2_while_typing_adds_a_pending_chip_saved_with_the_entry(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.query_one(CaptureInput).value = "It takes an hour every Monday"
        await pilot.press("f2", "f7")
        assert "#pains  !delighted" in shown(screen.query_one(PendingLine))
        await pilot.press("enter")
        await pilot.pause()
        assert "#pains" not in shown(screen.query_one(PendingLine))  # chips went with it
    _, [entry] = stored(db_path)
    assert (entry.text, entry.topics, entry.emotions) == (
        "It takes an hour every Monday",
        ("pains",),
        ("delighted",),
    )


async def test_f2_on_an_empty_line_toggles_the_tag_on_the_last_entry_at_once(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await save_line(pilot, "first")
        await save_line(pilot, "second")
        await pilot.press("f2")
        _, entries = stored(db_path)  # committed while the app is still running
        assert [e.topics for e in entries] == [(), ("pains",)]
        await pilot.press("f2")
        _, entries = stored(db_path)
        assert [e.topics for e in entries] == [(), ()]


async def test_hotkey_with_nothing_captured_says_so(db_path: Path, clock: FakeClock) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f2")
        assert any("Nothing captured yet" in message for _, message in app.notices)
        assert pilot.app.is_running


async def test_up_selects_earlier_entries_hotkeys_apply_there_escape_returns(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        for text in ("one", "two", "three"):
            await save_line(pilot, text)
        log, capture = screen.query_one(EntryLog), screen.query_one(CaptureInput)
        await pilot.press("up", "up")
        assert log.selected_entry is not None and log.selected_entry.text == "two"
        assert capture.has_class("-selecting")
        await pilot.press("f6")
        await pilot.press("escape")
        assert log.selected is None and not capture.has_class("-selecting")
        assert capture.has_focus
        await pilot.press("f7")
    _, entries = stored(db_path)
    assert [(e.text, e.emotions) for e in entries] == [
        ("one", ()),
        ("two", ("frustrated",)),
        ("three", ("delighted",)),
    ]


async def test_ctrl_n_makes_the_entry_a_note_and_the_input_shows_it(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        capture, pending = screen.query_one(CaptureInput), screen.query_one(PendingLine)
        assert "QUOTE" in shown(pending)
        capture.value = "She sounded tired of the tool"
        await pilot.press("ctrl+n")
        assert "NOTE" in shown(pending) and capture.has_class("-note")
        await pilot.press("enter")
        await pilot.pause()
        assert "QUOTE" in shown(pending) and not capture.has_class("-note")
        assert "note: She sounded tired of the tool" in log_lines(screen)[0]
        await save_line(pilot, "back to her words")
    _, entries = stored(db_path)
    assert [(e.kind, e.text) for e in entries] == [
        ("note", "She sounded tired of the tool"),
        ("quote", "back to her words"),
    ]


async def test_ctrl_t_saves_an_empty_timestamped_mark(db_path: Path, clock: FakeClock) -> None:
    app = live_app(db_path, clock, Config(lead_seconds=2))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        clock.advance(75)
        await pilot.press("ctrl+t")
        _, entries = stored(db_path)
        assert [(e.kind, e.text, e.at_ms) for e in entries] == [("mark", "", 73_000)]
        assert "01:13  ▍ moment marked" in log_lines(screen)[0]


@pytest.mark.parametrize(
    ("key", "flag", "symbol"),
    [("ctrl+s", "starred", "★"), ("ctrl+f", "follow_up", "⚑"), ("ctrl+l", "testimonial", "♥")],
)
async def test_flag_chords_on_the_typed_entry_and_on_the_last_one(
    db_path: Path, clock: FakeClock, key: str, flag: str, symbol: str
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.query_one(CaptureInput).value = "We'd pay double for that"
        await pilot.press(key, "enter")
        await save_line(pilot, "plain")
        await pilot.press(key)  # empty line: the last entry, saved at once
        _, entries = stored(db_path)
        assert [getattr(e, flag) for e in entries] == [True, True]
        assert all(line.endswith(symbol) for line in log_lines(screen)[:2])
        await pilot.press(key)
        _, entries = stored(db_path)
        assert [getattr(e, flag) for e in entries] == [True, False]


async def test_recording_sync_shifts_shown_times_and_stores_both(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        clock.advance(30)
        await save_line(pilot, "before the recording")
        clock.advance(30)
        await pilot.press("ctrl+r")
        clock.advance(45)
        await save_line(pilot, "after the recording")
        lines = log_lines(screen)
        assert lines[0].startswith(" 00:00  before the recording")  # before it: its start
        assert lines[1].startswith(" 00:45  after the recording")
    session, entries = stored(db_path)
    assert session.recording_at_ms == 60_000
    assert [e.at_ms for e in entries] == [30_000, 105_000]  # interview time is kept


async def test_f10_pauses_the_clock_and_paused_time_is_not_counted(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        clock.advance(10)
        await pilot.press("f10")
        display = screen.query_one(ClockDisplay)
        assert display.has_class("-paused") and "PAUSED 00:10" in shown(display)
        session, _ = stored(db_path)
        assert session.clock.paused_since_ms == START_MS + 10_000
        clock.advance(30)
        assert "PAUSED 00:10" in shown(display)
        await pilot.press("f10")
        session, _ = stored(db_path)
        assert (session.clock.paused_since_ms, session.clock.paused_ms) == (None, 30_000)
        clock.advance(5)
        await save_line(pilot, "after the break")
        assert not display.has_class("-paused")
    _, [entry] = stored(db_path)
    assert entry.at_ms == 15_000


async def test_clock_warns_in_the_last_five_minutes_and_when_over(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        display = screen.query_one(ClockDisplay)
        clock.advance(26 * 60)
        display.tick()
        assert display.has_class("-ending") and "04:00 left" in shown(display)
        clock.advance(5 * 60)
        display.tick()
        assert display.has_class("-over") and "over 01:00" in shown(display)


# fast typing -------------------------------------------------------------------------


async def test_burst_of_two_lines_through_pilot_gives_two_entries(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a", "b", "c", "enter", "d", "e", "f", "enter")
        await pilot.pause()
    _, entries = stored(db_path)
    assert [e.text for e in entries] == ["abc", "def"]


async def test_burst_delivered_all_at_once_never_merges_entries(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        typed_like_a_terminal(
            app, "abc", "<enter>", "def", "<enter>", "ghi #pains", "<enter>", "jkl"
        )
        await pilot.pause()
        assert screen.query_one(CaptureInput).value == "jkl"
    _, entries = stored(db_path)
    assert [(e.text, e.topics) for e in entries] == [
        ("abc", ()),
        ("def", ()),
        ("ghi", ("pains",)),
    ]


async def test_hotkeys_in_a_burst_apply_where_they_were_pressed(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        typed_like_a_terminal(
            app,
            *("Nobody reads the wiki", "<f2>", "<f6>", "<enter>"),  # chips on this quote
            *("abc", "<enter>", "<f3>", "<ctrl+s>"),  # empty line: on "abc", just saved
            *("<ctrl+n>", "my note", "<enter>"),  # a note, decided before typing it
            *("xyz", "<f4>"),
        )
        await pilot.pause()
        capture = screen.query_one(CaptureInput)
        assert capture.value == "xyz" and capture.draft.topics == ["gaps"]
    _, entries = stored(db_path)
    assert [(e.text, e.kind, e.topics, e.emotions, e.starred) for e in entries] == [
        ("Nobody reads the wiki", "quote", ("pains",), ("frustrated",), False),
        ("abc", "quote", ("gains",), (), True),
        ("my note", "note", (), (), False),
    ]


async def test_emoji_with_zero_width_joiner_typed_key_by_key_is_stored_whole(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        typed_like_a_terminal(app, "I'm the 👩\u200d💻 here, cafe\u0301 ❤\ufe0f", "<enter>")
        await pilot.pause()
    _, [entry] = stored(db_path)
    assert entry.text == "I'm the 👩\u200d💻 here, cafe\u0301 ❤\ufe0f"


async def test_a_line_of_only_tokens_tags_the_last_entry(db_path: Path, clock: FakeClock) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await save_line(pilot, "Pricing is a maze")
        await save_line(pilot, "#Pricing !confused")
        assert screen.query_one(CaptureInput).value == ""
    _, entries = stored(db_path)
    assert [(e.text, e.topics, e.emotions) for e in entries] == [
        ("Pricing is a maze", ("pricing",), ("confused",))
    ]


# never lose anything -------------------------------------------------------------------


async def test_draft_is_saved_within_a_second_and_resume_restores_it(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        clock.advance(40)
        await pilot.press("h", "a", "l", "f")
        await pilot.press("f3", "ctrl+n")
        await pilot.pause(1.2)
        session, _ = stored(db_path)
        assert (session.draft_text, session.draft_kind, session.draft_at_ms) == (
            "half",
            "note",
            40_000,
        )
        assert session.draft_tags == ("#gains",)
    # The app is gone (a crash, ctrl+q); the clock kept running for 20 s.
    clock.advance(20)
    resumed = build_app(Launch("resume"), db_path, Config(), now=clock)
    async with resumed.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        capture = screen.query_one(CaptureInput)
        assert capture.value == "half"
        assert "NOTE" in shown(screen.query_one(PendingLine))
        assert "#gains" in shown(screen.query_one(PendingLine))
        assert "01:00 / 30:00" in shown(screen.query_one(ClockDisplay))
        await pilot.press("enter")
        await pilot.pause()
    _, [entry] = stored(db_path)
    assert (entry.text, entry.kind, entry.at_ms, entry.topics) == (
        "half",
        "note",
        40_000,
        ("gains",),
    )


async def test_quitting_right_after_typing_keeps_the_draft(db_path: Path, clock: FakeClock) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        typed_like_a_terminal(app, "last words before ctrl+q", "<ctrl+q>")
        for _ in range(200):
            if not app.is_running:
                break
            await asyncio.sleep(0.01)
    session, _ = stored(db_path)
    assert session.draft_text == "last words before ctrl+q"


async def test_resume_with_nothing_unfinished_exits_with_a_message(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = build_app(Launch("resume"), db_path, Config())
    async with app.run_test(size=SIZE) as pilot:
        await app.store_opened()  # the store opens in a worker
        await pilot.pause()
    assert app.return_code == 1
    assert capsys.readouterr().err == "earful: no unfinished session to resume\n"


async def test_an_entry_is_shown_as_saved_only_once_committed(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen_in_db: list[bool] = []
    original = EntryLog.saved

    def saved_and_check(self: EntryLog, shown_id: int, entry: Entry) -> None:
        with sqlite3.connect(db_path) as other:  # another connection sees only commits
            row = other.execute("SELECT text FROM entries WHERE id = ?", (entry.id,)).fetchone()
        seen_in_db.append(row == (entry.text,))
        original(self, shown_id, entry)

    monkeypatch.setattr(EntryLog, "saved", saved_and_check)
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await save_line(pilot, "committed first #pains")
        await pilot.press("ctrl+t")
        await app.store_opened()
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        await pilot.pause()
    assert seen_in_db == [True, True]


async def test_a_failed_save_keeps_the_entry_and_says_so_until_it_goes_through(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        original = Store.add_entry

        def disk_full(*args: object, **kwargs: object) -> Entry:
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(Store, "add_entry", disk_full)
        capture = screen.query_one(CaptureInput)
        capture.value = "The quote that must survive"
        await pilot.press("f2", "enter")
        for _ in range(100):
            await pilot.pause(0.02)
            if any("database or disk is full" in m for _, m in app.notices):
                break
        assert capture.value == ""  # the line is free for the next quote
        assert any("database or disk is full" in message for _, message in app.notices)
        assert "The quote that must survive  #pains  saving…" in "\n".join(log_lines(screen))
        monkeypatch.setattr(Store, "add_entry", original)  # space again: the retry goes in
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        await pilot.pause()
        assert "saving…" not in "\n".join(log_lines(screen))
    _, entries = stored(db_path)
    assert [(e.text, e.topics) for e in entries] == [("The quote that must survive", ("pains",))]


# text is data ------------------------------------------------------------------------------

HOSTILE = [
    "[bold]x[/] [@click=app.quit]y",
    "she said [/",
    "\x1b[31mred\x1b]52;c;aGk=\x07",
    "C:\\path\\[bold] and [red]no[/red] [link=https://x]z[/link]",
]


async def test_hostile_text_is_stored_exactly_and_shown_literally(
    db_path: Path, clock: FakeClock
) -> None:
    app = live_app(db_path, clock, who=(HOSTILE[0], HOSTILE[1]), goal=HOSTILE[3])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        for text in HOSTILE:
            await save_line(pilot, text)
        await pilot.pause()
        lines = log_lines(screen)
        assert lines[0].endswith("[bold]x[/] [@click=app.quit]y")
        assert lines[1].endswith("she said [/")
        assert lines[2].endswith("␛[31mred␛]52;c;aGk=␇")  # escape codes shown inert
        assert lines[3].endswith(HOSTILE[3])
        assert f"{HOSTILE[0]}, {HOSTILE[1]}" in shown(screen.query_one("#who"))
        assert f"Goal: {HOSTILE[3]}" in shown(screen.query_one("#goal"))
        screen.query_one(CaptureInput).value = HOSTILE[1]
        await pilot.pause()
        assert HOSTILE[1] in shown(screen.query_one(CaptureInput))
        await pilot.click(EntryLog, offset=(20, 0))  # the would-be quit link
        assert app.is_running
    _, entries = stored(db_path)
    assert [e.text for e in entries] == HOSTILE


async def test_hostile_tag_names_in_the_config_are_shown_literally(
    db_path: Path, clock: FakeClock
) -> None:
    config = Config(topics=["[b]x[/]", "a[/"], emotions={"[@click=app.quit]q": -1})
    app = live_app(db_path, clock, config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        bar = shown(screen.query_one("HotkeyBar"))
        assert "#[b]x[/]" in bar and "#a[/" in bar and "![@click=app.quit]q" in bar
        await save_line(pilot, "tagged")
        await pilot.press("f2", "f6")
        assert "#[b]x[/]  ![@click=app.quit]q" in log_lines(screen)[0]
        assert "#[b]x[/] · 1 of 1" in shown(screen.query_one("#reach"))


async def test_a_100_kb_paste_is_saved_whole(db_path: Path, clock: FakeClock) -> None:
    big = ("All our findings live in a spreadsheet nobody opens. " * 2000)[:100_000]
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        app.post_message(events.Paste(big))  # as a terminal's bracketed paste arrives
        await pilot.pause()
        assert screen.query_one(CaptureInput).value == big
        await pilot.press("enter")
        await pilot.pause()
        shown_text = "".join("".join(line[8:] for line in log_lines(screen)).split())
        assert len(shown_text) > 1000 and shown_text in "".join(big.split())  # wrapped, unmangled
        assert app.is_running
    _, [entry] = stored(db_path)
    assert entry.text == big


async def test_a_multi_line_paste_keeps_every_line(db_path: Path, clock: FakeClock) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.query_one(CaptureInput).post_message(events.Paste("first line\nsecond\r\nthird"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    _, [entry] = stored(db_path)
    assert entry.text == "first line second third"


# across interviews --------------------------------------------------------------------------


async def test_live_counter_shows_how_many_participants_raised_each_topic(
    db_path: Path, clock: FakeClock
) -> None:
    store = open_store(db_path)
    for name in ("Grace Hopper", "Alan Turing"):
        person = store.participant_for(name, "Elsewhere")
        earlier = store.create_session(person.id, "", 30, ClockState(START_MS - 10**7))
        store.add_entry(earlier.id, "quote", "Pricing confuses me", 1000, ["pricing"])
    store.close()
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        reach = screen.query_one("#reach")
        assert shown(reach) == ""
        await save_line(pilot, "How much does it cost? #pricing")
        assert "#pricing · 3 of 3" in shown(reach)
        await pilot.press("f2")
        assert "#pricing · 3 of 3" in shown(reach) and "#pains · 1 of 3" in shown(reach)


async def test_every_live_action_is_in_the_command_palette(db_path: Path, clock: FakeClock) -> None:
    app = live_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        commands = {command.title: command for command in app.get_system_commands(screen)}
        for title in ("Toggle #pains", "Toggle !anxious", "Note/quote", "Mark", "Star", "Pause"):
            assert title in commands
        assert "(f2)" in commands["Toggle #pains"].help  # the key it is on
        await save_line(pilot, "from the palette")
        app.call_later(commands["Star"].callback)  # what the palette does on Enter
        await pilot.pause()
    _, [entry] = stored(db_path)
    assert entry.starred


async def test_the_clock_reads_zero_not_garbage_while_a_session_loads(
    db_path: Path, clock: FakeClock
) -> None:
    app = build_app(Launch("home"), db_path, Config(), now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(LiveScreen(lambda store: None))  # a session still opening
        await pilot.pause()
        text = shown(app.screen.query_one(ClockDisplay))
        assert "00:00 / 30:00 · 30:00 left" in text and "over" not in text


async def test_a_right_to_left_override_in_a_name_shows_as_a_symbol_and_is_stored_as_typed(
    db_path: Path, clock: FakeClock
) -> None:
    # Raw, U+202E would make the terminal draw the rest of the header line backwards.
    name, goal = "Ann \u202eevil.exe", "Why \u2066isolated\u2069 text"
    app = live_app(db_path, clock, who=(name, "Acme"), goal=goal)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        header = shown(screen.query_one("#who")) + shown(screen.query_one("#goal"))
        assert "Ann \u21c4evil.exe" in header and "Why \u21c4isolated\u21c4 text" in header
        assert not set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") & set(header)
    session, _ = stored(db_path)
    assert (session.participant.name, session.goal) == (name, goal)
