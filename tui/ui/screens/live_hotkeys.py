"""The live screen's chords: tags, emotions, flags, note/quote, marks, the clock."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from tui.core.clock import InterviewClock, format_ms
from tui.core.models import Draft, Entry, TagKind
from tui.core.undo import Change
from tui.ui.screens.live_saving import about, clocks, with_flag, with_tag
from tui.ui.widgets.capture_input import CaptureInput
from tui.ui.widgets.clock import ClockDisplay
from tui.ui.widgets.entry_log import EntryLog

if TYPE_CHECKING:
    from tui.core.models import Session
    from tui.store.store import Store
    from tui.ui.app import EarfulApp

HOTKEY_SLOTS = 4
FLAG_LABELS = {"starred": "the star", "follow_up": "follow-up", "testimonial": "testimonial"}


class LiveHotkeys:
    """Mixed into LiveScreen. A chord applies to the entry being typed, else to the
    selected entry (the last one by default), saved at once."""

    if TYPE_CHECKING:
        store: Store | None
        session: Session | None
        clock: InterviewClock
        earful: EarfulApp

        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def _lead(self, at_ms: int) -> int: ...
        def _refresh_reach(self) -> None: ...
        def save_draft(self) -> None: ...
        def show_target(self) -> None: ...
        def show_keys(self) -> None: ...
        def submit(self, run: Any, done: Any = None, record: Any = None) -> None: ...
        def adopt_clock(self, state: Any) -> None: ...
        def save_entry(self, kind: Any, text: str, at_ms: int, *args: Any) -> Entry: ...
        def change_entry(self, entry: Entry, label: str, shown: Entry, change: Any) -> None: ...

    def _target(self) -> Entry | None:
        """The entry a hotkey applies to when nothing is being typed."""
        entry = self.query_one(EntryLog).selected_entry
        if entry is None:
            self.notify("Nothing captured yet.", severity="warning")
        return entry

    def _typing(self) -> bool:
        return bool(self.query_one(CaptureInput).value.strip())

    def _toggle_tag(self, kind: TagKind, names: list[str], slot: int) -> None:
        if slot >= len(names):
            self.notify(f"No {kind} on that key: add one in the config.", severity="warning")
            return
        name = names[slot]
        capture = self.query_one(CaptureInput)
        if self._typing():
            capture.change_draft(
                lambda d: d.toggle(d.topics if kind == "topic" else d.emotions, name)
            )
            return
        if self.session is None or (entry := self._target()) is None:
            return
        sigil = "#" if kind == "topic" else "!"
        had = name in (entry.topics if kind == "topic" else entry.emotions)
        label = f"{'removing' if had else 'adding'} {sigil}{name} {'on' if had else 'to'}"
        self.change_entry(
            entry,
            f"{label} {about(entry)}",
            with_tag(entry, kind, name),
            lambda store, entry_id: store.toggle_tag(entry_id, kind, name),
        )

    def action_topic(self, slot: int) -> None:
        self._toggle_tag("topic", self.earful.hotkeys["topic"], slot)

    def action_emotion(self, slot: int) -> None:
        self._toggle_tag("emotion", self.earful.hotkeys["emotion"], slot)

    def action_flag(self, flag: str) -> None:
        if self._typing():
            self.query_one(CaptureInput).change_draft(lambda d: d.toggle_flag(flag))
            return
        if self.session is None or (entry := self._target()) is None:
            return
        label = f"{'removing' if getattr(entry, flag) else 'adding'} {FLAG_LABELS[flag]} on"
        self.change_entry(
            entry,
            f"{label} {about(entry)}",
            with_flag(entry, flag),
            lambda store, entry_id: store.toggle_flag(entry_id, flag),
        )

    def action_toggle_note(self) -> None:
        def flip(draft: Draft) -> None:
            draft.kind = "quote" if draft.kind == "note" else "note"

        self.query_one(CaptureInput).change_draft(flip)

    def action_mark(self) -> None:
        if self.session is None:
            return
        at = self._lead(self.clock.elapsed_ms())
        entry = self.save_entry("mark", "", at)
        self.show_target()
        shown = self.query_one(EntryLog).time_of(entry)
        self.notify(f"Moment marked at {shown}: fill it in from the recording later.")

    def action_recording(self) -> None:
        """Say the recording started now; moving an earlier sync asks first."""
        if self.session is None:
            return
        offset = self.clock.elapsed_ms()
        previous = self.session.recording_at_ms
        if previous is None:
            self._sync_recording(offset)
            return
        from tui.ui.widgets.dialogs import Confirm

        question = (
            f"The recording was synced at interview time {format_ms(previous)}. "
            f"Move the sync to now, {format_ms(offset)}? Every time shown moves with it."
        )
        self.earful.push_screen(
            Confirm(question, yes="Re-sync", no="Keep", enter_says_yes=True),
            lambda yes: self._sync_recording(offset) if yes else None,
        )

    def _sync_recording(self, offset: int | None) -> None:
        assert self.session is not None
        session_id, before = self.session.id, self.session.recording_at_ms

        def put(at_ms: int | None) -> None:
            if self.session is not None:
                self.session = replace(self.session, recording_at_ms=at_ms)
            self.query_one(EntryLog).set_recording(at_ms)
            self.query_one(ClockDisplay).recording_at_ms = at_ms
            self.show_target()
            self.submit(lambda store: store.save_recording(session_id, at_ms))

        put(offset)
        self.earful.undo.record(
            Change("the recording sync", redo=lambda: put(offset), undo=lambda: put(before))
        )
        self.notify(
            f"Recording synced at interview time {format_ms(offset or 0)}: times shown are "
            "now recording time (ctrl+z undoes)."
        )

    def action_pause(self) -> None:
        if self.session is None:
            return
        session_id, at = self.session.id, self.earful.now()
        resuming = self.clock.paused
        self.clock.toggle_pause()  # shown at once; the database's answer is adopted after
        self.adopt_clock(self.clock.state)
        change = clocks().resume_clock if resuming else clocks().pause_clock
        self.submit(lambda store: change(store, session_id, at), self.adopt_clock)

    def action_end(self) -> None:
        """Ask once, then end: F12 sits next to F11 and ending stops the clock."""
        if self.session is None:
            return
        from tui.ui.widgets.dialogs import Confirm

        question = (
            f"End the interview at {format_ms(self.clock.elapsed_ms())}? The clock stops and "
            "the snapshot opens."
        )
        self.earful.push_screen(
            Confirm(question, yes="End interview", no="Keep going", enter_says_yes=True),
            lambda yes: self._end() if yes else None,
        )

    def _end(self) -> None:
        assert self.session is not None
        session_id, at = self.session.id, self.earful.now()
        self.save_draft()
        self.clock.end()
        self.adopt_clock(self.clock.state)
        self.notify(f"Interview ended at {format_ms(self.clock.elapsed_ms())}.")
        # The snapshot reads the database: open it once everything typed is in.
        end = clocks().end_clock

        def run(store: Store) -> object:
            state = end(store, session_id, at)
            store.checkpoint()  # the file alone now holds the whole interview
            return state

        self.submit(run, lambda _: self.earful.open_snapshot(session_id))

    def action_select(self, step: int) -> None:
        if self._typing():
            return
        self.query_one(EntryLog).move_selection(step)
        self._selection_changed()

    def _selection_changed(self) -> None:
        selecting = self.query_one(EntryLog).selected is not None
        self.query_one(CaptureInput).set_class(selecting, "-selecting")
        self.show_target()

    def action_scroll_log(self, pages: int) -> None:
        """Read back through the log; a selection would scroll out of sight, so it ends."""
        log = self.query_one(EntryLog)
        if log.selected is not None:
            log.select(None, scroll=False)
            self._selection_changed()
        if pages < 0:
            log.scroll_page_up(animate=False)
        else:
            log.scroll_page_down(animate=False)

    def palette_title(self, binding: Binding) -> str:
        """Tag keys by the tag they toggle now: "Toggle #pains", not "Topic 1"."""
        name, _, argument = binding.action.partition("(")
        if name in ("topic", "emotion"):
            names = self.earful.hotkeys[name]
            slot = int(argument.rstrip(")"))
            if slot < len(names):
                return f"Toggle {'#' if name == 'topic' else '!'}{names[slot]}"
        return binding.description

    def action_unselect(self) -> None:
        self.query_one(EntryLog).select(None)
        self._selection_changed()
