"""The interview guide during the call: the whole guide as a pane, or one line of it.

Both only redraw when the call moves through the guide (a tick, a skip, a move) or the
current section's minute changes, never on a keystroke. The pane is virtualised like the
entry log: only the lines on screen render, and a tick re-renders just the questions and
section headings it changed. Guide text is user text: always through ``visible()``, never
markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Static

from tui.core.text import visible
from tui.ui.widgets.guide_progress import GuideProgress
from tui.ui.widgets.virtual_lines import VirtualLines

PREFIX = 7  # "▶✓ Q12 " before a question's words; wrapped lines are indented as far
Block = tuple[str, int]  # ("head", 0), ("section", index) or ("question", index)


class GuidePane(VirtualLines, can_focus=False):
    """Every section and question; the current one highlighted with its probes and asker,
    the asked ones ticked with their time, the current section's minutes against its
    budget (in the clock's over-time colour when over)."""

    STYLE_PREFIX = "guide-pane"
    BACKGROUNDS = frozenset({"current"})

    COMPONENT_CLASSES = {
        "guide-pane--head",
        "guide-pane--section",
        "guide-pane--over",
        "guide-pane--current",
        "guide-pane--done",
        "guide-pane--probe",
        "guide-pane--asker",
        "guide-pane--topic",
        "guide-pane--time",
    }

    DEFAULT_CSS = """
    GuidePane { background: $surface; scrollbar-size-vertical: 1; border-left: vkey $panel; }
    GuidePane > .guide-pane--head { text-style: bold; }
    GuidePane > .guide-pane--section { color: $earful-muted; text-style: bold; }
    GuidePane > .guide-pane--over { color: $earful-clock-over; text-style: bold; }
    GuidePane > .guide-pane--current { background: $earful-selected; text-style: bold; }
    GuidePane > .guide-pane--done { color: $earful-muted; }
    GuidePane > .guide-pane--probe { color: $earful-muted; }
    GuidePane > .guide-pane--asker { color: $earful-star; }
    GuidePane > .guide-pane--topic { color: $earful-topic; }
    GuidePane > .guide-pane--time { color: $earful-muted; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.progress: GuideProgress | None = None
        self.now_ms: Callable[[], int] = lambda: 0
        self.time_of: Callable[[int], str] = str
        self._blocks: list[Block] = []
        self._minutes: tuple[int, int, bool] | None = None
        self._settling = False  # changed lines wait to be drawn, after the key that did it

    def show(self, progress: GuideProgress) -> None:
        """Show this guide, whole (on load, or after an undo)."""
        self.progress = progress
        self._blocks = [("head", 0)]
        section = -1
        for index, question in enumerate(progress.questions):
            if question.section != section:
                section = question.section
                self._blocks.append(("section", section))
            self._blocks.append(("question", index))
        self._minutes = progress.section_minutes(self.now_ms())
        self._relayout()
        self.call_after_refresh(self.bring_current_into_view)

    def changed(self, *questions: int | None) -> None:
        """These questions' state changed (and the current one may have moved)."""
        progress = self.progress
        if progress is None:
            return
        touched = {("head", 0)}
        for index in (*questions, progress.current):
            if index is not None:
                touched.add(("question", index))
                touched.add(("section", progress.questions[index].section))
        self._minutes = progress.section_minutes(self.now_ms())
        for number, block in enumerate(self._blocks):
            if block in touched:
                self._rendered.pop(number, None)
        # Drawn once the key is done: the capture line's next keys need not wait for it.
        if not self._settling:
            self._settling = True
            self.call_later(self.settle)

    def settle(self) -> None:
        """Draw the lines changed since, and keep the current question in view."""
        self._settling = False
        self._relayout(keep_rendered=True)
        self.bring_current_into_view()

    def minute_passed(self) -> None:
        """Redraw the current section's heading if its minutes (or over-ness) changed."""
        progress = self.progress
        if progress is None:
            return
        minutes = progress.section_minutes(self.now_ms())
        if minutes != self._minutes:
            self._minutes = minutes
            if minutes is not None:
                self._rendered.pop(self._blocks.index(("section", minutes[0])), None)
            self.refresh()

    def bring_current_into_view(self) -> None:
        progress = self.progress
        if progress is None or progress.current is None or not self._starts:
            return
        number = self._blocks.index(("question", progress.current))
        top = self._starts[number]
        bottom = top + len(self._lines_of(number)) - 1
        height = self.size.height
        if top < self.scroll_y or bottom >= self.scroll_y + height:
            # The section heading above it too, when it fits.
            wanted = max(0, top - 1) if bottom - top + 2 <= height else top
            self.scroll_to(y=wanted, animate=False, immediate=True, force=True)

    # layout and rendering ----------------------------------------------------------

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._relayout()
            self.bring_current_into_view()

    def _relayout(self, keep_rendered: bool = False) -> None:
        self._width = self.size.width
        if not keep_rendered:
            self._rendered.clear()
        self._starts = []
        total = 0
        for number in range(len(self._blocks)):
            self._starts.append(total)
            total += len(self._lines_of(number))
        self._total = total
        self.virtual_size = Size(0, total)
        self.refresh()

    def _draw_item(self, number: int) -> list[Strip]:
        progress = self.progress
        assert progress is not None
        kind, index = self._blocks[number]
        width = max(12, self._width or 40)
        if kind == "question":
            return self._question(index, width)
        if kind == "section":
            return [self._strip(self._section(index), width)]
        asked, skipped = progress.counts()
        head = Text(f" {visible(progress.version.name)}", self._style("head"))
        head.append(f" · asked {asked} of {len(progress.questions)}", self._style("time"))
        if skipped:
            head.append(f", {skipped} skipped", self._style("time"))
        return [self._strip(head, width)]

    def _section(self, index: int) -> Text:
        progress = self.progress
        assert progress is not None
        section = progress.version.guide.sections[index]
        title = visible(section.title) or "Opening"
        text = Text(f" {index + 1}. {title}", self._style("section"))
        minutes = self._minutes
        if minutes is not None and minutes[0] == index:
            _, used, over = minutes
            budget = f"{used} of {section.minutes} min" if section.minutes else f"{used} min"
            text.append(f" · {budget}", self._style("over" if over else "time"))
        elif section.minutes:
            text.append(f" · {section.minutes} min", self._style("time"))
        return text

    def _question(self, index: int, width: int) -> list[Strip]:
        progress = self.progress
        assert progress is not None
        stored = progress.questions[index]
        question = stored.question
        tick = progress.ticks.get(stored.id)
        current = index == progress.current
        mark = "–" if tick is not None and tick.skipped else "✓" if tick is not None else " "
        number = f"Q{stored.number}"
        prefix = f"{'▶' if current else ' '}{mark} {number}".ljust(PREFIX - 1) + " "
        body = Text(visible(question.text), self._style("done") if tick else "")
        if question.topic:
            body.append(f"  #{visible(question.topic)}", self._style("topic"))
        if question.asker:
            body.append(f"  @{visible(question.asker)}", self._style("asker"))
        if tick is not None:  # the mark in front says asked (✓) or skipped (–)
            body.append(f"  {self.time_of(tick.asked_at_ms)}", self._style("time"))
        console = self.app.console
        body_width = max(6, width - len(prefix))
        rows = [
            (prefix if n == 0 else " " * len(prefix), line)
            for n, line in enumerate(body.wrap(console, body_width, overflow="fold"))
        ]
        if current:
            for probe in question.probes:
                wrapped = Text(f"· {visible(probe)}", self._style("probe"))
                rows += [
                    (" " * len(prefix), line)
                    for line in wrapped.wrap(console, body_width, overflow="fold")
                ]
        strips = []
        for lead, line in rows:
            row = Text.assemble(Text(lead, self._style("asker") if current else ""), line)
            if current:
                row.stylize(self._style("current"))
            strips.append(self._strip(row, width))
        return strips

    def _strip(self, text: Text, width: int) -> Strip:
        """One line of ``width`` cells (cut with an ellipsis if it is longer)."""
        if text.cell_len > width:
            text.truncate(width, overflow="ellipsis")
        return Strip(text.render(self.app.console)).extend_cell_length(width)


class GuideLine(Static):
    """The guide in one line, for a narrow terminal or with the pane hidden:
    ``Q4/12 · Tell me about the last time… @ada · section 2: 7 of 15 min``."""

    DEFAULT_CSS = """
    GuideLine { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.progress: GuideProgress | None = None
        self.now_ms: Callable[[], int] = lambda: 0
        self._minutes: tuple[int, int, bool] | None = None

    def show(self, progress: GuideProgress | None = None) -> None:
        if progress is not None:
            self.progress = progress
        if self.progress is None:
            return
        self._minutes = self.progress.section_minutes(self.now_ms())
        self.update(self._line(self.content_size.width or 78), layout=False)

    def minute_passed(self) -> None:
        if self.progress is not None and self.progress.section_minutes(self.now_ms()) != (
            self._minutes
        ):
            self.show()

    def on_resize(self) -> None:
        self.show()

    def _line(self, width: int) -> Content:
        progress = self.progress
        assert progress is not None
        total = len(progress.questions)
        stored = progress.question
        if stored is None:
            asked, skipped = progress.counts()
            return Content.assemble(
                (f"All {total} questions done", "bold"),
                f" ({asked} asked, {skipped} skipped) · ctrl+↑ goes back to one",
            )
        question = stored.question
        tick = progress.ticks.get(stored.id)
        state = "" if tick is None else "– " if tick.skipped else "✓ "
        head = f"{state}Q{stored.number}/{total}"
        asker = f" @{visible(question.asker)}" if question.asker else ""
        section = ""
        over = False
        if self._minutes is not None:
            index, used, over = self._minutes
            budget = progress.version.guide.sections[index].minutes
            section = f" · section {index + 1}: {used}" + (
                f" of {budget} min" if budget else " min"
            )
        room = width - len(head) - 3 - cell_len(asker) - len(section)
        text = Content(visible(question.text)).truncate(max(2, room), ellipsis=True)
        return Content.assemble(
            (head, "bold"),
            " · ",
            text,
            (asker, "$earful-star"),
            (section, "bold $earful-clock-over" if over else "$text-muted"),
        )
