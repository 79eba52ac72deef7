"""Full-text search over every entry and every transcript; Enter opens the session at
the entry, or the session's transcript at the line.

Each result is a line saying what it is (quote, note or mark), who, when and its flags,
and under it the whole text, wrapped: a quote is read in full, never cut at a column.
Below the entries come the transcript lines that hold the words, each marked
"transcript", with its speaker and recording time. They are listed apart, not ranked
among the entries: the two indexes' scores do not compare, and what the note-taker chose
to type comes first. Each list has its own limit, so a long transcript never pushes an
entry out. A word in very many entries (or lines) is ranked among the newest matches
only, and the status line says so.
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

from tui.core.clock import format_ms
from tui.core.insights import SearchHit
from tui.core.models import person_label
from tui.core.recording import shown_time
from tui.core.text import plural, visible
from tui.ui import edits
from tui.ui.screen_base import AcrossScreen
from tui.ui.tables import Debounce
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.store.insights import TranscriptHit
    from tui.store.todos import AfterCall

LIMIT = 200  # entries
TRANSCRIPT_LIMIT = 100  # transcript lines, listed after the entries
EMPTY = "Type words: every entry and transcript of every interview is searched."


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
        # Where each listed transcript line was said: option key → (session id, interview
        # ms of the line, None when the recording offset is unknown).
        self.said: dict[str, tuple[int, int | None]] = {}
        self._search_soon = Debounce(self, 0.25, self.run_search)

    def compose(self) -> ComposeResult:
        yield Static("Earful · search every entry and transcript", id="title")
        with Horizontal(id="query"):
            yield Input(self.words, placeholder="Words to find", id="words")
            yield Input(placeholder="Only with tag (#t, !e)", id="tag")
        yield Static(EMPTY, id="status")
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
        from tui.core.searching import newest_note
        from tui.store.insights import UnknownTag, fts_query, search_all
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
            self.said.clear()
            status.update(EMPTY)
            results.display = False
            return
        try:
            found = search_all(store, words, tag, LIMIT, TRANSCRIPT_LIMIT)
        except UnknownTag as error:
            results.clear_options()
            self.places.clear()
            self.said.clear()
            status.update(Content(visible(f"{error}.")))
            results.display = False
            return
        # Read everything before the list changes: a failed read leaves the last results.
        hits, said = found.entries, found.transcript
        details = after_call(store, (hit.entry_id for hit in hits))
        results.clear_options()
        self.places.clear()
        self.said.clear()
        options: list[Option | None] = []
        for hit in hits:
            key = f"e{hit.entry_id}"
            self.places[key] = (hit.session_id, hit.entry_id)
            options.append(Option(_result(hit, details.get(hit.entry_id)), id=key))
        if hits and said:
            options.append(None)  # a rule between what was typed and what was said
        for line in said:
            key = f"c{line.cue_id}"
            self.said[key] = (line.session_id, line.at_ms)
            options.append(Option(_said(line), id=key))
        results.add_options(options)
        note = newest_note(found.entries_newest, found.transcript_newest)
        status.update(_status(len(hits), len(said), bool(tag), note))
        results.display = bool(hits or said)
        if hits or said:
            results.highlighted = 0

    def open_place(self, key: str | None) -> None:
        """Open the session at the entry, or its transcript at the line, under ``key``."""
        if key in self.said:
            self.earful.open_transcript(*self.said[key])
        else:
            super().open_place(key)

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


def _said(line: TranscriptHit) -> Content:
    """A transcript line: marked as such, whose session, when in the recording; then who
    spoke and all that they said."""
    head = Content.from_markup(
        "[b]transcript[/b] · $who · $day $time in the recording",
        who=visible(person_label(line.participant, line.company)),
        day=line.session_date,
        time=format_ms(line.start_ms),
    )
    text = visible(line.text) or "(nothing said)"
    return head + Content(f"\n  {visible(line.speaker_label)}: {text}")


def _status(entries: int, lines: int, tagged: bool, newest: str = "") -> str:
    """How many entries and transcript lines were found, whether only the newest matches
    were ranked (``newest``, a sentence), and what Enter does."""
    if not entries and not lines:
        return "Nothing found. Every word must appear in one entry or one transcript line."
    found = [plural(entries, "entry")] if entries else []
    if lines:
        found.append(plural(lines, "transcript line"))
    more = entries == LIMIT or lines == TRANSCRIPT_LIMIT
    best = " (the best first; refine to see others)" if more and not newest else ""
    newest = f" {newest}" if newest else ""
    only = " Transcripts are not searched for a tag." if tagged else ""
    return f"{' and '.join(found)} found{best}.{newest} Enter opens it in its session.{only}"
