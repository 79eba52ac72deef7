"""To do after the call: follow-ups to ask, testimonials to clear, marks to fill in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.text import plural, visible
from tui.core.undo import Change
from tui.ui import edits
from tui.ui.screen_base import AcrossScreen
from tui.ui.widgets.screen_footer import ScreenFooter

if TYPE_CHECKING:
    from tui.store.store import Store
    from tui.store.todos import TodoItem
    from tui.ui.app import EarfulApp

MARKS_RULE = "A mark is done when ticked (filling in its text does not tick it)."


def tick(app: EarfulApp, store: Store, item: TodoItem, done: bool) -> str:
    """Tick an item off (or back on) as one undoable change; the notice to show."""
    from tui.store.todos import set_done

    entry_id, kind = item.entry_id, item.item
    before = set_done(store, entry_id, kind, done)
    label = f"{'done' if done else 'not done'}: {item.what}"
    app.undo.record(
        Change(
            label,
            redo=lambda: set_done(store, entry_id, kind, done),
            undo=lambda: set_done(store, entry_id, kind, before),
        )
    )
    return f"{label[0].upper()}{label[1:]} ({item.participant}, {item.time}). ctrl+z undoes."


class TodoScreen(AcrossScreen):
    """Every open item across all interviews; space ticks one off, a shows the done ones."""

    DEFAULT_CSS = """
    TodoScreen #title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    TodoScreen #status { height: auto; padding: 0 1; color: $text-muted; }
    TodoScreen OptionList { height: 1fr; }
    """

    BINDINGS = [
        Binding("space", "tick", "Done/not done", id="todo.toggle"),
        Binding("a", "show_done", "Show done", id="todo.show-done"),
        Binding("enter", "open", "Open in session", show=False, id="todo.open"),
        Binding("ctrl+z", "undo", "Undo", id="todo.undo"),
        Binding("ctrl+g", "redo", "Redo", show=False, id="todo.redo"),
        Binding("escape", "back", "Back", id="todo.back"),
    ]

    def __init__(self, show_done: bool = False) -> None:
        super().__init__()
        self.show_done = show_done
        self.items: list[TodoItem] = []

    def compose(self) -> ComposeResult:
        yield Static("Earful · to do after the call", id="title")
        yield Static("Loading…", id="status")
        yield OptionList()
        yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.with_store(lambda _store: self.reload())

    def on_screen_resume(self) -> None:
        self.reload()  # a mark may have been filled in, an entry deleted

    def action_show_todo(self) -> None:
        self.reload()  # already here: the key refreshes

    @edits.reads
    def reload(self, keep: tuple[int, str] | None = None) -> bool:
        """Read the list again; the cursor stays on ``keep`` (else about where it was)."""
        from tui.store.todos import todo_items

        store = self.earful.store
        if store is None:
            return False
        options = self.query_one(OptionList)
        where = options.highlighted or 0
        self.items = todo_items(store, include_done=self.show_done)
        options.clear_options()
        options.add_options(self._option(item) for item in self.items)
        keys = [(i.entry_id, i.item) for i in self.items]
        if self.items:
            options.highlighted = keys.index(keep) if keep in keys else min(where, len(keys) - 1)
        self.query_one("#status", Static).update(self._status())
        return True

    def _status(self) -> str:
        left = [i for i in self.items if not i.done]
        if not self.items:
            return (
                "Nothing to do after the calls: no follow-ups (⚑), testimonials (♥) or"
                " marks (▍) are waiting." + ("" if self.show_done else " a shows done ones.")
            )
        counts = ", ".join(
            plural(sum(1 for i in left if i.item == kind), word)
            for kind, word in (
                ("follow_up", "follow-up"),
                ("testimonial", "testimonial"),
                ("mark", "mark"),
            )
        )
        done = len(self.items) - len(left)
        shown = f", and {done} done" if self.show_done else ""
        return f"{len(left)} open: {counts}{shown}. Enter opens the entry. {MARKS_RULE}"

    def _option(self, item: TodoItem) -> Option:
        box = "[x]" if item.done else "[ ]"
        clock = " in the recording" if item.recording_at_ms is not None else ""
        head = Content.from_markup(
            "$box [b]$symbol $what[/b] · $who · $day $time$clock",
            box=box,
            symbol=item.symbol,
            what=item.what[0].upper() + item.what[1:],
            who=visible(item.participant),
            day=item.session_date,
            time=item.time,
            clock=clock,
        )
        if item.text:
            said = f"“{visible(item.text)}”" if item.kind == "quote" else visible(item.text)
            body = Content(f"\n    {item.kind}: {said}")
        else:
            body = Content.styled(f"\n    {item.kind}: nothing typed yet", "italic")
        prompt = head + body
        if item.done:
            prompt = prompt.stylize("dim")
        return Option(prompt, id=f"{item.entry_id}:{item.item}")

    def _current(self) -> TodoItem | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self.items:
            self.notify("Nothing here to tick off.", severity="warning")
            return None
        return self.items[index]

    def action_tick(self) -> None:
        item, store = self._current(), self.earful.store
        if item is None or store is None:
            return
        done = not item.done
        if edits.attempt(self.earful, lambda: tick(self.earful, store, item, done)):
            self.reload(keep=(item.entry_id, item.item))

    def action_show_done(self) -> None:
        self.show_done = not self.show_done
        item = self._current() if self.items else None
        if not self.reload(keep=(item.entry_id, item.item) if item else None):
            self.show_done = not self.show_done  # not read: the list is as it was

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        item = self._current()
        if item is not None:
            self.earful.open_entry(item.session_id, item.entry_id)

    def show_changes(self) -> None:
        self.reload()
