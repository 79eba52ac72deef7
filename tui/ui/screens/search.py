"""Full-text search over every entry; Enter opens the session at that entry.

Each result is a line saying what it is (quote, note or mark), who, when and its flags,
and under it the whole text, wrapped: a quote is read in full, never cut at a column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.insights import SearchHit
from tui.core.models import person_label
from tui.core.recording import shown_time
from tui.core.text import visible
from tui.ui import edits
from tui.ui.screen_base import AcrossScreen
from tui.ui.tables import Debounce
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.store.todos import AfterCall

LIMIT = 200


class SearchScreen(AcrossScreen):
    DEFAULT_CSS = """
    SearchScreen #title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    SearchScreen #query { height: auto; padding: 0 1; }
    SearchScreen #words { width: 1fr; }
    SearchScreen #tag { width: 24; }
    SearchScreen #status { height: auto; padding: 0 1; color: $text-muted; }
    SearchScreen OptionList { height: 1fr; }
    """

    BINDINGS = [
        Binding("enter", "open", "Open in session", id="search.open"),
        Binding("ctrl+f", "focus_words", "Search words", id="search.focus"),
        Binding("escape", "back", "Back", id="search.back"),
    ]

    def __init__(self, words: str = "") -> None:
        super().__init__()
        self.words = words
        self._search_soon = Debounce(self, 0.25, self.run_search)

    def compose(self) -> ComposeResult:
        yield Static("Earful · search every entry", id="title")
        with Horizontal(id="query"):
            yield Input(self.words, placeholder="Words to find", id="words")
            yield Input(placeholder="Only with tag (#t, !e)", id="tag")
        yield Static("Type words: every entry of every interview is searched.", id="status")
        yield OptionList()
        yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#words", Input).focus()
        self.query_one(OptionList).display = False
        if self.words:
            self.with_store(lambda _store: self.run_search())

    @on(Input.Changed)
    def _changed(self) -> None:
        self._search_soon()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.run_search()
        results = self.query_one(OptionList)
        if results.option_count:
            results.focus()

    @edits.reads
    def run_search(self) -> None:
        """Search for what is typed, as plain words; never an SQL error on screen."""
        from tui.store.insights import UnknownTag, fts_query, search
        from tui.store.todos import after_call

        self._search_soon.cancel()  # searched now: not again when the typing pause ends
        store = self.earful.store
        if store is None:
            return
        words = self.query_one("#words", Input).value
        tag = self.query_one("#tag", Input).value.strip() or None
        status = self.query_one("#status", Static)
        results = self.query_one(OptionList)
        if not fts_query(words):
            results.clear_options()
            self.places.clear()
            status.update("Type words: every entry of every interview is searched.")
            results.display = False
            return
        try:
            hits = search(store, words, tag, LIMIT)
        except UnknownTag as error:
            results.clear_options()
            self.places.clear()
            status.update(Content(visible(f"{error}.")))
            results.display = False
            return
        # Read everything before the list changes: a failed read leaves the last results.
        details = after_call(store, (hit.entry_id for hit in hits))
        results.clear_options()
        self.places.clear()
        options = []
        for hit in hits:
            key = f"e{hit.entry_id}"
            self.places[key] = (hit.session_id, hit.entry_id)
            options.append(Option(_result(hit, details.get(hit.entry_id)), id=key))
        results.add_options(options)
        more = " (the best first; refine to see others)" if len(hits) == LIMIT else ""
        status.update(
            f"{len(hits)} found{more}. Enter opens the session there."
            if hits
            else "Nothing found. Every word must appear in the entry."
        )
        results.display = bool(hits)
        if hits:
            results.highlighted = 0

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open_place(event.option.id)

    def action_open(self) -> None:
        results = self.query_one(OptionList)
        if results.display and results.highlighted is not None:
            self.open_place(results.get_option_at_index(results.highlighted).id)

    def action_focus_words(self) -> None:
        self.query_one("#words", Input).focus()

    def action_back(self) -> None:
        if isinstance(self.focused, OptionList):
            self.action_focus_words()
        else:
            self.dismiss()


def _result(hit: SearchHit, details: AfterCall | None) -> Content:
    """What the entry is, who said it, when, its flags; then all of its text."""
    who = person_label(hit.participant, hit.company)
    synced = details.recording_at_ms if details else None
    clock = " in the recording" if synced is not None else ""
    head = Content.from_markup(
        "[b]$kind[/b] · $who · $day $time$clock",
        kind=hit.kind,
        who=visible(who),
        day=hit.session_date,
        time=shown_time(hit.at_ms, synced),
        clock=clock,
    )
    if details and details.words:
        head += Content(" · " + details.words)
    text = visible(hit.text) if hit.text else "(nothing typed)"
    return head + Content("\n  " + (f"“{text}”" if hit.kind == "quote" and hit.text else text))
