"""The participant directory, and one participant's page: everything they ever said.

Both edit and merge the participant they are about, and both open on Enter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from tui.core.recording import shown_time
from tui.core.text import plural, visible
from tui.ui import edits
from tui.ui.screen_base import AcrossScreen
from tui.ui.tables import cell, selected_key
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.store.participants import DirectoryRow
    from tui.store.store import Store

PAGE = 100  # participants read and listed at a time
MARGIN = 30  # rows still below the cursor when the next page is read: a PageDown, tall


class PeopleScreen(AcrossScreen):
    """A table about participants: Enter opens, e edits the profile, m merges a duplicate."""

    DEFAULT_CSS = """
    PeopleScreen #title { height: auto; padding: 0 1; background: $panel; }
    PeopleScreen #status { height: auto; padding: 0 1; color: $text-muted; }
    PeopleScreen DataTable { height: 1fr; }
    """

    def participant(self) -> int | None:
        """The participant that e and m act on."""
        raise NotImplementedError

    def reload(self, store: Store) -> None:
        raise NotImplementedError

    def action_open(self) -> None:
        raise NotImplementedError

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_edit(self) -> None:
        if (pid := self.participant()) is not None:
            self.earful.edit_participant(pid, self._changed)

    def action_merge(self) -> None:
        if (pid := self.participant()) is not None:
            self.earful.merge_participant(pid, self._changed)

    def _changed(self, _result: object = None) -> None:
        if self.earful.store is not None:
            self.reload(self.earful.store)


class ParticipantsScreen(PeopleScreen):
    """Everyone interviewed: sessions, quotes, last interview, top tags."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="participants.open"),
        Binding("e", "edit", "Edit profile", id="participants.edit"),
        Binding("m", "merge", "Merge duplicate", id="participants.merge"),
        Binding("escape", "back", "Back", id="participants.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Earful · participants", id="title")
        yield Static("Loading…", id="status")
        table: DataTable[object] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns("Name", "Company", "Sessions", "Quotes", "Last interview", "Top tags")
        yield table
        yield ScreenFooter(compact=True)

    def __init__(self) -> None:
        super().__init__()
        self.order: list[int] = []  # every participant's id, in the table's order

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.with_store(self.reload)

    def on_screen_resume(self) -> None:
        if self.earful.store is not None:
            self.reload(self.earful.store)

    @edits.reads
    def reload(self, store: Store) -> None:
        from tui.store.participants import directory, directory_order

        # A page at a time: a decade's 2,000 participants took ~1.8 s to list, most of it
        # counting everyone's quotes and sizing 2,000 rows; the next page is read as the
        # cursor nears the end of this one.
        table = self.query_one(DataTable)
        row_before = table.cursor_row
        order = directory_order(store)  # read before the table changes: a failed read leaves it
        rows = directory(store, order[: self._page_end(row_before)])
        self.order = order
        table.clear()
        self._add(rows)
        if rows:
            table.move_cursor(row=min(row_before, len(rows) - 1))
        self.query_one("#status", Static).update(
            f"{plural(len(order), 'participant')}."
            " Enter: their page · e: edit · m: merge a duplicate"
            if order
            else "No participants yet: they appear here when you start an interview with them."
        )

    @staticmethod
    def _page_end(row: int) -> int:
        """How many rows to hold so that ``row`` has a margin below it: whole pages."""
        return (max(0, row) + MARGIN) // PAGE * PAGE + PAGE

    def _add(self, rows: list[DirectoryRow]) -> None:
        table = self.query_one(DataTable)
        for row in rows:
            p = row.participant
            table.add_row(
                cell(p.name, 30),
                cell(p.company, 24),
                str(row.sessions),
                str(row.quotes),
                row.last_interview or "never",
                cell(" ".join(f"#{t}" for t in row.top_tags)),
                key=str(p.id),
            )

    @on(DataTable.RowHighlighted)
    @edits.reads
    def _more_near_the_end(self) -> None:
        """The next page of participants once the cursor is within a margin of the end."""
        from tui.store.participants import directory

        table, store = self.query_one(DataTable), self.earful.store
        held = table.row_count
        if store is None or held >= len(self.order) or table.cursor_row < held - MARGIN:
            return
        self._add(directory(store, self.order[held : self._page_end(table.cursor_row)]))

    def participant(self) -> int | None:
        key = selected_key(self.query_one(DataTable))
        if key is None:
            self.notify("No participants yet.", severity="warning")
        return int(key) if key else None

    def action_open(self) -> None:
        if (pid := self.participant()) is not None:
            self.earful.open_participant(pid)


class ParticipantScreen(PeopleScreen):
    """One participant: profile and every entry from their sessions, newest first."""

    BINDINGS = [
        Binding("enter", "open", "Open in session", id="participants.open-entry"),
        Binding("e", "edit", "Edit profile", id="participants.page-edit"),
        Binding("m", "merge", "Merge duplicate", id="participants.page-merge"),
        Binding("escape", "back", "Back", id="participants.page-back"),
    ]

    def __init__(self, participant_id: int) -> None:
        super().__init__()
        self.participant_id = participant_id

    def compose(self) -> ComposeResult:
        yield Static("Loading…", id="title")
        yield Static("", id="status")
        table: DataTable[object] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns("Date", "Time", "Kind", "Said", "Tags")
        yield table
        yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.with_store(self.reload)

    @edits.reads
    def reload(self, store: Store) -> None:
        from tui.store.participants import page
        from tui.store.todos import after_call

        try:
            shown = page(store, self.participant_id)
        except KeyError:
            self.notify("That participant no longer exists (merged?).", severity="warning")
            self.dismiss()
            return
        after = after_call(store, (said.entry_id for said in shown.said))  # before any change
        p = shown.participant
        details = [p.company, p.email, p.segment]
        title = Content.from_markup(
            "[b]$name[/b]  $details",
            name=visible(p.name),
            details=visible(" · ".join(d for d in details if d)),
        )
        if p.facts:
            title += Content("\n" + visible(" · ".join(p.facts)))
        self.query_one("#title", Static).update(title)
        legend = []
        if any(d.flags for d in after.values()):
            legend.append("⚑ follow-up, ♥ testimonial, ✓ done")
        if any(d.recording_at_ms is not None for d in after.values()):
            legend.append("rec: time in the recording")
        quotes = sum(1 for s in shown.said if s.kind == "quote")
        self.query_one("#status", Static).update(
            f"{plural(shown.sessions, 'session')}, {plural(quotes, 'quote')},"
            f" {plural(len(shown.said), 'entry')}."
            " Enter opens the session there · e: edit profile"
            + (f" ({'; '.join(legend)})" if legend else "")
            if shown.said
            else f"{plural(shown.sessions, 'session')} and nothing captured from them yet."
        )
        table = self.query_one(DataTable)
        table.clear()
        self.places.clear()
        for said in shown.said:
            key = f"e{said.entry_id}"
            self.places[key] = (said.session_id, said.entry_id)
            more = after.get(said.entry_id)
            flags = more.flags if more else ""
            marks = " ".join(filter(None, ["★" if said.starred else "", flags]))
            synced = more.recording_at_ms if more else None
            table.add_row(
                said.session_date,
                shown_time(said.at_ms, synced) + (" rec" if synced is not None else ""),
                said.kind,
                cell((marks + " " if marks else "") + (said.text or "(marked moment)"), 56),
                cell(" ".join(said.tags)),
                key=key,
            )

    def participant(self) -> int | None:
        return self.participant_id

    def action_open(self) -> None:
        self.open_place(selected_key(self.query_one(DataTable)))
