"""What the across-interviews screens share: the app, the store, jumping to an entry, copying."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from tui.core.text import visible

if TYPE_CHECKING:
    from tui.store.store import Store
    from tui.ui.app import EarfulApp


def cell(text: str, width: int = 0) -> Text:
    """User text for a DataTable cell: literal, inert, cut to ``width`` when given."""
    shown = visible(text)
    if width and len(shown) > width:
        shown = shown[: width - 1] + "…"
    return Text(shown, no_wrap=True)


def visible_lines(text: str) -> str:
    """Multi-line user text made inert for the terminal, keeping its line breaks."""
    # Only "\n" breaks a line: a stray "\r" in a quote is shown, not obeyed.
    return "\n".join(visible(line) for line in text.split("\n"))


def open_row_entry(app: Any, table: Any, places: dict[str, tuple[int, int]]) -> None:
    """Open the entry on the table row under the cursor (rows keyed into ``places``)."""
    if table.row_count:
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key in places:
            open_entry(app, *places[key])


def open_entry(app: Any, session_id: int, entry_id: int | None) -> None:
    """Show a session at one entry: its snapshot, over this screen (Escape comes back)."""
    try:
        from tui.ui.screens.snapshot import SnapshotScreen
    except ImportError:  # a build without snapshots: the live screen of that session
        app.open_session(session_id)
        return
    screen = SnapshotScreen(session_id, pushed=True)

    async def show() -> None:
        await app.push_screen(screen)
        if entry_id is not None:
            screen.reload(keep_id=entry_id)

    app.call_later(show)


def copy_text(screen: Screen[Any], text: str, what: str) -> None:
    """Copy to the system clipboard, or through the terminal, and say which."""
    from tui.ui.clipboard import copy

    screen.notify(f"{what} copied {copy(screen.app, text)}.", markup=False)


class AcrossScreen(Screen[None]):
    """A screen over the whole repository; its bindings are listed in the command palette."""

    PALETTE_GROUP = "Across interviews"
    BINDINGS = [Binding("f6", "show_todo", "To do", show=False, id="across.todo")]

    @property
    def earful(self) -> EarfulApp:
        return self.app  # type: ignore[return-value]

    def action_show_todo(self) -> None:
        self.earful.action_show_across("todo")

    def with_store(self, callback: Callable[[Store], None]) -> None:
        self.earful.when_connected(callback)


class AcrossModal(ModalScreen[None]):
    PALETTE_GROUP = "Across interviews"

    @property
    def earful(self) -> EarfulApp:
        return self.app  # type: ignore[return-value]


ACROSS_COMMANDS = (
    ("Insights board", "Tags ranked by how many participants raised them", "board"),
    ("Search", "Full-text search of every entry of every interview", "search"),
    (
        "Participants",
        "Profiles, and everything each participant said",
        "participants",
    ),
    ("Insight brief", "A finding, its evidence and key quotes, as Markdown", "brief"),
    (
        "To do after the call",
        "Follow-ups to ask, testimonials to clear, marks to fill in (F6)",
        "todo",
    ),
)


def across_screen(which: str) -> Screen[Any]:
    """A new screen for one of ``ACROSS_COMMANDS``."""
    if which == "board":
        from tui.ui.screens.board import BoardScreen

        return BoardScreen()
    if which == "search":
        from tui.ui.screens.search import SearchScreen

        return SearchScreen()
    if which == "participants":
        from tui.ui.screens.participants import ParticipantsScreen

        return ParticipantsScreen()
    if which == "todo":
        from tui.ui.screens.todo import TodoScreen

        return TodoScreen()
    from tui.ui.screens.brief import BriefScreen

    return BriefScreen([])
