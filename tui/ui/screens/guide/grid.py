"""The guide screen: pick a guide, then its questions × the sessions that followed it.

One row a question, one column a session (oldest first): ✓ asked, – skipped, · not
reached, with the number of entries that answered it. The question columns stay put while
the sessions scroll sideways, so 80 columns show the questions and about five sessions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.text import plural, visible
from tui.ui import edits
from tui.ui.screen_base import AcrossScreen
from tui.ui.tables import cell, selected_key
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.store.guide_answers import Cell, GridSession, GuideGrid
    from tui.store.guides import GuideSummary
    from tui.store.store import Store

NO_GUIDES = (
    "No interview guides yet. Write one as a Markdown file (a # name, ## sections, - questions;"
    ' the README\'s "Interview guide" shows the format), then add it with:\n\n'
    "    earful guide add FILE\n\n"
    "New interviews can then follow it (the home form's Guide field, or earful start NAME"
    " --guide GUIDE)."
)
NO_SESSIONS = (
    "No interview has followed this guide yet: pick it in the home form's Guide field"
    " (or earful start NAME --guide GUIDE) and its column appears here."
)
LEGEND = "✓ asked  – skipped  · not reached, then entries · ←→ sessions · Enter: answers"
QUESTION_WIDTH = 30
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_name(name: str) -> str:
    """'Ada O.' for 'Ada Okafor': a session column is six cells wide."""
    words = visible(name).split()
    if not words:
        return "?"
    first = words[0][:6]
    if len(words) > 1 and len(first) <= 4:
        return f"{first} {words[-1][0]}."
    return first


def day_month(date: str) -> str:
    """'4 Mar' for '2024-03-04'."""
    try:
        return f"{int(date[8:10])} {MONTHS[int(date[5:7]) - 1]}"
    except (ValueError, IndexError):
        return date[:6]


def cell_mark(cell: Cell) -> Text:
    """✓3: asked, three entries; –: skipped; ·: not reached (dim)."""
    count = str(cell.entries) if cell.entries else ""
    if cell.asked:
        return Text("✓" + count, style="bold")
    if cell.skipped:
        return Text("–" + count)
    return Text("·" + count, style="dim")


class GuideScreen(AcrossScreen):
    """Every guide, then one guide's questions × sessions; Enter lists a question's answers."""

    DEFAULT_CSS = """
    GuideScreen #title { height: auto; max-height: 3; padding: 0 1; background: $panel; }
    GuideScreen #status { height: auto; padding: 0 1; color: $text-muted; }
    GuideScreen #guides { height: 1fr; }
    GuideScreen DataTable { height: 1fr; }
    """

    BINDINGS = [
        Binding("enter", "open", "Answers", id="guide.answers"),
        Binding("p", "pick", "Other guide", id="guide.pick"),
        Binding("escape", "back", "Back", id="guide.back"),
    ]

    def __init__(self, name: str | None = None) -> None:
        super().__init__()
        self.guide_name = name
        self.grid: GuideGrid | None = None
        self.guides: list[GuideSummary] = []

    def compose(self) -> ComposeResult:
        yield Static("Earful · interview guides", id="title")
        yield Static("Loading…", id="status")
        yield OptionList(id="guides")
        table: DataTable[object] = DataTable(
            cursor_type="row", zebra_stripes=True, header_height=2, fixed_columns=3
        )
        yield table
        yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).display = False
        self.with_store(self.reload)

    def on_screen_resume(self) -> None:
        if self.earful.store is not None and self.grid is not None:
            self.reload(self.earful.store)

    @edits.reads
    def reload(self, store: Store) -> None:
        from tui.store.guides import all_guides

        self.guides = all_guides(store)
        names = {g.name.casefold() for g in self.guides}
        if self.guide_name is None and len(self.guides) == 1:
            self.guide_name = self.guides[0].name
        if self.guide_name is not None and self.guide_name.casefold() in names:
            self._show_grid(store, self.guide_name)
        else:
            self._show_picker()

    # the guides ----------------------------------------------------------------------

    def _show_picker(self) -> None:
        self.grid = None
        self.query_one(DataTable).display = False
        picker = self.query_one("#guides", OptionList)
        picker.display = True
        picker.clear_options()
        self.query_one("#title", Static).update("Earful · interview guides")
        status = self.query_one("#status", Static)
        if not self.guides:
            picker.display = False
            status.update(Content(NO_GUIDES))
            return
        status.update(Content("Pick a guide: Enter shows its questions × sessions."))
        for g in self.guides:
            picker.add_option(
                Option(
                    Content.from_markup(
                        "[b]$name[/b] · version $v · $q · $s",
                        name=visible(g.name),
                        v=str(g.version),
                        q=plural(g.questions, "question"),
                        s=f"followed in {plural(g.sessions, 'session')}",
                    ),
                    id=g.name,
                )
            )
        picker.highlighted = 0
        picker.focus()

    @on(OptionList.OptionSelected, "#guides")
    def _guide_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        store = self.earful.store
        if store is not None and event.option.id is not None:
            self.guide_name = event.option.id
            self._show_grid(store, event.option.id)

    def action_pick(self) -> None:
        if len(self.guides) < 2:
            self.notify("This is the only guide: `earful guide add FILE` adds another.")
            return
        self.guide_name = None
        self._show_picker()

    # one guide's grid ----------------------------------------------------------------

    @edits.reads
    def _show_grid(self, store: Store, name: str) -> None:
        from tui.store.guide_answers import guide_grid
        from tui.store.guides import GuideNotFound

        try:
            grid = guide_grid(store, name)
        except GuideNotFound as error:
            self.notify(str(error), severity="warning", markup=False)
            self.guide_name = None
            self._show_picker()
            return
        self.grid = grid
        self.query_one("#guides", OptionList).display = False
        self.query_one("#title", Static).update(
            Content.from_markup(
                "[b]$name[/b] · version $v · $s\n$goal",
                name=visible(grid.guide),
                v=str(grid.version),
                s=f"followed in {plural(len(grid.sessions), 'session')}",
                goal="Goal: " + (visible(grid.goal) or "none set"),
            )
        )
        self.query_one("#status", Static).update(Content(LEGEND if grid.sessions else NO_SESSIONS))
        table = self.query_one(DataTable)
        row_before = table.cursor_row
        table.clear(columns=True)
        table.add_column(Text("Q"), key="number")
        table.add_column(Text("Question"), key="question")
        table.add_column(Text("Asked"), key="asked")
        for session in grid.sessions:
            table.add_column(self._session_label(session), key=f"s{session.id}")
        for index, question in enumerate(grid.questions):
            cells = [grid.cell(index, s.id) for s in grid.sessions]
            asked = sum(c.asked for c in cells)
            number = str(question.number) if question.current else "old"
            table.add_row(
                Text(number, style="" if question.current else "dim"),
                cell(question.text, QUESTION_WIDTH),
                Text(f"{asked}/{len(grid.sessions)}"),
                *(cell_mark(c) for c in cells),
                key=str(index),
            )
        table.display = True
        if grid.questions:
            table.move_cursor(row=min(row_before, len(grid.questions) - 1), animate=False)
        table.focus()

    @staticmethod
    def _session_label(session: GridSession) -> Text:
        return Text(f"{short_name(session.name)}\n{day_month(session.date)}", no_wrap=True)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """The answers to the question under the cursor, grouped by participant."""
        if self.grid is None:
            picker = self.query_one("#guides", OptionList)
            if picker.display and picker.highlighted is not None:
                picker.action_select()
            return
        key = selected_key(self.query_one(DataTable))
        if key is None:
            return
        question = self.grid.questions[int(key)]
        self.earful.open_question(self.grid.guide, question.ids, question.number, question.text)
