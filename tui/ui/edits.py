"""Undoable changes shared by the live, snapshot and home screens (one stack per run)."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from tui.core.undo import Change

if TYPE_CHECKING:
    from types import ModuleType

    from tui.core.entry_fields import EntryEdit
    from tui.core.models import Entry
    from tui.store.editing import EntryRecord
    from tui.store.store import Store
    from tui.ui.app import EarfulApp


def _editing() -> ModuleType:
    # Imported when first used: sqlite-utils must not load before the first frame.
    from tui.store import editing

    return editing


P = ParamSpec("P")
R = TypeVar("R")


def attempt(app: EarfulApp, action: Callable[[], str | None], what: str = "entry") -> bool:
    """Run a change; a database error is reported, never raised, and nothing is confirmed.

    A KeyError means the row changed (the ``what``) was deleted meanwhile, in another window.
    """
    try:
        message = action()
    except KeyError:
        app.notify(
            f"Not saved: that {what} no longer exists (deleted in another window?).",
            title="Could not save",
            severity="error",
            markup=False,
        )
        return False
    except (sqlite3.Error, ValueError) as error:
        app.notify(f"Not saved: {error}", title="Could not save", severity="error", markup=False)
        return False
    if message:
        app.notify(message, markup=False)
    return True


def could_not_read(app: Any, error: sqlite3.Error) -> None:
    """Say in one line that the database could not be read (locked, gone, damaged)."""
    if app.notices and app.notices[-1] == ("error", f"Not saved: {error}"):
        return  # a change just refused for the same reason: one failure, one line
    app.notify(
        f"Could not read the database: {error}",
        title="Could not read",
        severity="error",
        markup=False,
    )


def reads(method: Callable[Concatenate[Any, P], R]) -> Callable[Concatenate[Any, P], R | None]:
    """For a screen's method that reads the database and shows what it read: a database
    error is said in one line and the method gives up, the screen left as it was (so each
    such method reads everything before it changes a widget)."""

    @functools.wraps(method)
    def guarded(self: Any, *args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            could_not_read(self.app, error)
            return None

    return guarded


def apply_entry_edit(app: EarfulApp, store: Store, entry_id: int, edit: EntryEdit) -> str:
    """Save what the entry editor asked for, as one undoable change."""
    if edit.delete:
        record = _editing().delete_entry(store, entry_id)
        app.undo.record(
            Change(
                "delete entry",
                redo=lambda: _editing().delete_entry(store, record.id),
                undo=lambda: _editing().restore_entry(store, record),
            )
        )
        return "Entry deleted. ctrl+z brings it back."
    before, after = _editing().apply_edit(store, entry_id, edit)
    if before == after:
        return "Nothing changed."
    app.undo.record(
        Change(
            "edit entry",
            redo=lambda: _editing().put_back(store, after),
            undo=lambda: _editing().put_back(store, before),
        )
    )
    return "Entry saved (ctrl+z undoes)."


def delete_entry(app: EarfulApp, store: Store, entry_id: int) -> str:
    from tui.core.entry_fields import EntryEdit  # not needed for the first frame

    return apply_entry_edit(app, store, entry_id, EntryEdit(delete=True))


def toggle_star(app: EarfulApp, store: Store, entry_id: int) -> str:
    entry = change_entry(
        app, store, entry_id, "star", lambda: store.toggle_flag(entry_id, "starred")
    )
    return "Starred." if entry.starred else "Star removed."


def change_entry(
    app: EarfulApp, store: Store, entry_id: int, label: str, change: Callable[[], Entry]
) -> Entry:
    """Make a change to one entry (tags, flags) and remember the entry before and after."""
    before = _editing().entry_record(store, entry_id)
    entry = change()
    after = _editing().entry_record(store, entry_id)
    app.undo.record(
        Change(
            label,
            redo=lambda: _editing().put_back(store, after),
            undo=lambda: _editing().put_back(store, before),
        )
    )
    return entry


def saved_entry(app: EarfulApp, store: Store, entry: Entry, label: str) -> None:
    """Remember an entry just saved: undo deletes it, redo brings the same entry back."""
    deleted: list[EntryRecord] = []

    def undo() -> None:
        deleted.append(_editing().delete_entry(store, entry.id))

    def redo() -> None:
        _editing().restore_entry(store, deleted.pop())

    app.undo.record(Change(label, redo=redo, undo=undo))


def set_memorable(app: EarfulApp, store: Store, session_id: int, entry_id: int | None) -> None:
    previous = _editing().set_memorable(store, session_id, entry_id)
    app.undo.record(
        Change(
            "pick memorable quote",
            redo=lambda: _editing().set_memorable(store, session_id, entry_id),
            undo=lambda: _editing().set_memorable(store, session_id, previous),
        )
    )


def set_list(
    app: EarfulApp, store: Store, session_id: int, which: str, items: list[str], label: str
) -> None:
    """Save opportunities or insights."""
    previous = _editing().set_list(store, session_id, which, items)
    app.undo.record(
        Change(
            label,
            redo=lambda: _editing().set_list(store, session_id, which, items),
            undo=lambda: _editing().set_list(store, session_id, which, previous),
        )
    )


def set_facts(
    app: EarfulApp, store: Store, participant_id: int, facts: list[str], label: str
) -> None:
    previous = _editing().set_facts(store, participant_id, facts)
    app.undo.record(
        Change(
            label,
            redo=lambda: _editing().set_facts(store, participant_id, facts),
            undo=lambda: _editing().set_facts(store, participant_id, previous),
        )
    )


def delete_session(app: EarfulApp, store: Store, session_id: int) -> str:
    record = _editing().delete_session(store, session_id)
    app.undo.record(
        Change(
            f"delete session #{session_id}",
            redo=lambda: _editing().delete_session(store, record.id),
            undo=lambda: _editing().restore_session(store, record),
        )
    )
    return f"Session #{session_id} deleted. ctrl+z brings it back (until you quit)."


def undo(app: EarfulApp) -> bool:
    """Undo the latest change and say which; False when there was nothing to undo."""
    return _step(app, redo=False)


def redo(app: EarfulApp) -> bool:
    return _step(app, redo=True)


def _step(app: EarfulApp, redo: bool) -> bool:
    done: list[Change | None] = []

    def run() -> str:
        change = app.undo.redo() if redo else app.undo.undo()
        done.append(change)
        if change is None:
            return "Nothing to redo." if redo else "Nothing to undo."
        return f"{'Redone' if redo else 'Undone'}: {change.label}."

    # What an undo changes may be an entry, a session, a tag or a list.
    return attempt(app, run, what="item") and bool(done and done[0])
