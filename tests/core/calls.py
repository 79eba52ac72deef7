"""Invented calls with known truth, for matching tests: what was said and when, the
transcript a call tool's speech recognition made of it (with its errors), and the quotes
a note-taker typed (late, shortened, without fillers, lowercased).

Everything comes from one seeded ``random.Random``, so a call is the same on every run.
"""

from __future__ import annotations

import codecs
import random
from dataclasses import dataclass, field

from tui.core.matching import Typed
from tui.core.transcript import Cue


def words_of_text(text: str) -> list[str]:
    return text.split()


WORDS = words_of_text(
    """
able about account actually after again almost already always answer anyone app around ask
back bad because before best better board bug build busy call calendar can change chart
check clear client close code come company context copy cost could customer data day deal
decide design detail doc done down easy email end every export feature feel figure file
find first fix folder follow forget form friday get give good great group guess half hard
help here hour idea important inbox issue keep kind know last later launch learn least
leave less let link list little long look lose lot main make manager many mean meeting
message minute moment money month more most move much need never new next note nothing
notion number often old only open other own page paste people person plan point price
problem product project pull quick quote read ready real really record report research
right room run same save say search second see send set share sheet should show side
simple slack slow small some someone something sort spend start still stop story sure
table take talk team tell test thing think time today tool top track tried try turn update
use user wait want way week whole why wiki work write wrong year yes yesterday
"""
)
FILLER_RUNS = ["um", "uh", "like", "you know", "I mean", "so"]
SOUNDS_LIKE = {
    "wiki": "week he",
    "notion": "ocean",
    "slack": "slacked",
    "doc": "dock",
    "quote": "coat",
    "board": "bored",
    "write": "right",
    "week": "weak",
    "sheet": "she",
    "data": "later",
}


@dataclass
class Said:
    start_ms: int
    end_ms: int
    speaker: str
    words: list[str]


@dataclass
class Call:
    """A call: the transcript's cues, the quotes typed, and for each quote the truth."""

    offset_ms: int
    cues: list[Cue]
    typed: list[Typed]
    truth: dict[int, tuple[int, int]] = field(default_factory=dict)  # entry -> said span ms
    never_said: set[int] = field(default_factory=set)
    participant: str = "Ada Okafor"
    interviewer: str = "Maya Chen"


def sentence(rng: random.Random, low: int, high: int) -> list[str]:
    return [rng.choice(WORDS) for _ in range(rng.randint(low, high))]


def misheard(rng: random.Random, words: list[str], rate: float) -> list[str]:
    """Speech recognition: a few words heard as others, fillers kept, some words lost."""
    heard: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < rate / 3:
            continue  # lost
        if roll < rate:
            heard.append(
                SOUNDS_LIKE.get(word, word[:-1] + rng.choice("aeiouy") if len(word) > 3 else word)
            )
        else:
            heard.append(word)
        if rng.random() < 0.06:
            heard.append(rng.choice(FILLER_RUNS))
    return heard


def make_call(
    seed: int = 7,
    minutes: int = 30,
    quotes: int = 14,
    asr_errors: float = 0.08,
    offset_ms: int = 7_200,
) -> Call:
    """A call of about ``minutes`` with ``quotes`` typed quotes and one never said.

    The recording started ``offset_ms`` before the interview clock (recording time =
    interview time + offset). Each quote is typed from 1 s before to 1 s after its words
    begin; the interviewer echoes some quotes in other words just after.
    """
    rng = random.Random(seed)
    me, them = "Ada Okafor", "Maya Chen"
    said: list[Said] = []
    at = 3_000
    while at < minutes * 60_000:
        who = them if not said or said[-1].speaker == me else me
        words = sentence(rng, 6, 14) if who == them else sentence(rng, 10, 40)
        length = 330 * len(words)
        said.append(Said(at, at + length, who, words))
        at += length + rng.randint(200, 1500)
    answers = [s for s in said if s.speaker == me and len(s.words) >= 14]
    chosen = sorted(rng.sample(answers, quotes), key=lambda s: s.start_ms)
    call = Call(offset_ms, [], [])
    echoes: dict[int, list[str]] = {}
    for n, answer in enumerate(chosen, start=1):
        begin = rng.randint(0, len(answer.words) - 10)
        span = answer.words[begin : begin + rng.randint(6, 12)]
        per_word = (answer.end_ms - answer.start_ms) / len(answer.words)
        start = answer.start_ms + round(begin * per_word)
        call.truth[n] = (start, start + round(len(span) * per_word))
        typed = [w for w in span if rng.random() > 0.12] or span  # words skipped
        text = " ".join(typed)
        if rng.random() < 0.5:
            text = text.capitalize() + rng.choice([".", "!", "?", ""])
        call.typed.append(Typed(n, "quote", text, start - offset_ms + rng.randint(-1000, 1000)))
        if n % 3 == 0:  # the interviewer echoes half of it back in the next question
            echoes[said.index(answer) + 1] = ["so", "you", "said", *span[: len(span) // 2]]
    lie = len(chosen) + 1
    call.typed.append(
        Typed(
            lie,
            "quote",
            "we would happily pay double for a mobile version",
            chosen[len(chosen) // 2].start_ms - offset_ms,
        )
    )
    call.never_said.add(lie)
    for i, s in enumerate(said):
        if i in echoes and s.speaker == them:
            s.words = echoes[i] + s.words
    call.cues = cues_of(rng, said, asr_errors)
    return call


def cues_of(rng: random.Random, said: list[Said], rate: float) -> list[Cue]:
    """Cut what was said into cues of at most ~12 words, as call tools do."""
    cues: list[Cue] = []
    for s in said:
        heard = misheard(rng, s.words, rate)
        per_word = (s.end_ms - s.start_ms) / max(1, len(heard))
        at = 0
        while at < len(heard):
            chunk = heard[at : at + rng.randint(8, 12)]
            start = s.start_ms + round(at * per_word)
            end = s.start_ms + round((at + len(chunk)) * per_word)
            text = " ".join(chunk)
            cues.append(Cue(start, end, s.speaker, text[0].upper() + text[1:] + "."))
            at += len(chunk)
    return cues


def clock(ms: int, sep: str = ".") -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    return f"{h:02}:{m:02}:{rest // 1000:02}{sep}{rest % 1000:03}"


def as_file(cues: list[Cue], shape: str) -> bytes:
    """The cues as ``shape`` writes them: zoom, teams (UTF-16, shuffled), srt or text."""
    if shape == "zoom":
        blocks = [
            f"{n}\n{clock(c.start_ms)} --> {clock(c.end_ms)}\n{c.speaker}: {c.text}"
            for n, c in enumerate(cues, start=1)
        ]
        return ("WEBVTT\n\n" + "\n\n".join(blocks) + "\n").encode()
    if shape == "teams":
        guid = "0d2c6d0a-1b2c-4e5f-8a9b-0c1d2e3f4a5b"
        blocks = [
            f"{guid}/{n}-0\n{clock(c.start_ms)} --> {clock(c.end_ms)}\n<v {c.speaker}>{c.text}</v>"
            for n, c in enumerate(cues)
        ]
        random.Random(len(cues)).shuffle(blocks)
        text = ("WEBVTT\n\n" + "\n\n".join(blocks) + "\n").replace("\n", "\r\n")
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if shape == "srt":
        blocks = [
            f"{n}\n{clock(c.start_ms, ',')} --> {clock(c.end_ms, ',')}\n{c.speaker}: {c.text}"
            for n, c in enumerate(cues, start=1)
        ]
        return "\n\n".join(blocks).encode()
    return "".join(f"{clock(c.start_ms)[:8]} {c.speaker}: {c.text}\n" for c in cues).encode()
