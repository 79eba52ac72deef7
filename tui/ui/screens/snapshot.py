"""The interview snapshot: one page to review, fix and share right after the call."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from tui.core.entry_fields import EntryEdit, parse_tags
from tui.core.export import attribution, to_markdown
from tui.core.models import Entry
from tui.core.snapshot import Snapshot, quotes_tagged
from tui.core.text import plural
from tui.ui import attach_transcript, edits, join_sessions, match_edits
from tui.ui.screen_base import EarfulScreen
from tui.ui.widgets.dialogs import TextPrompt, ask_path
from tui.ui.widgets.editable_list import EditableList
from tui.ui.widgets.entry_edit import EntryEditor
from tui.ui.widgets.experience_map import ExperienceMap
from tui.ui.widgets.journey import EmotionalJourney
from tui.ui.widgets.key_hints import KeyHints
from tui.ui.widgets.question_map import QuestionMap, coverage_text
from tui.ui.widgets.snapshot_texts import header_text, memorable_text
from tui.ui.widgets.tag_counts import TagCounts

if TYPE_CHECKING:
    from tui.store.store import Store


# The map's width is the screen's less the side column (snapshot.tcss): knowing it before
# the first layout saves a second one. Were they to drift apart, opening would be slower.
SIDE_WIDTH = 44
# Below NARROW_BELOW columns the side column narrows (class -narrow): the map keeps room
# for its quotes at 80 columns.
NARROW_SIDE_WIDTH = 34
NARROW_BELOW = 100


def side_width(screen_width: int) -> int:
    return NARROW_SIDE_WIDTH if screen_width < NARROW_BELOW else SIDE_WIDTH


class SnapshotScreen(EarfulScreen[None]):
    CSS_PATH = "snapshot.tcss"
    PALETTE_GROUP = "Snapshot"
    action_join = join_sessions.join_into_shown  # J: another note-taker's session of the call
    BINDINGS = [
        Binding("e", "edit", "Edit", id="snapshot.edit"),
        Binding("d", "delete", "Delete", id="snapshot.delete"),
        Binding("s", "star", "Star", id="snapshot.star"),
        Binding("m", "memorable", "Memorable", show=False, id="snapshot.memorable"),
        Binding("c", "copy", "Copy", id="snapshot.copy"),
        Binding("C", "copy_all", "Copy all", id="snapshot.copy-all"),
        Binding("t", "copy_tag", "Copy tag", id="snapshot.copy-tag"),
        Binding("f", "add('facts')", "Add fact", show=False, id="snapshot.add-fact"),
        Binding(
            "o",
            "add('opportunities')",
            "Add opportunity",
            show=False,
            id="snapshot.add-opportunity",
        ),
        Binding("i", "add('insights')", "Add insight", show=False, id="snapshot.add-insight"),
        Binding("x", "export", "Export", id="snapshot.export"),
        Binding("g", "group", "By question", show=False, id="snapshot.by-question"),
        Binding("w", "review('take')", "Take said words", show=False, id="snapshot.take-words"),
        Binding("y", "review('confirm')", "Confirm match", show=False, id="snapshot.confirm"),
        Binding("r", "review('reject')", "Reject match", show=False, id="snapshot.reject"),
        Binding("[", "review('earlier')", "Match earlier", show=False, id="snapshot.earlier"),
        Binding("]", "review('later')", "Match later", show=False, id="snapshot.later"),
        Binding("a", "attach", "Attach transcript", show=False, id="snapshot.attach"),
        Binding("T", "transcript", "Transcript", show=False, id="snapshot.transcript"),
        Binding("J", "join", "Join another session of this call", show=False, id="snapshot.join"),
        Binding("ctrl+z", "undo", "Undo", id="snapshot.undo"),
        Binding("ctrl+g", "redo", "Redo", show=False, id="snapshot.redo"),
        Binding("escape", "back", "Back", id="snapshot.back"),
    ]

    def __init__(self, session_id: int, pushed: bool = False) -> None:
        super().__init__()
        self.session_id = session_id
        self.pushed = pushed
        self.snap: Snapshot | None = None
        self.store: Store | None = None
        self._unreadable: sqlite3.Error | None = None  # the first read failed
        self.grouped = False  # the map shows entries under their guide questions (g)
        self._away = False  # the transcript screen was opened over this one

    def compose(self) -> ComposeResult:
        # With the store already open (the usual case) everything is read before the
        # widgets exist, so the first frame is the finished page: no second layout.
        try:
            snap = self._read() if self.earful.store is not None else None
        except sqlite3.Error as error:  # said once mounted; the page stays empty
            snap, self._unreadable = None, error
        self.snap = snap
        width = self.app.size.width
        self.set_class(width < NARROW_BELOW, "-narrow")
        journey = EmotionalJourney()
        timeline = QuestionMap(self.earful.valence)
        if snap is not None:
            journey.entries, journey.valences = list(snap.entries), snap.valences
            journey.duration_ms = snap.duration_ms
            timeline.recording_at_ms = snap.session.recording_at_ms
            self._show_matches(timeline, snap)
            timeline.preload(list(snap.entries), width - side_width(width))
        yield Static(header_text(snap), id="header")
        yield journey
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Static(self._map_heading(snap), classes="heading", id="map-heading")
                yield timeline
            with Vertical(id="side"):
                yield Static(memorable_text(snap, self.earful.config.copy_format), id="memorable")
                for which, title, heading in (
                    ("facts", "quick facts", "Quick facts (f adds)"),
                    ("opportunities", "opportunities", "Opportunities (o adds)"),
                    ("insights", "insights", "Insights (i adds)"),
                ):
                    yield EditableList(title, heading, snap.items(which) if snap else [], id=which)
                coverage = Static(coverage_text(snap.guide if snap else None), id="coverage")
                coverage.display = snap is not None and snap.guide is not None
                yield coverage
                tags = TagCounts(id="tags")
                tags.show_snapshot(snap)
                yield tags
        bindings = [b for b in self.BINDINGS if isinstance(b, Binding)]
        yield KeyHints(bindings, self.earful.config.keys)

    def on_mount(self) -> None:
        self.query_one(ExperienceMap).focus()
        if self._unreadable is not None:
            self.store = self.earful.store
            edits.could_not_read(self.earful, self._unreadable)
            self.query_one("#header", Static).update(
                Content(f"Could not read this session ({self._unreadable}). Escape goes back.")
            )
        elif self.snap is None:
            self.with_store(self._connect)
        else:
            self.store = self.earful.store

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")

    def _connect(self, store: Store) -> None:
        self.store = store
        self.reload()

    # showing -----------------------------------------------------------------------

    def _read(self) -> Snapshot | None:
        from tui.store.snapshots import snapshot

        store = self.earful.store
        try:
            return snapshot(store, self.session_id, self.earful.valences) if store else None
        except KeyError:
            return None

    @edits.reads
    def reload(self, keep_id: int | None = None) -> None:
        """Read the session again and show it; the selected entry stays selected."""
        if self.store is None:
            return
        snap = self._read()
        if snap is None:
            self.notify("That session no longer exists.", severity="warning")
            self.action_back()
            return
        self.snap = snap
        selected = self.query_one(ExperienceMap).selected_entry
        entries = list(snap.entries)
        self.query_one("#header", Static).update(header_text(snap))
        self.query_one(EmotionalJourney).show(entries, snap.valences, snap.duration_ms)
        timeline = self.query_one(QuestionMap)
        timeline.recording_at_ms = snap.session.recording_at_ms
        self._show_matches(timeline, snap)
        shown = timeline.group(entries, snap.guide if self.grouped else None)
        timeline.show_entries(
            shown, keep_id if keep_id is not None else selected.id if selected else None
        )
        self.query_one("#map-heading", Static).update(self._map_heading(snap))
        coverage = self.query_one("#coverage", Static)
        coverage.update(coverage_text(snap.guide if snap else None))
        coverage.display = snap.guide is not None
        self.query_one("#memorable", Static).update(
            memorable_text(snap, self.earful.config.copy_format)
        )
        for which in ("facts", "opportunities", "insights"):
            self.query_one(f"#{which}", EditableList).show(snap.items(which) if snap else [])
        self.query_one("#tags", TagCounts).show_snapshot(snap)

    @staticmethod
    def _show_matches(timeline: QuestionMap, snap: Snapshot) -> None:
        """With a transcript, each quote shows what it was matched to."""
        timeline.matches = snap.matches if snap.transcript is not None else None
        timeline.speaker = snap.transcript.speaker if snap.transcript is not None else ""

    def _map_heading(self, snap: Snapshot | None) -> str:
        if snap is None or snap.guide is None:
            return "Experience map"
        return (
            "By guide question (g: by time)" if self.grouped else "Experience map (g: by question)"
        )

    # the selected entry ----------------------------------------------------------------

    def _selected(self) -> Entry | None:
        entry = self.query_one(ExperienceMap).selected_entry
        if entry is None:
            empty = "This session has no entries." if self.snap else "No session is shown."
            self.notify(empty, severity="warning")
        return entry

    def action_edit(self) -> None:
        entry = self._selected()
        if entry is None:
            return

        def done(edit: EntryEdit | None) -> None:
            if edit is not None and self.store is not None:
                store = self.store
                edits.attempt(
                    self.earful, lambda: edits.apply_entry_edit(self.earful, store, entry.id, edit)
                )
                self.reload(None if edit.delete else entry.id)

        rec = self.snap.session.recording_at_ms if self.snap else None
        self.app.push_screen(EntryEditor(entry, rec), done)

    def action_delete(self) -> None:
        entry = self._selected()
        if entry is not None and self.store is not None:
            store = self.store
            edits.attempt(self.earful, lambda: edits.delete_entry(self.earful, store, entry.id))
            self.reload()

    def action_star(self) -> None:
        entry = self._selected()
        if entry is not None and self.store is not None:
            store = self.store
            edits.attempt(self.earful, lambda: edits.toggle_star(self.earful, store, entry.id))
            self.reload(entry.id)

    def action_memorable(self) -> None:
        """Pick the next starred entry as the memorable quote."""
        if self.snap is None or self.store is None:
            return
        starred = self.snap.starred
        if not starred:
            self.notify("Star a quote first (s on the selected entry).", severity="warning")
            return
        ids = [e.id for e in starred]
        current = self.snap.memorable.id if self.snap.memorable else None
        chosen = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
        store = self.store

        def pick() -> str:
            store.entry(chosen)  # still there: KeyError when deleted in another window
            edits.set_memorable(self.earful, store, self.session_id, chosen)
            return f"Memorable quote: {len(ids)} starred, showing {ids.index(chosen) + 1}."

        edits.attempt(self.earful, pick)
        self.reload()

    # the transcript ------------------------------------------------------------------

    def action_review(self, how: str) -> None:
        """Take the said words, confirm, reject, or move the selected quote's match."""
        if self.snap is not None and self.snap.transcript is None:
            self.notify("This session has no transcript: a attaches one.", severity="warning")
            return
        entry = self._selected()
        if entry is not None and self.store is not None:
            store = self.store
            edits.attempt(self.earful, lambda: match_edits.review(self.earful, store, entry, how))
            self.reload(entry.id)

    def action_transcript(self) -> None:
        """The whole transcript, at the selected entry; quotes taken there show on return."""
        entry = self.query_one(ExperienceMap).selected_entry
        self.earful.open_transcript(self.session_id, entry.at_ms if entry else None)
        self._away = True

    def on_screen_resume(self) -> None:
        if self._away:
            self._away = False
            self.reload()

    def action_attach(self) -> None:
        if self.store is not None:
            attach_transcript.ask(self.earful, self.store, self.session_id, self.reload)

    # lists -------------------------------------------------------------------------

    def action_add(self, which: str) -> None:
        self.query_one(f"#{which}", EditableList).prompt_add()

    @on(EditableList.Changed)
    def save_list(self, event: EditableList.Changed) -> None:
        if self.store is None or self.snap is None:
            return
        store, which = self.store, event.editable.id or ""
        if which == "facts":
            participant_id = self.snap.participant.id

            def save() -> None:
                edits.set_facts(self.earful, store, participant_id, event.items, event.label)
        else:

            def save() -> None:
                edits.set_list(self.earful, store, self.session_id, which, event.items, event.label)

        if edits.attempt(self.earful, save, what="participant" if which == "facts" else "session"):
            event.editable.show(event.items, event.highlight)
            self.reload()

    # copying and exporting -----------------------------------------------------------

    def action_copy(self) -> None:
        entry = self._selected()
        if entry is not None and self.snap is not None:
            fmt = self.earful.config.copy_format
            rec = self.snap.session.recording_at_ms
            said = attribution(
                entry, self.snap.participant, fmt, rec, self.snap.recording_ms(entry)
            )
            self.copy(said, f"the {entry.kind}")

    def action_copy_all(self) -> None:
        if self.snap is not None:
            self.copy(
                to_markdown(self.snap, self.earful.config.copy_format), "the snapshot as Markdown"
            )

    def action_copy_tag(self) -> None:
        entry = self.query_one(ExperienceMap).selected_entry
        first = f"#{entry.topics[0]}" if entry and entry.topics else ""
        self.app.push_screen(
            TextPrompt("Copy every quote of this session tagged", first, "#topic or !emotion"),
            self._copy_tag,
        )

    def _copy_tag(self, answer: str | None) -> None:
        if not answer or self.snap is None:
            return
        try:
            topics, emotions = parse_tags(answer)
        except ValueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        quotes = quotes_tagged(self.snap.entries, topics, emotions)
        if not quotes:
            self.notify(
                f"No quotes tagged {answer.strip()} here.", severity="warning", markup=False
            )
            return
        fmt = self.earful.config.copy_format
        rec = self.snap.session.recording_at_ms
        text = "\n".join(
            attribution(e, self.snap.participant, fmt, rec, self.snap.recording_ms(e))
            for e in quotes
        )
        self.copy(text, f"{plural(len(quotes), 'quote')} tagged {answer.strip()}")

    def action_export(self) -> None:
        def markdown() -> str | None:
            return to_markdown(self.snap, self.earful.config.copy_format) if self.snap else None

        default = Path.cwd() / f"earful-session-{self.session_id}.md"
        title = "Export the snapshot as Markdown to"
        ask_path(self.earful, title, default, markdown, "Wrote the snapshot to")

    def action_group(self) -> None:
        """Show the map by guide question, or back in time order."""
        if self.snap is None or self.snap.guide is None:
            self.notify("This interview followed no guide: its map is in time order.")
            return
        self.grouped = not self.grouped
        self.reload()

    # undo and leaving --------------------------------------------------------------

    def show_changes(self) -> None:
        self.reload()

    def action_back(self) -> None:
        if self.pushed:
            self.app.pop_screen()
        else:
            self.earful.show_home()
