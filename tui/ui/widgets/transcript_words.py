"""The transcript's words as the screen handles them: where each is said, which were
captured, what a selection of cues (less a few words at either end) says verbatim.

A word's recording time is read off its place in its cue, as the matching reads it
(``tui.core.matching``): a cue's time spread evenly over its characters. So the words a
quote was matched to, and the words a quote is taken from here, are found again exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from tui.core.session_transcript import MatchedWords
from tui.core.transcript import Cue

_WORD = re.compile(r"\S+")


def words_in(text: str) -> list[tuple[int, int]]:
    """Each word's (first character, last character + 1): runs of non-space."""
    return [m.span() for m in _WORD.finditer(text)]


def ms_at(cue: Cue, position: int) -> int:
    """The recording time of character ``position`` of the cue (the matching's reckoning)."""
    size, span = max(1, len(cue.text)), cue.end_ms - cue.start_ms
    return cue.start_ms + span * position // size


def captured_spans(cue: Cue, matches: Sequence[MatchedWords]) -> list[tuple[int, int, str]]:
    """The cue's words that a match covers: (start, end, status) by character.

    A word is covered when its middle is said within the match (and by the match's
    speaker, where it names one): so a word the match starts or ends in counts whole.
    """
    spans: list[tuple[int, int, str]] = []
    for match in matches:
        if match.speaker and cue.speaker and match.speaker != cue.speaker:
            continue
        for start, end in words_in(cue.text):
            middle = (ms_at(cue, start) + ms_at(cue, end)) // 2
            if match.start_ms <= middle <= match.end_ms:
                spans.append((start, end, match.status))
    return spans


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where lines after the first begin, wrapping ``text`` at spaces to ``width`` cells
    (a word wider than a line is cut). Cheap enough to lay out an hour's cues on opening."""
    width = max(1, width)
    offsets: list[int] = []
    column, previous_end = 0, 0
    for start, end in words_in(text):
        gap = cell_len(text[previous_end:start])
        size = cell_len(text[start:end])
        if column and column + gap + size > width:
            offsets.append(start)
            column = 0
        else:
            column += gap
        if column + size <= width:
            column += size
        else:  # a word longer than the line: cut it where the line is full
            for at in range(start, end):
                cells = cell_len(text[at])
                if column + cells > width and column:
                    offsets.append(at)
                    column = 0
                column += cells
        previous_end = end
    return offsets


@dataclass(frozen=True)
class Selection:
    """Cues ``first`` to ``last`` (inclusive), less ``drop_start`` words at the beginning
    and ``drop_end`` at the end."""

    first: int
    last: int
    drop_start: int = 0
    drop_end: int = 0


@dataclass(frozen=True)
class Taken:
    """The words of a selection, verbatim, and when and by whom they were said."""

    text: str
    start_ms: int  # recording time of the first word
    end_ms: int  # … and of the end of the last
    speaker: str
    words: int
    spans: dict[int, tuple[int, int]]  # cue index → (first character, end) selected


def taken(cues: Sequence[Cue], selection: Selection) -> Taken | None:
    """What ``selection`` says, or None when every word is dropped."""
    places = [
        (index, start, end)
        for index in range(selection.first, selection.last + 1)
        for start, end in words_in(cues[index].text)
    ]
    places = places[selection.drop_start : len(places) - selection.drop_end]
    if not places:
        return None
    spans: dict[int, tuple[int, int]] = {}
    for index, start, end in places:
        first, _ = spans.get(index, (start, end))
        spans[index] = (first, end)
    text = " ".join(cues[index].text[a:b] for index, (a, b) in spans.items())
    (first_cue, first_char, _), (last_cue, _, last_char) = places[0], places[-1]
    return Taken(
        text,
        ms_at(cues[first_cue], first_char),
        ms_at(cues[last_cue], last_char),
        cues[first_cue].speaker,
        len(places),
        spans,
    )


def word_count(cues: Sequence[Cue], first: int, last: int) -> int:
    return sum(len(words_in(cues[index].text)) for index in range(first, last + 1))
