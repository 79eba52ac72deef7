"""The home screen: every session, and a form to start a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Static

from tui.core.clock import format_ms
from tui.core.text import visible
from tui.ui.screens.session_list import SESSION_LIST_BINDINGS, SessionListActions
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.ui.app import EarfulApp


class HomeScreen(SessionListActions, Screen[None]):
    DEFAULT_CSS = """
    HomeScreen #title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    HomeScreen #new { height: auto; padding: 0 1; }
    HomeScreen #new Input { width: 1fr; }
    HomeScreen #new #minutes { width: 12; }
    HomeScreen #empty { padding: 1 2; color: $text-muted; }
    HomeScreen DataTable { height: 1fr; }
    HomeScreen #tools { height: auto; padding: 0 1; }
    HomeScreen #filter { width: 1fr; }
    HomeScreen #sort { width: auto; padding: 1 1 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("ctrl+n", "new", "New interview", id="home.new"),
        Binding("f5", "reload", "Refresh", id="home.refresh"),
        Binding("f2", "app.show_across('board')", "Insights", id="home.board"),
        Binding("f3", "app.show_across('search')", "Search", id="home.search"),
        Binding("f4", "app.show_across('participants')", "Participants", id="home.participants"),
        *SESSION_LIST_BINDINGS,
    ]
    PALETTE_GROUP = "Interviews"
    _listed_once = False

    @property
    def earful(self) -> EarfulApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static("Earful · interviews", id="title")
        with Horizontal(id="new"):
            yield Input(placeholder="Participant name", id="name")
            yield Input(placeholder="Company", id="company")
            yield Input(placeholder="Goal of the interview", id="goal")
            yield Input(
                str(self.earful.config.minutes), placeholder="Minutes", id="minutes", type="integer"
            )
            yield Button("Start", id="start", variant="primary")
        yield Static(
            "No interviews yet. Fill in the form above and press Enter to start one.", id="empty"
        )
        with Horizontal(id="tools"):
            yield Input(placeholder="Filter by participant, company, goal or date", id="filter")
            yield Static(self.sort_label(), id="sort")
        table: DataTable[object] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns("#", "Date", "Participant", "Company", "Goal", "Entries", "Length", "")
        yield table
        yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.earful.when_connected(lambda _store: self.action_reload())

    def action_reload(self) -> None:
        store = self.earful.store
        if store is None:
            return
        table = self.query_one(DataTable)
        table.clear()
        every = store.sessions()
        sessions = self.arranged(every)
        self.query_one("#sort", Static).update(self.sort_label())
        for s in sessions:
            table.add_row(
                str(s.id),
                s.created_at[:16].replace("T", " "),
                # rich Text is never parsed as markup, and the table sizes columns to it.
                Text(visible(s.participant)),
                Text(visible(s.company)),
                Text(visible(s.goal[:40])),
                str(s.entries),
                format_ms(s.duration_ms),
                "done" if s.ended else "open",
                key=str(s.id),
            )
        self.query_one("#empty").display = not every
        table.display = bool(every)
        if sessions and not self._listed_once:
            table.focus()  # with interviews to pick from, the list is what the user wants
        self._listed_once = True

    def action_new(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.action_reload()

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(Input.Submitted, "#name, #company, #goal, #minutes")
    @on(Button.Pressed, "#start")
    def start(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.notify("Type the participant's name first.", severity="warning")
            self.query_one("#name", Input).focus()
            return
        minutes_text = self.query_one("#minutes", Input).value.strip()
        minutes = int(minutes_text) if minutes_text.isdigit() and int(minutes_text) > 0 else None
        if minutes is None:
            self.notify("Minutes must be a whole number above zero.", severity="warning")
            self.query_one("#minutes", Input).focus()
            return
        self.earful.start_session(
            name,
            self.query_one("#company", Input).value.strip(),
            self.query_one("#goal", Input).value.strip(),
            minutes,
        )

    @on(DataTable.RowSelected)
    def open_session(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.earful.open_session(int(event.row_key.value))
