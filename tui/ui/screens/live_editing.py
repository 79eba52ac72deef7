"""After-the-fact keys on the live screen: edit, undo, redo, copy, open the snapshot."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from tui.core.models import Entry
from tui.ui.widgets.entry_log import EntryLog

# Export, clipboard and the edit dialog load when first used: they are not needed
# to draw the first frame of a call.
if TYPE_CHECKING:
    from tui.core.models import Session
    from tui.store.store import Store
    from tui.ui.app import EarfulApp
    from tui.ui.widgets.entry_edit import EntryEdit

LIVE_EDIT_BINDINGS = [
    Binding("ctrl+z", "undo", "Undo", id="live.undo"),
    Binding("ctrl+g", "redo", "Redo", show=False, id="live.redo"),
    Binding("ctrl+y", "copy_entry", "Copy", id="live.copy"),
    Binding("ctrl+o", "edit_entry", "Edit", id="live.edit"),
    Binding("f11", "snapshot", "Snapshot", id="live.snapshot"),
]


class LiveEditing:
    """Mixed into LiveScreen: the selected (else the last) entry can be fixed or copied."""

    if TYPE_CHECKING:
        earful: EarfulApp
        store: Store | None
        session: Session | None

        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...
        def notify(self, *args: Any, **kwargs: Any) -> None: ...
        def _target(self) -> Entry | None: ...
        def _refresh_reach(self) -> None: ...
        def action_unselect(self) -> None: ...
        def show_target(self) -> None: ...
        def after_writes(self, then: Any) -> None: ...
        def delete_entry(self, entry: Entry) -> None: ...
        def change_entry(self, entry: Entry, label: str, shown: Entry, change: Any) -> None: ...

    def reload_log(self) -> None:
        """Show the session's entries again after a change; a selected entry stays selected."""
        if self.store is None or self.session is None:
            return
        log: EntryLog = self.query_one(EntryLog)
        was = log.selected_entry.id if log.selected is not None and log.selected_entry else None
        entries = self.store.entries(self.session.id)
        log.set_entries(entries)
        ids = [e.id for e in entries]
        if was in ids:
            log.select(ids.index(was))
        self._refresh_reach()
        self.show_target()  # the entry named for the F-keys may have changed too

    def on_screen_resume(self) -> None:
        self.reload_log()  # the snapshot screen may have changed entries

    def action_undo(self) -> None:
        from tui.ui import edits

        if edits.undo(self.earful):
            self.reload_log()

    def action_redo(self) -> None:
        from tui.ui import edits

        if edits.redo(self.earful):
            self.reload_log()

    def action_copy_entry(self) -> None:
        entry = self._target()
        if entry is None or self.session is None:
            return
        from tui.core.export import attribution
        from tui.ui import clipboard

        text = attribution(
            entry,
            self.session.participant,
            self.earful.config.copy_format,
            self.session.recording_at_ms,
        )
        how = clipboard.copy(self.earful, text)
        self.notify(f"Copied the {entry.kind} {how}.", title="Copied", markup=False)

    def action_edit_entry(self) -> None:
        entry = self._target()
        if entry is None or self.session is None:
            return
        from tui.ui.widgets.entry_edit import EntryEditor

        def done(edit: EntryEdit | None) -> None:
            # Back to typing: a selection left behind would take the next F-key unseen.
            self.action_unselect()
            if edit is not None:
                self._apply_edit(entry, edit)

        recording = self.session.recording_at_ms
        self.earful.push_screen(EntryEditor(entry, recording), done)

    def _apply_edit(self, entry: Entry, edit: EntryEdit) -> None:
        """Save the editor's change through the writer, as one undoable step."""
        if edit.delete:
            self.delete_entry(entry)
            return

        def change(store: Store, entry_id: int) -> Entry:
            from tui.store import editing

            editing.edit_entry(
                store,
                entry_id,
                text=edit.text,
                kind=edit.kind,
                at_ms=edit.at_ms,
                topics=edit.topics,
                emotions=edit.emotions,
            )
            return store.entry(entry_id)

        shown = replace(
            entry,
            text=edit.text,
            kind=edit.kind,
            at_ms=edit.at_ms,
            topics=tuple(edit.topics),
            emotions=tuple(edit.emotions),
        )
        self.change_entry(entry, "edit entry", shown, change)
        self.after_writes(self.reload_log)  # a new time may move it in the log
        self.notify("Entry saved (ctrl+z undoes).")

    def action_snapshot(self) -> None:
        if self.session is None:
            return
        session_id = self.session.id
        # The snapshot reads the database: open it once everything typed is in.
        self.after_writes(lambda: self.earful.open_snapshot(session_id, pushed=True))
