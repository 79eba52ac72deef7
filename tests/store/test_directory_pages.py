"""The participant directory a page at a time: the order alone first, then the rows of
the participants a screen is about to show, the same as the whole directory's."""

from __future__ import annotations

from tui.core.clock import ClockState
from tui.store.participants import directory, directory_order
from tui.store.store import Store


def _people(store: Store) -> dict[str, int]:
    """Cy last interviewed 2024-03-01, Ann and bo 2024-02-01 (a tie by name, any case),
    Dee never; Ann twice, with two quotes and a note."""
    ids = {}
    for name, day in (("bo", "2024-02-01"), ("Cy", "2024-03-01"), ("Ann", "2024-01-05")):
        who = store.participant_for(name, "")
        ids[name] = who.id
        session = store.create_session(who.id, "g", 30, ClockState(0)).id
        store.add_entry(session, "quote", f"{name} said", 0, ["pricing"])
        with store.db.atomic():
            store.conn.execute(
                "UPDATE sessions SET created_at = ? WHERE id = ?", (f"{day}T10:00:00", session)
            )
    later = store.create_session(ids["Ann"], "g", 30, ClockState(0)).id
    store.add_entry(later, "quote", "again", 0, ["exports"])
    store.add_entry(later, "quote", "and again", 0, ["exports"])
    store.add_entry(later, "note", "our words", 0, ["exports"])
    with store.db.atomic():
        store.conn.execute(
            "UPDATE sessions SET created_at = '2024-02-01T09:00:00' WHERE id = ?", (later,)
        )
    ids["Dee"] = store.participant_for("Dee", "").id
    return ids


def test_the_order_is_the_whole_directorys_order(store: Store) -> None:
    ids = _people(store)
    whole = directory(store)
    assert [r.participant.name for r in whole] == ["Cy", "Ann", "bo", "Dee"]
    assert directory_order(store) == [r.participant.id for r in whole]
    assert whole[-1].last_interview == ""
    assert ids["Dee"] == directory_order(store)[-1]


def test_a_page_holds_the_rows_asked_for_in_that_order(store: Store) -> None:
    _people(store)
    whole = directory(store)
    order = directory_order(store)
    assert directory(store, order[1:3]) == whole[1:3]
    assert directory(store, order[3:]) == whole[3:]
    ann = directory(store, order[1:2])[0]
    assert (ann.sessions, ann.quotes, ann.top_tags) == (2, 3, ("exports", "pricing"))
    assert directory(store, []) == []
