"""The home screen's session list: its keys, orders, and columns that fit 80 cells."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from rich.text import Text
from textual.app import App
from textual.binding import Binding

from tui.core.text import visible

# What ctrl+o cycles through: the label, and the store's order (``session_pages.ORDER_BY``).
SORTS: list[tuple[str, str]] = [
    ("newest first", "newest"),
    ("oldest first", "oldest"),
    ("participant A–Z", "participant"),
    ("most entries", "entries"),
    ("longest", "length"),
]

SESSION_LIST_BINDINGS = [
    Binding("s", "snapshot", "Snapshot", id="home.snapshot"),
    Binding("c", "continue", "Continue", id="home.continue"),
    Binding("delete", "delete_session", "Delete", id="home.delete"),
    Binding("ctrl+z", "undo", "Undo", id="home.undo"),
    Binding("ctrl+g", "redo", "Redo", show=False, id="home.redo"),
    Binding("ctrl+o", "sort", "Sort", id="home.sort"),
    Binding("ctrl+l", "filter", "Filter", id="home.filter"),
]


# The session last opened from the list, per app: a home screen made later selects it again.
_viewed: WeakKeyDictionary[App[Any], int] = WeakKeyDictionary()


def remember_viewed(app: App[Any], session_id: int) -> None:
    """``session_id`` is being opened: coming back, the list selects it."""
    _viewed[app] = session_id


def forget_viewed(app: App[Any]) -> None:
    _viewed.pop(app, None)


def last_viewed(app: App[Any]) -> int | None:
    return _viewed.get(app)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
COLUMNS = ("#", "Date", "Participant", "Company", "Goal", "Entries", "Length", "")
# Participant, company and goal share what the other columns leave, in these parts, each at
# least NARROWEST wide: who it was matters most when picking an interview.
WEIGHTS = (4, 2, 3)
NARROWEST = 4


def short_date(created_at: str, this_year: str) -> str:
    """'4 Mar 09:30' this year, '4 Mar 2024' before: 11 cells at most, not 16."""
    try:
        year, month, day = created_at[:4], int(created_at[5:7]), int(created_at[8:10])
        name = MONTHS[month - 1]
    except (ValueError, IndexError):
        return created_at[:11]
    return f"{day} {name} {created_at[11:16] if year == this_year else year}"


def share(natural: list[int], budget: int, weights: tuple[int, ...]) -> list[int]:
    """Widths for columns that want ``natural`` cells within ``budget``: a column that wants
    less than its weighted part gets what it wants, the others split the rest by weight."""
    widths = [0] * len(natural)
    open_ = set(range(len(natural)))
    left = budget
    while open_:
        total = sum(weights[i] for i in open_)
        fits = [i for i in open_ if natural[i] <= left * weights[i] // total]
        if not fits:
            for i in open_:
                widths[i] = max(NARROWEST, left * weights[i] // total)
            break
        for i in fits:
            widths[i] = natural[i]
            left -= natural[i]
            open_.discard(i)
    return widths


def cut(text: str, width: int) -> Text:
    """User text, inert (rich Text is never parsed as markup), cut to ``width`` with '…'."""
    shown = Text(visible(text), no_wrap=True, overflow="ellipsis")
    shown.truncate(width, overflow="ellipsis")
    return shown
