"""The live screen's writes: all through the App's one writer, in the order keys were pressed.

An entry shows in the log at once, marked as saving, and as saved when committed. A key
pressed on an entry still being saved applies to it once it is. Undo and redo go through
the same queue, so they too are applied in order and never wait on the disk.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tui.core.clock import ClockState, format_ms
from tui.core.models import Entry, EntryKind
from tui.core.undo import Change

if TYPE_CHECKING:
    from types import ModuleType

    from tui.store.store import Store
    from tui.store.writer import EntryRef, WriterState
    from tui.ui.screens.live.screen import LiveScreen

DraftState = tuple[str, str, int | None, tuple[str, ...]]  # text, kind, started, chips
_TEMPORARY_IDS = itertools.count(-1, -1)  # shown before the database gives the real one


class LiveWrites:
    """Owned by the live screen: everything it changes in the database goes through here."""

    def __init__(self, screen: LiveScreen) -> None:
        self.screen = screen
        self._refs: dict[int, EntryRef] = {}
        self._waiting_for_db = False
        self._saved_draft: DraftState = ("", "quote", None, ())

    # submitting --------------------------------------------------------------------

    def submit(
        self,
        run: Callable[[Store], Any],
        done: Callable[[Any], None] | None = None,
        record: dict[str, Any] | None = None,
    ) -> None:
        from tui.store.writer import Job  # loaded with the store, after the first frame

        def shown(value: Any) -> None:
            # A result arriving after the screen closed (the interview ended, Earful quit
            # while it was saving) is in the database; there is no log left to update.
            if done is not None and self.screen.is_attached:
                done(value)

        self.screen.earful.writer.submit(Job(run, shown, self._failed, record))

    def after_writes(self, then: Callable[[], None]) -> None:
        """Run ``then`` once everything submitted so far is in the database."""
        self.submit(lambda store: None, lambda _: then())

    def _failed(self, error: Exception) -> None:
        if isinstance(error, KeyError):
            message = "That entry no longer exists (deleted in another window?)."
        else:
            message = f"Not saved: {error}"
        self.screen.earful.notify(message, severity="error", markup=False)
        if self.screen.is_attached:
            self.screen.reload_log()

    def writer_state(self, state: WriterState) -> None:
        """Say so while the database keeps changes waiting, and when they went through."""
        if state.waiting is not None:
            self._waiting_for_db = True
            message = (
                f"Waiting for the database ({state.pending} pending): {state.waiting}. "
                "Keep typing; nothing is lost."
            )
            self.screen.earful.notices.append(("warning", message))
            self.screen.show_notice(message, "warning", 0)  # stays while it is so
        elif self._waiting_for_db and state.pending == 0:
            self._waiting_for_db = False
            self.screen.notify("Saved: everything that was waiting is in the database.")

    def adopt_clock(self, state: ClockState) -> None:
        """Show the clock as the database has it (another window may have paused it too)."""
        screen = self.screen
        if state != screen.clock.state:
            screen.clock.state = state
        screen.clock_display.tick()
        screen.show_keys()

    # the draft ---------------------------------------------------------------------

    def _draft_state(self) -> DraftState:
        capture = self.screen.capture
        draft = capture.draft
        return (capture.value, draft.kind, capture.started_ms, draft.as_tokens())

    def draft_is_saved(self) -> None:
        """What the capture line holds now is what the database has (just loaded)."""
        self._saved_draft = self._draft_state()

    def save_draft(self) -> None:
        """Keep what is being typed at most about a second behind, for a crash."""
        session = self.screen.session
        state = self._draft_state()
        if session is None or state == self._saved_draft:
            return
        # Jobs run in order, so the last one submitted is what the database keeps.
        text, kind, started, tokens = self._saved_draft = state
        session_id = session.id
        self.submit(
            lambda store: store.save_draft(session_id, text, kind, started, tokens),
            record={"draft": text, "session_id": session_id} if text else None,
        )

    # entries -----------------------------------------------------------------------

    def _ref(self, entry: Entry) -> EntryRef:
        if entry.id not in self._refs:
            from tui.store.writer import EntryRef

            self._refs[entry.id] = EntryRef(entry.id if entry.id > 0 else None)
        return self._refs[entry.id]

    def save_entry(
        self,
        kind: EntryKind,
        text: str,
        at_ms: int,
        topics: Iterable[str] = (),
        emotions: Iterable[str] = (),
        flags: Iterable[str] = (),
        question_id: int | None = None,
    ) -> Entry:
        """Show the entry now, marked as saving; save it through the writer, with the
        guide's question it answered, if any, in the same transaction."""
        session = self.screen.session
        assert session is not None
        session_id = session.id
        topics, emotions, flags = list(topics), list(emotions), tuple(flags)
        shown = Entry(
            next(_TEMPORARY_IDS),
            session_id,
            kind,
            text,
            at_ms,
            tuple(topics),
            tuple(emotions),
            starred="starred" in flags,
            follow_up="follow_up" in flags,
            testimonial="testimonial" in flags,
        )
        from tui.store.writer import EntryRef

        ref = EntryRef()
        self._refs[shown.id] = ref
        log = self.screen.entry_log
        # The F-keys now apply to this entry, and it is shown, unless the note-taker had
        # paged up to read (then the log stays where they are reading).
        log.select(None, scroll=log.selected is not None)
        log.append(shown, saving=True, question_id=question_id)

        def run(store: Store) -> Entry:
            # With the entry, the draft it was goes: a crash now must not bring it back.
            with store.db.atomic():
                entry = guides().add_answer(
                    store, session_id, question_id, kind, text, at_ms, topics, emotions, flags
                )
                if kind != "mark":
                    store.save_draft(session_id, "", "quote", None, ())
            ref.id = entry.id
            return entry

        def done(entry: Entry) -> None:
            self._refs[entry.id] = ref
            self.screen.entry_log.saved(shown.id, entry)
            self.screen.refresh_reach()
            self.screen.show_target()

        record = {
            "session_id": session_id,
            "kind": kind,
            "text": text,
            "at_ms": at_ms,
            "topics": topics,
            "emotions": emotions,
            "flags": list(flags),
        }
        self.submit(run, done, record)
        self._remember_saving(ref, shown)
        return shown

    def _remember_saving(self, ref: EntryRef, shown: Entry) -> None:
        deleted: list[Any] = []

        def undo() -> None:
            self.submit(
                lambda store: deleted.append(editing().delete_entry(store, _id(ref))),
                lambda _: self.screen.reload_log(),
            )

        def redo() -> None:
            self.submit(
                lambda store: editing().restore_entry(store, deleted.pop()),
                lambda _: self.screen.reload_log(),
            )

        if shown.kind == "mark":
            label = f"the mark at {self.screen.entry_log.time_of(shown)}"
        else:
            label = f"saving {about(shown)}"
        self.screen.earful.undo.record(Change(label, redo=redo, undo=undo))

    def delete_entry(self, entry: Entry) -> None:
        """Delete an entry through the writer; undo brings the same entry back."""
        ref = self._ref(entry)
        deleted: list[Any] = []

        def delete() -> None:
            self.submit(
                lambda store: deleted.append(editing().delete_entry(store, _id(ref))),
                lambda _: self.screen.reload_log(),
            )

        def restore() -> None:
            self.submit(
                lambda store: editing().restore_entry(store, deleted.pop()),
                lambda _: self.screen.reload_log(),
            )

        self.screen.entry_log.remove_entry(entry.id)
        delete()
        self.screen.earful.undo.record(Change("delete entry", redo=delete, undo=restore))
        self.screen.notify("Entry deleted. ctrl+z brings it back.")

    def change_entry(
        self, entry: Entry, label: str, shown: Entry, change: Callable[[Store, int], Entry]
    ) -> None:
        """Show ``shown`` at once; make ``change`` through the writer, as one undoable step."""
        ref = self._ref(entry)
        ref.jobs += 1
        self.screen.entry_log.replace(shown)
        records: dict[str, Any] = {}

        def run(store: Store) -> Entry:
            entry_id = _id(ref)
            records["before"] = editing().entry_record(store, entry_id)
            changed = change(store, entry_id)
            records["after"] = editing().entry_record(store, entry_id)
            return changed

        def done(changed: Entry) -> None:
            ref.jobs -= 1
            if ref.jobs == 0:  # a later key on it is still on its way: show that one
                self.screen.entry_log.replace(changed)
            self.screen.refresh_reach()
            self.screen.show_target()

        def put_back(which: str) -> None:
            self.submit(
                lambda store: editing().put_back(store, records[which]),
                lambda _: self.screen.reload_log(),
            )

        self.submit(run, done)
        self.screen.earful.undo.record(
            Change(label, redo=lambda: put_back("after"), undo=lambda: put_back("before"))
        )


def editing() -> ModuleType:
    """The store's editing functions, loaded when first used (not before the first frame)."""
    from tui.store import editing

    return editing


def guides() -> ModuleType:
    """The store's guide functions, loaded when first used."""
    from tui.store import guides

    return guides


def clocks() -> ModuleType:
    """The store's clock changes, loaded when first used (sqlite-utils is not needed sooner)."""
    from tui.store import clocks

    return clocks


def _id(ref: EntryRef) -> int:
    if ref.id is None:
        raise KeyError("an entry that was never saved")
    return ref.id


def about(entry: Entry) -> str:
    """An entry named in a few words for a notice: “one two three…”."""
    if entry.kind == "mark" and not entry.text:
        return f"the mark at {format_ms(entry.at_ms)}"
    text = " ".join(entry.text.split())
    return f"“{text[:32]}…”" if len(text) > 32 else f"“{text}”"


def with_tag(entry: Entry, kind: str, name: str) -> Entry:
    """The entry as it will be once the tag is toggled."""
    if kind == "topic":
        return replace(entry, topics=_toggled(entry.topics, name))
    return replace(entry, emotions=_toggled(entry.emotions, name))


def _toggled(names: tuple[str, ...], name: str) -> tuple[str, ...]:
    return tuple(n for n in names if n != name) if name in names else (*names, name)


def with_flag(entry: Entry, flag: str) -> Entry:
    """The entry as it will be once the flag is toggled."""
    if flag == "starred":
        return replace(entry, starred=not entry.starred)
    if flag == "follow_up":
        return replace(entry, follow_up=not entry.follow_up)
    return replace(entry, testimonial=not entry.testimonial)


def with_tags(entry: Entry, topics: list[str], emotions: list[str]) -> Entry:
    return replace(
        entry,
        topics=tuple(dict.fromkeys([*entry.topics, *topics])),
        emotions=tuple(dict.fromkeys([*entry.emotions, *emotions])),
    )
