"""The live screen's chords: tags, emotions, flags, note/quote, marks, the clock."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from tui.core.clock import InterviewClock, format_ms
from tui.core.models import Draft, Entry, TagKind
from tui.core.undo import Change
from tui.ui.widgets.capture_input import CaptureInput
from tui.ui.widgets.clock import ClockDisplay
from tui.ui.widgets.entry_log import EntryLog

if TYPE_CHECKING:
    from tui.core.models import Session
    from tui.store.store import Store
    from tui.ui.app import EarfulApp

HOTKEY_SLOTS = 4
FLAG_LABELS = {"starred": "the star", "follow_up": "follow-up", "testimonial": "testimonial"}


def about(entry: Entry) -> str:
    """An entry named in a few words for a notice: “one two three…”."""
    if entry.kind == "mark" and not entry.text:
        return f"the mark at {format_ms(entry.at_ms)}"
    text = " ".join(entry.text.split())
    return f"“{text[:32]}…”" if len(text) > 32 else f"“{text}”"


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
        if self.store is None or (entry := self._target()) is None:
            return
        sigil = "#" if kind == "topic" else "!"
        had = name in (entry.topics if kind == "topic" else entry.emotions)
        label = f"{'removing' if had else 'adding'} {sigil}{name} {'on' if had else 'to'}"
        self._change(entry, label, lambda store: store.toggle_tag(entry.id, kind, name))

    def _change(self, entry: Entry, label: str, change: Callable[[Store], Entry]) -> None:
        """Change one entry at once, as an undoable change named after what it did."""
        from tui.ui import edits

        store = self.store
        assert store is not None
        try:
            updated = edits.change_entry(
                self.earful, store, entry.id, f"{label} {about(entry)}", lambda: change(store)
            )
        except (sqlite3.Error, KeyError) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self.query_one(EntryLog).replace(updated)
        self._refresh_reach()

    def action_topic(self, slot: int) -> None:
        self._toggle_tag("topic", self.earful.hotkeys["topic"], slot)

    def action_emotion(self, slot: int) -> None:
        self._toggle_tag("emotion", self.earful.hotkeys["emotion"], slot)

    def action_flag(self, flag: str) -> None:
        if self._typing():
            self.query_one(CaptureInput).change_draft(lambda d: d.toggle_flag(flag))
            return
        if self.store is None or (entry := self._target()) is None:
            return
        label = f"{'removing' if getattr(entry, flag) else 'adding'} {FLAG_LABELS[flag]} on"
        self._change(entry, label, lambda store: store.toggle_flag(entry.id, flag))

    def action_toggle_note(self) -> None:
        def flip(draft: Draft) -> None:
            draft.kind = "quote" if draft.kind == "note" else "note"

        self.query_one(CaptureInput).change_draft(flip)

    def action_mark(self) -> None:
        if self.store is None or self.session is None:
            return
        at = self._lead(self.clock.elapsed_ms())
        try:
            entry = self.store.add_entry(self.session.id, "mark", "", at)
        except sqlite3.Error as error:
            self.notify(f"Mark not saved: {error}", severity="error", markup=False)
            return
        from tui.ui import edits

        edits.saved_entry(self.earful, self.store, entry, f"the mark at {format_ms(at)}")
        log = self.query_one(EntryLog)
        log.select(None, scroll=log.selected is not None)
        log.append(entry)
        self.show_target()
        self.notify(f"Moment marked at {format_ms(at)}: fill it in from the recording later.")

    def action_recording(self) -> None:
        """Say the recording started now; moving an earlier sync asks first."""
        if self.store is None or self.session is None:
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
        from tui.ui import edits

        assert self.store is not None and self.session is not None
        store, session = self.store, self.session
        before = session.recording_at_ms

        def put(at_ms: int | None) -> None:
            store.save_recording(session.id, at_ms)
            if self.session is not None:
                self.session = replace(self.session, recording_at_ms=at_ms)
            self.query_one(EntryLog).set_recording(at_ms)
            self.query_one(ClockDisplay).recording_at_ms = at_ms
            self.show_target()

        def sync() -> str:
            put(offset)
            self.earful.undo.record(
                Change("the recording sync", redo=lambda: put(offset), undo=lambda: put(before))
            )
            return (
                f"Recording synced at interview time {format_ms(offset or 0)}: times shown are "
                "now recording time (ctrl+z undoes)."
            )

        edits.attempt(self.earful, sync)

    def action_pause(self) -> None:
        if self.store is None or self.session is None:
            return
        self.clock.toggle_pause()
        self.store.save_clock(self.session.id, self.clock.state)
        self.query_one(ClockDisplay).tick()
        self.show_keys()  # F10 now says Resume, or Pause again

    def action_end(self) -> None:
        """Ask once, then end: F12 sits next to F11 and ending stops the clock."""
        if self.store is None or self.session is None:
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
        from tui.ui import edits

        assert self.store is not None and self.session is not None
        store, session = self.store, self.session

        def end() -> str:
            self.save_draft()
            self.clock.end()
            store.save_clock(session.id, self.clock.state)
            return f"Interview ended at {format_ms(self.clock.elapsed_ms())}."

        if edits.attempt(self.earful, end):
            self.earful.open_snapshot(session.id)

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
