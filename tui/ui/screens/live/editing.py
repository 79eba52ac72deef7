"""After-the-fact keys on the live screen: edit, undo, redo, copy, open the snapshot."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.models import Entry

# Export, clipboard and the edit dialog load when first used: they are not needed
# to draw the first frame of a call.
if TYPE_CHECKING:
    from tui.core.entry_fields import EntryEdit
    from tui.store.store import Store
    from tui.ui.screens.live.screen import LiveScreen


class LiveEdits:
    """Owned by the live screen: the selected (else the newest) entry fixed or copied."""

    def __init__(self, screen: LiveScreen) -> None:
        self.screen = screen

    def reload_log(self) -> None:
        """Show the session's entries again after a change; a selected entry stays selected."""
        screen = self.screen
        if screen.store is None or screen.session is None:
            return
        log = screen.entry_log
        was = log.selected_entry.id if log.selected is not None and log.selected_entry else None
        entries = screen.store.entries(screen.session.id)
        if screen.guide.progress is not None:
            from tui.store import guides

            questions = guides.entry_questions(screen.store, screen.session.id)
            log.set_questions(questions, relayout=False)  # set_entries lays out
        log.set_entries(entries)
        ids = [e.id for e in entries]
        if was in ids:
            log.select(ids.index(was))
        screen.refresh_reach()
        screen.show_target()  # the entry named for the F-keys may have changed too

    def undo(self) -> None:
        from tui.ui import edits

        if edits.undo(self.screen.earful):
            self.reload_log()

    def redo(self) -> None:
        from tui.ui import edits

        if edits.redo(self.screen.earful):
            self.reload_log()

    def copy_entry(self) -> None:
        screen = self.screen
        entry = screen.keys.target()
        if entry is None or screen.session is None:
            return
        from tui.core.export import attribution

        text = attribution(
            entry,
            screen.session.participant,
            screen.earful.config.copy_format,
            screen.session.recording_at_ms,
        )
        screen.copy(text, f"the {entry.kind}")

    def edit_entry(self) -> None:
        screen = self.screen
        entry = screen.keys.target()
        if entry is None or screen.session is None:
            return
        from tui.ui.widgets.entry_edit import EntryEditor

        def done(edit: EntryEdit | None) -> None:
            # Back to typing: a selection left behind would take the next F-key unseen.
            screen.keys.unselect()
            if edit is not None:
                self._apply(entry, edit)

        recording = screen.session.recording_at_ms
        screen.earful.push_screen(EntryEditor(entry, recording), done)

    def _apply(self, entry: Entry, edit: EntryEdit) -> None:
        """Save the editor's change through the writer, as one undoable step."""
        writes = self.screen.writes
        if edit.delete:
            writes.delete_entry(entry)
            return

        def change(store: Store, entry_id: int) -> Entry:
            from tui.store import editing

            editing.apply_edit(store, entry_id, edit)
            return store.entry(entry_id)

        writes.change_entry(entry, "edit entry", edit.applied_to(entry), change)
        writes.after_writes(self.reload_log)  # a new time may move it in the log
        self.screen.notify("Entry saved (ctrl+z undoes).")

    def snapshot(self) -> None:
        screen = self.screen
        if screen.session is None:
            return
        session_id = screen.session.id
        # The snapshot reads the database: open it once everything typed is in.
        screen.writes.after_writes(lambda: screen.earful.open_snapshot(session_id, pushed=True))
