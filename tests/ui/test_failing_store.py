"""Every action on the snapshot, across-interview, to-do, participant-editor and home screens,
pressed while the database fails: locked by another program, or with the row the action is
about deleted in another window. The app keeps running, says what happened in one line and
never confirms what was not done.

The actions are read from the screens' BINDINGS, so a new key is tried here as soon as it
exists (and fails this test until it handles a failing database).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from tests.store.helpers import save_clock
from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.core.matching import match_transcript
from tui.core.transcript import read_transcript
from tui.store import editing
from tui.store.store import Store, open_store
from tui.store.transcripts import attach_transcript, typed_entries
from tui.ui import edits
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch
from tui.ui.palette import ACROSS_COMMANDS
from tui.ui.screens.board import BoardScreen
from tui.ui.screens.brief import BriefScreen, PrioritiesScreen
from tui.ui.screens.home import HomeScreen
from tui.ui.screens.participant_edit import EditProfileScreen, MergeScreen
from tui.ui.screens.participants import ParticipantScreen, ParticipantsScreen
from tui.ui.screens.search import SearchScreen
from tui.ui.screens.snapshot import SnapshotScreen
from tui.ui.screens.tag_quotes import TagQuotesScreen
from tui.ui.screens.todo import TodoScreen
from tui.ui.widgets.dialogs import Confirm, TextPrompt
from tui.ui.widgets.editable_list import EditableList
from tui.ui.widgets.entry_edit import EntryEditor

START_MS = 1_700_000_000_000
SIZE = (100, 30)
LOCKED = "database is locked"
TRANSCRIPT = Path(__file__).parent.parent / "fixtures" / "transcripts" / "zoom.vtt"

# Actions that only move the focus or the view: they read and write nothing, so there is
# nothing to fail. Every other action is pressed below.
NAVIGATION_ONLY = {
    "list.up": "moves the highlight in a list already on screen",
    "list.down": "moves the highlight in a list already on screen",
    "board.filters": "moves the focus to the filter fields",
    "board.switch": "shows the other table, already filled",
    "search.focus": "moves the focus to the words field",
    "brief.edit": "moves the focus to the finding field",
    "home.new": "moves the focus to the new-interview form",
    "home.filter": "moves the focus to the filter field",
}

# Actions pressed like the others that read and write nothing where this test presses
# them; the test checks they indeed make no statement (so the list stays true).
READS_NOTHING = {
    "board.back": "closes the board; the home screen below does not read again",
    "search.back": "closes the search; the home screen below does not read again",
    "participants.back": "closes the list; the home screen below does not read again",
    "todo.back": "closes the list; the home screen below does not read again",
    "home.search": "opens an empty search",
    "palette:Search": "opens an empty search",
    "palette:Insight brief": "opens an empty brief",
    "snapshot.by-question": "the interview here followed no guide: says so from the screen",
}

# Actions that work from what the screen already shows: with the database failing they
# still do what they say (copy, write a file), so their confirmation is true.
FROM_THE_SCREEN = {
    "snapshot.copy": "copies the selected entry as shown",
    "snapshot.copy-all": "copies the snapshot as shown",
    "snapshot.copy-tag": "copies the quotes of a tag as shown",
    "snapshot.export": "writes the snapshot as shown to a file",
    "brief.copy": "copies the brief as shown",
}

# With a row deleted in another window, these actions are not about that row: they list,
# sort or close, and say nothing because nothing went wrong.
NOT_ABOUT_THE_ROW = {
    "home.refresh": "lists the sessions there are",
    "home.sort": "lists the sessions there are, in another order",
    "home.board": "opens the board of the tags there are",
    "home.participants": "opens the list of the participants there are",
    "palette:Interviews": "lists the sessions there are",
    "palette:Insights board": "opens the board of the tags there are",
    "palette:Participants": "lists the participants there are",
    "palette:To do after the call": "lists what there is to do",
    "across.todo": "lists what there is to do",
    "board.priorities": "draws the topics there are",
    "board.keys": "chooses tag names for the keys, whichever tags exist",
    "board.undo": "undoes a change to a tag that still exists",
    "board.redo": "redoes a change to a tag that still exists",
    "priorities.close": "closes the picture; the board lists the tags there are",
    "brief.close": "closes the brief; the board lists the tags there are",
    "board.quotes-back": "closes the quotes; the board lists the tags there are",
    "participants.merge-cancel": "cancels; the list shows the participants there are",
    "todo.show-done": "lists what there is to do, done ones too",
    "home.todo": "lists what there is to do",
    "snapshot.back": "closes the snapshot; the interviews there are are listed",
    "board.clear": "lists the tags there are, unfiltered",
    "board.quotes-brief": "briefs the tag, which still exists without those quotes",
    "participants.page-back": "closes the page; the list shows the participants there are",
    "participants.cancel": "saves nothing; the list shows the participants there are",
    "board.typed-filter": "lists the tags there are in the filter",
    "search.typed-words": "finds what there is",
    "home.typed-filter": "lists the sessions there are in the filter",
    "home.guide": "lists the guides there are",
    "palette:Interview guides": "lists the guides there are",
}

# Actions that ask something first (a line, a yes): the database also fails while the
# question is open, and the answer must meet that failure without a crash.
ASKS = {
    "snapshot.edit",
    "snapshot.add-fact",
    "snapshot.add-opportunity",
    "snapshot.add-insight",
    "list.add",
    "list.edit",
    "board.rename",
    "board.merge",
    "board.delete",
    "board.describe",
    "board.keys",
    "home.delete",
    "snapshot.attach",
    "snapshot.join",
}
ASKING = (Confirm, TextPrompt, EntryEditor)

# What to type when an action asks for a line (else: the line offered, or "a new line").
ANSWERS = {
    "board.rename": "costs",
    "board.merge": "#exports",
    "board.keys": "#pricing #wiki",
    "snapshot.copy-tag": "#wiki",
    "snapshot.attach": str(TRANSCRIPT),
}


# the database ------------------------------------------------------------------------------


@dataclass
class Seeded:
    path: Path
    ada: int  # participant
    bo: int
    session: int  # Ada's interview
    other_session: int  # Bo's
    wiki_quote: int


def seed(path: Path) -> Seeded:
    store = open_store(path)
    ada = store.participant_for("Ada Lovelace", "Acme")
    bo = store.participant_for("Bo Chen", "Globex")
    clock = ClockState(START_MS, ended_at_ms=START_MS + 30 * 60_000)
    session = store.create_session(ada.id, "How do teams share findings?", 30, clock)
    save_clock(store, session.id, clock)
    wiki = store.add_entry(session.id, "quote", "Nobody reads our wiki", 60_000, ["wiki"], [])
    store.add_entry(session.id, "note", "Uses Notion daily", 120_000, [], [])
    store.add_entry(session.id, "mark", "", 180_000, [], [])
    shared = store.add_entry(
        session.id, "quote", "I paste quotes into Slack", 240_000, ["pricing"], ["frustrated"]
    )
    store.toggle_flag(wiki.id, "starred")
    store.toggle_flag(shared.id, "follow_up")
    editing.set_facts(store, ada.id, ["PM", "Remote", "Uses Notion"])
    for which in ("opportunities", "insights"):
        editing.set_list(store, session.id, which, ["first", "second", "third"])
    transcript = read_transcript(TRANSCRIPT.read_bytes())
    matching = match_transcript(transcript.cues, typed_entries(store, session.id))
    attach_transcript(store, session.id, TRANSCRIPT.name, transcript, matching)
    other = store.create_session(bo.id, "pricing", 30, clock)
    store.add_entry(other.id, "quote", "The export breaks", 60_000, ["exports", "pricing"], [])
    # A second note-taker's session of Ada's call, for J (join) to offer.
    second = store.create_session(ada.id, "How do teams share findings?", 30, clock)
    store.author = "bo"
    store.add_entry(second.id, "quote", "We keep it all in Notion", 90_000, ["wiki"], [])
    store.close()
    return Seeded(path, ada.id, bo.id, session.id, other.id, wiki.id)


class LockedConnection:
    """A connection whose every statement fails as when another program holds the lock."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self._real = real
        self.calls = 0

    def _locked(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        raise sqlite3.OperationalError(LOCKED)

    execute = executemany = executescript = commit = cursor = _locked

    def __enter__(self) -> Any:
        return self._real.__enter__()

    def __exit__(self, *exc: Any) -> Any:
        return self._real.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def lock(store: Store) -> LockedConnection:
    locked = LockedConnection(store.conn)
    store.conn = store.db.conn = locked  # type: ignore[assignment]
    return locked


def unlock(store: Store, locked: LockedConnection) -> None:
    store.conn = store.db.conn = locked._real


def delete_elsewhere(path: Path, *statements: str) -> None:
    """Another window deletes rows: a connection of its own, committed."""
    other = sqlite3.connect(path)
    other.execute("PRAGMA foreign_keys = ON")
    with other:
        for statement in statements:
            other.execute(statement)
    other.close()


# reaching each screen ---------------------------------------------------------------------


async def settle(pilot: Pilot[None], rounds: int = 2) -> None:
    for _ in range(rounds):
        await pilot.pause()


async def home(pilot: Pilot[None], seeded: Seeded) -> None:
    app: EarfulApp = pilot.app  # type: ignore[assignment]
    await app.store_opened()
    await settle(pilot)
    table = app.screen.query_one(DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(str(seeded.session)))


async def snapshot(pilot: Pilot[None], seeded: Seeded) -> None:
    await home(pilot, seeded)
    pilot.app.open_snapshot(seeded.session)  # type: ignore[attr-defined]
    await settle(pilot)


async def snapshot_list(pilot: Pilot[None], seeded: Seeded) -> None:
    await snapshot(pilot, seeded)
    listed = pilot.app.screen.query_one("#opportunities", EditableList)
    listed.focus()
    listed.highlighted = 1
    await pilot.pause()


async def across(pilot: Pilot[None], seeded: Seeded, which: str) -> None:
    await home(pilot, seeded)
    pilot.app.action_show_across(which)  # type: ignore[attr-defined]
    await settle(pilot)


async def board(pilot: Pilot[None], seeded: Seeded) -> None:
    await across(pilot, seeded, "board")
    table = pilot.app.screen.query_one("#topics", DataTable)
    table.move_cursor(row=table.get_row_index("#pricing"))


async def board_then(pilot: Pilot[None], seeded: Seeded, key: str) -> None:
    await board(pilot, seeded)
    await pilot.press(key)
    await settle(pilot)


async def search(pilot: Pilot[None], seeded: Seeded) -> None:
    await home(pilot, seeded)
    await pilot.app.push_screen(SearchScreen("wiki"))
    await settle(pilot)
    await pilot.press("enter")  # from the words to the results
    await settle(pilot)


async def participants(pilot: Pilot[None], seeded: Seeded) -> None:
    await across(pilot, seeded, "participants")
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(str(seeded.ada)))


async def participants_then(pilot: Pilot[None], seeded: Seeded, key: str) -> None:
    await participants(pilot, seeded)
    await pilot.press(key)
    await settle(pilot)


Opener = Callable[[Pilot[None], Seeded], Awaitable[None]]


@dataclass
class Place:
    """A screen under test: how to get there, and what another window deletes."""

    screen: type[Screen[Any]]
    open: Opener
    vanish: Callable[[Seeded], list[str]]
    widgets: list[type[Any]] = field(default_factory=list)  # their keys are pressed too


def ada_gone(s: Seeded) -> list[str]:
    return [
        f"DELETE FROM sessions WHERE participant_id = {s.ada}",
        f"DELETE FROM participants WHERE id = {s.ada}",
    ]


def sessions_gone(s: Seeded) -> list[str]:
    return ["DELETE FROM sessions"]


def tags_gone(s: Seeded) -> list[str]:
    return ["DELETE FROM tags"]


PLACES = {
    "snapshot": Place(SnapshotScreen, snapshot, ada_gone),
    "snapshot-list": Place(EditableList, snapshot_list, ada_gone),
    "board": Place(BoardScreen, board, tags_gone),
    "tag-quotes": Place(TagQuotesScreen, lambda p, s: board_then(p, s, "enter"), sessions_gone),
    "brief": Place(BriefScreen, lambda p, s: board_then(p, s, "b"), tags_gone),
    "priorities": Place(PrioritiesScreen, lambda p, s: board_then(p, s, "p"), tags_gone),
    "search": Place(SearchScreen, search, sessions_gone),
    "participants": Place(ParticipantsScreen, participants, ada_gone),
    "participant": Place(
        ParticipantScreen, lambda p, s: participants_then(p, s, "enter"), ada_gone
    ),
    "edit-profile": Place(EditProfileScreen, lambda p, s: participants_then(p, s, "e"), ada_gone),
    "merge": Place(MergeScreen, lambda p, s: participants_then(p, s, "m"), ada_gone),
    "todo": Place(TodoScreen, lambda p, s: across(p, s, "todo"), sessions_gone),
    "home": Place(HomeScreen, home, sessions_gone),
}


def bindings_of(cls: type[Any]) -> list[Binding]:
    """Every Binding the class has, its own and inherited."""
    found: dict[str, Binding] = {}
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("tui."):
            continue  # Textual's own keys (tab, the scrollbars) only move the focus
        for binding in klass.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.action:
                found[binding.id or binding.action] = binding
    return list(found.values())


@dataclass(frozen=True)
class Action:
    place: str
    name: str  # the binding's id, or palette:<title>
    key: str | None  # None: run from the command palette
    fill: tuple[str, str] | None = None  # (field, text) typed before the key

    def __str__(self) -> str:
        return f"{self.place}:{self.name}"


def every_action() -> list[Action]:
    actions = []
    tried = set()
    for name, place in PLACES.items():
        for binding in bindings_of(place.screen):
            ident = binding.id or binding.action
            # A key inherited with its action (F6 on every across screen) is tried once.
            method = getattr(place.screen, "action_" + binding.action.split("(")[0], None)
            if ident in NAVIGATION_ONLY or (method and (ident, method) in tried):
                continue
            tried.add((ident, method))
            actions.append(Action(name, ident, binding.key.split(",")[0]))
    # Commands only the palette has (the screens' keys are there too, as the same actions).
    actions += [Action("home", "palette:Interviews", None)]
    actions += [Action("home", f"palette:{title}", None) for title, _, _ in ACROSS_COMMANDS]
    # Enter on the home list opens the session (its snapshot when it has ended).
    actions.append(Action("home", "home.open", "enter"))
    # Fields the screen reads from as they are typed and submitted.
    actions.append(Action("board", "board.typed-filter", "enter", ("#company", "acme")))
    actions.append(Action("search", "search.typed-words", "enter", ("#words", "slack")))
    actions.append(Action("home", "home.typed-filter", "enter", ("#filter", "ada")))
    # Picking the record to merge is Enter twice on the list, not a binding of its own.
    actions.append(Action("merge", "merge.pick", "enter"))
    return actions


ACTIONS = every_action()


# pressing ----------------------------------------------------------------------------------


async def make_undoable(app: EarfulApp, seeded: Seeded, redo: bool) -> None:
    """Undo and redo need something to act on: a star on the quote another window deletes."""
    store = app.store
    assert store is not None
    edits.toggle_star(app, store, seeded.wiki_quote)
    if redo:
        edits.undo(app)


async def answer_dialogs(pilot: Pilot[None], action: Action) -> bool:
    """Go through what the action asks, as a user who means it would; False if it asked
    nothing."""
    asked = False
    for _ in range(4):
        screen = pilot.app.screen
        if isinstance(screen, Confirm):
            await pilot.press("y")
        elif isinstance(screen, TextPrompt):
            field_ = screen.query_one(Input)
            if action.name in ANSWERS:
                field_.value = ANSWERS[action.name]
            elif not field_.value:
                field_.value = "a new line"
            elif action.name.endswith(("describe", "list.edit")):
                field_.value += " (fixed)"
            await pilot.press("enter")
        elif isinstance(screen, EntryEditor):
            screen.query_one("#text", Input).value += " (fixed)"
            screen.query_one("#text", Input).focus()
            await pilot.press("enter")
        elif isinstance(screen, MergeScreen) and action.name == "merge.pick":
            await pilot.press("enter")  # the second Enter confirms the pick
        else:
            return asked
        asked = asked or isinstance(screen, ASKING)
        await settle(pilot)
        if pilot.app.screen is screen:
            break  # the dialog kept itself open to say what is wrong
    return asked


def problems_in_dialog(screen: Screen[Any]) -> list[str]:
    """What an open dialog says is wrong, under its field."""
    found = []
    for static in screen.query(".error, #problem").results(Static):
        text = str(static.content).strip()
        if text:
            found.append(text)
    return found


async def press(pilot: Pilot[None], action: Action) -> None:
    if action.fill is not None:
        selector, text = action.fill
        typed = pilot.app.screen.query_one(selector, Input)
        typed.focus()
        typed.value = text
    if action.key is not None:
        await pilot.press(action.key)
    else:
        app: EarfulApp = pilot.app  # type: ignore[assignment]
        title = action.name.removeprefix("palette:")
        command = next(c for c in app.get_system_commands(app.screen) if c.title == title)
        command.callback()
    await settle(pilot)


CASES = [(failure, action) for failure in ("locked", "vanished") for action in ACTIONS]
# The database locks while the question is open: the answer meets the failure.
CASES += [("locked on answer", action) for action in ACTIONS if action.name in ASKS]


@pytest.mark.parametrize(("failure", "action"), CASES, ids=lambda v: str(v).replace(" ", "-"))
async def test_every_action_survives_a_failing_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: Action, failure: str
) -> None:
    monkeypatch.chdir(tmp_path)  # an export writes here, never into the checkout
    seeded = seed(tmp_path / "earful.db")
    place = PLACES[action.place]
    app = build_app(Launch("home"), seeded.path, Config(), now=lambda: START_MS + 40 * 60_000)
    async with app.run_test(size=SIZE) as pilot:
        await place.open(pilot, seeded)
        assert isinstance(
            app.screen if place.screen is not EditableList else app.focused, place.screen
        )
        if action.name.endswith(("undo", "redo")):
            await make_undoable(app, seeded, redo=action.name.endswith("redo"))
        store = app.store
        assert store is not None
        before = len(app.notices)
        locked = None
        if failure == "locked on answer":
            await press(pilot, action)
            assert isinstance(app.screen, ASKING), f"{action} asks nothing: take it out of ASKS"
            locked = lock(store)
        elif failure == "locked":
            locked = lock(store)
            await press(pilot, action)
        else:
            delete_elsewhere(seeded.path, *place.vanish(seeded))
            await press(pilot, action)
        asked = await answer_dialogs(pilot, action)
        if action.name not in FROM_THE_SCREEN:
            assert not asked or action.name in ASKS, f"{action} asks: add it to ASKS"
        shown = app.notices[before:] + [("error", p) for p in problems_in_dialog(app.screen)]
        if locked is not None:
            unlock(store, locked)
        assert app.is_running and app.return_code is None
        assert all("\n" not in message for _, message in shown), shown
        told = [m for severity, m in shown if severity in ("error", "warning")]
        confirmed = [m for severity, m in shown if severity == "information"]
        if locked is not None:
            reads_nothing = action.name in READS_NOTHING or action.name in FROM_THE_SCREEN
            assert (locked.calls == 0) == reads_nothing, f"{action}: {locked.calls} statements"
        if action.name in FROM_THE_SCREEN:
            assert confirmed and not told, shown  # done from the screen, and said so
        elif action.name in READS_NOTHING:
            assert not told, shown
        elif locked is not None:
            assert any(LOCKED in m for m in told), shown
            assert not confirmed, shown
        elif action.name not in NOT_ABOUT_THE_ROW:
            assert told, shown
            assert not confirmed, shown
    # Leaving the block re-raises whatever the app did not handle: reaching here is the check.
