"""The insights board: tags ranked by distinct participants, and a tag's quotes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Input, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from tui.core.clock import format_ms
from tui.core.insights import BoardFilter, BoardRow, FilterError, parse_filter
from tui.core.text import visible
from tui.ui.screens.across import AcrossScreen, cell, copy_text, open_entry, visible_lines
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.store.store import Store

EMPTY_REPOSITORY = (
    "No tagged entries yet. End a quote with #topic or !emotion while capturing,"
    " or run `earful demo` on a spare database to see this board filled in."
)


def tag_label(row: BoardRow) -> str:
    return ("#" if row.kind == "topic" else "!") + row.tag


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
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = BoardFilter()
        self.rows: dict[str, BoardRow] = {}

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

    def reload(self) -> None:
        """Read the filters and fill both tables; a bad filter is explained, nothing changes."""
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
        self._fill(store)

    def _fill(self, store: Store) -> None:
        from tui.store.insights import board, participants_in

        rows = board(store, self.filters)
        of = participants_in(store, self.filters)
        self.rows = {tag_label(r): r for r in rows}
        for kind, name in (("topic", "topics"), ("emotion", "emotions")):
            table = self.query_one(f"#{name}", DataTable)
            table.clear()
            for row in (r for r in rows if r.kind == kind):
                who = ", ".join(row.names)
                table.add_row(
                    cell(tag_label(row)),
                    f"{row.participants} of {row.of}",
                    f"{row.share}%",
                    str(row.entries),
                    cell(who, 60),
                    key=tag_label(row),
                )
        status = self.query_one("#status", Static)
        if of == 0 and self.filters.active:
            status.update("No sessions match these filters. Press x to clear them.")
        elif not rows and not self.filters.active:
            status.update(EMPTY_REPOSITORY)
        elif not rows:
            status.update(f"{of} participants match, but none of their entries is tagged.")
        else:
            scope = "in these filters" if self.filters.active else "interviewed"
            status.update(f"{of} participants {scope}. Enter: quotes · b: brief · p: priorities")

    @on(Input.Changed)
    def _filter_changed(self) -> None:
        if hasattr(self, "_pending"):
            self._pending.stop()
        self._pending = self.set_timer(0.3, self.reload)

    @on(Input.Submitted)
    def _filter_submitted(self) -> None:
        self.reload()
        self._table_showing().focus()

    # the selected tag ------------------------------------------------------------------

    def _table_showing(self) -> DataTable[object]:
        tabs = self.query_one(TabbedContent)
        name = "emotions" if tabs.active == "emotions-tab" else "topics"
        return self.query_one(f"#{name}", DataTable)

    def selected(self) -> BoardRow | None:
        table = self._table_showing()
        if table.row_count == 0:
            self.notify("No tag to pick here yet.", severity="warning")
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key or "")

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        row = self.selected()
        if row is not None:
            self.app.push_screen(TagQuotesScreen(row, self.filters))

    def action_brief(self) -> None:
        from tui.ui.screens.brief import BriefScreen

        row = self.selected()
        if row is not None:
            self.app.push_screen(BriefScreen([tag_label(row)], self.filters))

    def action_copy_brief(self) -> None:
        from tui.core.brief import render_brief
        from tui.store.insights import brief

        row = self.selected()
        if row is not None and self.earful.store is not None:
            made = brief(self.earful.store, [tag_label(row)], filters=self.filters)
            copy_text(self, visible_lines(render_brief(made)), "Brief")

    def action_priorities(self) -> None:
        from tui.ui.screens.brief import PrioritiesScreen

        self.app.push_screen(PrioritiesScreen(self.filters))

    def action_switch_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "topics-tab" if tabs.active == "emotions-tab" else "emotions-tab"
        self._table_showing().focus()

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


class TagQuotesScreen(AcrossScreen):
    """A tag's entries grouped by participant; Enter opens the session at that entry."""

    DEFAULT_CSS = """
    TagQuotesScreen #title { height: auto; padding: 0 1; background: $panel; }
    TagQuotesScreen OptionList { height: 1fr; }
    """

    BINDINGS = [
        Binding("enter", "jump", "Open in session", id="board.jump"),
        Binding("b", "brief", "Brief", id="board.quotes-brief"),
        Binding("escape", "back", "Back", id="board.quotes-back"),
    ]

    def __init__(self, row: BoardRow, filters: BoardFilter) -> None:
        super().__init__()
        self.row, self.filters = row, filters
        self.places: dict[str, tuple[int, int]] = {}

    def compose(self) -> ComposeResult:
        title = Content.from_markup(
            "[b]$tag[/b] · $evidence · $entries entries",
            tag=visible(tag_label(self.row)),
            evidence=self.row.evidence,
            entries=str(self.row.entries),
        )
        yield Static(title, id="title")
        yield OptionList(id="quotes")
        yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        self.with_store(self._fill)

    def _fill(self, store: Store) -> None:
        from tui.store.insights import tag_quotes

        options: list[Option | None] = []
        for group in tag_quotes(store, [tag_label(self.row)], self.filters):
            count = len(group.quotes)
            options.append(
                Option(
                    Content.from_markup(
                        "[b]$who[/b] · $n",
                        who=visible(group.label),
                        n=f"{count} {'entry' if count == 1 else 'entries'}",
                    ),
                    disabled=True,
                )
            )
            for quote in group.quotes:
                key = f"e{quote.entry_id}"
                self.places[key] = (quote.session_id, quote.entry_id)
                star = "★ " if quote.starred else ""
                feeling = " ".join(f"!{e}" for e in quote.emotions)
                prompt = Content.from_markup(
                    "  [dim]$when[/dim]  $star$text [i]$feeling[/i]",
                    when=f"{quote.session_date} {format_ms(quote.at_ms):>8}",
                    star=star,
                    text=visible(quote.text or f"({quote.kind})"),
                    feeling=visible(feeling),
                )
                options.append(Option(prompt, id=key))
        quotes = self.query_one(OptionList)
        quotes.add_options(options)
        if not self.places:
            quotes.add_option(
                Option("No entries carry this tag in the current filter.", disabled=True)
            )
        quotes.focus()
        first = next((i for i, o in enumerate(quotes.options) if not o.disabled), None)
        if first is not None:
            quotes.highlighted = first

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id)

    def action_jump(self) -> None:
        quotes = self.query_one(OptionList)
        if quotes.highlighted is not None:
            self._open(quotes.options[quotes.highlighted].id)

    def _open(self, key: str | None) -> None:
        if key in self.places:
            open_entry(self.app, *self.places[key])

    def action_brief(self) -> None:
        from tui.ui.screens.brief import BriefScreen

        self.app.push_screen(BriefScreen([tag_label(self.row)], self.filters))

    def action_back(self) -> None:
        self.dismiss()
