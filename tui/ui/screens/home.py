"""The home screen: every session, and a form to start a new one."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Static

from tui.core.clock import format_ms
from tui.core.models import SessionSummary
from tui.core.text import visible
from tui.ui import edits
from tui.ui.screens.session_list import (
    SESSION_LIST_BINDINGS,
    SessionListActions,
    forget_viewed,
    last_viewed,
    remember_viewed,
)
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.ui.app import EarfulApp

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
COLUMNS = ("#", "Date", "Participant", "Company", "Goal", "Entries", "Length", "")
# Participant, company and goal share what the other columns leave, in these parts, each at
# least NARROWEST wide: who it was matters most when picking an interview.
WEIGHTS = (4, 2, 3)
NARROWEST = 4


def short_date(created_at: str, this_year: str) -> str:
    """'4 Mar 09:30' this year, '4 Mar 2024' before: 11 cells at most, not 16."""
    try:
        year, month, day = created_at[:4], int(created_at[5:7]), int(created_at[8:10])
        name = MONTHS[month - 1]
    except (ValueError, IndexError):
        return created_at[:11]
    return f"{day} {name} {created_at[11:16] if year == this_year else year}"


def share(natural: list[int], budget: int, weights: tuple[int, ...]) -> list[int]:
    """Widths for columns that want ``natural`` cells within ``budget``: a column that wants
    less than its weighted part gets what it wants, the others split the rest by weight."""
    widths = [0] * len(natural)
    open_ = set(range(len(natural)))
    left = budget
    while open_:
        total = sum(weights[i] for i in open_)
        fits = [i for i in open_ if natural[i] <= left * weights[i] // total]
        if not fits:
            for i in open_:
                widths[i] = max(NARROWEST, left * weights[i] // total)
            break
        for i in fits:
            widths[i] = natural[i]
            left -= natural[i]
            open_.discard(i)
    return widths


def cut(text: str, width: int) -> Text:
    """User text, inert (rich Text is never parsed as markup), cut to ``width`` with '…'."""
    shown = Text(visible(text), no_wrap=True, overflow="ellipsis")
    shown.truncate(width, overflow="ellipsis")
    return shown


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
        Binding("f6", "app.show_across('todo')", "To do", id="home.todo"),
        *SESSION_LIST_BINDINGS,
    ]
    PALETTE_GROUP = "Interviews"
    _listed_once = False
    _listed_width = 0

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
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.earful.when_connected(lambda _store: self.action_reload())

    @edits.reads
    def action_reload(self) -> None:
        store = self.earful.store
        if store is None:
            return
        table: DataTable[object] = self.query_one(DataTable)
        keep = self._cursor_session() if self._listed_once else last_viewed(self.earful)
        every = store.sessions()
        sessions = self.arranged(every)
        self.query_one("#sort", Static).update(self.sort_label())
        self._fill(table, sessions)
        if keep is not None and str(keep) in {str(s.id) for s in sessions}:
            table.move_cursor(row=table.get_row_index(str(keep)), animate=False)
        self.query_one("#empty").display = not every
        table.display = bool(every)
        if sessions and not self._listed_once:
            table.focus()  # with interviews to pick from, the list is what the user wants
        self._listed_once = True

    def _fill(self, table: DataTable[object], sessions: list[SessionSummary]) -> None:
        """Every column on screen at 80 columns: long names and goals are cut to fit."""
        this_year = str(datetime.fromtimestamp(self.earful.now() / 1000, UTC).year)
        fixed = [
            [
                str(s.id),
                short_date(s.created_at, this_year),
                str(s.entries),
                format_ms(s.duration_ms),
                "done" if s.ended else "open",
            ]
            for s in sessions
        ]
        texts = [[s.participant, s.company, s.goal] for s in sessions]
        width = self._listed_width = self.size.width or self.app.size.width
        # Two cells of padding a column, and the vertical scrollbar's room kept free.
        room = width - 2 * len(COLUMNS) - table.styles.scrollbar_size_vertical
        labels = [COLUMNS[i] for i in (0, 1, 5, 6, 7)]
        for n, label in enumerate(labels):
            room -= max([len(label), *(len(row[n]) for row in fixed)])
        natural = [
            max([len(COLUMNS[2 + n]), *(cell_len(visible(row[n])) for row in texts)])
            for n in range(3)
        ]
        widths = share(natural, room, WEIGHTS)
        table.clear(columns=True)  # columns again: their widths follow the new content
        table.add_columns(*COLUMNS)
        for (number, date, entries, length, status), row in zip(fixed, texts, strict=True):
            who, company, goal = (cut(text, w) for text, w in zip(row, widths, strict=True))
            table.add_row(number, date, who, company, goal, entries, length, status, key=number)

    def _cursor_session(self) -> int | None:
        table: DataTable[object] = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def on_resize(self, event: events.Resize) -> None:
        if self._listed_once and event.size.width != self._listed_width:
            self.action_reload()

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
        forget_viewed(self.earful)  # back home, the new interview is the one at the top
        self.earful.start_session(
            name,
            self.query_one("#company", Input).value.strip(),
            self.query_one("#goal", Input).value.strip(),
            minutes,
        )

    @on(DataTable.RowSelected)
    @edits.reads
    def open_session(self, event: DataTable.RowSelected) -> None:
        """Enter: an open interview continues live; a finished one shows its snapshot
        (continuing that is an explicit choice: c)."""
        if event.row_key.value is None:
            return
        session_id = int(event.row_key.value)
        remember_viewed(self.earful, session_id)
        if self._finished(session_id):
            self.earful.open_snapshot(session_id)
        else:
            self.earful.open_session(session_id)

    def _finished(self, session_id: int) -> bool:
        store = self.earful.store
        try:
            return store is not None and store.session(session_id).clock.ended_at_ms is not None
        except KeyError:
            return False  # gone meanwhile: opening it says so

    @edits.reads
    def action_continue(self) -> None:
        """Continue the selected interview live; a finished one reopens paused."""
        session_id = self._selected_id()
        if session_id is not None:
            self._finished(session_id)  # a database that cannot be read is said here, not live
            remember_viewed(self.earful, session_id)
            self.earful.open_session(session_id)
