"""The insights board: tags ranked by distinct participants; the codebook is kept from here."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Input, Static, TabbedContent, TabPane

from tui.core.insights import (
    NAMES_SHOWN,
    BoardFilter,
    BoardRow,
    FilterError,
    name_list,
    parse_filter,
)
from tui.core.text import plural, visible, visible_lines
from tui.ui import codebook, edits
from tui.ui.screen_base import AcrossScreen
from tui.ui.tables import Debounce, cell, selected_key
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.store.codebook import TagRef
    from tui.store.store import Store

EMPTY_REPOSITORY = (
    "No tagged entries yet. End a quote with #topic or !emotion while capturing,"
    " or run `earful demo` on a spare database to see this board filled in."
)


WHO_WIDTH = 60  # the names column: as many names as fit, then "and 12 more"
CODEBOOK_KEYS = "r rename · m merge · d delete · e describe · k hotkey tags · ctrl+z undo"


class BoardScreen(AcrossScreen):
    DEFAULT_CSS = """
    BoardScreen #title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    BoardScreen #filters { height: auto; padding: 0 1; }
    BoardScreen #filters Input { width: 1fr; }
    BoardScreen #filters .date { width: 22; }
    BoardScreen #status { height: auto; padding: 0 1; color: $text-muted; }
    BoardScreen #status.-problem { color: $warning; }
    BoardScreen TabbedContent, BoardScreen ContentSwitcher, BoardScreen TabPane { height: 1fr; }
    BoardScreen TabPane { padding: 0; }
    BoardScreen DataTable { height: 1fr; }
    BoardScreen #about { height: auto; max-height: 3; padding: 0 1; background: $panel; }
    """

    BINDINGS = [
        Binding("enter", "open", "Quotes", id="board.open"),
        Binding("b", "brief", "Brief", id="board.brief"),
        Binding("c", "copy_brief", "Copy brief", id="board.copy"),
        Binding("p", "priorities", "Priorities", id="board.priorities"),
        Binding("t", "switch_tab", "Topics/emotions", id="board.switch"),
        Binding("f", "filters", "Filter", id="board.filters"),
        Binding("x", "clear_filters", "Clear filters", id="board.clear"),
        Binding("escape", "back", "Back", id="board.back"),
        # The codebook: listed on the line under the table, to keep the footer to one line.
        Binding("r", "rename_tag", "Rename tag", id="board.rename", show=False),
        Binding("m", "merge_tag", "Merge tag into another", id="board.merge", show=False),
        Binding("d", "delete_tag", "Delete tag", id="board.delete", show=False),
        Binding("e", "describe_tag", "Describe tag", id="board.describe", show=False),
        Binding("k", "choose_keys", "Choose hotkey tags", id="board.keys", show=False),
        Binding("ctrl+z", "undo", "Undo", id="board.undo", show=False),
        Binding("ctrl+g", "redo", "Redo", id="board.redo", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = BoardFilter()
        self.rows: dict[str, BoardRow] = {}
        self.descriptions: dict[tuple[str, str], str] = {}
        self._loaded = False
        self._reload_soon = Debounce(self, 0.3, self.reload)

    def compose(self) -> ComposeResult:
        yield Static("Earful · insights board: tags by distinct participants", id="title")
        with Horizontal(id="filters"):
            yield Input(placeholder="From YYYY-MM-DD", id="from", classes="date")
            yield Input(placeholder="To YYYY-MM-DD", id="to", classes="date")
            yield Input(placeholder="Company", id="company")
            yield Input(placeholder="Goal words", id="goal")
        yield Static("Loading…", id="status")
        with TabbedContent(id="tabs"):
            with TabPane("Topics", id="topics-tab"):
                yield self._table("topics")
            with TabPane("Emotions", id="emotions-tab"):
                yield self._table("emotions")
        yield Static("", id="about")
        yield ScreenFooter(compact=True)

    @staticmethod
    def _table(name: str) -> DataTable[object]:
        table: DataTable[object] = DataTable(cursor_type="row", zebra_stripes=True, id=name)
        table.add_columns("Tag", "Participants", "Share", "Entries", "Who")
        return table

    def on_mount(self) -> None:
        self.query_one("#topics", DataTable).focus()
        self.with_store(lambda _store: self.reload())

    # loading -------------------------------------------------------------------------

    def on_screen_resume(self) -> None:
        if self._loaded:  # back from a brief, or from undoing a change elsewhere
            self.reload()

    @edits.reads
    def reload(self, keep: str | None = None) -> None:
        """Read the filters and fill both tables; a bad filter is explained, nothing changes.

        The cursor stays on the tag labelled ``keep``, else on the row it was on.
        """
        self._reload_soon.cancel()  # read now: not again when the typing pause ends
        store = self.earful.store
        if store is None:
            return
        status = self.query_one("#status", Static)
        try:
            self.filters = parse_filter(
                *(self.query_one(f"#{n}", Input).value for n in ("from", "to", "company", "goal"))
            )
        except FilterError as error:
            status.update(Content(f"{error}. The board still shows the last good filter."))
            status.add_class("-problem")
            return
        status.remove_class("-problem")
        self._fill(store, keep)
        self._loaded = True

    def _fill(self, store: Store, keep: str | None = None) -> None:
        from tui.store.codebook import descriptions
        from tui.store.insights import board, participants_in

        # The Who cell shows at most NAMES_SHOWN names and counts the rest: reading every
        # name of every tag took ~120 ms of a decade's board, the first 20 ~11 ms.
        rows = board(store, self.filters, names=NAMES_SHOWN)
        of = participants_in(store, self.filters)
        self.rows = {r.label: r for r in rows}
        self.descriptions = descriptions(store)
        for kind, name in (("topic", "topics"), ("emotion", "emotions")):
            table = self.query_one(f"#{name}", DataTable)
            was = table.cursor_row
            table.clear()
            for row in (r for r in rows if r.kind == kind):
                who = name_list(row.names, row.participants, width=WHO_WIDTH)
                table.add_row(
                    cell(row.label),
                    f"{row.participants} of {row.of}",
                    f"{row.share}%",
                    str(row.entries),
                    cell(who, WHO_WIDTH),
                    key=row.label,
                )
            if keep in self.rows and self.rows[keep].kind == kind:
                table.move_cursor(row=table.get_row_index(keep))
            elif table.row_count:
                table.move_cursor(row=min(was, table.row_count - 1))
        status = self.query_one("#status", Static)
        people = plural(of, "participant")
        if of == 0 and self.filters.active:
            status.update("No sessions match these filters. Press x to clear them.")
        elif not rows and not self.filters.active:
            status.update(EMPTY_REPOSITORY)
        elif not rows:
            match = "matches" if of == 1 else "match"
            status.update(f"{people} {match}, but none of their entries is tagged.")
        else:
            scope = "in these filters" if self.filters.active else "interviewed"
            status.update(f"{people} {scope}. Enter: quotes · b: brief · p: priorities")
        self._describe_highlighted()

    @on(DataTable.RowHighlighted)
    def _describe_highlighted(self) -> None:
        """Under the table: what the highlighted tag means, and the codebook's keys."""
        about = self.query_one("#about", Static)
        table = self._table_showing()
        row = self.rows.get(selected_key(table) or "")
        if row is None:
            about.update("")
            return
        description = self.descriptions.get((row.kind, row.tag), "")
        about.update(
            Content.from_markup(
                "[b]$tag[/b]: $what\n[dim]$keys[/dim]",
                tag=visible(row.label),
                what=visible(description) if description else "(no description: e describes it)",
                keys=CODEBOOK_KEYS,
            )
        )

    @on(Input.Changed)
    def _filter_changed(self) -> None:
        self._reload_soon()

    @on(Input.Submitted)
    def _filter_submitted(self) -> None:
        self.reload()
        self._table_showing().focus()

    # the selected tag ------------------------------------------------------------------

    def _table_showing(self) -> DataTable[object]:
        tabs = self.query_one(TabbedContent)
        name = "emotions" if tabs.active == "emotions-tab" else "topics"
        return self.query_one(f"#{name}", DataTable)

    def selected_tag(self) -> TagRef | None:
        """The tag under the cursor, as the codebook knows it."""
        from tui.store.codebook import CodebookError, find_tag

        row = self.selected()
        if row is None or self.earful.store is None:
            return None
        try:
            return find_tag(self.earful.store, row.label, row.kind)
        except CodebookError as error:  # changed elsewhere since the board was filled
            self.notify(f"{error}.", severity="warning", markup=False)
            self.reload()
            return None
        except sqlite3.Error as error:
            edits.could_not_read(self.earful, error)
            return None

    def selected(self) -> BoardRow | None:
        table = self._table_showing()
        if table.row_count == 0:
            self.notify("No tag to pick here yet.", severity="warning")
            return None
        return self.rows.get(selected_key(table) or "")

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        row = self.selected()
        if row is not None and self.selected_tag() is not None:  # not deleted meanwhile
            self.earful.open_tag_quotes(row, self.filters)

    def action_brief(self) -> None:
        row = self.selected()
        if row is not None and self.selected_tag() is not None:
            self.earful.open_brief([row.label], self.filters)

    @edits.reads
    def action_copy_brief(self) -> None:
        from tui.core.brief import render_brief
        from tui.store.insights import brief

        row = self.selected()
        if row is not None and self.selected_tag() is not None and self.earful.store is not None:
            made = brief(self.earful.store, [row.label], filters=self.filters)
            self.copy(visible_lines(render_brief(made)), "the brief")

    def action_priorities(self) -> None:
        self.earful.open_priorities(self.filters)

    def action_switch_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "topics-tab" if tabs.active == "emotions-tab" else "emotions-tab"
        self._table_showing().focus()
        self._describe_highlighted()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self) -> None:
        self._describe_highlighted()

    # the codebook ----------------------------------------------------------------------

    @edits.reads  # some changes read the tag's use before they ask
    def _codebook(self, change: codebook.TagAction) -> None:
        tag, store = self.selected_tag(), self.earful.store
        if tag is not None and store is not None:
            change(self.earful, store, tag, self.reload)

    def action_rename_tag(self) -> None:
        self._codebook(codebook.rename)

    def action_merge_tag(self) -> None:
        self._codebook(codebook.merge)

    def action_delete_tag(self) -> None:
        self._codebook(codebook.delete)

    def action_describe_tag(self) -> None:
        self._codebook(codebook.describe)

    @edits.reads
    def action_choose_keys(self) -> None:
        kind = "emotion" if self.query_one(TabbedContent).active == "emotions-tab" else "topic"
        if self.earful.store is not None:
            codebook.choose_keys(self.earful, self.earful.store, kind, self.reload)

    def show_changes(self) -> None:
        self.reload()

    def action_filters(self) -> None:
        self.query_one("#from", Input).focus()

    def action_clear_filters(self) -> None:
        for name in ("from", "to", "company", "goal"):
            self.query_one(f"#{name}", Input).value = ""
        self.reload()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self._table_showing().focus()
        else:
            self.dismiss()
