"""What the snapshot picks out of a session's entries."""

from __future__ import annotations

from tui.core.models import Entry, EntryKind
from tui.core.snapshot import quotes_tagged


def entry(
    n: int, kind: EntryKind = "quote", topics: tuple[str, ...] = (), emotions: tuple[str, ...] = ()
) -> Entry:
    return Entry(n, 7, kind, f"said {n}", n * 1000, topics, emotions)


def test_copying_a_tag_takes_the_quotes_with_any_of_its_topics_or_emotions_in_order() -> None:
    entries = [
        entry(1, topics=("pricing",)),
        entry(2, topics=("wiki",)),
        entry(3, emotions=("frustrated",)),
        entry(4, "note", topics=("pricing",)),  # notes and marks are not quotes
        entry(5, "mark", emotions=("frustrated",)),
        entry(6, topics=("onboarding", "pricing"), emotions=("delighted",)),
    ]
    assert [e.id for e in quotes_tagged(entries, ["pricing"], [])] == [1, 6]
    assert [e.id for e in quotes_tagged(entries, ["wiki"], ["frustrated"])] == [2, 3]
    assert quotes_tagged(entries, [], ["pricing"]) == []  # a topic's name is not an emotion
    assert quotes_tagged(entries, [], []) == []
