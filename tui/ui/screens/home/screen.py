"""The home screen: every session (a page of them at a time), and a form to start a new one."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Static

from tui.core.models import SessionSummary
from tui.core.text import plural, visible
from tui.store.rows import session_count, session_summaries, session_summary
from tui.store.session_pages import arranged_ids
from tui.ui import edits
from tui.ui.screen_base import EarfulScreen
from tui.ui.screens.home.new_form import chosen_guide, form_fields, suggest_guides
from tui.ui.screens.home.session_list import (
    COLUMNS,
    SESSION_LIST_BINDINGS,
    SORTS,
    forget_viewed,
    last_viewed,
    remember_viewed,
)
from tui.ui.screens.home.session_table import (
    FIRST_PAGE,
    MARGIN,
    PAGE,
    SessionTable,
    add_rows,
    fixed_wider,
    title,
    where_window_starts,
    widths_for,
)
from tui.ui.tables import selected_key


class HomeScreen(EarfulScreen[None]):
    DEFAULT_CSS = """
    HomeScreen #title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    HomeScreen #new { height: auto; padding: 0 1; }
    HomeScreen #new Input { width: 1fr; }
    HomeScreen #new #minutes { width: 10; }
    HomeScreen #new #start { min-width: 9; width: 9; }
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
        Binding("f7", "app.show_across('guide')", "Guides", id="home.guide"),
        *SESSION_LIST_BINDINGS,
    ]
    PALETTE_GROUP = "Interviews"
    _listed_once = False
    # The whole list, arranged: every session the filter lets through, as ids (None while
    # only the first page read before the database opened is known); the table holds the
    # rows from ``_start`` on (see session_table).
    _ids: list[int] | None = None
    _start = 0
    _total = 0  # sessions in the file
    _rows: list[SessionSummary] | tuple[()] = ()  # what the table holds
    _widths: list[int] = [0] * 8
    _listed_width = 0
    sort_index = 0

    def compose(self) -> ComposeResult:
        yield Static("Earful · interviews", id="title", markup=False)
        yield Horizontal(id="new")  # filled once the list is on screen: see _add_form
        yield Static(
            "No interviews yet. Fill in the form above and press Enter to start one.", id="empty"
        )
        yield Horizontal(id="tools")  # the filter and the order: added with the form
        yield SessionTable(cursor_type="row", zebra_stripes=True)
        # The keys (ScreenFooter) come with the form, after the list's first frame.

    def on_mount(self) -> None:
        self.call_after_refresh(self._add_form)
        if self.earful.store is None:
            # The list in the first frame, read from the file: opening the store (sqlite-utils,
            # a check of the whole file) takes longer than everything else on this screen.
            from tui.store.peek import peek_sessions

            path, now = self.earful.db_path, self.earful.now
            if (sessions := peek_sessions(path, now, limit=FIRST_PAGE)) is not None:
                self._show(sessions, 0, last_viewed(self.earful))
        self.with_store(self._connected)
        self.watch(self.query_one(DataTable), "scroll_y", self._scrolled, init=False)

    async def _add_form(self) -> None:
        """The new-interview form, the list's filter and the keys, added after the first
        frame: the inputs cost that frame as much as the whole list does, the footer ~1%
        (~13 M instructions), and with interviews listed the list has focus."""
        from tui.ui.widgets.screen_footer import ScreenFooter

        form = form_fields(self.earful.config.minutes)
        await self.query_one("#new", Horizontal).mount_all(form)
        await self.query_one("#tools", Horizontal).mount_all(
            [
                Input(placeholder="Filter by participant, company, goal or date", id="filter"),
                Static(self.sort_label(), id="sort"),
            ]
        )
        await self.mount(ScreenFooter(compact=True))
        self.refresh_bindings()  # the footer shows keys once told the bindings are ready
        if not self._listed_once or not self.query_one(DataTable).display:
            form[0].focus()
        if self.earful.store is not None:
            self._suggest_guides()

    def _connected(self, _store: object) -> None:
        self.action_reload()
        if self.query("#guide"):  # else the form, added later, asks for them
            self.call_after_refresh(self._suggest_guides)

    @edits.reads
    def action_reload(self) -> None:
        """Arrange the whole list again (ids only) and show the page around the session
        under the cursor, or the one last opened from a home screen."""
        store = self.earful.store
        if store is None:
            return
        words = " ".join(typed.value for typed in self.query("#filter").results(Input))
        ids = arranged_ids(store.conn, self.earful.now, SORTS[self.sort_index][1], words)
        arranged = self._ids is not None  # else only the first page, read before the store
        keep = self._cursor_session() if arranged else last_viewed(self.earful)
        table = self.query_one(DataTable)
        if keep is not None and keep in ids:
            at = ids.index(keep)
        else:  # gone (deleted) or filtered out: the same place in the list
            at = min(self._start + table.cursor_row, len(ids) - 1) if arranged else 0
        self._total = session_count(store.conn)
        self._window(ids, max(0, at))

    def _window(self, ids: list[int], at: int) -> None:
        """Show the page of ``ids`` holding row ``at``, the cursor on it."""
        start = where_window_starts(at, len(ids))
        rows = self._read(ids[start : start + PAGE])
        self._ids = ids
        self._show(rows, start, ids[at] if ids else None)

    def _read(self, ids: list[int]) -> list[SessionSummary]:
        store = self.earful.store
        return [] if store is None else session_summaries(store.conn, self.earful.now, ids)

    def _show(self, rows: list[SessionSummary], start: int, keep: int | None) -> None:
        """Fill the table with ``rows`` (the list's from ``start`` on), the cursor on
        ``keep`` when listed."""
        table: DataTable[object] = self.query_one(DataTable)
        for sort in self.query("#sort").results(Static):
            sort.update(self.sort_label())
        width = self.size.width or self.app.size.width
        self._rows, self._start, self._listed_width = rows, start, width
        self._widths = widths_for(table, rows, width, self.earful.now())
        table.clear(columns=True)  # columns again: their widths follow the new content
        for label, column_width in zip(COLUMNS, self._widths, strict=True):
            table.add_column(Text(label), width=column_width)  # not markup: see Cell
        add_rows(table, rows, self._widths, self.earful.now())
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)), animate=False)
        filtering = any(typed.value.strip() for typed in self.query("#filter").results(Input))
        self.query_one("#empty").display = not rows and not filtering and not self._total
        table.display = bool(rows) or filtering or bool(self._total)
        if rows and not self._listed_once:
            table.focus()  # with interviews to pick from, the list is what the user wants
        self._listed_once = True
        self._count()

    def _count(self) -> None:
        """The title says how many there are and which of them the table holds."""
        words = " ".join(typed.value for typed in self.query("#filter").results(Input))
        held = self.query_one(DataTable).row_count
        text = title(self._ids, self._total, self._start, held, bool(words.strip()))
        self.query_one("#title", Static).update(text)

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        """Near the end of the rows held, the next page; near their top, the page before."""
        table, ids = self.query_one(DataTable), self._ids
        if ids is None or event.cursor_row != table.cursor_row:
            return  # posted before the table was refilled: the cursor has moved since
        if event.cursor_row >= table.row_count - MARGIN:
            self._grow()
        elif event.cursor_row < MARGIN and self._start > 0:
            self._window(ids, self._start + event.cursor_row)

    def _scrolled(self) -> None:
        table = self.query_one(DataTable)
        if table.scroll_y >= table.max_scroll_y - MARGIN // 2:
            self._grow()

    @edits.reads
    def _grow(self) -> None:
        ids, table = self._ids, self.query_one(DataTable)
        stop = self._start + table.row_count
        if ids is None or stop >= len(ids):
            return
        rows = self._read(ids[stop : stop + PAGE])
        held = [*self._rows, *rows]
        if fixed_wider(
            self._widths, widths_for(table, held, self._listed_width, self.earful.now())
        ):
            self._show(held, self._start, self._cursor_session())  # a number, a length grew
            return
        self._rows = held
        add_rows(table, rows, self._widths, self.earful.now())
        self._count()

    def action_list_first(self) -> None:
        self._jump(0)

    def action_list_last(self) -> None:
        self._jump(-1)

    @edits.reads
    def _jump(self, row: int) -> None:
        """Home and End: the first or last session of the whole list."""
        ids, table = self._ids, self.query_one(DataTable)
        if ids is None or not ids:  # before the database opened: the rows held
            if table.row_count:
                table.move_cursor(row=row % table.row_count, animate=False)
            return
        self._window(ids, row % len(ids))

    @edits.reads
    def _suggest_guides(self) -> None:
        suggest_guides(self.earful, self.query_one("#guide", Input))

    def _cursor_session(self) -> int | None:
        key = selected_key(self.query_one(DataTable))
        return int(key) if key is not None else None

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

    @on(Input.Submitted, "#name, #company, #goal, #guide, #minutes")
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
        guide = chosen_guide(self.earful, self.query_one("#guide", Input))
        if guide is False:
            return
        goal = self.query_one("#goal", Input).value.strip()
        forget_viewed(self.earful)  # back home, the new interview is the one at the top
        self.earful.start_session(
            name,
            self.query_one("#company", Input).value.strip(),
            goal or (guide.guide.goal if guide else ""),
            minutes,
            guide.id if guide else None,
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
        if store is None:  # listed before the database opened: as listed
            return any(s.id == session_id and s.ended for s in self._rows)
        try:
            return store.session(session_id).clock.ended_at_ms is not None
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

    # the list ---------------------------------------------------------------------

    def sort_label(self) -> str:
        return f"sorted by {SORTS[self.sort_index][0]} (ctrl+o)"

    def _selected_id(self) -> int | None:
        table: DataTable[object] = self.query_one(DataTable)
        key = selected_key(table) if table.display else None
        if key is None:
            self.notify("No session selected.", severity="warning")
            return None
        return int(key)

    def action_snapshot(self) -> None:
        session_id = self._selected_id()
        if session_id is not None:
            remember_viewed(self.earful, session_id)
            self.earful.open_snapshot(session_id)

    @edits.reads
    def action_delete_session(self) -> None:
        session_id = self._selected_id()
        store = self.earful.store
        if session_id is None:
            return
        if store is None:  # the list is read before the database has opened
            self.notify("The database is still opening: try again in a moment.")
            return
        summary = session_summary(store.conn, self.earful.now, session_id)
        who = visible(summary.participant) if summary else "?"
        count = summary.entries if summary else 0

        def answered(yes: bool | None) -> None:
            if yes:
                edits.attempt(
                    self.earful,
                    lambda: edits.delete_session(self.earful, store, session_id),
                    what="session",
                )
                self.action_reload()

        from tui.ui.widgets.dialogs import Confirm  # not needed for the first frame

        question = f"Delete session #{session_id} with {who} and its {plural(count, 'entry')}?"
        self.earful.push_screen(Confirm(question, "Delete"), answered)

    def show_changes(self) -> None:
        self.action_reload()

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.action_reload()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()
