"""The transcript screen: the whole call as said, the captured quotes where they were
said, and any words of it taken as a quote with one key."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from tui.core.clock import format_ms
from tui.core.entry_fields import format_tags, parse_tags
from tui.core.models import TagKind
from tui.core.text import plural, tag_mark, visible
from tui.ui import edits
from tui.ui.screen_base import EarfulScreen
from tui.ui.screens.transcript.layout import transcript_bindings
from tui.ui.screens.transcript.quotes import (
    NO_OFFSET,
    NO_TRANSCRIPT,
    SessionTranscript,
    read_transcript,
    take_quote,
)
from tui.ui.widgets.dialogs import TextPrompt
from tui.ui.widgets.key_hints import KeyHints
from tui.ui.widgets.transcript_view import TranscriptView

if TYPE_CHECKING:
    from tui.store.store import Store
    from tui.ui.app import EarfulApp

PREVIEW_CHARS = 120  # the preview's two lines at 80 columns
SELECTING = Content("space select · shift+↑↓ extend · [ ] drop a word · { } give back · F2–F9 tags")


def show_transcript(app: EarfulApp, store: Store, session_id: int, at_ms: int | None) -> None:
    """Push the screen of a session's transcript, read; without one, say so in one line."""
    try:
        data = read_transcript(store, session_id)
    except KeyError:
        app.notify("That session no longer exists.", severity="warning")
        return
    except sqlite3.Error as error:
        edits.could_not_read(app, error)
        return
    if data is None:
        app.notify(NO_TRANSCRIPT, severity="warning", markup=False)
        return
    app.push_screen(TranscriptScreen(data, at_ms))


class TranscriptScreen(EarfulScreen[None]):
    PALETTE_GROUP = "Transcript"
    BINDINGS = transcript_bindings()
    DEFAULT_CSS = """
    TranscriptScreen #header { height: 2; padding: 0 1; background: $panel; }
    TranscriptScreen TranscriptView { height: 1fr; }
    TranscriptScreen #preview {
        height: 3; max-height: 3; padding: 0 1; border-top: solid $primary; color: $text;
    }
    TranscriptScreen #selecting { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, data: SessionTranscript, at_ms: int | None = None) -> None:
        super().__init__()
        self.data = data
        self.session_id = data.session.id
        self.at_ms = at_ms  # interview time to open at
        self.topics: list[str] = []  # tags the next quote taken gets
        self.emotions: list[str] = []
        self.last_find = ""

    @property
    def view(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    def compose(self) -> ComposeResult:
        yield Static(self._header(), id="header")
        view = TranscriptView()
        # Laid out for the screen's width now: the first frame is the finished transcript.
        view.show(
            self.data.cues,
            list(self.data.matches.values()),
            self.data.stored.speaker,
            self.app.size.width,
        )
        view.cursor = self._cue_at(self.at_ms)
        yield view
        yield Static(id="preview")
        yield Static(SELECTING, id="selecting")
        yield KeyHints(
            [b for b in self.BINDINGS if isinstance(b, Binding)], self.earful.config.keys
        )

    def on_mount(self) -> None:
        self.view.scroll_to_cursor(top=True)
        self._show_preview()

    def _cue_at(self, at_ms: int | None) -> int:
        """The cue said at interview time ``at_ms`` (the first without one or an offset)."""
        offset = self.data.offset_ms
        if at_ms is None or offset is None:
            return 0
        said = at_ms + offset
        for index, cue in enumerate(self.data.cues):
            if cue.end_ms >= said:
                return index
        return max(0, len(self.data.cues) - 1)

    def _header(self) -> Content:
        data, stored = self.data, self.data.stored
        offset = data.offset_ms
        if offset is None:
            when = "offset not known"
        else:
            source = stored.offset_from if stored.offset_ms is not None else "sync"
            sign = "+" if offset >= 0 else "-"
            when = f"offset {sign}{abs(offset) / 1000:.1f} s ({source})"
        captured = sum(1 for m in data.matches.values() if m.status != "rejected")
        return Content.from_markup(
            "[b]Transcript[/b] · $who · $source · $when\n$cues, $speakers · participant:"
            " $speaker · $captured",
            who=visible(data.session.participant.label),
            source=visible(stored.source),
            cues=plural(stored.cues, "cue"),
            speakers=plural(stored.speakers, "speaker"),
            speaker=visible(stored.speaker) or "none named",
            captured=f"{captured} captured",
            when=when,
        )

    def _show_preview(self) -> None:
        preview = self.query_one("#preview", Static)
        words = self.view.taken()
        if words is None:
            preview.update(Content("Every word is dropped: { and } give them back."))
            return
        text = words.text if len(words.text) <= PREVIEW_CHARS else words.text[:PREVIEW_CHARS] + "…"
        tags = format_tags(self.topics, self.emotions)
        preview.update(
            Content.from_markup(
                "[b]Enter[/b] takes $time $who ($count): “$text” $tags",
                time=format_ms(words.start_ms),
                who=visible(words.speaker),
                count=plural(words.words, "word"),
                text=visible(text),
                tags=visible(tags),
            )
        )

    def palette_title(self, binding: Binding) -> str:
        """Tag keys by the tag they toggle now: "Tag the quote #pains", not "Topic 1"."""
        _, name, arguments = parse(binding.action)
        if name == "tag":
            kind, slot = str(arguments[0]), int(str(arguments[1]))
            names = self.earful.hotkeys[kind]
            if slot < len(names):
                return f"Tag the quote {tag_mark(kind, names[slot])}"
        return binding.description

    # moving ------------------------------------------------------------------------

    def action_move(self, step: int, extend: bool = False) -> None:
        view = self.view
        view.move_to(view.cursor + step, extend)
        self._show_preview()

    def action_page(self, direction: int) -> None:
        view = self.view
        view.move_to(view.cursor + direction * view.page_cues())
        self._show_preview()

    def action_ends(self, direction: int) -> None:
        self.view.move_to(0 if direction < 0 else len(self.data.cues) - 1)
        self._show_preview()

    def action_captured(self, direction: int) -> None:
        view = self.view
        found = [i for i in view.captured_cues() if (i - view.cursor) * direction > 0]
        if not found:
            which = "after" if direction > 0 else "before"
            self.notify(f"No captured quote {which} this cue.", severity="warning")
            return
        view.move_to(found[0] if direction > 0 else found[-1])
        self._show_preview()

    def action_find(self) -> None:
        self.app.push_screen(
            TextPrompt("Find in the transcript (from the cue after this one)", self.last_find),
            self._find,
        )

    def _find(self, answer: str | None) -> None:
        if not answer or not answer.strip():
            return
        self.last_find = answer
        wanted = answer.strip().casefold()
        cues, start = self.data.cues, self.view.cursor
        for step in range(1, len(cues) + 1):
            index = (start + step) % len(cues)
            if wanted in cues[index].text.casefold():
                self.view.move_to(index)
                self._show_preview()
                return
        self.notify(f"Not in the transcript: {answer.strip()}", severity="warning", markup=False)

    # selecting ---------------------------------------------------------------------

    def action_select(self) -> None:
        """Start a selection at the cursor, or end the one being made."""
        view = self.view
        view.set_select_from(view.cursor if view.select_from is None else None)
        self._show_preview()

    def action_drop(self, start: int, end: int) -> None:
        self.view.drop(start, end)
        self._show_preview()

    def action_tag(self, kind: TagKind, slot: int) -> None:
        names = self.earful.hotkeys[kind]
        if slot >= len(names):
            self.notify(f"No {kind} on that key: add one in the config.", severity="warning")
            return
        chosen = self.topics if kind == "topic" else self.emotions
        name = names[slot]
        chosen.remove(name) if name in chosen else chosen.append(name)
        self._show_preview()

    def action_tags(self) -> None:
        self.app.push_screen(
            TextPrompt(
                "Tags for the quote taken next",
                format_tags(self.topics, self.emotions),
                "#topic !emotion",
                check=_tags_problem,
            ),
            self._tags_typed,
        )

    def _tags_typed(self, answer: str | None) -> None:
        if answer is not None:
            topics, emotions = parse_tags(answer)
            self.topics, self.emotions = list(topics), list(emotions)
            self._show_preview()

    # taking ------------------------------------------------------------------------

    def action_take(self) -> None:
        words, offset, store = self.view.taken(), self.data.offset_ms, self.earful.store
        if words is None:
            self.notify("Every word is dropped: { and } give them back.", severity="warning")
            return
        if offset is None:
            self.notify(NO_OFFSET, severity="warning", markup=False)
            return
        if store is None:
            return
        tags = (tuple(self.topics), tuple(self.emotions))

        def save() -> str:
            return take_quote(self.earful, store, self.session_id, words, offset, tags)

        if edits.attempt(self.earful, save, what="session"):
            self.topics, self.emotions = [], []
            self.view.set_select_from(None)
            self.show_changes()

    @edits.reads
    def show_changes(self) -> None:
        """Read the matches again (a quote taken, or its undo) and show them."""
        store = self.earful.store
        if store is None:
            return
        from tui.store.transcripts import entry_matches

        matches = entry_matches(store, self.session_id)
        self.data = SessionTranscript(self.data.session, self.data.stored, self.data.cues, matches)
        self.query_one("#header", Static).update(self._header())
        self.view.show_matches(list(matches.values()))
        self._show_preview()

    def action_back(self) -> None:
        """Escape: drop the selection being made, else leave."""
        if self.view.select_from is not None:
            self.action_select()
            return
        self.app.pop_screen()


def _tags_problem(answer: str) -> str | None:
    try:
        parse_tags(answer)
    except ValueError as error:
        return str(error)
    return None
