"""The experience map grouped by guide question: each question as a heading, the entries
that answered it under it, questions not asked shown as such, entries linked to no
question last.

The headings belong to the entry drawn after them (the last entry also carries any
headings after it), so the map's one-entry-per-block layout, selection and scrolling are
the experience map's own.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.strip import Strip

from tui.core.clock import format_ms
from tui.core.models import Entry
from tui.core.session_guide import SessionGuide
from tui.core.text import visible
from tui.ui.widgets.experience_map import ExperienceMap


def coverage_text(guide: SessionGuide | None) -> Content:
    """How much of the guide was asked, and the questions that were not (skipped ones
    marked), so the next interview can pick them up."""
    if guide is None:
        return Content("")
    asked, total = len(guide.asked()), len(guide.questions)
    heading = Content.styled(f"Guide: asked {asked} of {total}\n", "bold $text-accent")
    if asked == total:
        return heading + Content("Every question asked.")
    lines = []
    for number in guide.not_asked():
        text = f"Q{number} {visible(guide.question(number).text)}"
        lines.append(Content(f"– {text} (skipped)" if guide.ticks.get(number) else f"○ {text}"))
    return heading + Content("\n").join(lines)


def by_question(
    entries: list[Entry], guide: SessionGuide
) -> tuple[list[Entry], dict[int, list[tuple[str, str]]], list[tuple[str, str]]]:
    """Entries in guide order (time order within a question), the headings before each
    (index → [(text, style)]), and the headings left after the last entry."""
    groups: dict[int | None, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(guide.answers.get(entry.id), []).append(entry)
    ordered: list[Entry] = []
    before: dict[int, list[tuple[str, str]]] = {}
    waiting: list[tuple[str, str]] = []
    for number, question in enumerate(guide.questions, start=1):
        tick = guide.ticks.get(number)
        if tick is None:
            state, style = "not asked", "missing"
        elif tick.skipped:
            state, style = "skipped", "missing"
        else:
            state, style = f"✓ {format_ms(tick.at_ms)}", "heading"
        waiting.append((f"Q{number} {visible(question.text)} · {state}", style))
        mine = groups.pop(number, [])
        if mine:
            before[len(ordered)] = waiting
            waiting = []
            ordered += mine
    rest = [e for key, group in groups.items() for e in group if key is not None]
    rest += groups.get(None, [])
    if rest:
        before[len(ordered)] = [*waiting, ("Not linked to a question", "heading")]
        waiting = []
        ordered += sorted(rest, key=lambda e: (e.at_ms, e.id))
    return ordered, before, waiting


class QuestionMap(ExperienceMap):
    """An experience map that can show its entries grouped by guide question."""

    COMPONENT_CLASSES = {"question-map--heading", "question-map--missing"}
    DEFAULT_CSS = """
    QuestionMap > .question-map--heading { color: $text-accent; text-style: bold; }
    QuestionMap > .question-map--missing { color: $warning; text-style: bold; }
    """

    _before: dict[int, list[tuple[str, str]]] = {}
    _after: list[tuple[str, str]] = []

    def group(self, entries: list[Entry], guide: SessionGuide | None) -> list[Entry]:
        """Entries in the order to show them; with a guide, its headings go in between."""
        if guide is None:
            self._before, self._after = {}, []
            return entries
        ordered, self._before, self._after = by_question(entries, guide)
        return ordered

    def _headings(self, index: int) -> tuple[list[Strip], list[Strip]]:
        before = self._before.get(index, [])
        after = self._after if index == len(self.entries) - 1 else []
        return self._draw(before), self._draw(after)

    def _draw(self, headings: list[tuple[str, str]]) -> list[Strip]:
        strips: list[Strip] = []
        width = max(10, (self._width or 80) - 2)  # a cell in, like the times
        console = self.app.console
        for words, style in headings:
            text = Text(words, style=self.get_component_rich_style(f"question-map--{style}"))
            for line in text.wrap(console, width, overflow="fold"):
                row = Text.assemble(" ", line)
                strips.append(Strip(row.render(console)).extend_cell_length(self._width))
        return strips

    def _render_entry(self, index: int) -> list[Strip]:
        before, after = self._headings(index)
        return [*before, *super()._render_entry(index), *after]

    def _line_count(self, index: int) -> int:
        drawn = self._rendered.get(index)
        if drawn is not None:
            return len(drawn)
        if not self._before and not self._after:
            return super()._line_count(index)
        before, after = self._headings(index)
        return len(before) + super()._line_count(index) + len(after)
