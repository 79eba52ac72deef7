"""Editing after the call: verbatim originals kept, every change undoable, sessions restorable."""

from __future__ import annotations

import json

import pytest

from tests.store import helpers
from tui.core.clock import ClockState
from tui.store import editing, snapshots
from tui.store import reach as reaching
from tui.store.store import Store


def session_with(store: Store, *texts: str) -> tuple[int, list[int]]:
    ada = store.participant_for("Ada Lovelace", "Acme")
    session = store.create_session(ada.id, "goal", 30, ClockState(0))
    ids = [
        store.add_entry(session.id, "quote", t, n * 1000, ["pricing"], ["frustrated"]).id
        for n, t in enumerate(texts)
    ]
    return session.id, ids


def reach(store: Store, tag: str) -> int:
    return reaching.reach(store, "topic", [tag])[tag]


def test_first_edit_keeps_the_verbatim_original(store: Store) -> None:
    _, [entry_id] = session_with(store, "Nobody reads teh wiki")
    helpers.edit_text(store, entry_id, "Nobody reads the wiki")
    entry = helpers.edit_text(store, entry_id, "Nobody reads our wiki")
    assert entry.text == "Nobody reads our wiki"
    assert entry.original_text == "Nobody reads teh wiki"
    assert entry.edited


def test_editing_back_to_the_original_still_keeps_it(store: Store) -> None:
    _, [entry_id] = session_with(store, "as said")
    helpers.edit_text(store, entry_id, "changed")
    entry = helpers.edit_text(store, entry_id, "as said")
    assert entry.original_text == "as said"


def test_edit_is_searchable_by_its_new_text(store: Store) -> None:
    _, [entry_id] = session_with(store, "old words")
    helpers.edit_text(store, entry_id, "brand new phrasing")
    rows = store.conn.execute(
        "SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'phrasing'"
    ).fetchall()
    assert rows == [(entry_id,)]


def test_kind_time_and_tags_change_and_put_back_restores_everything(store: Store) -> None:
    _, [entry_id] = session_with(store, "quote")
    before, after = editing.edit_entry(
        store, entry_id, kind="note", at_ms=65_000, topics=["onboarding"], emotions=[]
    )
    changed = store.entry(entry_id)
    assert (changed.kind, changed.at_ms, changed.topics, changed.emotions) == (
        "note",
        65_000,
        ("onboarding",),
        (),
    )
    assert reach(store, "pricing") == 0 and reach(store, "onboarding") == 1
    restored = editing.put_back(store, before)
    assert (restored.kind, restored.at_ms, restored.topics) == ("quote", 0, ("pricing",))
    assert reach(store, "pricing") == 1 and reach(store, "onboarding") == 0
    assert editing.put_back(store, after).topics == ("onboarding",)


def test_bad_kind_or_negative_time_is_refused_and_nothing_changes(store: Store) -> None:
    _, [entry_id] = session_with(store, "quote")
    with pytest.raises(ValueError):
        helpers.set_kind(store, entry_id, "rumour")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        helpers.set_time(store, entry_id, -5)
    assert store.entry(entry_id).kind == "quote"


def test_delete_and_restore_keep_id_tags_and_counts(store: Store) -> None:
    session_id, [first, second] = session_with(store, "one", "two")
    helpers.set_tags(store, second, ["pricing", "wiki"], ["delighted"])
    record = editing.delete_entry(store, second)
    assert [e.id for e in store.entries(session_id)] == [first]
    assert reach(store, "wiki") == 0
    entry = editing.restore_entry(store, record)
    assert entry.id == second
    assert entry.topics == ("pricing", "wiki") and entry.emotions == ("delighted",)
    assert reach(store, "wiki") == 1


def test_restore_after_the_id_was_reused_gets_a_new_id(store: Store) -> None:
    session_id, [_, last] = session_with(store, "one", "two")
    record = editing.delete_entry(store, last)
    newcomer = store.add_entry(session_id, "quote", "three", 5000)
    assert newcomer.id == last  # SQLite reuses the highest rowid
    entry = editing.restore_entry(store, record)
    assert entry.text == "two" and entry.id != last
    assert len(store.entries(session_id)) == 3


def test_memorable_is_the_chosen_one_else_the_first_starred_quote(store: Store) -> None:
    session_id, [_, b, c] = session_with(store, "a", "b", "c")
    assert editing.memorable_entry(store, session_id) is None
    store.toggle_flag(c, "starred")
    store.toggle_flag(b, "starred")
    assert editing.memorable_entry(store, session_id).id == b  # type: ignore[union-attr]
    assert editing.set_memorable(store, session_id, c) is None
    assert editing.memorable_entry(store, session_id).id == c  # type: ignore[union-attr]
    editing.delete_entry(store, c)
    assert editing.memorable_entry(store, session_id).id == b  # type: ignore[union-attr]


def test_lists_and_facts_are_stored_as_json_and_return_the_previous_value(store: Store) -> None:
    session_id, _ = session_with(store)
    assert editing.set_list(store, session_id, "opportunities", ["Share quotes fast"]) == []
    previous = editing.set_list(store, session_id, "opportunities", ["B", "A [/"])
    assert previous == ["Share quotes fast"]
    raw = store.conn.execute("SELECT opportunities FROM sessions").fetchone()[0]
    assert json.loads(raw) == ["B", "A [/"]
    with pytest.raises(ValueError):
        editing.set_list(store, session_id, "goal", ["x"])
    ada = store.session(session_id).participant
    assert editing.set_facts(store, ada.id, ["role: PM", "uses Notion"]) == []
    assert store.participant(ada.id).facts == ("role: PM", "uses Notion")


def test_delete_session_and_restore_brings_back_everything(store: Store) -> None:
    session_id, ids = session_with(store, "one", "two")
    editing.set_list(store, session_id, "insights", ["they hate wikis"])
    record = editing.delete_session(store, session_id)
    assert store.sessions() == [] and reach(store, "pricing") == 0
    with pytest.raises(KeyError):
        store.session(session_id)
    editing.restore_session(store, record)
    assert [e.id for e in store.entries(session_id)] == ids
    assert editing.get_list(store, session_id, "insights") == ["they hate wikis"]
    assert reach(store, "pricing") == 1


def test_every_snapshot_edit_of_a_deleted_session_says_it_is_gone(store: Store) -> None:
    session_id, [entry_id] = session_with(store, "one")
    editing.delete_session(store, session_id)
    with pytest.raises(KeyError):
        editing.set_memorable(store, session_id, entry_id)
    with pytest.raises(KeyError):
        editing.set_list(store, session_id, "insights", ["they hate wikis"])
    assert store.sessions() == []


def test_resolve_session_accepts_ids_and_latest(store: Store) -> None:
    first, _ = session_with(store)
    ada = store.participant_for("Ada Lovelace", "Acme")
    second = store.create_session(ada.id, "later", 30, ClockState(10_000)).id
    assert editing.resolve_session(store, "latest") == second
    assert editing.resolve_session(store, str(first)) == first
    assert editing.resolve_session(store, "99") is None
    assert editing.resolve_session(store, "first") is None


def test_export_data_has_stamps_and_lists(store: Store) -> None:
    session_id, [entry_id] = session_with(store, "x")
    helpers.edit_text(store, entry_id, "y")
    snap = snapshots.session_export_data(store, session_id, {"frustrated": -1})
    created, edited = snap.stamps[entry_id]
    assert created and edited
    assert snap.valences["frustrated"] == -1
