"""The call's transcript and each entry's matched words through export and import."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.store.test_importing import GOOD, NOTHING, changed, counts, memory_store
from tui.core.export_json import to_json
from tui.store.export_checks import ExportError
from tui.store.importing import import_json
from tui.store.snapshots import session_export_data
from tui.store.transcripts import entry_matches, transcript_cues, transcript_of


def cue(n: int, field: str, value: Any) -> Any:
    return lambda d: d["session"]["transcript"]["cues"][n].__setitem__(field, value)


def said(field: str, value: Any) -> Any:
    return lambda d: d["entries"][0]["transcript"].__setitem__(field, value)


def transcript(field: str, value: Any) -> Any:
    return lambda d: d["session"]["transcript"].__setitem__(field, value)


REFUSED = {
    "a transcript that is a list": (
        lambda d: d["session"].__setitem__("transcript", []),
        "session.transcript: expected null or an object (the call's transcript), not a list",
    ),
    "cues that are nothing": (
        transcript("cues", None),
        "session.transcript.cues: expected a list, not null",
    ),
    "a transcript of an unknown format": (
        transcript("format", "docx"),
        'session.transcript.format: expected "vtt", "srt" or "text", not "docx"',
    ),
    "an offset told by nobody knows what": (
        transcript("offset_from", "guessed"),
        'session.transcript.offset_from: expected "sync", "estimated" or "given", not "guessed"',
    ),
    "an offset of two years": (
        transcript("offset_ms", 2 * 31_622_400_000),
        "session.transcript.offset_ms: expected null or a recording offset in milliseconds,"
        " within 366 days either way, not 63244800000",
    ),
    "a transcript without cues": (
        transcript("cues", []),
        "session.transcript.cues: a transcript needs at least one cue",
    ),
    "a cue before the recording": (
        cue(0, "start_ms", -1),
        "session.transcript.cues[0].start_ms: expected milliseconds into the recording,"
        " a whole number from 0 to 366 days, not -1",
    ),
    "a cue that ends before it starts": (
        cue(1, "end_ms", 50_000),
        "session.transcript.cues[1].end_ms: 50000 is before start_ms",
    ),
    "a cue without words": (
        cue(2, "text", "  "),
        "session.transcript.cues[2].text: a cue needs text",
    ),
    "cues out of time order": (
        cue(2, "start_ms", 1_000),
        "session.transcript.cues[2].start_ms: starts before the cue above it",
    ),
    "a cue without a speaker field": (
        lambda d: d["session"]["transcript"]["cues"][1].pop("speaker"),
        "session.transcript.cues[1]: missing field 'speaker'",
    ),
    "a score over 100": (
        said("score", 101),
        "entries[0].transcript.score: expected null or a score from 0 to 100, not 101",
    ),
    "a status nobody gave": (
        said("status", "maybe"),
        'entries[0].transcript.status: expected "accepted", "confirm" or "rejected", not "maybe"',
    ),
    "matched words that end before they start": (
        said("end_ms", 0),
        "entries[0].transcript.end_ms: 0 is before start_ms",
    ),
    "matched words that are a number": (
        said("words", 3),
        "entries[0].transcript.words: expected text, not 3",
    ),
    "matched words with no transcript to be in": (
        lambda d: d["session"].__setitem__("transcript", None),
        "entries[0].transcript: the export has no transcript to match",
    ),
    "a version 3 session without its transcript": (
        lambda d: d["session"].pop("transcript"),
        "session: missing field 'transcript'",
    ),
    "a version 3 entry without its match": (
        lambda d: d["entries"][1].pop("transcript"),
        "entries[1]: missing field 'transcript'",
    ),
}


@pytest.mark.parametrize("name", REFUSED)
def test_bad_transcript_parts_are_refused_in_one_line_saying_where(name: str) -> None:
    edit, message = REFUSED[name]
    store = memory_store()
    with pytest.raises(ExportError) as refused:
        import_json(store, changed(edit))
    assert str(refused.value) == message
    assert counts(store) == NOTHING


def test_the_transcript_and_the_matches_come_back_as_exported() -> None:
    store = memory_store()
    copied = import_json(store, json.dumps(GOOD))
    stored = transcript_of(store, copied)
    assert stored is not None
    assert (stored.source, stored.format, stored.speaker) == ("call.vtt", "vtt", "Ada")
    assert (stored.offset_ms, stored.offset_from, stored.cues) == (-7_200, "estimated", 3)
    assert transcript_cues(store, copied)[1].text == "Honestly nobody reads our wiki, ever."
    quote, note = store.entries(copied)
    match = entry_matches(store, copied)[quote.id]
    assert (match.words, match.score, match.status) == ("nobody reads our wiki", 93, "accepted")
    assert note.id not in entry_matches(store, copied)
    assert quote.text == "Nobody reads our wiki"  # the typed words, never the transcript's

    again = json.loads(to_json(session_export_data(store, copied)))
    assert again["session"]["transcript"] == GOOD["session"]["transcript"]
    assert [e["transcript"] for e in again["entries"]] == [e["transcript"] for e in GOOD["entries"]]


def test_a_marks_suggestion_and_a_rejected_match_come_back_too() -> None:
    def mark_and_rejection(d: dict[str, Any]) -> None:
        d["entries"][1]["kind"] = "mark"
        d["entries"][1]["transcript"] = {
            "start_ms": 57_000,
            "end_ms": 59_000,
            "words": "Tell me more about that.",
            "speaker": "Sam",
            "score": None,
            "status": "confirm",
        }
        d["entries"][0]["transcript"]["status"] = "rejected"

    document = json.loads(changed(mark_and_rejection))
    store = memory_store()
    copied = import_json(store, json.dumps(document))
    again = json.loads(to_json(session_export_data(store, copied)))
    assert [e["transcript"] for e in again["entries"]] == [
        e["transcript"] for e in document["entries"]
    ]


def test_an_export_from_before_transcripts_still_imports() -> None:
    def version_2(d: dict[str, Any]) -> None:
        d["version"] = 2
        del d["session"]["transcript"]
        for e in d["entries"]:
            del e["transcript"]

    store = memory_store()
    copied = import_json(store, changed(version_2))
    assert transcript_of(store, copied) is None
    assert [e.text for e in store.entries(copied)] == ["Nobody reads our wiki", "Uses Notion daily"]
    again = json.loads(to_json(session_export_data(store, copied)))
    assert again["session"]["transcript"] is None
    assert [e["transcript"] for e in again["entries"]] == [None, None]


def test_an_export_carries_every_cue_and_says_what_told_the_offset() -> None:
    document = copy.deepcopy(GOOD)
    assert document["version"] == 4
    part = document["session"]["transcript"]
    assert part["offset_ms"] == -7_200 and part["offset_from"] == "estimated"
    assert part["cues"][0] == {
        "start_ms": 40_000,
        "end_ms": 44_000,
        "speaker": "Sam",
        "text": "How do you share what you found?",
    }
    assert document["entries"][0]["transcript"]["start_ms"] == 52_000
    assert document["entries"][1]["transcript"] is None
