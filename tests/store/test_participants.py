"""The participant directory, pages, profile edits and merges."""

from __future__ import annotations

import pytest

from tests.store.helpers import maintained, recount
from tui.core.clock import ClockState
from tui.store.participants import directory, merge, page, update_profile
from tui.store.reach import reach
from tui.store.store import Store


def _session(store: Store, name: str, company: str = "") -> int:
    who = store.participant_for(name, company)
    return store.create_session(who.id, "goal", 30, ClockState(0)).id


def test_directory_counts_sessions_quotes_and_top_tags(store: Store) -> None:
    first = _session(store, "Ann", "Acme")
    second = _session(store, "Ann", "Acme")
    store.add_entry(first, "quote", "a", 0, ["pricing"])
    store.add_entry(second, "quote", "b", 0, ["pricing", "exports"])
    store.add_entry(second, "note", "our words", 0, ["speed"])
    _session(store, "Bo")
    rows = {r.participant.name: r for r in directory(store)}
    ann = rows["Ann"]
    assert (ann.sessions, ann.quotes, ann.top_tags[0]) == (2, 2, "pricing")
    assert len(ann.last_interview) == 10
    assert (rows["Bo"].sessions, rows["Bo"].quotes, rows["Bo"].top_tags) == (1, 0, ())


def test_page_lists_everything_they_said_newest_session_first(store: Store) -> None:
    old = _session(store, "Ann")
    store.add_entry(old, "quote", "old words", 0)
    with store.db.atomic():
        store.conn.execute("UPDATE sessions SET started_at_ms = -1 WHERE id = ?", (old,))
    new = _session(store, "Ann")
    store.add_entry(new, "quote", "new words", 0, ["pricing"], ["annoyed"])
    shown = page(store, store.session(new).participant.id)
    assert [s.text for s in shown.said] == ["new words", "old words"]
    assert shown.said[0].tags == ("#pricing", "!annoyed")
    assert shown.sessions == 2


def test_profile_edits_are_saved_and_bad_fields_explained(store: Store) -> None:
    who = store.participant_for("Ann", "Acme")
    update_profile(store, who.id, " Ann Lee ", "Acme", "ann@acme.test", "SMB", ["CFO", " ", "x"])
    again = store.participant(who.id)
    assert (again.name, again.email, again.segment, again.facts) == (
        "Ann Lee",
        "ann@acme.test",
        "SMB",
        ("CFO", "x"),
    )
    with pytest.raises(ValueError, match="needs a name"):
        update_profile(store, who.id, "  ")
    with pytest.raises(ValueError, match="email"):
        update_profile(store, who.id, "Ann", email="not an email")
    assert store.participant(who.id).name == "Ann Lee"


def test_merge_moves_every_entry_once_and_deletes_the_duplicate(store: Store) -> None:
    first, second = _session(store, "Ann", "Acme"), _session(store, "Ann L", "")
    keep, drop = store.session(first).participant.id, store.session(second).participant.id
    update_profile(store, drop, "Ann L", email="ann@acme.test", facts=["CFO"])
    for session in (first, second):
        store.add_entry(session, "quote", f"said in {session}", 0, ["pricing"])
    before = store.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    kept = merge(store, keep, drop)
    assert (kept.email, kept.facts) == ("ann@acme.test", ("CFO",))
    assert store.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == before
    assert sorted(s.text for s in page(store, keep).said) == [
        f"said in {first}",
        f"said in {second}",
    ]
    with pytest.raises(KeyError):
        store.participant(drop)
    assert maintained(store) == recount(store)
    assert reach(store, "topic", ["pricing"]) == {"pricing": 1}
    with pytest.raises(ValueError):
        merge(store, keep, keep)
