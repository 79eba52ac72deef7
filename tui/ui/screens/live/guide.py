"""The guide during the call: tick, skip and move through the questions, link each entry to
the question current at its first keystroke, and offer that question's topic.

Owned by the live screen, like its writes, keys and edits. A session without a guide never
gets past ``load``: the pane and the line are never mounted and the keys fall through to
the capture line.
Every tick goes through the App's writer (the screen shows it at once) and is undoable.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from tui.core.models import Draft, Entry
from tui.core.recording import shown_time
from tui.core.undo import Change

if TYPE_CHECKING:
    from tui.store.guides import GuideQuestion, Tick
    from tui.store.store import Store
    from tui.ui.screens.live.screen import LiveScreen
    from tui.ui.widgets.guide_pane import GuideLine, GuidePane
    from tui.ui.widgets.guide_progress import GuideProgress

WIDE = 100  # from this many columns the guide sits beside the log; below, one line of it


class LiveGuide:
    """Owned by the live screen: the guide it follows, if any."""

    def __init__(self, screen: LiveScreen) -> None:
        self.screen = screen
        self.progress: GuideProgress | None = None
        self.typing_question: int | None = None  # current when this entry's typing began
        self._offered = ""  # the topic chip put on the entry being typed
        self._full: bool | None = None  # F1's choice; None: the pane when wide enough

    @property
    def pane(self) -> GuidePane:
        from tui.ui.widgets.guide_pane import GuidePane

        return self.screen.query_one(GuidePane)

    @property
    def line(self) -> GuideLine:
        from tui.ui.widgets.guide_pane import GuideLine

        return self.screen.query_one(GuideLine)

    def now_ms(self) -> int:
        return self.screen.clock.elapsed_ms()

    # loading -------------------------------------------------------------------------

    def load(self, store: Store, session_id: int, entries: list[Entry]) -> None:
        """Follow the session's guide, if it has one: ticks and current question restored."""
        from tui.store import guides

        try:
            version = guides.session_guide(store, session_id)
            if version is None:
                return
            ticks = guides.ticks(store, session_id)
            links = guides.entry_questions(store, session_id)
        except sqlite3.Error as error:
            self.screen.notify(f"Could not read the guide: {error}", severity="error")
            return
        # Imported and mounted only now: a session without a guide never pays for them.
        from tui.ui.widgets.guide_pane import GuideLine, GuidePane
        from tui.ui.widgets.guide_progress import GuideProgress

        answers = [(links[e.id], e.at_ms) for e in entries if e.id in links]
        self.progress = GuideProgress.resumed(version, ticks, answers, self.now_ms())
        self.screen.query_one("#body").mount(GuidePane())  # beside the log
        self.screen.mount(GuideLine(), after="#reach")  # over the pending line
        log = self.screen.entry_log
        log.question_label = self.label
        log.set_questions(links)
        for widget in (self.pane, self.line):
            widget.now_ms = self.now_ms
        self.pane.time_of = lambda at_ms: shown_time(at_ms, log.recording_at_ms)
        self.screen.capture.on_start = self.started
        self.screen.add_class("-guided")
        self.arrange()
        self.pane.show(self.progress)
        self.line.show(self.progress)
        self.screen.show_keys()  # with the guide's keys
        self.screen.set_interval(1.0, self.minute_passed)

    def reload(self) -> None:
        """Read the ticks again (after a failed write), keeping the current question."""
        screen, progress = self.screen, self.progress
        if progress is None or screen.store is None or screen.session is None:
            return
        from tui.store import guides

        try:
            progress.ticks = guides.ticks(screen.store, screen.session.id)
        except sqlite3.Error:
            return
        self.show()

    def label(self, question_id: int) -> str:
        """How the log names a question at its first answer: "Q4 Tell me about…"."""
        progress = self.progress
        index = None if progress is None else progress.index_of(question_id)
        if progress is None or index is None:
            return "a question of another guide"
        question = progress.questions[index]
        return f"Q{question.number} {question.text}"

    # what shows where --------------------------------------------------------------

    def arrange(self) -> None:
        """The pane beside the log when wide (over it when narrow), else the one line."""
        screen = self.screen
        wide = screen.size.width >= WIDE
        full = self._full if self._full is not None else wide
        guided = self.progress is not None
        screen.set_class(not wide, "-narrow")
        screen.set_class(guided and full, "-guide-full")
        screen.set_class(guided and not full, "-guide-line")

    def toggle(self) -> None:
        """F1: the whole guide, or back to one line of it."""
        self._full = not self.screen.has_class("-guide-full")
        self.arrange()
        if self._full:
            self.pane.call_after_refresh(self.pane.bring_current_into_view)

    def show(self, *changed: int | None) -> None:
        if self.progress is None:
            return
        if changed:
            self.pane.changed(*changed)
        else:
            self.pane.show(self.progress)
        self.line.show()

    def minute_passed(self) -> None:
        self.pane.minute_passed()
        self.line.minute_passed()

    def chords(self) -> list[tuple[str, str]]:
        """The guide's keys for the hotkey bar, when there is a guide."""
        if self.progress is None:
            return []
        key = self.screen.key_of
        return [
            (key("live.guide-asked", "ctrl+k"), "Asked"),
            (key("live.guide-skip", "ctrl+e"), "Skip"),
            (key("live.guide-show", "f1"), "Guide"),
        ]

    # typing ------------------------------------------------------------------------

    def started(self, draft: Draft) -> None:
        """Typing of an entry began: it answers the current question, and is offered that
        question's topic (kept unless its F-key takes it off again)."""
        question = self.progress.question if self.progress is not None else None
        self.typing_question = question.id if question is not None else None
        topic = question.question.topic if question is not None else ""
        if self._offered and self._offered != topic and self._offered in draft.topics:
            draft.topics.remove(self._offered)  # offered for a question no longer current
        if topic and topic not in draft.topics:
            draft.topics.append(topic)
        self._offered = topic

    def take_question(self) -> int | None:
        """The question of the entry being saved (and none for the next until it starts)."""
        question, self.typing_question = self.typing_question, None
        self._offered = ""
        return question

    def current_id(self) -> int | None:
        question = self.progress.question if self.progress is not None else None
        return None if question is None else question.id

    def answered(self, question_id: int | None, at_ms: int) -> None:
        """An entry was saved for the question: its section had begun by then."""
        if self.progress is not None and question_id is not None:
            self.progress.answered(question_id, at_ms)
            self.minute_passed()

    # the keys ----------------------------------------------------------------------

    def key(self, what: str, step: int = 0) -> None:
        if what == "asked":
            self.asked()
        elif what == "skip":
            self.skip()
        elif what == "move":
            self.move(step)
        else:
            self.toggle()

    def asked(self) -> None:
        """ctrl+k: the current question was asked, and the next open one is current; on a
        question already asked, the tick comes off again."""
        found = self._current()
        if found is None:
            return
        index, question, before = found
        if before is not None and not before.skipped:
            self._change(index, None, f"unticking {_about(question)}")
            return
        tick = _tick(question.id, self.now_ms(), skipped=False)
        self._change(index, tick, f"ticking {_about(question)}")

    def skip(self) -> None:
        """ctrl+e: pass over the current question (again: it is open once more)."""
        found = self._current()
        if found is None:
            return
        index, question, before = found
        if before is not None and before.skipped:
            self._change(index, None, f"unskipping {_about(question)}")
            return
        tick = _tick(question.id, self.now_ms(), skipped=True)
        self._change(index, tick, f"skipping {_about(question)}")

    def move(self, step: int) -> None:
        """ctrl+↓ / ctrl+↑: the next or previous question, ticking nothing."""
        progress = self.progress
        if progress is None:
            return
        last = len(progress.questions) - 1
        was = progress.current
        index = min(last, max(0, (last + 1 if was is None else was) + step))
        progress.enter(index, self.now_ms())
        self.show(was, index)

    def _current(self) -> tuple[int, GuideQuestion, Tick | None] | None:
        progress = self.progress
        if progress is None or self.screen.session is None:
            return None
        if progress.current is None:
            self.screen.notify(
                "Every question is asked or skipped: ctrl+↑ goes back to one.", severity="warning"
            )
            return None
        question = progress.questions[progress.current]
        return progress.current, question, progress.ticks.get(question.id)

    def _change(self, index: int, tick: Tick | None, label: str) -> None:
        """Show the question's new state now and save it, as one undoable step: a tick or
        skip moves on to the next open question, taking one off stays on it."""
        progress = self.progress
        assert progress is not None
        question_id = progress.questions[index].id
        before, was_current = progress.ticks.get(question_id), progress.current

        def put(state: Tick | None, to: int | None) -> None:
            moved_from = progress.current
            if state is None:
                progress.ticks.pop(question_id, None)
            else:
                progress.ticks[question_id] = state
            progress.enter(to, self.now_ms())
            self.show(index, moved_from)
            self._save(question_id, state)

        if tick is None:
            current: int | None = index
            put(None, index)
        else:
            progress.ticks[question_id] = tick
            current = progress.next_open(index)
            put(tick, current)
        self.screen.earful.undo.record(
            Change(label, redo=lambda: put(tick, current), undo=lambda: put(before, was_current))
        )

    def _save(self, question_id: int, tick: Tick | None) -> None:
        assert self.screen.session is not None
        session_id = self.screen.session.id

        def run(store: Store) -> Tick | None:
            from tui.store import guides

            return guides.set_tick(store, session_id, question_id, tick)

        from tui.store.writer import Job

        self.screen.earful.writer.submit(Job(run, None, self._failed))

    def _failed(self, error: Exception) -> None:
        self.screen.earful.notify(f"Not saved: {error}", severity="error", markup=False)
        if self.screen.is_attached:  # else the interview has ended meanwhile
            self.reload()


def _tick(question_id: int, at_ms: int, skipped: bool) -> Tick:
    from tui.store.guides import Tick

    return Tick(question_id, at_ms, skipped)


def _about(question: GuideQuestion) -> str:
    text = " ".join(question.text.split())
    short = f"“{text[:32]}…”" if len(text) > 32 else f"“{text}”"
    return f"Q{question.number} {short}"
