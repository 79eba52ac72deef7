"""A short list of lines the note-taker writes: add, edit, remove, reorder."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.text import visible
from tui.ui.widgets.dialogs import TextPrompt


class EditableList(Widget, can_focus=True):
    """Shows ``items``; asks its screen to save a changed list through ``Changed``.

    Drawn as one block of text rather than a widget per line: a snapshot opens fast.
    """

    DEFAULT_CSS = """
    EditableList { height: auto; padding: 0 1; }
    EditableList:focus { background-tint: $primary 10%; }
    """

    highlighted: reactive[int | None] = reactive(None)

    BINDINGS = [
        Binding("up", "step(-1)", "Up", show=False, id="list.up"),
        Binding("down", "step(1)", "Down", show=False, id="list.down"),
        Binding("a,insert", "add", "Add", id="list.add"),
        Binding("enter,e", "edit", "Edit", id="list.edit"),
        Binding("d,delete", "remove", "Remove", id="list.remove"),
        Binding("shift+up", "move(-1)", "Move up", id="list.move-up"),
        Binding("shift+down", "move(1)", "Move down", id="list.move-down"),
    ]

    class Changed(Message):
        """The user changed the list; the screen saves it (and makes it undoable)."""

        def __init__(
            self, editable: EditableList, items: list[str], label: str, highlight: int | None
        ) -> None:
            super().__init__()
            self.editable = editable
            self.items = items
            self.label = label
            self.highlight = highlight

    def __init__(
        self, title: str, heading: str = "", items: list[str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.title = title
        self.heading = heading
        # Set without a refresh: the first layout already has the content, no second pass.
        self.items: list[str] = list(items or [])
        self.set_reactive(EditableList.highlighted, 0 if self.items else None)

    def show(self, items: list[str], highlight: int | None = None) -> None:
        """Display ``items`` (already saved), keeping the highlight where it was if possible."""
        keep = self.highlighted if highlight is None else highlight
        self.items = list(items)
        self.highlighted = max(0, min(keep or 0, len(self.items) - 1)) if self.items else None
        self.refresh(layout=True)

    def render(self) -> Content:
        lines = [Content.styled(self.heading, "bold $text-accent")] if self.heading else []
        if not self.items:
            # "a" works only here; from elsewhere the heading names the screen's key.
            hint = "(none yet: press a to add)" if self.has_focus else "(none yet)"
            lines.append(Content.styled(hint, "$text-muted italic"))
        for index, item in enumerate(self.items):
            line = Content("• " + visible(item))
            if index == self.highlighted and self.has_focus:
                line = line.stylize("reverse")
            lines.append(line)
        return Content("\n").join(lines)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_step(self, step: int) -> None:
        if self.items:
            current = self.highlighted or 0
            self.highlighted = max(0, min(len(self.items) - 1, current + step))
            self.refresh()

    def _changed(self, items: list[str], label: str, highlight: int | None = None) -> None:
        self.post_message(self.Changed(self, items, label, highlight))

    def add(self, text: str) -> None:
        """Append a line (what the screen's add keys call)."""
        if text.strip():
            self._changed([*self.items, text.strip()], f"add to {self.title}", len(self.items))

    def prompt_add(self) -> None:
        self.app.push_screen(TextPrompt(f"Add to {self.title}"), self._added)

    def _added(self, text: str | None) -> None:
        if text is not None:
            self.add(text)

    def action_add(self) -> None:
        self.prompt_add()

    def action_edit(self) -> None:
        index = self.highlighted
        if not self.items or index is None:
            self.prompt_add()
            return

        def edited(text: str | None) -> None:
            if text is None or text.strip() == self.items[index]:
                return
            items = list(self.items)
            if text.strip():
                items[index] = text.strip()
            else:
                del items[index]
            self._changed(items, f"edit in {self.title}")

        self.app.push_screen(TextPrompt(f"Edit in {self.title}", self.items[index]), edited)

    def action_remove(self) -> None:
        index = self.highlighted
        if self.items and index is not None:
            self._changed(self.items[:index] + self.items[index + 1 :], f"remove from {self.title}")

    def action_move(self, step: int) -> None:
        index = self.highlighted
        if not self.items or index is None:
            return
        target = index + step
        if not 0 <= target < len(self.items):
            return
        items = list(self.items)
        items[index], items[target] = items[target], items[index]
        self._changed(items, f"reorder {self.title}", target)
