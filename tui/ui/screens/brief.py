"""The insight brief modal, and the priorities picture (frequency × severity)."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from tui.core.brief import render_brief
from tui.core.insights import BoardFilter, priorities_grid
from tui.core.text import visible, visible_lines
from tui.ui import edits
from tui.ui.screen_base import AcrossModal
from tui.ui.widgets.inert import INERT
from tui.ui.widgets.screen_footer import ScreenFooter

FINDING_IDLE = "Finding: type here (or press e), Enter updates the brief"
FINDING_TYPING = "Finding, in your words (Enter updates the brief)"
KEYS = {
    "preview": "Type to write the finding · c copy · a all of/any of · Esc close",
    "finding": "Typing goes into the finding · Enter updates · Esc back to the brief",
    "tags": "Typing goes into the tags · Enter updates · Esc back to the brief",
}
# While an Input has focus, a letter is text: these must not fire from it.
LETTER_ACTIONS = {"copy", "edit", "switch_mode"}


class BriefScreen(AcrossModal):
    """A finding, its evidence and key quotes, as Markdown to copy.

    Letters are shortcuts only while the preview has focus; a letter that is not one
    starts the finding there, so typing always lands in the box it appears to go to.
    """

    DEFAULT_CSS = """
    BriefScreen > Vertical { width: 90%; height: 90%; max-width: 100%; }
    BriefScreen #mode { height: auto; text-style: bold; }
    BriefScreen #keys { height: auto; color: $text-muted; }
    BriefScreen Input { margin: 0; border: tall $panel; }
    BriefScreen Input:focus { border: tall $primary; }
    BriefScreen VerticalScroll { height: 1fr; border: tall $panel; }
    BriefScreen VerticalScroll:focus { border: tall $primary; }
    """

    BINDINGS = [
        Binding("c", "copy", "Copy Markdown", id="brief.copy"),
        Binding("e", "edit", "Edit finding", id="brief.edit"),
        Binding("a", "switch_mode", "All of/any of", id="brief.mode"),
        Binding("escape", "close", "Close", id="brief.close"),
    ]

    def __init__(
        self, tags: list[str], filters: BoardFilter | None = None, all_of: bool | None = None
    ) -> None:
        super().__init__()
        self.tags = tags
        self.filters = filters or BoardFilter()
        self.all_of = all_of  # None: a topic with an emotion means all of, else any of
        self.markdown = ""
        self.problem = ""  # why there is no brief, when there is none

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Insight brief", id="mode", markup=False)
            # No select-on-focus: the letter that moved focus here would be typed over.
            yield Input(
                placeholder=FINDING_IDLE, id="finding", highlighter=INERT, select_on_focus=False
            )
            yield Input(
                " ".join(self.tags),
                placeholder="Tags: #pricing !frustrated",
                id="tags",
                highlighter=INERT,
            )
            yield Static(KEYS["preview"], id="keys", markup=False)
            with VerticalScroll(can_focus=True, id="preview"):
                yield Static("", markup=False, id="markdown")
            yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        if self.tags:
            self.query_one("#preview").focus()
        else:
            self.query_one("#tags", Input).focus()
            self.query_one("#markdown", Static).update(
                "Type one or more tags above (#topic or !emotion) and press Enter."
            )
        self.with_store(lambda _store: self.refresh_brief())

    def on_descendant_focus(self) -> None:
        focused = self.focused
        where = focused.id if isinstance(focused, Input) else "preview"
        self.query_one("#keys", Static).update(KEYS.get(where or "", KEYS["preview"]))
        finding = self.query_one("#finding", Input)
        finding.placeholder = FINDING_TYPING if focused is finding else FINDING_IDLE

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in LETTER_ACTIONS and isinstance(self.focused, Input))

    def on_key(self, event: events.Key) -> None:
        """A letter that is no shortcut, typed on the preview, starts the finding."""
        if isinstance(self.focused, Input) or not event.is_printable or not event.character:
            return
        if event.key in self.active_bindings:
            return
        event.stop()
        event.prevent_default()
        finding = self.query_one("#finding", Input)
        finding.focus()
        finding.insert_text_at_cursor(event.character)

    @edits.reads
    def refresh_brief(self) -> bool:
        """Make the brief again; False when there is none to show (the screen says why)."""
        from tui.store.insights import UnknownTag, brief

        store = self.earful.store
        typed = self.query_one("#tags", Input).value
        # Tags handed over by the board are kept whole: a stored name may hold a space.
        tags = self.tags if typed == " ".join(self.tags) else typed.split()
        self.problem = ""
        if store is None or not tags:
            return False
        finding = self.query_one("#finding", Input).value
        try:
            made = brief(store, tags, finding, self.filters, self.all_of)
        except UnknownTag as error:
            self.markdown = ""
            self.problem = visible(f"Cannot make a brief: {error}.")
            self.query_one("#markdown", Static).update(self.problem)
            return False
        self.all_of = made.all_of
        other = "any of" if made.all_of else "all of"
        switch = f" (a: {other})" if len(made.tags) > 1 else ""
        mode = f"Insight brief · {made.mode} {' '.join(made.tags)}{switch}"
        self.query_one("#mode", Static).update(visible(mode))
        self.markdown = render_brief(made)
        self.query_one("#markdown", Static).update(visible_lines(self.markdown))
        return True

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.refresh_brief()
        self.query_one("#preview").focus()

    def action_copy(self) -> None:
        if not self.markdown:
            self.notify("No brief to copy yet: give it a known tag.", severity="warning")
            return
        self.copy(visible_lines(self.markdown), "the brief")  # inert, as every copy is

    def action_edit(self) -> None:
        self.query_one("#finding", Input).focus()

    def action_switch_mode(self) -> None:
        """Count entries carrying every tag, or any of them."""
        self.all_of = not self.all_of
        shown = self.refresh_brief()
        if shown is None:  # could not read: the brief stays as it was
            self.all_of = not self.all_of
        elif shown:
            self.notify(
                "Entries with all of the tags." if self.all_of else "Entries with any of the tags."
            )
        elif self.problem:
            self.notify(self.problem, severity="warning", markup=False)

    def action_close(self) -> None:
        if isinstance(self.focused, Input) and self.markdown:
            self.query_one("#preview").focus()
        else:
            self.dismiss()


class PrioritiesScreen(AcrossModal):
    """Topics placed by how many participants raised them against how painful they were.

    Its frame says when the legend is below the fold.
    """

    DEFAULT_CSS = """
    PrioritiesScreen > VerticalScroll { width: 90%; height: 90%; max-width: 100%; }
    """

    BINDINGS = [Binding("escape,p", "close", "Close", id="priorities.close")]

    def __init__(self, filters: BoardFilter | None = None) -> None:
        super().__init__()
        self.filters = filters or BoardFilter()

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=True):
            yield Static("Loading…", markup=False, id="picture")
        yield ScreenFooter(compact=True)

    def on_mount(self) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.focus()
        self.watch(scroll, "virtual_size", self._hint, init=False)
        self.watch(scroll, "scroll_y", self._hint, init=False)
        self.with_store(lambda _store: self._draw())

    def _hint(self) -> None:
        scroll = self.query_one(VerticalScroll)
        below = scroll.scroll_y < scroll.max_scroll_y
        scroll.border_subtitle = "↓ more below: the legend (PageDown)" if below else ""

    @edits.reads
    def _draw(self) -> None:
        from tui.store.insights import participants_in, priorities

        store = self.earful.store
        if store is None:
            return
        points = priorities(store, self.filters)
        picture = self.query_one("#picture", Static)
        if not points:
            picture.update("No tagged topics yet: nothing to place on the picture.")
            return
        width = max(20, min(70, self.size.width - 20))
        lines = priorities_grid(points, participants_in(store, self.filters), width=width)
        title = "Priorities: participants who raised a topic (across) × share of its entries"
        title += " with a negative emotion (up)"
        picture.update(visible(title) + "\n\n" + "\n".join(visible(line) for line in lines))

    def action_close(self) -> None:
        self.dismiss()
