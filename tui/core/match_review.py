"""Reviewing a quote's match after the call: how the words said differ from the words
typed, and the other places in the transcript the quote could have been said.

The matcher (``core/matching.py``) picks one span per quote; a person who knows better
moves it to the previous or next place the same words were said, in time order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from tui.core.matching import (
    KNOWN_WINDOW,
    Match,
    Typed,
    WordIndex,
    confirm_from,
    words_of,
)
from tui.core.transcript import Cue

# A place is worth offering when its words score this far below what would be asked about.
CANDIDATE_SLACK = 8
_PIECE = re.compile(r"[\w'’]+|[^\w'’]+")


def same_words(typed: str, said: str) -> bool:
    """Whether the quote already reads as the words said (case, punctuation and fillers
    aside): then there is nothing to take."""
    return words_of(typed) == words_of(said)


def differences(typed: str, said: str) -> list[tuple[str, bool]]:
    """``said`` in pieces, each marked True where it is a word the quote does not have
    there (a word the note-taker skipped, or heard differently)."""
    pieces = _PIECE.findall(said)
    spoken = [(n, w) for n, piece in enumerate(pieces) for w in words_of(piece)[:1]]
    kept = SequenceMatcher(None, words_of(typed), [w for _, w in spoken], autojunk=False)
    same = {
        spoken[block.b + k][0] for block in kept.get_matching_blocks() for k in range(block.size)
    }
    shown: list[tuple[str, bool]] = []
    for n, piece in enumerate(pieces):
        differs = bool(words_of(piece)) and n not in same
        if shown and shown[-1][1] == differs:
            shown[-1] = (shown[-1][0] + piece, differs)
        else:
            shown.append((piece, differs))
    return shown


def candidates(cues: Sequence[Cue], typed: Typed, offset_ms: int | None) -> list[Match]:
    """Every place in the transcript (anyone's words) the quote could have been said, in
    time order: within the usual window of its time when the offset is known, else
    anywhere. Each is a match the person has chosen (accepted)."""
    quote = " ".join(words_of(typed.text))
    words = len(quote.split())
    if not words:
        return []
    index = WordIndex(cues, lambda cue: True)
    if not index.parts:
        return []
    a, b = 0, len(index.ms)
    if offset_ms is not None:
        at = typed.at_ms + offset_ms
        a = bisect_left(index.ms, at - KNOWN_WINDOW[0])
        b = bisect_right(index.ms, at + KNOWN_WINDOW[1])
    cutoff = confirm_from(words) - CANDIDATE_SLACK
    rough = [
        fuzz.ratio(quote, index.text[index.starts[i] : index.ends[min(b, i + words) - 1]])
        for i in range(a, b)
    ]
    reach = max(1, words // 2)
    found: list[Match] = []
    for k, score in enumerate(rough):
        near = rough[max(0, k - reach) : k + reach + 1]
        if score < cutoff - 10 or score < max(near) or score in rough[max(0, k - reach) : k]:
            continue  # not a peak (ties go to the first)
        # The span may begin a few words either side of the rough peak.
        lo, hi = index.ms[max(0, a + k - reach)], index.ms[min(b - 1, a + k + reach)]
        place = index.find(quote, words, lo, hi)
        if place is not None and place.score >= cutoff:
            found.append(place.match(typed.entry_id, "accepted"))
    return _apart(found)


def _apart(found: list[Match]) -> list[Match]:
    """The matches in time order, the better of any two that overlap kept."""
    kept: list[Match] = []
    for match in sorted(found, key=lambda m: (m.start_ms, -(m.score or 0))):
        if kept and match.start_ms <= kept[-1].end_ms:
            if (match.score or 0) > (kept[-1].score or 0):
                kept[-1] = match
            continue
        kept.append(match)
    return kept


def step(places: Sequence[Match], span: tuple[int, int] | None, forward: bool) -> Match | None:
    """The place after (or before) ``span``, recording times: the current match's words,
    or the quote's expected moment when it has none (None: from the very start or end).
    A place overlapping the span is the same place, and is passed over."""
    if span is None:
        return (places[0] if forward else places[-1]) if places else None
    start, end = span
    if forward:
        return next((m for m in places if m.start_ms > end), None)
    return next((m for m in reversed(places) if m.end_ms < start), None)
