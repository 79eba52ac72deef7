"""What the home screen's session list can do: sort, filter, snapshot, delete and undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.binding import Binding
from textual.widgets import DataTable, Input

from tui.core.models import SessionSummary
from tui.core.text import plural, visible
from tui.ui import edits
from tui.ui.widgets.dialogs import Confirm

if TYPE_CHECKING:
    from tui.ui.app import EarfulApp

SORTS: list[tuple[str, Callable[[SessionSummary], Any], bool]] = [
    ("newest first", lambda s: (s.created_at, s.id), True),
    ("oldest first", lambda s: (s.created_at, s.id), False),
    ("participant A–Z", lambda s: (s.participant.casefold(), s.company.casefold()), False),
    ("most entries", lambda s: s.entries, True),
    ("longest", lambda s: s.duration_ms, True),
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


def matches(summary: SessionSummary, words: str) -> bool:
    """Every word of the filter appears in the participant, company, goal or date."""
    haystack = " ".join(
        (summary.participant, summary.company, summary.goal, summary.created_at, str(summary.id))
    ).casefold()
    return all(word in haystack for word in words.casefold().split())


class SessionListActions:
    """Mixed into HomeScreen; expects a DataTable keyed by session id and an ``#filter`` Input."""

    sort_index = 0

    if TYPE_CHECKING:
        earful: EarfulApp

        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...
        def action_reload(self) -> None: ...

    def arranged(self, sessions: list[SessionSummary]) -> list[SessionSummary]:
        """The sessions the filter lets through, in the chosen order."""
        words = self.query_one("#filter", Input).value
        _, key, reverse = SORTS[self.sort_index]
        return sorted((s for s in sessions if matches(s, words)), key=key, reverse=reverse)

    def sort_label(self) -> str:
        return f"sorted by {SORTS[self.sort_index][0]} (ctrl+o)"

    def _selected_id(self) -> int | None:
        table: DataTable[object] = self.query_one(DataTable)
        if not table.row_count or not table.display:
            self.earful.notify("No session selected.", severity="warning")
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def action_snapshot(self) -> None:
        session_id = self._selected_id()
        if session_id is not None:
            remember_viewed(self.earful, session_id)
            self.earful.open_snapshot(session_id)

    @edits.reads
    def action_delete_session(self) -> None:
        session_id = self._selected_id()
        store = self.earful.store
        if session_id is None or store is None:
            return
        summary = next((s for s in store.sessions() if s.id == session_id), None)
        who = visible(summary.participant) if summary else "?"
        count = summary.entries if summary else 0

        def answered(yes: bool | None) -> None:
            if yes:
                edits.attempt(
                    self.earful,
                    lambda: edits.delete_session(self.earful, store, session_id),
                    what="session",
                )
                self.action_reload()

        question = f"Delete session #{session_id} with {who} and its {plural(count, 'entry')}?"
        self.earful.push_screen(Confirm(question, "Delete"), answered)

    def action_undo(self) -> None:
        edits.undo(self.earful)
        self.action_reload()

    def action_redo(self) -> None:
        edits.redo(self.earful)
        self.action_reload()

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.action_reload()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()
