"""Reviewing a match: the words said that the quote does not have are the ones marked, and
every place the quote could have been said is offered in time order."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.core.calls import WORDS
from tui.core.match_review import candidates, differences, same_words, step
from tui.core.matching import Typed
from tui.core.transcript import Cue, read_transcript

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transcripts"
LATE = 7_200


def marked(typed: str, said: str) -> list[str]:
    return [piece.strip() for piece, differs in differences(typed, said) if differs]


def test_the_words_said_but_not_typed_are_marked_and_nothing_else() -> None:
    said = "If I could link a quote back to the exact moment in the recording, that'd be huge."
    typed = "if i could link a quote back to the moment in the recording that'd be huge"
    assert marked(typed, said) == ["exact"]
    assert "".join(piece for piece, _ in differences(typed, said)) == said  # all of it, as said
    assert marked("we pay for tools", "We pay for, um, three tools") == ["three"]


def test_case_punctuation_and_fillers_are_the_same_words() -> None:
    assert same_words("Nobody reads it", "nobody, um, reads it.")
    assert not same_words("Nobody reads it", "nobody read it")


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
def test_a_quote_typed_as_said_has_no_differences(words: list[str]) -> None:
    said = " ".join(words).capitalize() + "."
    assert marked(" ".join(words), said) == []


def test_every_place_the_quote_was_said_in_time_order() -> None:
    cues = read_transcript((FIXTURES / "zoom.vtt").read_bytes()).cues
    typed = Typed(3, "quote", "Nobody goes looking for a research doc!", 46_300)
    places = candidates(cues, typed, LATE)
    assert [(m.words, m.speaker) for m in places] == [
        ("Nobody goes looking for a research doc", "Ada Okafor"),
        ("nobody goes looking for the doc", "Maya Chen"),
    ]
    assert places == candidates(cues, typed, None)  # without an offset: the whole call
    assert all(m.status == "accepted" for m in places)


def test_a_quote_never_said_has_nowhere_to_go() -> None:
    cues = read_transcript((FIXTURES / "zoom.vtt").read_bytes()).cues
    assert candidates(cues, Typed(1, "quote", "we moved to a whiteboard app", 30_000), LATE) == []
    assert candidates(cues, Typed(1, "quote", "", 30_000), LATE) == []
    assert candidates([], Typed(1, "quote", "anything", 0), None) == []


def test_stepping_passes_over_the_place_it_is_at() -> None:
    cues = [
        Cue(0, 3000, "A", "the export is broken again"),
        Cue(10_000, 13_000, "B", "the export is broken again"),
        Cue(20_000, 23_000, "A", "the export is broken again"),
    ]
    places = candidates(cues, Typed(1, "quote", "the export is broken again", 0), None)
    assert [m.start_ms for m in places] == [0, 10_000, 20_000]
    second = (places[1].start_ms, places[1].end_ms)
    assert step(places, second, forward=True) == places[2]
    assert step(places, second, forward=False) == places[0]
    assert step(places, (places[2].start_ms, places[2].end_ms), forward=True) is None
    assert step(places, (15_000, 15_000), forward=False) == places[1]  # from its moment
    assert step(places, None, forward=False) == places[2]
