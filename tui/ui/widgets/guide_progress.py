"""Where a call is in its guide: the current question, what was asked or skipped, and how
long the current section has run. Plain Python, read by the guide pane and its one line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.store.guides import GuideQuestion, GuideVersion, Tick

MINUTE_MS = 60_000


@dataclass
class GuideProgress:
    """The guide a session follows and how far the call has gone through it."""

    version: GuideVersion
    ticks: dict[int, Tick] = field(default_factory=dict)  # by question id
    current: int | None = 0  # index into ``version.questions``; None: every one done
    # When each section started: its first answer or tick, or when it became current.
    section_start: dict[int, int] = field(default_factory=dict)

    @classmethod
    def resumed(
        cls,
        version: GuideVersion,
        ticks: dict[int, Tick],
        answers: Iterable[tuple[int, int]],  # (question id, entry time), oldest first
        now_ms: int,
    ) -> GuideProgress:
        """The progress of a call being opened: where it was (the question of the newest
        answer, if that one is still open), else the first question not yet done."""
        progress = cls(version, dict(ticks))
        where = {q.id: i for i, q in enumerate(version.questions)}
        newest: int | None = None
        for question_id, at_ms in answers:
            if question_id in where:
                newest = where[question_id]
                progress.answered(question_id, at_ms)
        for tick in ticks.values():
            if tick.question_id in where:
                progress.answered(tick.question_id, tick.asked_at_ms)
        if newest is not None and not progress.done(newest):
            progress.enter(newest, now_ms)
        else:
            progress.enter(progress.next_open(-1), now_ms)
        return progress

    @property
    def questions(self) -> tuple[GuideQuestion, ...]:
        return self.version.questions

    @property
    def question(self) -> GuideQuestion | None:
        return None if self.current is None else self.questions[self.current]

    def done(self, index: int) -> bool:
        return self.questions[index].id in self.ticks

    def next_open(self, after: int) -> int | None:
        """The first question after ``after`` not asked or skipped, wrapping round to the
        start; None when every question is done."""
        count = len(self.questions)
        for index in [*range(after + 1, count), *range(min(after + 1, count))]:
            if not self.done(index):
                return index
        return None

    def enter(self, index: int | None, now_ms: int) -> None:
        """Make question ``index`` current; its section starts now unless it already has."""
        self.current = index
        if index is not None:
            self.section_start.setdefault(self.questions[index].section, now_ms)

    def answered(self, question_id: int, at_ms: int) -> None:
        """An entry (or a tick) at ``at_ms`` belongs to the question: its section had begun."""
        for question in self.questions:
            if question.id == question_id:
                started = self.section_start.get(question.section, at_ms)
                self.section_start[question.section] = min(started, at_ms)
                return

    def index_of(self, question_id: int) -> int | None:
        for index, question in enumerate(self.questions):
            if question.id == question_id:
                return index
        return None

    # the numbers shown ---------------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        """(asked, skipped)."""
        skipped = sum(1 for tick in self.ticks.values() if tick.skipped)
        return len(self.ticks) - skipped, skipped

    def section_minutes(self, now_ms: int) -> tuple[int, int, bool] | None:
        """The current section's (index, minutes used, over its budget), or None."""
        question = self.question
        if question is None:
            return None
        start = self.section_start.get(question.section, now_ms)
        used = max(0, now_ms - start)
        budget = self.version.section_of(question).minutes
        over = budget is not None and used > budget * MINUTE_MS
        return question.section, used // MINUTE_MS, over
