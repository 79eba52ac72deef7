"""Full-text search over every entry; Enter opens the session at that entry."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from tui.core.clock import format_ms
from tui.core.text import visible
from tui.ui.screens.across import AcrossScreen, cell, open_entry, open_row_entry
from tui.ui.widgets.screen_footer import ScreenFooter

LIMIT = 200


class SearchScreen(AcrossScreen):
    DEFAULT_CSS = """
    SearchScreen #title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    SearchScreen #query { height: auto; padding: 0 1; }
    SearchScreen #words { width: 1fr; }
    SearchScreen #tag { width: 24; }
    SearchScreen #status { height: auto; padding: 0 1; color: $text-muted; }
    SearchScreen DataTable { height: 1fr; }
    """

    BINDINGS = [
        Binding("enter", "open", "Open in session", id="search.open"),
        Binding("ctrl+f", "focus_words", "Search words", id="search.focus"),
        Binding("escape", "back", "Back", id="search.back"),
    ]

    def __init__(self, words: str = "") -> None:
        super().__init__()
        self.words = words
        self.places: dict[str, tuple[int, int]] = {}

    def compose(self) -> ComposeResult:
        yield Static("Earful · search every entry", id="title")
        with Horizontal(id="query"):
            yield Input(self.words, placeholder="Words to find", id="words")
            yield Input(placeholder="Only with tag (#t, !e)", id="tag")
        yield Static("Type words: every entry of every interview is searched.", id="status")
        table: DataTable[object] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns("Participant", "Date", "Time", "Text")
        yield table
        yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#words", Input).focus()
        self.query_one(DataTable).display = False
        if self.words:
            self.with_store(lambda _store: self.run_search())

    @on(Input.Changed)
    def _changed(self) -> None:
        if hasattr(self, "_pending"):
            self._pending.stop()
        self._pending = self.set_timer(0.25, self.run_search)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.run_search()
        table = self.query_one(DataTable)
        if table.row_count:
            table.focus()

    def run_search(self) -> None:
        """Search for what is typed, as plain words; never an SQL error on screen."""
        from tui.store.insights import UnknownTag, fts_query, search

        store = self.earful.store
        if store is None:
            return
        words = self.query_one("#words", Input).value
        tag = self.query_one("#tag", Input).value.strip() or None
        status = self.query_one("#status", Static)
        table = self.query_one(DataTable)
        table.clear()
        self.places.clear()
        if not fts_query(words):
            status.update("Type words: every entry of every interview is searched.")
            table.display = False
            return
        try:
            hits = search(store, words, tag, LIMIT)
        except UnknownTag as error:
            status.update(Content(visible(f"{error}.")))
            table.display = False
            return
        for hit in hits:
            key = f"e{hit.entry_id}"
            self.places[key] = (hit.session_id, hit.entry_id)
            who = f"{hit.participant}, {hit.company}" if hit.company else hit.participant
            table.add_row(
                cell(who, 30),
                hit.session_date,
                format_ms(hit.at_ms),
                cell(hit.text or f"({hit.kind})", 90),
                key=key,
            )
        more = " (the best first; refine to see others)" if len(hits) == LIMIT else ""
        status.update(
            f"{len(hits)} found{more}. Enter opens the session there."
            if hits
            else "Nothing found. Every word must appear in the entry."
        )
        table.display = bool(hits)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key in self.places:
            open_entry(self.app, *self.places[key])

    def action_open(self) -> None:
        open_row_entry(self.app, self.query_one(DataTable), self.places)

    def action_focus_words(self) -> None:
        self.query_one("#words", Input).focus()

    def action_back(self) -> None:
        if isinstance(self.focused, DataTable):
            self.action_focus_words()
        else:
            self.dismiss()
