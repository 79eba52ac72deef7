"""Typed quotes matched to the words said: the right words, the right speaker, the recording
offset found, and nothing for a quote that was never said."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.calls import WORDS, as_file, make_call
from tui.core.matching import (
    ACCEPT,
    Match,
    SpeakerNotFound,
    Typed,
    match_transcript,
)
from tui.core.transcript import Cue, read_transcript

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transcripts"
ADA, MAYA = "Ada Okafor", "Maya Chen"
LATE = 7_200  # the recording started 7.2 s before the interview clock


def typed_in_the_fixture_call() -> list[Typed]:
    """What a note-taker typed during the fixture call, each a second or two late."""

    def at(recording_s: float) -> int:
        return round(recording_s * 1000) - LATE + 1500

    return [
        Typed(1, "quote", "I ran six interviews and wrote everything up in a doc", at(20.1)),
        Typed(
            2,
            "quote",
            "pasted the best quotes into slack and tagged the PMs which actually"
            " worked way better than the doc",
            at(35.9),
        ),
        Typed(3, "quote", "Nobody goes looking for a research doc!", at(52.0)),
        Typed(
            4,
            "quote",
            "if i could link a quote back to the moment in the recording that would be huge",
            at(72.1),
        ),
        Typed(5, "quote", "we pay for three different tools and hate all of them", at(62.0)),
        Typed(6, "note", "she seems frustrated with docs", at(30.0)),
        Typed(7, "mark", "", at(66.0)),
    ]


def by_entry(matches: tuple[Match, ...]) -> dict[int, Match]:
    return {m.entry_id: m for m in matches}


@pytest.mark.parametrize("name", ["zoom.vtt", "teams.vtt", "call.srt"])
def test_each_quote_finds_the_words_said_and_the_offset_is_estimated(name: str) -> None:
    cues = read_transcript((FIXTURES / name).read_bytes()).cues
    result = match_transcript(cues, typed_in_the_fixture_call())
    found = by_entry(result.matches)
    assert (result.speaker, result.offset_from, result.quotes, result.matched) == (
        ADA,
        "estimated",
        5,
        4,
    )
    assert result.offset_ms is not None and abs(result.offset_ms - (LATE - 1500)) < 1000
    assert found[1].words == "I ran like six interviews and I wrote everything up in a doc"
    # Over two cues, the filler and the entity as said.
    assert found[2].words == (
        "pasted the best quotes into Slack & tagged the PMs, which, um, which actually"
        " worked way better than the doc"
    )
    assert (found[2].start_ms, found[2].end_ms) == pytest.approx((36_000, 44_800), abs=600)
    # The interviewer's echo ("So nobody goes looking for the doc.") is not taken.
    assert found[3].words == "Nobody goes looking for a research doc"
    assert found[3].speaker == ADA
    assert {found[n].status for n in (1, 2, 3, 4)} == {"accepted"}
    assert all((found[n].score or 0) >= ACCEPT for n in (1, 2, 3, 4))
    assert 5 not in found and 6 not in found  # never said; a note is not matched
    mark = found[7]
    assert (mark.score, mark.status, mark.speaker) == (None, "confirm", ADA)
    assert "the quotes lose their context" in mark.words


def test_the_recording_sync_or_a_given_offset_is_used_as_it_is() -> None:
    cues = read_transcript((FIXTURES / "zoom.vtt").read_bytes()).cues
    synced = match_transcript(cues, typed_in_the_fixture_call(), recording_at_ms=-LATE)
    assert (synced.offset_ms, synced.offset_from, synced.matched) == (LATE, "sync", 4)
    given_ = match_transcript(cues, typed_in_the_fixture_call(), offset_ms=LATE + 1000)
    assert (given_.offset_ms, given_.offset_from, given_.matched) == (LATE + 1000, "given", 4)
    both = match_transcript(cues, typed_in_the_fixture_call(), offset_ms=0, recording_at_ms=5)
    assert (both.offset_ms, both.offset_from) == (0, "given")  # --offset wins over the sync


def test_the_speaker_can_be_named_in_any_case_but_must_be_in_the_transcript() -> None:
    cues = read_transcript((FIXTURES / "zoom.vtt").read_bytes()).cues
    assert match_transcript(cues, [], speaker="ada  OKAFOR").speaker == ADA
    with pytest.raises(SpeakerNotFound, match=r"'Grace'.*Ada Okafor, Maya Chen"):
        match_transcript(cues, [], speaker="Grace")


def test_the_interviewers_words_typed_as_a_quote_are_flagged_to_confirm() -> None:
    cues = read_transcript((FIXTURES / "zoom.vtt").read_bytes()).cues
    typed = [
        *typed_in_the_fixture_call(),
        Typed(9, "quote", "is that something you want to fix", 68_000 - LATE),
    ]
    found = by_entry(match_transcript(cues, typed).matches)
    assert (found[9].speaker, found[9].status) == (MAYA, "confirm")
    assert found[9].words == "Is that something you'd want to fix"


def test_a_transcript_without_speakers_matches_everyone() -> None:
    cues = [
        Cue(c.start_ms, c.end_ms, "", c.text)
        for c in read_transcript((FIXTURES / "zoom.vtt").read_bytes()).cues
    ]
    result = match_transcript(cues, typed_in_the_fixture_call())
    assert result.speaker == ""
    assert result.matched == 4


def test_without_a_confident_match_the_offset_is_unknown_and_marks_get_nothing() -> None:
    cues = read_transcript((FIXTURES / "zoom.vtt").read_bytes()).cues
    typed = [
        Typed(1, "quote", "nothing like this was said at all today", 0),
        Typed(2, "mark", "", 30_000),
    ]
    result = match_transcript(cues, typed)
    assert (result.offset_ms, result.offset_from, result.matches) == (None, "estimated", ())


@pytest.mark.parametrize("shape", ["zoom", "teams", "srt", "text"])
def test_a_noisy_call_matches_nine_quotes_in_ten_and_finds_its_offset(shape: str) -> None:
    """ASR errors, fillers, words skipped, quotes typed late, echoes by the interviewer."""
    right = said = 0
    for seed in (1, 2, 3):
        call = make_call(seed=seed, asr_errors=0.12)
        cues = read_transcript(as_file(call.cues, shape)).cues
        result = match_transcript(cues, call.typed)
        assert result.speaker == call.participant
        assert result.offset_ms is not None
        # Plain text gives whole seconds: its times are up to a second early.
        assert abs(result.offset_ms - call.offset_ms) < (1000 if shape != "text" else 1500)
        found = by_entry(result.matches)
        assert not call.never_said & found.keys()
        for entry, (start, end) in call.truth.items():
            said += 1
            match = found.get(entry)
            right += match is not None and overlap(match, start, end) >= 0.5
    assert right >= 0.9 * said


def overlap(match: Match, start: int, end: int) -> float:
    """How much of what was said (start to end) the match covers."""
    return max(0, min(end, match.end_ms) - max(start, match.start_ms)) / (end - start)


def test_the_typed_text_is_never_changed() -> None:
    cues = read_transcript((FIXTURES / "zoom.vtt").read_bytes()).cues
    typed = typed_in_the_fixture_call()
    before = [t.text for t in typed]
    result = match_transcript(cues, typed)
    assert [t.text for t in typed] == before
    assert all(m.words != t.text for m in result.matches for t in typed if t.entry_id == m.entry_id)


# What was said: different content words (so what is cut was said once), with common
# words between them as in speech.
content = st.permutations(WORDS).map(lambda words: words[:150])
glue = st.lists(st.tuples(st.integers(0, 149), st.sampled_from(["the", "and", "i", "to", "a"])))


@given(
    content=content,
    glue=glue,
    where=st.floats(0, 1),
    length=st.integers(7, 14),
    dropped=st.lists(st.integers(1, 12), max_size=2),
    fillers=st.lists(st.integers(0, 30), max_size=4),
    offset=st.integers(-60_000, 120_000),
    synced=st.booleans(),
)
def test_a_quote_cut_from_the_transcript_is_matched_to_its_span(
    content: list[str],
    glue: list[tuple[int, str]],
    where: float,
    length: int,
    dropped: list[int],
    fillers: list[int],
    offset: int,
    synced: bool,
) -> None:
    """Cut from the words said (across cues), fillers out, a few words dropped, typed 2 s
    late in capitals: the match covers what was cut, and scores at least to confirm."""
    said = list(content)
    for at, word in sorted(glue, reverse=True):
        said.insert(at, word)
    start = round(where * (len(said) - length))
    cut = said[start : start + length]
    heard: list[tuple[str, int | None]] = [(w, i) for i, w in enumerate(said)]
    for n, at in enumerate(sorted(fillers, reverse=True)):  # the later first: places hold
        heard.insert(start + min(at, length - 1) + 1, (["um", "like"][n % 2], None))
    place = {i: n for n, (_w, i) in enumerate(heard) if i is not None}
    cues, at_ms, word_ms = [], 10_000, 300
    for i in range(0, len(heard), 9):  # cues of nine words, a word every 300 ms
        chunk = " ".join(w for w, _i in heard[i : i + 9])
        end = at_ms + min(len(heard), i + 9) * word_ms
        cues.append(Cue(at_ms + i * word_ms, end, "", chunk))
    said_at = at_ms + place[start] * word_ms
    kept = [i for i in range(length) if i not in dropped]
    quote = [cut[i] for i in kept]
    # When each word typed was said: the middle of its 300 ms.
    typed_at = [at_ms + place[start + i] * word_ms + word_ms // 2 for i in kept]
    typed = [Typed(1, "quote", " ".join(quote).upper() + "!", said_at - offset + 2000)]
    result = match_transcript(
        cues,
        typed,
        recording_at_ms=-offset if synced else None,
        offset_ms=None if synced else offset,
    )
    (match,) = result.matches
    assert match.score is not None and match.status in ("accepted", "confirm")
    # It covers the words typed (a short word beside a skipped one may fall off an end),
    # and runs on at most a word or two past them.
    half = word_ms // 2  # times within a cue are spread by letters, not by words
    covered = [match.start_ms - half <= at <= match.end_ms + half for at in typed_at]
    assert sum(covered) >= 0.75 * len(covered)
    assert match.start_ms >= typed_at[0] - 2 * word_ms - half
    assert match.end_ms <= typed_at[-1] + 2 * word_ms + half
