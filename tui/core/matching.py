"""Each typed quote matched to the transcript's words it reproduces.

Nobody types verbatim at the speed of speech: the quote is close to what was said, and
its time close to when. Words are compared without case, punctuation or fillers ("um",
"like"), by fuzzy alignment (rapidfuzz), so ASR errors, skipped words and a quote spread
over two cues still find their span. Where to look is the quote's interview time plus the
recording offset: the recording sync (ctrl+r) when it was pressed, else estimated from the
confident matches (their median), then matching is done again in a tighter window.

The typed text is never changed here: a match only says which words it reproduces.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from tui.core.session_transcript import MatchStatus, OffsetFrom
from tui.core.text import visible
from tui.core.transcript import Cue

ACCEPT = 85  # a score from here up is taken as the words said
CONFIRM = 68  # from here to ACCEPT the note-taker is asked; below, no match
# Unrelated speech scores about 50-65 against a quote of six words or more, but a short
# quote finds its few words somewhere by chance: it needs a higher score to be asked
# about (``confirm_from``), and is never accepted without asking.
SURE_WORDS = 4
OFFSET_WORDS = 5  # quotes this long or longer place the recording (and guess the speaker)
# Where to look around a quote's expected recording time (ms before, ms after). Typing
# begins while or after the words are said, so mostly before; an estimated offset already
# holds the typical delay, so its window is tighter.
KNOWN_WINDOW = (120_000, 60_000)
ESTIMATED_WINDOW = (40_000, 40_000)
MARK_WINDOW = (20_000, 5_000)  # a mark is pressed just after the moment it marks
FLAG_MARGIN = 10  # another speaker's words must match this much better to be preferred
WORD_WEIGHT = 6  # what each of the quote's words found whole in a span adds to its letters' score
FILLERS = frozenset(
    ["um", "umm", "uh", "uhm", "uhh", "erm", "er", "ah", "eh", "hmm", "mm", "mhm", "like"]
)
_WORD = re.compile(r"[\w'’]+")

Status = MatchStatus


class SpeakerNotFound(ValueError):
    """``--speaker`` names nobody in the transcript; the message is the line to show."""

    def __init__(self, name: str, speakers: Sequence[str]) -> None:
        known = ", ".join(speakers) if speakers else "none: it names no speakers"
        super().__init__(f"no speaker {name!r} in the transcript (its speakers: {known})")


@dataclass(frozen=True)
class Typed:
    """An entry to match: a quote, or a mark to suggest words for."""

    entry_id: int
    kind: str  # "quote" or "mark"; notes are our own words and never matched
    text: str
    at_ms: int  # interview time when typing began


@dataclass(frozen=True)
class Match:
    entry_id: int
    start_ms: int  # recording time of the first matched word
    end_ms: int
    words: str  # the transcript's words, as written there
    speaker: str
    score: int | None  # 0-100; None for a mark's suggestion
    status: Status


@dataclass(frozen=True)
class Matching:
    speaker: str  # the participant's speaker ("" when the transcript names none)
    offset_ms: int | None  # recording time of interview time 0; None: could not be told
    offset_from: OffsetFrom
    quotes: int  # quotes looked for
    matches: tuple[Match, ...]

    @property
    def matched(self) -> int:
        return sum(1 for m in self.matches if m.score is not None)


def words_of(text: str) -> list[str]:
    """The words compared: casefolded, apostrophes dropped, fillers left out."""
    found = (w.casefold().replace("'", "").replace("’", "") for w in _WORD.findall(text))
    return [w for w in found if w and w not in FILLERS]


class WordIndex:
    """One speaker's (or everyone's) words as one string, each word's place and time."""

    def __init__(self, cues: Sequence[Cue], keep: Callable[[Cue], bool]) -> None:
        self.cues = cues
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.ms: list[int] = []
        self.end_ms: list[int] = []
        self.where: list[tuple[int, int, int]] = []  # (cue, first char, last char + 1)
        at = 0
        for c, cue in enumerate(cues):
            if not keep(cue):
                continue
            size, span = max(1, len(cue.text)), cue.end_ms - cue.start_ms
            for found in _WORD.finditer(cue.text):
                word = found.group().casefold().replace("'", "").replace("’", "")
                if not word or word in FILLERS:
                    continue
                self.parts.append(word)
                self.starts.append(at)
                self.ends.append(at + len(word))
                at += len(word) + 1
                self.ms.append(cue.start_ms + span * found.start() // size)
                self.end_ms.append(cue.start_ms + span * found.end() // size)
                self.where.append((c, found.start(), found.end()))
        self.text = " ".join(self.parts)

    def find(self, quote: str, words: int, lo_ms: int | None, hi_ms: int | None) -> _Found | None:
        """The best span for ``quote`` (normalised, ``words`` long) starting in the window."""
        a = 0 if lo_ms is None else bisect_left(self.ms, lo_ms)
        b = len(self.ms) if hi_ms is None else bisect_right(self.ms, hi_ms)
        # Let the span run on past the window's end by the quote's own length.
        b = min(len(self.ms), b + words + 2)
        if a >= b:
            return None
        base = self.starts[a]
        aligned = fuzz.partial_ratio_alignment(
            quote, self.text[base : self.ends[b - 1]], score_cutoff=CONFIRM - 10
        )
        if aligned is None:
            return None
        first = bisect_right(self.starts, base + aligned.dest_start) - 1
        if self.ends[first] <= base + aligned.dest_start:
            first += 1
        last = max(first, bisect_left(self.starts, base + aligned.dest_end) - 1)
        # The alignment is at most as long as the quote; the words said may be longer
        # (skipped words) or shorter (fillers typed): settle on the span that matches best,
        # ending anywhere from a few words before the alignment's end to a few words past
        # the quote's length.
        reach = max(3, words // 2)
        furthest = max(last, first + words - 1) + reach
        # Letters decide, and each word of the quote found whole in the span adds: a word
        # typed after a skipped one is reached, even a short one after a long one.
        typed = quote.split()
        best = (-1.0, -1.0, first, last)
        for i in range(max(a, first - reach), min(last, first + reach) + 1):
            for j in range(max(i, last - reach), min(b - 1, furthest) + 1):
                score = fuzz.ratio(quote, self.text[self.starts[i] : self.ends[j]])
                whole = LCSseq.similarity(typed, self.parts[i : j + 1])
                if score + WORD_WEIGHT * whole > best[0]:
                    best = (score + WORD_WEIGHT * whole, score, i, j)
        _, score, i, j = best
        return _Found(self, i, j, round(max(score, aligned.score)))

    def words(self, i: int, j: int) -> str:
        """Words ``i`` to ``j`` as the transcript wrote them, punctuation and fillers kept."""
        (c1, s1, _), (c2, _, e2) = self.where[i], self.where[j]
        if c1 == c2:
            return self.cues[c1].text[s1:e2]
        middle = [self.cues[c].text for c in range(c1 + 1, c2) if self._kept(c, i, j)]
        return " ".join([self.cues[c1].text[s1:], *middle, self.cues[c2].text[:e2]])

    def _kept(self, cue: int, i: int, j: int) -> bool:
        return any(self.where[w][0] == cue for w in range(i, j + 1))


@dataclass(frozen=True)
class _Found:
    index: WordIndex
    first: int
    last: int
    score: int

    @property
    def start_ms(self) -> int:
        return self.index.ms[self.first]

    @property
    def speaker(self) -> str:
        return self.index.cues[self.index.where[self.first][0]].speaker

    def match(self, entry_id: int, status: Status) -> Match:
        end = self.index.end_ms[self.last]
        words = self.index.words(self.first, self.last)
        return Match(entry_id, self.start_ms, end, words, self.speaker, self.score, status)


def match_transcript(
    cues: Sequence[Cue],
    typed: Sequence[Typed],
    *,
    speaker: str | None = None,
    offset_ms: int | None = None,
    recording_at_ms: int | None = None,
) -> Matching:
    """Match every quote in ``typed`` to ``cues``, and suggest words for every mark.

    ``speaker`` is the participant's (else guessed); ``offset_ms`` a recording offset given
    outright (recording time of interview time 0), else ``recording_at_ms``, the session's
    recording sync, else one is estimated.
    """
    named = _speakers(cues)
    participant = _speaker_named(speaker, named) if speaker is not None else None
    everyone = WordIndex(cues, lambda cue: True)
    quotes = [(t, q, len(q.split())) for t in typed if t.kind == "quote" if (q := _said(t.text))]
    offset_from: OffsetFrom = "given"
    if offset_ms is None and recording_at_ms is not None:
        offset_ms, offset_from = -recording_at_ms, "sync"
    if offset_ms is None or participant is None:
        window = KNOWN_WINDOW if offset_ms is not None else None
        first = {
            t.entry_id: everyone.find(q, n, *_around(t, offset_ms, window)) for t, q, n in quotes
        }
        confident = [
            (t, f)
            for t, _q, n in quotes
            if n >= OFFSET_WORDS
            if (f := first[t.entry_id]) is not None and f.score >= ACCEPT
        ]
        if participant is None:
            participant = _guess(confident, named)
        if offset_ms is None:
            offsets = [f.start_ms - t.at_ms for t, f in confident if f.speaker == participant]
            offset_from = "estimated"
            offset_ms = round(statistics.median(offsets)) if offsets else None
    window = KNOWN_WINDOW if offset_from != "estimated" else ESTIMATED_WINDOW
    own = WordIndex(cues, lambda cue: cue.speaker == participant) if participant else everyone
    matches = [
        found
        for t, q, n in quotes
        if (found := _best(t, q, n, own, everyone, participant, offset_ms, window))
    ]
    if offset_ms is not None:
        marks = (t for t in typed if t.kind == "mark")
        matches += [m for t in marks if (m := _suggest(t, cues, participant, offset_ms))]
    looked_for = sum(1 for t in typed if t.kind == "quote")
    return Matching(participant, offset_ms, offset_from, looked_for, tuple(matches))


def confirm_from(words: int) -> int:
    """The lowest score worth asking about, for a quote of ``words`` words."""
    return CONFIRM + 4 * max(0, 6 - words)


def _said(text: str) -> str:
    return " ".join(words_of(text))


def _around(
    typed: Typed, offset_ms: int | None, window: tuple[int, int] | None
) -> tuple[int | None, int | None]:
    if offset_ms is None or window is None:
        return None, None
    at = typed.at_ms + offset_ms
    return at - window[0], at + window[1]


def _best(
    typed: Typed,
    quote: str,
    words: int,
    own: WordIndex,
    everyone: WordIndex,
    participant: str,
    offset_ms: int | None,
    window: tuple[int, int],
) -> Match | None:
    """The participant's words that match best; another speaker's only when clearly
    better, and then only to confirm ("said by the interviewer?")."""
    lo, hi = _around(typed, offset_ms, window)
    mine = own.find(quote, words, lo, hi)
    other = everyone.find(quote, words, lo, hi) if own is not everyone else None
    if other is not None and other.speaker != participant:
        better = other.score >= (mine.score if mine else 0) + FLAG_MARGIN
        if better and other.score >= confirm_from(words):
            return other.match(typed.entry_id, "confirm")
    if mine is None or mine.score < confirm_from(words):
        return None
    sure = mine.score >= ACCEPT and words >= SURE_WORDS
    return mine.match(typed.entry_id, "accepted" if sure else "confirm")


def _suggest(typed: Typed, cues: Sequence[Cue], participant: str, offset_ms: int) -> Match | None:
    """The participant's words around a mark's moment, to fill it in from."""
    at = typed.at_ms + offset_ms
    lo, hi = at - MARK_WINDOW[0], at + MARK_WINDOW[1]
    near = [c for c in cues if c.end_ms >= lo and c.start_ms <= hi]
    said = [c for c in near if not participant or c.speaker == participant]
    if not said:
        return None
    words = " ".join(c.text for c in said)
    return Match(
        typed.entry_id, said[0].start_ms, said[-1].end_ms, words, said[0].speaker, None, "confirm"
    )


def _speakers(cues: Sequence[Cue]) -> list[str]:
    words: Counter[str] = Counter()
    for cue in cues:
        if cue.speaker:
            words[cue.speaker] += len(cue.text.split())
    return [name for name, _ in words.most_common()]


def _speaker_named(name: str, named: Sequence[str]) -> str:
    wanted = " ".join(name.split()).casefold()
    for speaker in named:
        if speaker.casefold() == wanted:
            return speaker
    raise SpeakerNotFound(name, named)


def _guess(confident: list[tuple[Typed, _Found]], named: list[str]) -> str:
    """The speaker whose words the quotes match best; else whoever talked most."""
    if not named:
        return ""
    points: Counter[str] = Counter()
    for _typed, found in confident:
        points[found.speaker] += found.score
    points.pop("", None)
    if points:
        return points.most_common(1)[0][0]
    return named[0]


def summary(matching: Matching, cues: int, speakers: int, speaker_given: bool = False) -> str:
    """``12 of 14 quotes matched · recording offset +7.2 s (estimated) · 1,204 cues, …``"""
    quotes = f"{matching.quotes:,} quote" + ("" if matching.quotes == 1 else "s")
    parts = [f"{matching.matched:,} of {quotes} matched"]
    asks = sum(1 for m in matching.matches if m.score is not None and m.status == "confirm")
    if asks:
        parts[0] += f" ({asks:,} to confirm)"
    if matching.offset_ms is None:
        parts.append("recording offset unknown (give --offset SECONDS)")
    else:
        seconds = matching.offset_ms / 1000
        parts.append(f"recording offset {seconds:+.1f} s ({matching.offset_from})")
    said = f"{cues:,} cue" + ("" if cues == 1 else "s")
    said += f", {speakers:,} speaker" + ("" if speakers == 1 else "s") if speakers else ""
    parts.append(said)
    if matching.speaker:
        how = "" if speaker_given else " (guessed: --speaker NAME to correct)"
        parts.append(f"participant: {visible(matching.speaker)}{how}")
    suggested = sum(1 for m in matching.matches if m.score is None)
    if suggested:
        parts.append(f"words suggested for {suggested:,} mark" + ("" if suggested == 1 else "s"))
    return " · ".join(parts)
