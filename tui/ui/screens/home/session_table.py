"""The home screen's table: a window of the arranged sessions, never all of them.

A DataTable measures every cell it holds: ten thousand sessions took seven seconds to
show. The table holds a page, grows by a page as the cursor (or the scrollbar) nears its
end, and is refilled around the row wanted when the user jumps (Home, End, a session
opened long ago)."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import DataTable

from tui.core.clock import format_ms
from tui.core.models import SessionSummary
from tui.core.text import visible
from tui.ui.screens.home.session_list import COLUMNS, WEIGHTS, cut, share, short_date

FIXED = (0, 1, 5, 6, 7)  # the columns whose cells are never cut: #, date, entries, length
PAGE = 100  # rows read and added at a time once the database is open
FIRST_PAGE = 50  # rows in the first frame, read before it opened: a screenful, tall
MARGIN = 60  # rows still below the cursor when the next page is read: a PageDown, tall


class SessionTable(DataTable[object]):
    """Home and End go to the first and last session of the whole list, not of the rows
    the table holds (a row cursor has no columns to jump across).

    Its rows are drawn straight from their cells (``render_line``): the first frame of a
    full screen of sessions spent ~100 ms in DataTable drawing each cell through rich
    (padding, styles, line splitting), a fifth of the whole start-up.
    """

    BINDINGS = [
        Binding("home,ctrl+home", "screen.list_first", "First", show=False, id="home.first"),
        Binding("end,ctrl+end", "screen.list_last", "Last", show=False, id="home.last"),
    ]

    def render_line(self, y: int) -> Strip:
        """Line ``y`` as DataTable draws it (tests/ui/test_home_rows_painted.py holds the
        two equal), built from the cells' text: every row is one line of plain ``Cell``s.
        The header, the cursor's row and the row under the mouse are left to DataTable,
        whose styles for them depend on focus and on how the cursor last moved."""
        header = self.header_height if self.show_header else 0
        row = y + self.scroll_offset.y - header
        plain = y >= header and 0 <= row < self.row_count and not self.fixed_columns
        cursor = self.cursor_row if self.show_cursor else -1
        if not plain or self.fixed_rows or row in (cursor, self.hover_coordinate.row):
            return super().render_line(y)
        return self._plain_row(row)

    def _plain_row(self, row: int) -> Strip:
        if self.zebra_stripes:
            stripe = "datatable--odd-row" if row % 2 else "datatable--even-row"
            style = self.get_component_rich_style(stripe)
        else:
            style = self.rich_style
        padding = self.cell_padding
        pad = " " * padding
        widths = [column.get_render_width(self) for column in self.ordered_columns]
        segments = [
            Segment(
                pad + set_cell_size(str(cell), width - 2 * padding) + pad,
                style + Style.from_meta({"row": row, "column": at}),
            )
            for at, (cell, width) in enumerate(zip(self.get_row_at(row), widths, strict=True))
        ]
        room = max(0, self.size.width - sum(widths))
        outside = Style.from_meta({"row": row, "column": 0, "out_of_bounds": True})
        segments.append(Segment(" " * room, style + outside))
        x = self.scroll_offset.x
        width = self.size.width
        strip = Strip(segments).crop(x, x + width)
        return strip.adjust_cell_length(width, self.rich_style).simplify()


def title(ids: list[int] | None, total: int, start: int, held: int, filtered: bool) -> str:
    """How many sessions there are (that match), and which of them the table holds:
    "Earful · 10,000 interviews · 1–100 listed, more as you move down"."""
    if ids is None:  # the first page, read before the database opened: no count yet
        return "Earful · interviews"
    every = f"{total:,} interview{'' if total == 1 else 's'}"
    text = f"Earful · {len(ids):,} of {every} match" if filtered else f"Earful · {every}"
    if held < len(ids):
        more = ", more as you move down" if start + held < len(ids) else ""
        text += f" · {start + 1:,}–{start + held:,} listed{more}"
    return text


def where_window_starts(at: int, count: int) -> int:
    """The first row of a page holding row ``at`` of ``count``: the top of the list when
    ``at`` is in its first page (minus the margin), else ``at`` near the page's middle."""
    if at < PAGE - MARGIN:
        return 0
    return max(0, min(at - PAGE // 2, count - PAGE))


def widths_for(
    table: DataTable[object], sessions: list[SessionSummary], width: int, now_ms: int
) -> list[int]:
    """Every column's width, in ``COLUMNS`` order: each fixed column as wide as its label
    or its widest cell, and participant, company and goal sharing what is left so every
    column is on screen at 80 columns, long names and goals cut to fit (none narrower
    than its label).

    Given to the table, not measured by it: a DataTable measures its cells when idle, and
    a frame drawn before that kept its columns at their labels' widths (the rows' lines
    are cached without the widths)."""
    fixed = [_fixed_cells(s, _year(now_ms)) for s in sessions]
    labels = [COLUMNS[i] for i in FIXED]
    fixed_widths = [
        max([len(label), *(len(row[n]) for row in fixed)]) for n, label in enumerate(labels)
    ]
    # Two cells of padding a column, and the vertical scrollbar's room kept free.
    room = width - 2 * len(COLUMNS) - table.styles.scrollbar_size_vertical - sum(fixed_widths)
    texts = [(s.participant, s.company, s.goal) for s in sessions]
    natural = [
        max([len(COLUMNS[2 + n]), *(cell_len(visible(row[n])) for row in texts)]) for n in range(3)
    ]
    shared = [max(len(COLUMNS[2 + n]), w) for n, w in enumerate(share(natural, room, WEIGHTS))]
    number, date, entries, length, status = fixed_widths
    return [number, date, *shared, entries, length, status]


def fixed_wider(widths: list[int], wanted: list[int]) -> bool:
    """True when a fixed column (number, date, entries, length) must grow for ``wanted``."""
    return any(wanted[i] > widths[i] for i in FIXED)


def _year(now_ms: int) -> str:
    return str(datetime.fromtimestamp(now_ms / 1000, UTC).year)


def _fixed_cells(s: SessionSummary, this_year: str) -> list[str]:
    length = format_ms(s.duration_ms)
    status = "done" if s.ended else "open"
    return [str(s.id), short_date(s.created_at, this_year), str(s.entries), length, status]


class Cell:
    """One cell of the list: text already cut to its column, drawn as it is.

    A str cell would be parsed as markup (and load rich's table of emoji names, ~18 M
    instructions before the first frame); a rich Text is wrapped, justified and cropped
    on every draw (fifteen rows as Text cost the first frame ~14 M more than as Cells).
    """

    __slots__ = ("text", "width")

    def __init__(self, text: str) -> None:
        self.text = text
        self.width = cell_len(text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Segment(self.text)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)

    def __str__(self) -> str:
        return self.text


def add_rows(
    table: DataTable[object], sessions: list[SessionSummary], widths: list[int], now_ms: int
) -> None:
    """Append ``sessions`` as rows keyed by their number, the texts cut to ``widths``
    (``widths_for``'s)."""
    this_year = _year(now_ms)
    for s in sessions:
        number, date, entries, length, status = _fixed_cells(s, this_year)
        who, company, goal = (
            Cell(cut(text, w).plain)
            for text, w in zip((s.participant, s.company, s.goal), widths[2:5], strict=True)
        )
        if number not in table.rows:  # listed twice when one was added meanwhile
            cells = (Cell(number), Cell(date), who, company, goal, Cell(entries), Cell(length))
            table.add_row(*cells, Cell(status), key=number)
