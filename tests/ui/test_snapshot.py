"""The snapshot screen as a note-taker uses it right after the call."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from tests.store.helpers import save_clock
from tests.ui.screen_text import screen_lines, screen_strips
from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch
from tui.ui.screens.home import HomeScreen
from tui.ui.screens.snapshot import SnapshotScreen
from tui.ui.widgets.dialogs import Confirm, TextPrompt
from tui.ui.widgets.editable_list import EditableList
from tui.ui.widgets.entry_edit import EntryEditor
from tui.ui.widgets.entry_log import TIME_WIDTH
from tui.ui.widgets.experience_map import ExperienceMap

START_MS = 1_700_000_000_000
SIZE = (100, 30)
HOSTILE = ["[@click=app.quit]x", "trailing [/", "ansi \x1b[31mred", "osc \x1b]52;c;aGk=\x07 end"]


def seed(db_path: Path, texts: list[str] | None = None) -> int:
    """One ended 30-minute interview with Ada; returns the session id."""
    store = open_store(db_path)
    ada = store.participant_for("Ada Lovelace", "Acme")
    clock = ClockState(START_MS, ended_at_ms=START_MS + 30 * 60_000)
    session = store.create_session(ada.id, "How do teams share findings?", 30, clock)
    save_clock(store, session.id, clock)
    store.conn.execute("UPDATE sessions SET created_at = '2024-03-04T09:30:00+00:00'")
    store.conn.commit()
    rows = [
        ("quote", "Nobody reads our wiki", ["wiki"], ["frustrated"]),
        ("note", "Uses Notion daily", [], []),
        ("mark", "", [], []),
        ("quote", "I paste quotes into Slack by hand", ["sharing"], ["delighted"]),
    ]
    rows += [("quote", t, ["hostile"], ["confused"]) for t in texts or []]
    for n, (kind, text, topics, emotions) in enumerate(rows):
        store.add_entry(session.id, kind, text, (n + 1) * 150_000, topics, emotions)  # type: ignore[arg-type]
    store.close()
    return session.id


def make_app(db_path: Path) -> EarfulApp:
    return build_app(Launch("home"), db_path, Config(), now=lambda: START_MS + 40 * 60_000)


async def open_snapshot(pilot: Pilot[None], session_id: int) -> SnapshotScreen:
    app: EarfulApp = pilot.app  # type: ignore[assignment]
    for _ in range(100):
        if app.store is not None:
            break
        await pilot.pause(0.02)
    app.open_snapshot(session_id)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SnapshotScreen) and screen.snap is not None
    return screen


def last_notice(app: EarfulApp) -> str:
    """The newest notice the app gave, through its own notify (toast and all)."""
    assert app.notices, "no notice given"
    return app.notices[-1][1]


def stored_texts(db_path: Path) -> list[str]:
    store = open_store(db_path)
    session_id = store.sessions()[0].id
    texts = [e.text for e in store.entries(session_id)]
    store.close()
    return texts


async def test_edit_keeps_original_and_undo_redo_walk_it(db_path: Path) -> None:
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, session_id)
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, EntryEditor)
        editor.query_one("#text", Input).value = "Nobody reads the wiki"
        editor.query_one("#tags", Input).value = "#wiki #docs !frustrated"
        await pilot.press("enter")
        await pilot.pause()
        first = screen.snap.entries[0]  # type: ignore[union-attr]
        assert first.text == "Nobody reads the wiki"
        assert first.original_text == "Nobody reads our wiki"
        assert first.topics == ("docs", "wiki")
        await pilot.press("ctrl+z")
        assert stored_texts(db_path)[0] == "Nobody reads our wiki"
        assert screen.snap.entries[0].topics == ("wiki",)  # type: ignore[union-attr]
        await pilot.press("ctrl+g")
        assert stored_texts(db_path)[0] == "Nobody reads the wiki"


async def test_bad_time_in_the_editor_is_explained_and_kept(db_path: Path) -> None:
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await open_snapshot(pilot, session_id)
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        editor.query_one("#time", Input).value = "soon"
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is editor  # still open, nothing lost
        assert "12:34" in str(editor.query_one(".error").render())
        assert editor.query_one("#time", Input).value == "soon"


async def test_delete_asks_nothing_and_ctrl_z_brings_it_back(db_path: Path) -> None:
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, session_id)
        await pilot.press("down", "d")
        assert "Uses Notion daily" not in stored_texts(db_path)
        assert len(screen.snap.entries) == 3  # type: ignore[union-attr]
        await pilot.press("ctrl+z")
        assert stored_texts(db_path)[1] == "Uses Notion daily"
        assert len(screen.query_one(ExperienceMap).entries) == 4


async def test_star_then_m_picks_the_memorable_quote(db_path: Path) -> None:
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, session_id)
        await pilot.press("m")
        assert screen.snap.memorable is None  # type: ignore[union-attr]
        await pilot.press("s", "end", "s", "m")
        memorable = screen.snap.memorable  # type: ignore[union-attr]
        assert memorable is not None and memorable.text == "I paste quotes into Slack by hand"
        shown = str(screen.query_one("#memorable").render())
        assert "“I paste quotes into Slack by hand” — Ada Lovelace, Acme · 10:00" in shown
        await pilot.press("m")
        assert screen.snap.memorable.text == "Nobody reads our wiki"  # type: ignore[union-attr]


async def test_lists_add_reorder_remove_and_undo(db_path: Path) -> None:
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, session_id)
        for text in ("Share quotes in one key", "Find old quotes [/"):
            await pilot.press("o")
            await pilot.pause()
            assert isinstance(pilot.app.screen, TextPrompt)
            pilot.app.screen.query_one(Input).value = text
            await pilot.press("enter")
            await pilot.pause()
        assert screen.snap.opportunities == ("Share quotes in one key", "Find old quotes [/")  # type: ignore[union-attr]
        listing = screen.query_one("#opportunities", EditableList)
        listing.focus()
        listing.highlighted = 1
        await pilot.press("shift+up")
        assert screen.snap.opportunities[0] == "Find old quotes [/"  # type: ignore[union-attr]
        await pilot.press("d")
        assert screen.snap.opportunities == ("Share quotes in one key",)  # type: ignore[union-attr]
        await pilot.press("ctrl+z", "ctrl+z")
        assert screen.snap.opportunities == ("Share quotes in one key", "Find old quotes [/")  # type: ignore[union-attr]
        await pilot.press("f")
        await pilot.pause()
        pilot.app.screen.query_one(Input).value = "role: research lead"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.snap.participant.facts == ("role: research lead",)  # type: ignore[union-attr]


def fake_pyperclip(monkeypatch: pytest.MonkeyPatch, works: bool) -> list[str]:
    import pyperclip

    board: list[str] = []

    def copy(text: str) -> None:
        if not works:
            raise pyperclip.PyperclipException("no clipboard here")
        board.append(text)

    monkeypatch.setattr(pyperclip, "copy", copy)
    monkeypatch.setattr(pyperclip, "paste", lambda: board[-1] if board else "")
    return board


async def test_copy_uses_the_system_clipboard_when_it_works(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = fake_pyperclip(monkeypatch, works=True)
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await open_snapshot(pilot, session_id)
        await pilot.press("c")
        assert board == ["“Nobody reads our wiki” — Ada Lovelace, Acme · 02:30"]
        assert pilot.app.clipboard == ""
        assert "system clipboard" in last_notice(pilot.app)  # type: ignore[arg-type]


async def test_copy_falls_back_to_osc52_when_pyperclip_raises(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_pyperclip(monkeypatch, works=False)
    session_id = seed(db_path, HOSTILE)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await open_snapshot(pilot, session_id)
        await pilot.press("end", "c")
        assert pilot.app.clipboard == "“osc ␛]52;c;aGk=␇ end” — Ada Lovelace, Acme · 20:00"
        assert "OSC 52" in last_notice(pilot.app)  # type: ignore[arg-type]
        await pilot.press("C")
        assert pilot.app.clipboard.startswith("# Interview snapshot: Ada Lovelace, Acme")
        assert "\x1b" not in pilot.app.clipboard


async def test_copy_every_quote_of_a_tag(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_pyperclip(monkeypatch, works=False)
    session_id = seed(db_path, HOSTILE)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        await open_snapshot(pilot, session_id)
        await pilot.press("end", "t")
        await pilot.pause()
        prompt = pilot.app.screen
        assert isinstance(prompt, TextPrompt) and prompt.query_one(Input).value == "#hostile"
        await pilot.press("enter")
        lines = pilot.app.clipboard.splitlines()
        assert len(lines) == len(HOSTILE) and lines[0].startswith("“[@click=app.quit]x”")


async def test_hostile_text_shows_literally_and_the_app_keeps_running(db_path: Path) -> None:
    session_id = seed(db_path, HOSTILE)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, session_id)
        log = screen.query_one(ExperienceMap)
        shown = "\n".join(log.render_line(y).text for y in range(log.size.height))
        assert "[@click=app.quit]x" in shown and "trailing [/" in shown
        assert "␛[31mred" in shown and "\x1b" not in shown
        await pilot.click(ExperienceMap, offset=(10, 4))
        assert pilot.app.is_running


async def test_home_deletes_a_session_after_confirming_and_undo_restores_it(db_path: Path) -> None:
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if (
                pilot.app.screen.query(DataTable)
                and pilot.app.screen.query_one(DataTable).row_count
            ):
                break
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        assert isinstance(pilot.app, EarfulApp)
        await pilot.app.store_opened()  # the list shows before the database has opened
        home.query_one(DataTable).focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert open_store(db_path).sessions() == []
        await pilot.press("ctrl+z")
        assert [s.id for s in open_store(db_path).sessions()] == [session_id]
        home.query_one("#filter", Input).value = "nobody-matches"
        await pilot.pause()
        assert home.query_one(DataTable).row_count == 0
        home.query_one("#filter", Input).value = "acme"
        await pilot.pause()
        assert home.query_one(DataTable).row_count == 1
        home.query_one(DataTable).focus()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SnapshotScreen)


def test_snapshot_screen_looks_right(snap_compare: Any, db_path: Path) -> None:
    session_id = seed(db_path, HOSTILE[:2])
    store = open_store(db_path)
    store.toggle_flag(1, "starred")
    store.close()

    async def run_before(pilot: Pilot[None]) -> None:
        await open_snapshot(pilot, session_id)
        await pilot.pause()

    assert snap_compare(make_app(db_path), terminal_size=SIZE, run_before=run_before)


async def test_live_screen_copies_edits_undoes_and_ends_into_the_snapshot(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.ui.screens.live.screen import LiveScreen

    fake_pyperclip(monkeypatch, works=False)
    session_id = seed(db_path)
    app = build_app(Launch("open", session_id=session_id), db_path, Config(), now=lambda: START_MS)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, LiveScreen) and app.screen.session is not None:
                break
        live = app.screen
        await pilot.press("ctrl+y")
        assert app.clipboard == "“I paste quotes into Slack by hand” — Ada Lovelace, Acme · 10:00"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        app.screen.query_one("#text", Input).value = "I paste quotes into Slack"
        await pilot.press("enter")
        await pilot.pause()
        assert stored_texts(db_path)[-1] == "I paste quotes into Slack"
        await pilot.press("ctrl+z")
        assert stored_texts(db_path)[-1] == "I paste quotes into Slack by hand"
        await pilot.press("f11")
        await pilot.pause()
        assert isinstance(app.screen, SnapshotScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is live
        await pilot.press("f12")  # asks once; Enter ends
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SnapshotScreen)
        assert app.screen.snap is not None and app.screen.snap.session.clock.ended_at_ms


async def test_every_snapshot_and_home_action_is_in_the_command_palette(db_path: Path) -> None:
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        app: EarfulApp = pilot.app  # type: ignore[assignment]
        screen = await open_snapshot(pilot, session_id)
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"Edit", "Delete", "Copy all", "Copy tag", "Add insight", "Export", "Redo"} <= titles
        home = HomeScreen()
        titles = {command.title for command in app.get_system_commands(home)}
        assert {"Snapshot", "Delete", "Undo", "Sort", "Filter"} <= titles


async def test_a_long_session_scrolls_down_only_and_opens_on_the_first_entry(
    db_path: Path,
) -> None:
    session_id = seed(db_path, [f"quote {n} about the wiki" for n in range(60)])
    async with make_app(db_path).run_test(size=SIZE) as pilot:
        screen = await open_snapshot(pilot, session_id)
        log = screen.query_one(ExperienceMap)
        assert log.show_vertical_scrollbar and not log.show_horizontal_scrollbar
        assert log.render_line(0).text.strip().startswith("02:30  Nobody reads our wiki")
        # Every entry whole: 64 entries, two of them (the Slack quote, the mark) on two lines.
        assert log.virtual_size.height == 66
        await pilot.press("end")
        assert "quote 59 about the wiki" in log.render_line(log.size.height - 1).text


# 80×24, and every theme ----------------------------------------------------------------------

SMALL = (80, 24)
SIXTY = "We keep every interview in a wiki and nobody ever opens it again"


def contrast(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio of two colours."""

    def luminance(rgb: tuple[int, int, int]) -> float:
        def channel(value: int) -> float:
            v = value / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_the_map_shows_a_long_quote_whole_at_80_columns(db_path: Path) -> None:
    assert len(SIXTY) > 60
    session_id = seed(db_path, [SIXTY])
    async with make_app(db_path).run_test(size=SMALL) as pilot:
        screen = await open_snapshot(pilot, session_id)
        log = screen.query_one(ExperienceMap)
        shown = " ".join(log.render_line(y).text.strip() for y in range(log.size.height))
        assert " ".join(SIXTY.split()) in " ".join(shown.split())  # wrapped, every word
        assert "…" not in shown
        assert not re.search(r"\S[#!]\w", shown)  # a chip never touches the text before it


async def test_the_list_hint_says_what_works_where_the_focus_is(db_path: Path) -> None:
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SMALL) as pilot:
        await open_snapshot(pilot, session_id)
        text = "\n".join(screen_lines(pilot.app))
        assert "Quick facts (f adds)" in text
        assert "press a to add" not in text  # a does nothing from the map, f does
        await pilot.press("tab")  # to the quick facts
        await pilot.pause()
        assert "(none yet: press a to add)" in "\n".join(screen_lines(pilot.app))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextPrompt)  # and a does add, there


async def test_the_key_hints_show_only_whole_keys_at_80_columns(db_path: Path) -> None:
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SMALL) as pilot:
        screen = await open_snapshot(pilot, session_id)
        hints = screen_lines(pilot.app)[-1].rstrip()
        assert hints.endswith("^p all keys")
        before = hints.removesuffix("^p all keys").rstrip()
        shown = [b.description for b in screen.BINDINGS if isinstance(b, Binding) and b.show]
        assert any(before.endswith(f" {description}") for description in shown), hints


async def test_export_to_a_bad_path_keeps_the_dialog_open_to_fix_it(
    db_path: Path, tmp_path: Path
) -> None:
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SMALL) as pilot:
        await open_snapshot(pilot, session_id)
        await pilot.press("x")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, TextPrompt)
        bad = tmp_path / "no-such-folder" / "x.md"
        dialog.query_one(Input).value = str(bad)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is dialog  # still open, the path still there to fix
        assert dialog.query_one(Input).value == str(bad)
        error = str(dialog.query_one(".error").render())
        assert error.startswith("Nothing written: cannot write") and "no-such-folder" in error
        dialog.query_one(Input).value = str(tmp_path / "s.md")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, TextPrompt)
        assert last_notice(pilot.app).startswith("Wrote the snapshot to")  # type: ignore[arg-type]
        assert "Nobody reads our wiki" in (tmp_path / "s.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("theme", ["earful-dark", "earful-light", "earful-contrast"])
async def test_every_entry_on_the_map_is_readable_selected_or_not(
    db_path: Path, theme: str
) -> None:
    session_id = seed(db_path)
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.theme = theme
        screen = await open_snapshot(pilot, session_id)
        log = screen.query_one(ExperienceMap)
        await pilot.press("down")  # the second entry, a note, selected; the first not
        await pilot.pause()
        left = log.region.x + log.region.width - 1  # not the scrollbar
        backgrounds = []
        for strip in screen_strips(app)[log.region.y : log.region.y + 4]:
            x = 0
            for segment in strip:
                fg, bg = segment.style.color, segment.style.bgcolor
                if x < left and segment.text.strip():
                    assert fg is not None and bg is not None, segment  # colours of the theme
                    ratio = contrast(fg.get_truecolor(), bg.get_truecolor())
                    assert ratio >= 4.5, (segment.text, ratio)
                    backgrounds.append(bg.get_truecolor())
                x += segment.cell_length
        assert len(set(backgrounds)) == 2  # the selected entry stands out


async def test_the_map_lays_out_each_entry_in_exactly_the_lines_it_draws(db_path: Path) -> None:
    # The map places entries by counting their lines with Rich's line breaker (rich._wrap,
    # not public) without drawing them: were Rich to wrap differently, an entry would leave
    # a blank line under it, or lose its last line under the next entry. This says so.
    texts = [SIXTY, "x" * 130, "短い引用、とても長い日本語の文章がここに続きます" * 3, "a  b " * 30]
    session_id = seed(db_path, texts)
    async with make_app(db_path).run_test(size=SMALL) as pilot:
        log = (await open_snapshot(pilot, session_id)).query_one(ExperienceMap)
        for width in (30, 46, 61, 100):
            log.styles.width = width
            await pilot.pause()
            assert log.outer_size.width == width and log.scroll_offset.y == 0
            lines = [log.render_line(y).text for y in range(log.virtual_size.height)]
            assert all(line.strip() for line in lines), (width, lines)  # no gap
            assert sum(bool(line[:TIME_WIDTH].strip()) for line in lines) == len(log.entries)
            # every word and chip of every entry, in order: none hidden under the next entry
            drawn, at = "".join("".join(line[TIME_WIDTH:].split()) for line in lines), 0
            for entry in log.entries:
                chips = [f"#{topic}" for topic in entry.topics]
                for word in [*entry.text.split(), *chips, *(f"!{e}" for e in entry.emotions)]:
                    at = drawn.find(word, at)
                    assert at >= 0, (width, word, lines)
                    at += len(word)


async def test_a_tag_never_leaves_its_count_at_80_columns(db_path: Path) -> None:
    session_id = seed(db_path)
    store = open_store(db_path)
    names = ["onboarding", "handoff-friction", "hostile2", "reporting", "search", "pricing"]
    for n, name in enumerate(names):
        store.add_entry(session_id, "quote", f"about {name}", 60_000 + n, [name], [])
    store.close()
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_snapshot(pilot, session_id)
        tags = screen.query_one("#tags")
        lines = [
            strip.text
            for strip in tags.render_lines(Region(0, 0, tags.size.width, tags.size.height))
        ]
        assert len(lines) > 2  # the chips really wrap at this width
        for name in names:
            [line] = [line for line in lines if f"#{name} " in line]
            assert re.search(rf"#{re.escape(name)} 1\b", line), lines
