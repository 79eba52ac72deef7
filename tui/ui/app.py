"""The Earful App: themes, keymap, the store connection and which screen is showing."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.core import collector
from tui.core.clock import InterviewClock, wall_ms
from tui.core.config import Config, remember_theme, remembered_theme
from tui.core.models import person_label
from tui.core.paths import state_path, user_themes_dir
from tui.core.undo import UndoStack
from tui.ui import palette
from tui.ui.app_writes import AppWrites
from tui.ui.launch import Launch, NewSession
from tui.ui.screen_factory import across_screen, home_screen, live_screen
from tui.ui.themes import THEME_VARIABLE_DEFAULTS, load_themes

if TYPE_CHECKING:
    from tui.core.insights import BoardFilter, BoardRow
    from tui.core.models import Session
    from tui.store.store import Store
    from tui.store.writer import Writer
    from tui.ui.screens.live.screen import LiveScreen


class EarfulApp(App[None]):
    TITLE = "Earful"
    # Notifications at the top, under the header and clock: at the bottom they would
    # cover the capture line while the note-taker is typing.
    CSS = """
    ToastRack { dock: top; align: right top; margin-top: 2; }
    """
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        *,
        db_path: Path,
        config: Config,
        launch: Launch,
        now: Callable[[], int] = wall_ms,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.config = config
        self.launch = launch
        self.now = now
        self.store: Store | None = None
        self._waiting_for_store: list[Callable[[Store], object]] = []
        self._store_settled = asyncio.Event()  # opened, or failed to
        self.valences: dict[str, int] = dict(config.emotions)
        # The tags on F2–F5 and F6–F9: the config's first four, unless chosen on the board.
        self.hotkeys: dict[str, list[str]] = {
            "topic": config.topics[:4],
            "emotion": list(config.emotions)[:4],
        }
        self.undo = UndoStack()  # one per run: edits, deletes, session deletes
        self.notices: list[tuple[str, str]] = []  # (severity, message), newest last
        self.writes = AppWrites(self)
        # The theme is chosen before the first styling pass; set in on_mount it would
        # make Textual style every widget twice before the first frame.
        self._problems = list(config.problems) + self._choose_theme()

    def _choose_theme(self) -> list[str]:
        themes_dir = user_themes_dir(self.config.path) if self.config.path else None
        themes, problems = load_themes(themes_dir)
        for theme in themes:
            self.register_theme(theme)
        state = self._state_file()
        wanted = (remembered_theme(state) if state else None) or self.config.theme
        if wanted not in self.available_themes:
            problems.append(f"theme {wanted!r} not found; using earful-dark")
            wanted = "earful-dark"
        self._first_theme(wanted)
        return problems

    def _first_theme(self, name: str) -> None:
        """Style the first frame in theme ``name``, parsing the CSS once.

        Setting ``App.theme`` makes Textual parse every stylesheet again on its next
        message, into a parse cache it then drops: the first screen parsed it all again
        (~13 M instructions before the first frame). Before anything is styled, a theme
        of the default's darkness needs only the value, the stylesheet's variables and
        the theme's class (tests/test_startup.py checks it ends up as set the usual way);
        one of the other darkness also remaps ANSI colours, so it is set the usual way.
        """
        theme = self.get_theme(name)
        if theme is None or theme.dark != self.current_theme.dark:
            self.theme = name
            return
        self.set_reactive(EarfulApp.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.add_class(f"-theme-{name}")

    # themes and keys -----------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_VARIABLE_DEFAULTS)

    def _state_file(self) -> Path | None:
        return state_path(self.config.path) if self.config.path else None

    def on_mount(self) -> None:
        self.call_after_refresh(collector.resume, freeze=True)  # see tui/core/collector.py
        self.writes.catch_termination()
        problems = self._problems
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.config.keys:
            self.set_keymap(self.config.keys)
            from tui.ui.screens.live.layout import live_bindings

            problems += palette.keymap_clashes(live_bindings(), self.config)
        for problem in problems:
            self.notify(
                problem, title="Configuration", severity="warning", markup=False, timeout=12
            )

    def _remember_theme(self, theme: object) -> None:
        state = self._state_file()
        if state is not None:
            remember_theme(state, self.theme)

    def get_default_screen(self) -> Screen[None]:
        """The launch screen is the app's first screen: pushing one would cost a frame."""
        launch = self.launch
        if launch.screen == "start" and launch.new is not None:
            return self._new_session_screen(launch.new)
        if launch.screen == "resume":
            return live_screen(self._resume)
        if launch.screen == "open" and launch.session_id is not None:
            session_id = launch.session_id
            return live_screen(lambda store: store.session(session_id))
        return home_screen()

    # the store -------------------------------------------------------------------------

    def when_connected(self, callback: Callable[[Store], object]) -> None:
        """Call ``callback`` with the store once it is open (at once if it already is).

        The store opens in a thread so the first frame is not held up by importing
        sqlite-utils and checking the file.
        """
        if self.store is not None:
            callback(self.store)
            return
        self._waiting_for_store.append(callback)
        if len(self._waiting_for_store) == 1:
            # Let the first frame reach the terminal before the worker competes for the GIL.
            self.call_after_refresh(self.set_timer, 0.02, self._start_opening)

    def _start_opening(self) -> None:
        self.run_worker(self._open_store, thread=True, name="open-store", group="store")

    def _open_store(self) -> None:
        from tui.store.opening import StoreError
        from tui.store.store import open_store

        try:
            store = open_store(self.db_path)
            store.author = self.config.author
            store.ensure_vocabulary(self.config.topics, self.config.emotions)
        except StoreError as error:
            message = f"earful: {error}"
        except sqlite3.Error as error:  # held by another program past the busy wait
            message = (
                f"earful: {self.db_path}: {error}; another program is holding it."
                " Nothing was typed yet; try again in a moment."
            )
        else:
            self.call_from_thread(self._connected, store)
            return
        self.call_from_thread(self.exit, return_code=1, message=message)
        self.call_from_thread(self._store_settled.set)

    def _connected(self, store: Store) -> None:
        self.store = store
        self.writes.start(store)
        self.valences.update(store.valences())
        self._load_hotkeys(store)
        waiting, self._waiting_for_store = self._waiting_for_store, []
        for callback in waiting:
            callback(store)
        self._store_settled.set()
        self.writes.offer_recovery(store)

    def _load_hotkeys(self, store: Store) -> None:
        from tui.store.hotkeys import chosen_hotkeys

        self.hotkeys.update(chosen_hotkeys(store))

    def valence(self, emotion: str) -> int:
        """-1, 0 or 1: how an emotion feels, from the config or the codebook."""
        return self.valences.get(emotion, 0)

    def hotkeys_changed(self) -> None:
        """The board chose other tags for the F-keys: every live screen shows them."""
        if self.store is not None:
            self._load_hotkeys(self.store)
        for screen in self.live_screens():
            screen.show_keys()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notices on the live screen go on a line of their own, where they hide no entry;
        elsewhere they are toasts. Either way the latest are kept in ``notices``."""
        self.notices.append((severity, message))
        del self.notices[:-50]
        if (live := self.live_screens()) and live[-1] is self.screen:
            live[-1].show_notice(message, severity, timeout)
        else:
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def clear_notifications(self) -> None:
        super().clear_notifications()
        for screen in self.live_screens():
            screen.hide_notice()

    def live_screens(self) -> list[LiveScreen]:
        """The live screens in the stack, bottom first (none before one was first made)."""
        live = sys.modules.get("tui.ui.screens.live.screen")
        if live is None:  # not imported yet: the home screen never pays for it
            return []
        return [screen for screen in self.screen_stack if isinstance(screen, live.LiveScreen)]

    @property
    def writer(self) -> Writer:
        """The one writer of live changes (there once the store is open)."""
        return self.writes.writer

    def on_unmount(self) -> None:
        self.writes.close()
        if self.store is not None:
            self.store.close()

    async def store_opened(self) -> None:
        """Wait until the store has opened (and screens have loaded) or failed to."""
        await self._store_settled.wait()

    def _resume(self, store: Store) -> Session | None:
        session = store.latest_unfinished()
        if session is None:
            self.exit(return_code=1, message="earful: no unfinished session to resume")
        return session

    # moving between screens --------------------------------------------------------------

    def _new_session_screen(self, new: NewSession) -> LiveScreen:
        def create(store: Store) -> Session:
            participant = store.participant_for(new.participant, new.company)
            return store.create_session(
                participant.id, new.goal, new.minutes, new.clock, new.guide_version_id
            )

        who = person_label(new.participant, new.company)
        return live_screen(create, who, new.goal, new.clock, new.minutes)

    def start_session(
        self, name: str, company: str, goal: str, minutes: int, guide: int | None = None
    ) -> None:
        """Start a new interview; ``guide`` is the id of the guide version it follows."""
        clock = InterviewClock.start(self.now).state
        self.replace_screen(
            self._new_session_screen(NewSession(name, company, goal, minutes, clock, guide))
        )

    def replace_screen(self, screen: Screen[None]) -> None:
        """Show ``screen`` in place of the current one.

        The first screen is the app's default screen, which Textual cannot switch
        away from; it stays beneath, suspended, and is replaced no further.
        """
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_session(self, session_id: int) -> None:
        self.replace_screen(live_screen(lambda store: store.session(session_id)))

    def show_home(self) -> None:
        self.replace_screen(home_screen())

    def open_snapshot(self, session_id: int, pushed: bool = False) -> None:
        """Show a session's snapshot; ``pushed`` means Escape returns to the screen below."""
        from tui.ui.screens.snapshot import SnapshotScreen

        screen = SnapshotScreen(session_id, pushed=pushed)
        self.push_screen(screen) if pushed else self.replace_screen(screen)

    def open_entry(self, session_id: int, entry_id: int | None) -> None:
        """Show a session at one entry: its snapshot, over this screen (Escape comes back)."""
        from tui.ui.screens.snapshot import SnapshotScreen

        screen = SnapshotScreen(session_id, pushed=True)

        async def show() -> None:
            await self.push_screen(screen)
            if entry_id is not None:
                screen.reload(keep_id=entry_id)

        self.call_later(show)

    def action_show_across(self, which: str) -> None:
        """Open the board, search, participants, to-do list or a brief over this screen."""
        self.push_screen(across_screen(which))

    def open_brief(self, tags: list[str], filters: BoardFilter | None = None) -> None:
        from tui.ui.screens.brief import BriefScreen

        self.push_screen(BriefScreen(tags, filters))

    def open_priorities(self, filters: BoardFilter) -> None:
        from tui.ui.screens.brief import PrioritiesScreen

        self.push_screen(PrioritiesScreen(filters))

    def open_tag_quotes(self, row: BoardRow, filters: BoardFilter) -> None:
        from tui.ui.screens.tag_quotes import TagQuotesScreen

        self.push_screen(TagQuotesScreen(row, filters))

    def open_participant(self, participant_id: int) -> None:
        from tui.ui.screens.participants import ParticipantScreen

        self.push_screen(ParticipantScreen(participant_id))

    def edit_participant(self, participant_id: int, then: Callable[[bool | None], None]) -> None:
        """The profile editor; ``then`` is told whether anything was saved."""
        from tui.ui.screens.participant_edit import EditProfileScreen

        self.push_screen(EditProfileScreen(participant_id), then)

    def merge_participant(self, keep_id: int, then: Callable[[bool | None], None]) -> None:
        """Pick a duplicate to merge into ``keep_id``; ``then`` is told whether one was."""
        from tui.ui.screens.participant_edit import MergeScreen

        self.push_screen(MergeScreen(keep_id), then)

    def open_transcript(self, session_id: int, at_ms: int | None = None) -> None:
        """A session's transcript over this screen, at interview time ``at_ms`` if given."""
        from tui.ui.screens.transcript import show_transcript

        self.when_connected(lambda store: show_transcript(self, store, session_id, at_ms))

    def open_guide(self, name: str | None = None) -> None:
        """The guide screen: ``name``'s questions × sessions, or a choice of guides."""
        from tui.ui.screens.guide import GuideScreen

        self.push_screen(GuideScreen(name))

    def open_question(
        self, guide: str, question_ids: tuple[int, ...], number: int, text: str
    ) -> None:
        """Every answer to one guide question across interviews (its id in each version)."""
        from tui.ui.screens.guide import QuestionAnswersScreen

        self.push_screen(QuestionAnswersScreen(guide, question_ids, number, text))

    async def action_quit(self) -> None:
        """Quit, first saving what is typed (ctrl+q within a second of typing loses nothing)."""
        problem = await self.writes.finish()
        if problem is not None:
            self.exit(return_code=1, message=problem)
            return
        await super().action_quit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from palette.commands(self, screen)
