"""A tag's entries grouped by participant, opened from the board."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.clock import format_ms
from tui.core.insights import BoardFilter, BoardRow
from tui.core.text import plural, visible
from tui.ui import edits
from tui.ui.screen_base import AcrossScreen
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.store.store import Store


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

    def compose(self) -> ComposeResult:
        title = Content.from_markup(
            "[b]$tag[/b] · $evidence · $entries",
            tag=visible(self.row.label),
            evidence=self.row.evidence,
            entries=plural(self.row.entries, "entry"),
        )
        yield Static(title, id="title")
        yield OptionList(id="quotes")
        yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        self.with_store(self._fill)

    @edits.reads
    def _fill(self, store: Store) -> None:
        from tui.store.insights import tag_quotes

        options: list[Option | None] = []
        for group in tag_quotes(store, [self.row.label], self.filters):
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
        self.open_place(event.option.id)

    def action_jump(self) -> None:
        quotes = self.query_one(OptionList)
        if quotes.highlighted is not None:
            self.open_place(quotes.options[quotes.highlighted].id)

    def action_brief(self) -> None:
        self.earful.open_brief([self.row.label], self.filters)
