"""The live screen's chords: tags, emotions, flags, note/quote, marks, the clock, selection.

A chord applies to the entry being typed, else to the selected entry (the newest one by
default), saved at once through the screen's writes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import Binding

from tui.core.clock import format_ms
from tui.core.models import Draft, Entry, TagKind
from tui.core.text import tag_mark
from tui.core.undo import Change
from tui.ui.screens.live.saving import about, clocks, with_flag, with_tag

if TYPE_CHECKING:
    from tui.store.store import Store
    from tui.ui.screens.live.screen import LiveScreen

FLAG_LABELS = {"starred": "the star", "follow_up": "follow-up", "testimonial": "testimonial"}


class LiveKeys:
    """Owned by the live screen: what each chord does."""

    def __init__(self, screen: LiveScreen) -> None:
        self.screen = screen

    def target(self) -> Entry | None:
        """The entry a hotkey applies to when nothing is being typed."""
        entry = self.screen.entry_log.selected_entry
        if entry is None:
            self.screen.notify("Nothing captured yet.", severity="warning")
        return entry

    def typing(self) -> bool:
        return bool(self.screen.capture.value.strip())

    # tags and flags ----------------------------------------------------------------

    def tag(self, kind: TagKind, slot: int) -> None:
        names = self.screen.earful.hotkeys[kind]
        if slot >= len(names):
            self.screen.notify(f"No {kind} on that key: add one in the config.", severity="warning")
            return
        name = names[slot]
        if self.typing():
            self.screen.capture.change_draft(
                lambda d: d.toggle(d.topics if kind == "topic" else d.emotions, name)
            )
            return
        if self.screen.session is None or (entry := self.target()) is None:
            return
        had = name in (entry.topics if kind == "topic" else entry.emotions)
        label = f"{'removing' if had else 'adding'} {tag_mark(kind, name)} {'on' if had else 'to'}"
        self.screen.writes.change_entry(
            entry,
            f"{label} {about(entry)}",
            with_tag(entry, kind, name),
            lambda store, entry_id: store.toggle_tag(entry_id, kind, name),
        )

    def flag(self, flag: str) -> None:
        if self.typing():
            self.screen.capture.change_draft(lambda d: d.toggle_flag(flag))
            return
        if self.screen.session is None or (entry := self.target()) is None:
            return
        label = f"{'removing' if getattr(entry, flag) else 'adding'} {FLAG_LABELS[flag]} on"
        self.screen.writes.change_entry(
            entry,
            f"{label} {about(entry)}",
            with_flag(entry, flag),
            lambda store, entry_id: store.toggle_flag(entry_id, flag),
        )

    def toggle_note(self) -> None:
        def flip(draft: Draft) -> None:
            draft.kind = "quote" if draft.kind == "note" else "note"

        self.screen.capture.change_draft(flip)

    def mark(self) -> None:
        screen = self.screen
        if screen.session is None:
            return
        at = screen.lead(screen.clock.elapsed_ms())
        entry = screen.writes.save_entry("mark", "", at, question_id=screen.guide.current_id())
        screen.show_target()
        shown = screen.entry_log.time_of(entry)
        screen.notify(f"Moment marked at {shown}: fill it in from the recording later.")

    # the recording and the clock ---------------------------------------------------

    def recording(self) -> None:
        """Say the recording started now; moving an earlier sync asks first."""
        screen = self.screen
        if screen.session is None:
            return
        offset = screen.clock.elapsed_ms()
        previous = screen.session.recording_at_ms
        if previous is None:
            self._sync_recording(offset)
            return
        from tui.ui.widgets.dialogs import Confirm

        question = (
            f"The recording was synced at interview time {format_ms(previous)}. "
            f"Move the sync to now, {format_ms(offset)}? Every time shown moves with it."
        )
        screen.earful.push_screen(
            Confirm(question, yes="Re-sync", no="Keep", enter_says_yes=True),
            lambda yes: self._sync_recording(offset) if yes else None,
        )

    def _sync_recording(self, offset: int | None) -> None:
        screen = self.screen
        assert screen.session is not None
        session_id, before = screen.session.id, screen.session.recording_at_ms

        def put(at_ms: int | None) -> None:
            if screen.session is not None:
                screen.session = replace(screen.session, recording_at_ms=at_ms)
            screen.entry_log.set_recording(at_ms)
            screen.clock_display.recording_at_ms = at_ms
            screen.show_target()
            screen.writes.submit(lambda store: store.save_recording(session_id, at_ms))

        put(offset)
        screen.earful.undo.record(
            Change("the recording sync", redo=lambda: put(offset), undo=lambda: put(before))
        )
        screen.notify(
            f"Recording synced at interview time {format_ms(offset or 0)}: times shown are "
            "now recording time (ctrl+z undoes)."
        )

    def pause(self) -> None:
        screen = self.screen
        if screen.session is None:
            return
        session_id, at = screen.session.id, screen.earful.now()
        resuming = screen.clock.paused
        screen.clock.toggle_pause()  # shown at once; the database's answer is adopted after
        screen.writes.adopt_clock(screen.clock.state)
        change = clocks().resume_clock if resuming else clocks().pause_clock
        screen.writes.submit(lambda store: change(store, session_id, at), screen.writes.adopt_clock)

    def end(self) -> None:
        """Ask once, then end: F12 sits next to F11 and ending stops the clock."""
        screen = self.screen
        if screen.session is None:
            return
        from tui.ui.widgets.dialogs import Confirm

        question = (
            f"End the interview at {format_ms(screen.clock.elapsed_ms())}? The clock stops"
            " and the snapshot opens."
        )
        screen.earful.push_screen(
            Confirm(question, yes="End interview", no="Keep going", enter_says_yes=True),
            lambda yes: self._end() if yes else None,
        )

    def _end(self) -> None:
        screen = self.screen
        assert screen.session is not None
        session_id, at = screen.session.id, screen.earful.now()
        screen.writes.save_draft()
        screen.clock.end()
        screen.writes.adopt_clock(screen.clock.state)
        screen.notify(f"Interview ended at {format_ms(screen.clock.elapsed_ms())}.")
        end = clocks().end_clock

        def run(store: Store) -> object:
            state = end(store, session_id, at)
            store.checkpoint()  # the file alone now holds the whole interview
            return state

        # The snapshot reads the database: open it once everything typed is in.
        screen.writes.submit(run, lambda _: screen.earful.open_snapshot(session_id))

    # selection ---------------------------------------------------------------------

    def select(self, step: int) -> None:
        if self.typing():
            return
        self.screen.entry_log.move_selection(step)
        self._selection_changed()

    def unselect(self) -> None:
        self.screen.entry_log.select(None)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.screen.capture.set_class(self.screen.entry_log.selected is not None, "-selecting")
        self.screen.show_target()

    def scroll_log(self, pages: int) -> None:
        """Read back through the log; a selection would scroll out of sight, so it ends."""
        log = self.screen.entry_log
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
            names = self.screen.earful.hotkeys[name]
            slot = int(argument.rstrip(")"))
            if slot < len(names):
                return f"Toggle {'#' if name == 'topic' else '!'}{names[slot]}"
        return binding.description
