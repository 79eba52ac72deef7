"""The log of a session's entries: virtualised, so an hour of capture stays fast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from tui.core.models import Entry
from tui.core.recording import shown_time
from tui.core.text import visible
from tui.ui.widgets.virtual_lines import VirtualLines

TIME_WIDTH = 8
FLAG_SYMBOLS = (("starred", "★"), ("follow_up", "⚑"), ("testimonial", "♥"))
PLAIN = Style.null()
Piece = tuple[str, Style]  # a run of an entry's text and its style


class EntryLog(VirtualLines, can_focus=False):
    """Renders only the lines on screen; appending an entry renders just that entry."""

    STYLE_PREFIX = "entry-log"

    COMPONENT_CLASSES = {
        "entry-log--time",
        "entry-log--note",
        "entry-log--mark",
        "entry-log--topic",
        "entry-log--negative",
        "entry-log--positive",
        "entry-log--neutral",
        "entry-log--star",
        "entry-log--selected",
        "entry-log--empty",
        "entry-log--saving",
        "entry-log--question",
    }

    DEFAULT_CSS = """
    EntryLog { background: $surface; scrollbar-size-vertical: 1; }
    EntryLog > .entry-log--time { color: $earful-muted; }
    EntryLog > .entry-log--note { color: $earful-muted; text-style: italic; }
    EntryLog > .entry-log--mark { color: $earful-mark; text-style: bold; }
    EntryLog > .entry-log--topic { color: $earful-topic; }
    EntryLog > .entry-log--negative { color: $earful-emotion-negative; }
    EntryLog > .entry-log--positive { color: $earful-emotion-positive; }
    EntryLog > .entry-log--neutral { color: $earful-emotion-neutral; }
    EntryLog > .entry-log--star { color: $earful-star; }
    EntryLog > .entry-log--selected { background: $earful-selected; }
    EntryLog > .entry-log--empty { color: $earful-muted; text-style: italic; }
    EntryLog > .entry-log--saving { color: $warning; text-style: italic; }
    EntryLog > .entry-log--question { color: $earful-muted; }
    """

    def __init__(self, valence: Callable[[str], int], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entries: list[Entry] = []
        self.selected: int | None = None
        self.recording_at_ms: int | None = None
        self.saving: set[int] = set()  # ids of entries shown but not yet committed
        self._valence = valence
        self._height = 0  # as of the last resize: to tell a shrink from scrolling up
        # With a guide: the question each entry answered (by entry id), and its name. The
        # first entry of a question draws a line naming it above itself, part of its lines.
        self.questions: dict[int, int] = {}
        self.question_label: Callable[[int], str] | None = None
        # Who typed the entries ('' not known): each entry names its author only when
        # more than one typed in this session.
        self.authors: set[str] = set()

    # content -----------------------------------------------------------------------

    def set_entries(self, entries: list[Entry]) -> None:
        """Show these entries, and after them any still being saved."""
        waiting = [entry for entry in self.entries if entry.id in self.saving]
        self.entries = [*entries, *waiting]
        self.selected = None
        self.count_authors()
        self._relayout()
        self.follow()
        # Mounting or resuming: the height is not known until the first layout.
        self.call_after_refresh(self.follow)

    def set_questions(self, questions: dict[int, int], relayout: bool = True) -> None:
        """Which question each entry answered, by entry id (a guided session)."""
        waiting = {entry: q for entry, q in self.questions.items() if entry in self.saving}
        self.questions = {**questions, **waiting}
        if relayout:
            self._relayout()

    def append(self, entry: Entry, saving: bool = False, question_id: int | None = None) -> None:
        following = self.following
        if saving:
            self.saving.add(entry.id)
        if question_id is not None:
            self.questions[entry.id] = question_id
        self.entries.append(entry)
        if self._new_author(entry):
            self._relayout()  # every entry now names its author
        else:
            self._place(len(self.entries) - 1)
        if following and self._grow_following():
            return
        before = self.virtual_size
        self._update_size()
        if following and self.max_scroll_y > self.scroll_offset.y:
            self.follow()  # scrolling repaints the log
        elif self.virtual_size == before:
            # Neither size nor scroll changed (the empty-log hint was one line too).
            self.refresh()

    @property
    def following(self) -> bool:
        """True unless the note-taker scrolled up on purpose: new entries then stay in view."""
        return self.scroll_offset.y >= self.max_scroll_y

    def follow(self) -> None:
        """Show the newest entry."""
        self._scroll_to_line(self.max_scroll_y)

    def _grow_following(self) -> bool:
        """The log grew at the end while showing its end, and already scrolls: show the new
        end as ``virtual_size`` and ``scroll_to`` would, in one repaint of the log and its
        scrollbar. Going through them cost a layout of the whole screen and a dispatch of
        five reactives on every Enter, most of the screen's own cost of a save; the log's
        size does not depend on its content. False (nothing done) in any other case."""
        size = Size(0, self._total)
        showing_bar = self.show_vertical_scrollbar and size.height > self.container_size.height
        if size.height <= self.virtual_size.height or not showing_bar:
            return False  # shrinking, or the scrollbar comes or goes: a layout it is
        self.set_reactive(EntryLog.virtual_size, size)
        end = self.max_scroll_y
        self.set_reactive(EntryLog.scroll_target_y, end)
        self.set_scroll(None, end)
        bar = self.vertical_scrollbar
        bar.set_reactive(ScrollBar.window_virtual_size, size.height)
        bar.set_reactive(ScrollBar.position, end)
        view = self.size.region
        bar.refresh(Region(0, 0, self.scrollbar_size_vertical, view.height))
        self.refresh(view)
        return True

    def _scroll_to_line(self, y: int) -> None:
        # Forced: while the log still fits, Textual has not yet given it a scrollbar and
        # would ignore the scroll, leaving the log one line short from then on.
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def saved(self, shown_id: int, entry: Entry) -> None:
        """The entry shown as ``shown_id`` is committed: show it as the database has it."""
        self.saving.discard(shown_id)
        if shown_id in self.questions:
            self.questions[entry.id] = self.questions.pop(shown_id)
        self.replace(entry, shown_id)

    def replace(self, entry: Entry, shown_id: int | None = None) -> None:
        wanted = entry.id if shown_id is None else shown_id
        # Newest first: the entry being changed is nearly always one of the last.
        for index in range(len(self.entries) - 1, -1, -1):
            if self.entries[index].id == wanted:
                self.entries[index] = entry
                if self._new_author(entry):
                    self._relayout()
                    return
                before = self._rendered.pop(index, None)
                if before is not None and self._redraw_in_place(index, len(before)):
                    return
                self._relayout(from_index=index, keep_rendered=True)
                return

    def _redraw_in_place(self, index: int, lines: int) -> bool:
        """Repaint just entry ``index`` if it still takes ``lines`` lines (an entry saved,
        starred or retagged nearly always does); False if the log must be laid out again."""
        if len(self._lines_of(index)) != lines:
            return False
        top = self._starts[index] - round(self.scroll_offset.y)
        if top + lines > 0 and top < self.size.height:
            self.refresh(Region(0, max(0, top), self.size.width, lines + min(0, top)))
        return True

    def remove_entry(self, entry_id: int) -> None:
        self.entries = [entry for entry in self.entries if entry.id != entry_id]
        self.count_authors()
        self.select(None, scroll=False)
        self._relayout()

    def count_authors(self) -> None:
        self.authors = {entry.author for entry in self.entries if entry.author}

    def _new_author(self, entry: Entry) -> bool:
        """Note who typed ``entry``; True when the log must name authors from now on."""
        if not entry.author or entry.author in self.authors:
            return False
        self.authors.add(entry.author)
        return len(self.authors) == 2

    def set_recording(self, at_ms: int | None) -> None:
        """Show recording time, the recording having started ``at_ms`` into the interview."""
        self.recording_at_ms = at_ms
        self._relayout()

    def time_of(self, entry: Entry) -> str:
        """The entry's time as the log shows it (recording time once synced)."""
        return shown_time(entry.at_ms, self.recording_at_ms)

    # selection ---------------------------------------------------------------------

    @property
    def selected_entry(self) -> Entry | None:
        if self.selected is None:
            return self.entries[-1] if self.entries else None
        return self.entries[self.selected]

    def move_selection(self, step: int) -> None:
        if not self.entries:
            return
        last = len(self.entries) - 1
        if self.selected is None:
            new: int | None = last if step < 0 else None
        else:
            new = self.selected + step
            new = None if new > last else max(0, new)
        self.select(new)

    def select(self, index: int | None, scroll: bool = True) -> None:
        """Select an entry and bring it into view; None goes back to the newest entry
        (and shows it, unless ``scroll`` is False)."""
        if index is None and self.selected is None and not scroll:
            return  # nothing to change (the common case on Enter)
        previous, self.selected = self.selected, index
        for changed in (previous, index):
            if changed is not None:
                self._rendered.pop(changed, None)
        if index is not None:
            top = self._starts[index]
            bottom = top + len(self._lines_of(index)) - 1
            if top < self.scroll_y:
                self._scroll_to_line(top)
            elif bottom >= self.scroll_y + self.size.height:
                self._scroll_to_line(bottom - self.size.height + 1)
        elif scroll:
            self.follow()
        self.refresh()

    # layout and rendering ----------------------------------------------------------

    def on_resize(self) -> None:
        # Judged by the height the log had: when it shrinks (a notice takes a line) the
        # furthest scroll grows under an unchanged offset, which is not scrolling up.
        height = self._height or self.size.height
        following = self.scroll_offset.y >= self.virtual_size.height - height
        self._height = self.size.height
        if self.size.width != self._width:
            self._relayout()
        if following and self.selected is None:
            self.follow()

    def _relayout(self, from_index: int = 0, keep_rendered: bool = False) -> None:
        """Recount line positions from ``from_index`` (re-rendering unless told to keep)."""
        self._width = self.size.width
        if not keep_rendered:
            self._rendered.clear()
        del self._starts[from_index:]
        for index in range(from_index, len(self.entries)):
            self._place(index)
        self._update_size()
        self.refresh()

    def _place(self, index: int) -> None:
        start = self._starts[index - 1] + len(self._lines_of(index - 1)) if index else 0
        self._starts.append(start)
        self._total = start + len(self._lines_of(index))

    def _update_size(self) -> None:
        if not self.entries:
            self._total = 1
        # No width: lines are cut to fit, so there is never a sideways scrollbar (the full
        # width, counting the vertical scrollbar's column, used to bring one in).
        self.virtual_size = Size(0, self._total)

    def _draw_item(self, index: int) -> list[Strip]:
        return self._render_entry(index)

    def _render_entry(self, index: int) -> list[Strip]:
        entry = self.entries[index]
        body_width = max(10, (self._width or 80) - TIME_WIDTH - 1)
        pieces = self._pieces(entry)
        # Measured piece by piece: each is short, and most are the same few strings.
        length = sum(cell_len(text) for text, _ in pieces)
        rows: list[tuple[list[Segment], int]]
        if length <= body_width and not any("\n" in text for text, _ in pieces):
            # Most entries fit on one line: their pieces are its segments. Building and
            # wrapping a Text for them was most of the cost of drawing one on Enter.
            rows = [([Segment(text, style) for text, style in pieces if text], length)]
        else:
            console = self.app.console
            text = Text.assemble(*pieces, no_wrap=False)
            lines = text.wrap(console, body_width, overflow="fold")
            rows = [(list(line.render(console)), line.cell_len) for line in lines]
        stamp = self.time_of(entry).rjust(TIME_WIDTH - 2)
        time_style = self._style("time")
        selected = self._style("selected") if index == self.selected else None
        strips = self._boundary(index)
        for number, (segments, body_length) in enumerate(rows):
            time_text = (stamp if number == 0 else "").ljust(TIME_WIDTH)
            row = [Segment(time_text, time_style), *segments]
            if selected is not None:
                row = list(Segment.apply_style(row, post_style=selected))
            length = cell_len(time_text) + body_length
            if length < self._width:
                row.append(Segment(" " * (self._width - length)))
            strips.append(Strip(row, max(length, self._width)))
        return strips

    def _boundary(self, index: int) -> list[Strip]:
        """``── Q4 Tell me about… ──`` above the first entry of a question, else nothing."""
        question = self.questions.get(self.entries[index].id)
        if question is None or self.question_label is None:
            return []
        # The question answered last before this entry (marks and the like may have none).
        for before in range(index - 1, max(-1, index - 50), -1):
            previous = self.questions.get(self.entries[before].id)
            if previous is not None:
                if previous == question:
                    return []
                break
        width = self._width or 80
        label = Text(f" ── {visible(self.question_label(question))} ", no_wrap=True)
        label.truncate(width - 3, overflow="ellipsis")
        label.append("─" * max(0, width - label.cell_len))
        label.stylize(self._style("question"))
        return [Strip(label.render(self.app.console)).crop_extend(0, width, None)]

    def _pieces(self, entry: Entry) -> list[Piece]:
        """The entry's text and chips as styled pieces, in order (a subclass adds its own)."""
        pieces: list[Piece] = []
        add = pieces.append
        if entry.kind == "mark":
            add(("▍ moment marked", self._style("mark")))
            if entry.text:
                add((" " + visible(entry.text), PLAIN))
        elif entry.kind == "note":
            add(("note: " + visible(entry.text), self._style("note")))
        else:
            add((visible(entry.text), PLAIN))
        if entry.edited:
            add((" (edited)", self._style("time")))
        for topic in entry.topics:
            add((f"  #{visible(topic)}", self._style("topic")))
        for emotion in entry.emotions:
            mood = {-1: "negative", 1: "positive"}.get(self._valence(emotion), "neutral")
            add((f"  !{visible(emotion)}", self._style(mood)))
        for flag, symbol in FLAG_SYMBOLS:
            if getattr(entry, flag):
                add((f" {symbol}", self._style("star")))
        if entry.author and len(self.authors) > 1:
            add((f"  · {visible(entry.author)}", self._style("time")))
        if entry.id in self.saving:
            add(("  saving…", self._style("saving")))
        return pieces

    def _nothing(self, y: int, width: int) -> Strip:
        if y == 0:
            hint = Text(" Nothing captured yet: type what the customer says, then Enter.")
            hint.stylize(self._style("empty"))
            return Strip(hint.render(self.app.console)).crop_extend(0, width, None)
        return Strip.blank(width)
