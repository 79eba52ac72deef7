"""Attaching a 60-minute call's transcript: parse, store and match 100 quotes, beside the
bare parse of the same file by the WebVTT library."""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import Result, interleave
from tui.core.clock import ClockState
from tui.core.matching import match_transcript
from tui.core.transcript import read_transcript
from tui.store.store import Store, open_store
from tui.store.transcripts import attach_transcript, typed_entries

COMMON = ["the", "and", "i", "to", "a", "it", "we", "that", "you", "so", "of", "is", "in"]
OFFSET_MS = 7_200  # the recording started 7.2 s before the interview clock
ME, THEM = "Ada Okafor", "Maya Chen"


@dataclass(frozen=True)
class Call:
    vtt: bytes  # the transcript as Zoom writes it
    cues: int
    words: int
    quotes: list[tuple[str, int]]  # (typed text, interview ms)


def make_call(minutes: int = 60, quotes: int = 100, seed: int = 3) -> Call:
    """~1,500 cues of 4-8 words, the participant talking three times in four, and quotes
    cut from her words (a few skipped), typed a second or so late."""
    rng = random.Random(seed)
    # A thousand made-up words after the common ones, said with Zipf's frequencies as
    # speech is: "the" often, most words rarely.
    made = {
        "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        for _ in range(1000)
    }
    vocabulary = COMMON + sorted(made)
    weights = [1 / rank for rank in range(1, len(vocabulary) + 1)]
    blocks: list[str] = []
    theirs: list[tuple[int, list[str]]] = []  # (start ms, words) of each participant cue
    at, words = 2_000, 0
    while at < minutes * 60_000:
        said = rng.choices(vocabulary, weights, k=rng.randint(4, 8))
        who = ME if rng.random() < 0.75 else THEM
        end = at + 380 * len(said)
        blocks.append(f"{len(blocks) + 1}\n{_clock(at)} --> {_clock(end)}\n{who}: {' '.join(said)}")
        if who == ME:
            theirs.append((at, said))
        words += len(said)
        at = end + rng.randint(0, 300)
    typed = []
    for start, said in sorted(rng.sample(theirs[:-2], quotes)):
        nxt = theirs[theirs.index((start, said)) + 1][1]
        cut = (said + nxt)[: rng.randint(6, 12)]
        kept = [w for w in cut if rng.random() > 0.1] or cut
        typed.append((" ".join(kept), start - OFFSET_MS + rng.randint(-1000, 1000)))
    vtt = ("WEBVTT\n\n" + "\n\n".join(blocks) + "\n").encode()
    return Call(vtt, len(blocks), words, typed)


def _clock(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    return f"{h:02}:{m:02}:{rest // 1000:02}.{rest % 1000:03}"


def _session(store: Store, call: Call) -> int:
    who = store.participant_for(ME, "Acme")
    session = store.create_session(who.id, "learn", 60, ClockState(0)).id
    for text, at in call.quotes:
        store.add_entry(session, "quote", text, max(0, at))
    return session


def attach(runs: int) -> Result:
    """Parse, match and store (replacing the last run's) a 60-minute transcript with 100
    quotes, against webvtt-py parsing the same text."""
    call = make_call()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "transcript.db")
        try:
            mine, base, matched = _timed(store, call, runs)
        finally:
            store.close()
    if min(matched) < 0.9 * len(call.quotes):
        raise AssertionError(f"only {min(matched)} of {len(call.quotes)} quotes matched")
    result = Result(
        f"transcript: {call.cues:,} cues, {call.words:,} words, {len(call.quotes)} quotes",
        mine,
        base,
        "< 1000 ms",
    )
    result.ok = result.earful_median < 1000
    result.note = f"{min(matched)} matched"
    result.timed = (
        "`read_transcript()` + `match_transcript()` (offset estimated, then matched again in"
        " the tighter window) + `attach_transcript()` replacing the last run's, durable;"
        " floor: webvtt-py's strict parse of the same text alone"
    )
    return result


def _timed(store: Store, call: Call, runs: int) -> tuple[list[float], list[float], list[int]]:
    import webvtt

    session = _session(store, call)
    matched: list[int] = []

    def ours() -> float:
        start = time.perf_counter()
        transcript = read_transcript(call.vtt)
        matching = match_transcript(transcript.cues, typed_entries(store, session))
        attach_transcript(store, session, "call.vtt", transcript, matching, replace=True)
        took = 1000 * (time.perf_counter() - start)
        matched.append(matching.matched)
        return took

    def floor() -> float:
        start = time.perf_counter()
        webvtt.WebVTT.from_string(call.vtt.decode(), strict=True)
        return 1000 * (time.perf_counter() - start)

    mine, base = interleave(ours, floor, runs)
    return mine, base, matched
