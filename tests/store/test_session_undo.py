"""Undoing a session's deletion brings back what its guide recorded: ticks and answers."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.store.guided import question, run_the_guide
from tui.core.clock import ClockState
from tui.core.undo import UndoStack
from tui.store import editing, snapshots
from tui.store.guides import entry_questions, session_guide, ticks
from tui.store.store import Store
from tui.ui import edits


def guided_session(store: Store) -> tuple[int, dict[str, Any]]:
    """A session that followed the guide, and what its guide recorded."""
    ada = store.participant_for("Ada Lovelace", "Acme")
    session = store.create_session(ada.id, "goal", 30, ClockState(0)).id
    role = store.add_entry(session, "quote", "I run research", 35_000)
    wiki = store.add_entry(session, "quote", "Nobody reads our wiki", 65_000)
    store.add_entry(session, "note", "aside", 70_000)
    version = run_the_guide(store, session, {role.id: 1, wiki.id: 3})
    return session, recorded(store, session) | {"version": version.id, "q3": question(version, 3)}


def recorded(store: Store, session: int) -> dict[str, Any]:
    texts = {e.id: e.text for e in store.entries(session)}
    found = session_guide(store, session)
    return {
        "version": found.id if found else None,
        "ticks": sorted(
            (t.question_id, t.asked_at_ms, t.skipped) for t in ticks(store, session).values()
        ),
        "answers": {texts[e]: q for e, q in entry_questions(store, session).items()},
    }


def test_restoring_a_deleted_session_brings_back_its_ticks_and_answers(store: Store) -> None:
    session, before = guided_session(store)
    assert len(before["ticks"]) == 3 and len(before["answers"]) == 2
    record = editing.delete_session(store, session)
    assert store.conn.execute("SELECT count(*) FROM questions_asked").fetchone()[0] == 0
    editing.restore_session(store, record)
    assert recorded(store, session) == {k: before[k] for k in ("version", "ticks", "answers")}


def test_a_session_restored_under_a_new_id_keeps_its_ticks(store: Store) -> None:
    session, before = guided_session(store)
    record = editing.delete_session(store, session)
    # Its id was taken meanwhile (SQLite reuses the highest rowid once it is gone).
    taken = store.create_session(store.participant_for("Bo", "").id, "", 30, ClockState(0)).id
    assert taken == session
    editing.restore_session(store, record)
    assert record.id != session
    again = recorded(store, record.id)
    assert again == {k: before[k] for k in ("version", "ticks", "answers")}
    assert recorded(store, taken) == {"version": None, "ticks": [], "answers": {}}


def test_undo_and_redo_of_a_deletion_on_the_apps_stack_keep_the_guide(store: Store) -> None:
    session, before = guided_session(store)
    app: Any = SimpleNamespace(undo=UndoStack())
    edits.delete_session(app, store, session)
    for step in (app.undo.undo, app.undo.redo, app.undo.undo):
        step()
    assert recorded(store, session) == {k: before[k] for k in ("version", "ticks", "answers")}
    assert snapshots.snapshot(store, session).guide is not None


def _done(store: Store) -> list[tuple[str, str]]:
    rows = store.conn.execute(
        "SELECT e.text, d.item FROM todos_done d JOIN entries e ON e.id = d.entry_id"
        " ORDER BY e.text, d.item"
    )
    return [tuple(row) for row in rows]


def test_undoing_a_delete_brings_back_the_to_dos_already_ticked_off(store: Store) -> None:
    from tui.store.todos import set_done

    bo = store.participant_for("Bo", "")
    session = store.create_session(bo.id, "goal", 30, ClockState(0)).id
    ask = store.add_entry(session, "quote", "ask about pricing", 1_000, flags=["follow_up"])
    mark = store.add_entry(session, "mark", "", 2_000)
    set_done(store, ask.id, "follow_up", True)
    set_done(store, mark.id, "mark", True)
    ticked = _done(store)
    assert len(ticked) == 2

    editing.restore_entry(store, editing.delete_entry(store, ask.id))
    assert _done(store) == ticked
    editing.restore_session(store, editing.delete_session(store, session))
    assert _done(store) == ticked
