"""Counts read as English: "1 session", "2 sessions", "0 entries"."""

from __future__ import annotations

import pytest

from tui.core.text import plural


@pytest.mark.parametrize(
    ("count", "word", "said"),
    [
        (1, "session", "1 session"),
        (2, "session", "2 sessions"),
        (0, "participant", "0 participants"),
        (1, "entry", "1 entry"),
        (3, "entry", "3 entries"),
        (2, "day", "2 days"),
        (-1, "quote", "-1 quotes"),
    ],
)
def test_plural(count: int, word: str, said: str) -> None:
    assert plural(count, word) == said


def test_an_irregular_plural_is_given() -> None:
    assert plural(1, "person", "people") == "1 person"
    assert plural(4, "person", "people") == "4 people"
