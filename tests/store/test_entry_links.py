"""An entry's tags as saved: known and new ones together, repeats, both kinds of one name."""

from __future__ import annotations

from tests.store.helpers import maintained, recount
from tui.core.clock import ClockState
from tui.store.store import Store


def test_known_new_and_repeated_tags_are_linked_once_each(store: Store) -> None:
    participant = store.participant_for("Ann Lee", "Acme")
    session = store.create_session(participant.id, "", 30, ClockState(0)).id
    store.tag_id("topic", "pricing")
    store.tag_id("emotion", "export")  # the same name as a new topic below, another kind

    entry = store.add_entry(
        session, "quote", "x", 0, ["pricing", "export", "pricing"], ["export", "calm"]
    )
    later = store.add_tags(entry.id, ["pricing", "onboarding"], ["calm"])

    assert (entry.topics, entry.emotions) == (("export", "pricing"), ("calm", "export"))
    assert later.topics == ("export", "onboarding", "pricing")
    assert store.entry(entry.id) == later
    assert store.tag_names("topic") == ["export", "onboarding", "pricing"]
    assert maintained(store) == recount(store)
