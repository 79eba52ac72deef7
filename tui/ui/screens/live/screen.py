"""The live screen: the clock, the log, and a capture line that costs nothing to use."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from tui.core import collector
from tui.core.capture import parse_capture
from tui.core.clock import ClockState, InterviewClock
from tui.core.models import Draft, Session
from tui.core.text import visible
from tui.ui.screen_base import EarfulScreen
from tui.ui.screens.live.editing import LiveEdits
from tui.ui.screens.live.guide import LiveGuide
from tui.ui.screens.live.hotkeys import LiveKeys
from tui.ui.screens.live.layout import EMOTION_KEYS, LIVE_CSS, TOPIC_KEYS, live_bindings
from tui.ui.screens.live.saving import LiveWrites, about, clocks, with_tags
from tui.ui.widgets.capture_input import CaptureInput, TagSuggester
from tui.ui.widgets.clock import ClockDisplay
from tui.ui.widgets.entry_log import EntryLog
from tui.ui.widgets.hotkey_bar import HotkeyBar, PendingLine

if TYPE_CHECKING:
    from tui.store.store import Store
    from tui.store.writer import WriterState


class LiveScreen(EarfulScreen[None]):
    """The call: its behaviour lives in parts the screen owns, each with one job:
    ``writes`` (everything saved, through the App's writer), ``keys`` (what each chord
    does), ``edits`` (fixing, copying, undo) and ``guide`` (the interview guide, if the
    session follows one). The actions below only route keys."""

    DEFAULT_CSS = LIVE_CSS
    PALETTE_GROUP = "Live capture"
    BINDINGS = live_bindings()

    # The widgets every Enter touches, kept from ``compose`` (a query walks the DOM).
    entry_log: EntryLog
    capture: CaptureInput
    pending: PendingLine

    def __init__(
        self,
        opener: Callable[[Store], Session | None],
        who: str = "",
        goal: str = "",
        clock: ClockState | None = None,
        minutes: int = 30,
    ) -> None:
        super().__init__()
        self._opener = opener
        self._who, self._goal, self._minutes = who, goal, minutes
        self.clock = InterviewClock(clock or ClockState(self.earful.now()), self.earful.now)
        if clock is None:
            self.clock.pause()  # nothing to count until the session is loaded
        self.session: Session | None = None
        self.store: Store | None = None
        self._waiting: list[CaptureInput.Captured] = []
        self._topics: list[str] = []
        self._emotions: list[str] = []
        self._notice_timer: Timer | None = None
        self.writes = LiveWrites(self)
        self.keys = LiveKeys(self)
        self.edits = LiveEdits(self)
        self.guide = LiveGuide(self)

    @property
    def clock_display(self) -> ClockDisplay:
        return self.query_one(ClockDisplay)

    # the keys, routed to the part that does them -------------------------------------

    def action_topic(self, slot: int) -> None:
        self.keys.tag("topic", slot)

    def action_emotion(self, slot: int) -> None:
        self.keys.tag("emotion", slot)

    def action_flag(self, flag: str) -> None:
        self.keys.flag(flag)

    def action_toggle_note(self) -> None:
        self.keys.toggle_note()

    def action_mark(self) -> None:
        self.keys.mark()

    def action_recording(self) -> None:
        self.keys.recording()

    def action_pause(self) -> None:
        self.keys.pause()

    def action_end(self) -> None:
        self.keys.end()

    def action_select(self, step: int) -> None:
        self.keys.select(step)

    def action_unselect(self) -> None:
        self.keys.unselect()

    def action_scroll_log(self, pages: int) -> None:
        self.keys.scroll_log(pages)

    def action_undo(self) -> None:
        self.edits.undo()

    def action_redo(self) -> None:
        self.edits.redo()

    def action_copy_entry(self) -> None:
        self.edits.copy_entry()

    def action_edit_entry(self) -> None:
        self.edits.edit_entry()

    def action_snapshot(self) -> None:
        self.edits.snapshot()

    async def action_guide(self, what: str, step: int = 0) -> None:
        if what != "show":
            await self.capture.caught_up()  # keys typed before it belong to the question before
        self.guide.key(what, step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a guide its keys are off: ctrl+k and ctrl+e go on to the capture line.
        return self.guide.progress is not None or action != "guide"

    def on_resize(self) -> None:
        self.guide.arrange()

    def palette_title(self, binding: Binding) -> str:
        return self.keys.palette_title(binding)

    # what the App asks of a live screen ----------------------------------------------

    def reload_log(self) -> None:
        self.edits.reload_log()

    def writer_state(self, state: WriterState) -> None:
        self.writes.writer_state(state)

    def on_screen_resume(self) -> None:
        self.reload_log()  # the snapshot screen may have changed entries

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(Content(visible(self._who) or "Opening…"), id="who")
            yield ClockDisplay(self.clock, self._minutes)
        yield Static(Content(f"Goal: {visible(self._goal)}" if self._goal else ""), id="goal")
        with Horizontal(id="body"):
            self.entry_log = EntryLog(self.earful.valence)
            yield self.entry_log
            # The guide pane goes here, and its one line under #reach: mounted by
            # ``self.guide`` for a session that follows a guide, so the others never pay.
        yield Static(id="reach")
        self.pending = PendingLine()
        yield self.pending
        self.capture = CaptureInput(
            self._clock_ms,
            placeholder="Type what they say, Enter to save · #topic !emotion at the end tags it",
            suggester=TagSuggester(lambda: self._topics, lambda: self._emotions),
            select_on_focus=False,
        )
        yield self.capture
        yield Static(id="notice")
        yield HotkeyBar()

    def show_keys(self) -> None:
        """The hotkey bar: tag keys by the tags they toggle now, and the other chords."""
        hotkeys = self.earful.hotkeys
        paused = self.clock.paused
        self.query_one(HotkeyBar).show(
            [
                (self.key_of(f"live.topic-{n + 1}", k), t)
                for n, (k, t) in enumerate(zip(TOPIC_KEYS, hotkeys["topic"], strict=False))
            ],
            [
                (self.key_of(f"live.emotion-{n + 1}", k), e)
                for n, (k, e) in enumerate(zip(EMOTION_KEYS, hotkeys["emotion"], strict=False))
            ],
            # The other chords, as text: a Footer's widget per key would make every
            # layout pass (one per keystroke) and the first frame slower.
            [
                (
                    self.key_of(b.id or "", b.key),
                    "Resume" if paused and b.id == "live.pause" else b.description,
                )
                for b in self.BINDINGS
                if isinstance(b, Binding) and b.show and b.description
            ]
            + self.guide.chords()
            + [("ctrl+p", "all keys")],
        )

    def on_mount(self) -> None:
        self.show_keys()
        self.show_target()
        self.capture.focus()
        self.earful.when_connected(self._connect)

    # loading -----------------------------------------------------------------------

    def _connect(self, store: Store) -> None:
        try:
            session = self._opener(store)
        except KeyError:  # deleted meanwhile, e.g. from another window
            self.notify("That interview no longer exists.", severity="error")
            self.earful.show_home()
            return
        except sqlite3.Error as error:  # e.g. another program holds the database
            self.notify(
                f"Could not open the interview: {error}. Try again in a moment.",
                severity="error",
                markup=False,
            )
            self.earful.show_home()
            return
        if session is None:
            return
        self.store, self.session = store, session
        self.clock = InterviewClock(session.clock, self.earful.now)
        if self.clock.ended:
            # Continuing is explicit: the time it was closed counts as a pause, and the
            # clock waits for F10 rather than running on from the last entry.
            self.clock.reopen()
            self.clock.pause()
            at, session_id = self.earful.now(), session.id
            reopen = clocks().reopen_clock
            writes = self.writes
            writes.submit(lambda store: reopen(store, session_id, at), writes.adopt_clock)
            self.notify("This interview had ended. It continues paused: F10 starts the clock.")
        clock_widget = self.query_one(ClockDisplay)
        clock_widget.clock, clock_widget.planned_minutes = self.clock, session.planned_minutes
        clock_widget.recording_at_ms = session.recording_at_ms
        self.show_keys()
        self.query_one("#who", Static).update(
            Content.from_markup("[b]$who[/b]", who=visible(session.participant.label))
        )
        self.query_one("#goal", Static).update(
            Content(f"Goal: {visible(session.goal)}" if session.goal else "No goal set")
        )
        self._topics = store.tag_names("topic")
        self._emotions = store.tag_names("emotion")
        log = self.entry_log
        log.recording_at_ms = session.recording_at_ms
        entries = store.entries(session.id)
        log.set_entries(entries)
        self.guide.load(store, session.id, entries)
        if session.draft_text:
            draft = Draft.from_tokens(session.draft_kind, session.draft_tags)
            self.capture.restore(session.draft_text, session.draft_at_ms, draft)
            self.notify("Your unsaved draft is back in the capture line.")
        self.writes.draft_is_saved()
        self.set_interval(1.0, self.writes.save_draft)  # for changes that are not keys (chips)
        self.capture.on_typing = self.writes.save_draft
        self.refresh_reach()
        self.show_target()
        for waiting in self._waiting:
            self._save(waiting)
        self._waiting.clear()
        collector.settled()  # the interview now loaded lives as long as the screen

    # capturing ---------------------------------------------------------------------

    def _clock_ms(self) -> int:
        return self.clock.elapsed_ms()

    def lead(self, at_ms: int) -> int:
        """The time to stamp: ``at_ms`` less the configured lead."""
        return max(0, at_ms - self.earful.config.lead_seconds * 1000)

    def on_capture_input_captured(self, message: CaptureInput.Captured) -> None:
        if self.store is None:
            self._waiting.append(message)
        else:
            self._save(message)

    def _save(self, message: CaptureInput.Captured) -> None:
        line = parse_capture(message.text)
        draft = message.draft
        topics = list(dict.fromkeys([*draft.topics, *line.topics]))
        emotions = list(dict.fromkeys([*draft.emotions, *line.emotions]))
        if not line.text.strip():
            self._tag_selected(topics, emotions)
            return
        at_ms = self.lead(message.started_ms)
        question = self.guide.take_question()
        self.writes.save_entry(
            draft.kind, line.text, at_ms, topics, emotions, draft.flags, question_id=question
        )
        self.guide.answered(question, at_ms)
        self._learn(topics, emotions)
        self.show_target()

    def _tag_selected(self, topics: list[str], emotions: list[str]) -> None:
        target = self.entry_log.selected_entry
        if target is None:
            self.notify("Nothing to tag yet: save an entry first.", severity="warning")
            return
        chips = " ".join([*(f"#{t}" for t in topics), *(f"!{e}" for e in emotions)])
        self.writes.change_entry(
            target,
            f"adding {chips} to {about(target)}",
            with_tags(target, topics, emotions),
            lambda store, entry_id: store.add_tags(entry_id, topics, emotions),
        )
        self._learn(topics, emotions)

    def _learn(self, topics: list[str], emotions: list[str]) -> None:
        self._topics += [t for t in topics if t not in self._topics]
        self._emotions += [e for e in emotions if e not in self._emotions]

    def on_capture_input_draft_changed(self) -> None:
        capture = self.capture
        capture.set_class(capture.draft.kind == "note", "-note")
        self.show_target()

    def show_target(self) -> None:
        """Say over the capture line what is pending and which entry the F-keys tag."""
        capture, log = self.capture, self.entry_log
        entry = log.selected_entry
        if capture.value.strip():
            target = "this entry"
        elif entry is None:
            target = "nothing yet"
        else:
            text = visible(entry.text) or {"mark": "moment marked"}.get(entry.kind, "")
            target = f"{log.time_of(entry)} {text}"
        pending, selecting = self.pending, log.selected is not None
        if pending.has_class("-selecting") != selecting:
            pending.set_class(selecting, "-selecting")
        pending.show(capture.draft.kind, capture.draft.as_tokens(), target)

    def on_screen_suspend(self) -> None:
        self.writes.save_draft()  # leaving for another screen within a second of typing

    def show_notice(self, message: str, severity: str, timeout: float | None) -> None:
        """Show a notice for a few seconds on the line under the log (never markup)."""
        notice = self.query_one("#notice", Static)
        notice.update(Content(visible(message)))
        for level in ("warning", "error"):
            notice.set_class(severity == level, f"-{level}")
        self.add_class("-notice")
        if self._notice_timer is not None:
            self._notice_timer.stop()
            self._notice_timer = None
        if timeout == 0:
            return  # stays until replaced: a state, not an event
        seconds = timeout if timeout is not None else (10 if severity == "error" else 5)
        self._notice_timer = self.set_timer(seconds, self.hide_notice)

    def hide_notice(self) -> None:
        self.remove_class("-notice")

    # the live counter --------------------------------------------------------------

    def refresh_reach(self) -> None:
        """For each topic of this session: how many participants ever raised it."""
        if self.store is None:
            return
        from tui.store.reach import participant_count, reach  # the store is open: loaded

        log = self.entry_log
        used = list(dict.fromkeys(t for e in log.entries for t in e.topics))
        found = reach(self.store, "topic", used) if used else {}
        total = participant_count(self.store)
        parts = [f"#{visible(name)} · {count} of {total}" for name, count in found.items()]
        # One fixed line: no layout pass for the screen (this runs after every save).
        self.query_one("#reach", Static).update(
            Content("Across interviews: " + "   ".join(parts)) if parts else Content(""),
            layout=False,
        )
