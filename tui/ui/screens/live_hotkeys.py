"""The live screen's chords: tags, emotions, flags, note/quote, marks, the clock."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from tui.core.clock import InterviewClock, format_ms
from tui.core.models import Draft, Entry, TagKind
from tui.ui.widgets.capture_input import CaptureInput
from tui.ui.widgets.clock import ClockDisplay
from tui.ui.widgets.entry_log import EntryLog

if TYPE_CHECKING:
    from tui.core.models import Session
    from tui.store.store import Store
    from tui.ui.app import EarfulApp

HOTKEY_SLOTS = 4


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
        try:
            updated = self.store.toggle_tag(entry.id, kind, name)
        except sqlite3.Error as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self.query_one(EntryLog).replace(updated)
        self._refresh_reach()

    def action_topic(self, slot: int) -> None:
        self._toggle_tag("topic", self.earful.config.topics[:HOTKEY_SLOTS], slot)

    def action_emotion(self, slot: int) -> None:
        self._toggle_tag("emotion", list(self.earful.config.emotions)[:HOTKEY_SLOTS], slot)

    def action_flag(self, flag: str) -> None:
        if self._typing():
            self.query_one(CaptureInput).change_draft(lambda d: d.toggle_flag(flag))
            return
        if self.store is None or (entry := self._target()) is None:
            return
        try:
            updated = self.store.toggle_flag(entry.id, flag)
        except sqlite3.Error as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self.query_one(EntryLog).replace(updated)

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
        self.query_one(EntryLog).append(entry)
        self.notify(f"Moment marked at {format_ms(at)}: fill it in from the recording later.")

    def action_recording(self) -> None:
        if self.store is None or self.session is None:
            return
        offset = self.clock.elapsed_ms()
        self.store.save_recording(self.session.id, offset)
        self.query_one(EntryLog).set_time_offset(offset)
        self.notify(
            f"Recording synced at interview time {format_ms(offset)}: "
            "the log now shows times in the recording."
        )

    def action_pause(self) -> None:
        if self.store is None or self.session is None:
            return
        self.clock.toggle_pause()
        self.store.save_clock(self.session.id, self.clock.state)
        self.query_one(ClockDisplay).tick()

    def action_end(self) -> None:
        if self.store is None or self.session is None:
            return
        self.save_draft()
        self.clock.end()
        self.store.save_clock(self.session.id, self.clock.state)
        self.notify(f"Interview ended at {format_ms(self.clock.elapsed_ms())}.")
        self.earful.open_snapshot(self.session.id)

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
            config = self.earful.config
            names = config.topics if name == "topic" else list(config.emotions)
            slot = int(argument.rstrip(")"))
            if slot < len(names):
                return f"Toggle {'#' if name == 'topic' else '!'}{names[slot]}"
        return binding.description

    def action_unselect(self) -> None:
        self.query_one(EntryLog).select(None)
        self._selection_changed()
