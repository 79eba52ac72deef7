"""The call's transcript as a session's snapshot and exports carry it, and recording time.

An entry's recording time is where to look for it in the recording: the start of the
words it was matched to when the match stands (accepted, or to confirm), else its
interview time moved by the transcript's recording offset, else by the recording sync
(ctrl+r). Without any of them, it has none.

Kept free of the matching code (and its fuzzy-matching library) so that reading a
snapshot never loads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from tui.core.clock import format_ms
from tui.core.recording import clock_note
from tui.core.transcript import Cue

MatchStatus = Literal["accepted", "confirm", "rejected"]
OffsetFrom = Literal["sync", "estimated", "given"]  # what told the recording offset


@dataclass(frozen=True)
class SessionTranscript:
    """The transcript attached to a session, with how it sits against the interview."""

    source: str  # the file's name as given
    format: str  # "vtt", "srt" or "text"
    speaker: str  # the participant's speaker ("" when the transcript names none)
    offset_ms: int | None  # recording time of interview time 0; None when not known
    offset_from: OffsetFrom
    cues: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class MatchedWords:
    """The transcript words an entry was matched to (a mark's: a suggestion, no score)."""

    entry_id: int
    start_ms: int  # recording time of the first matched word
    end_ms: int
    words: str
    speaker: str
    score: int | None  # 0-100; None for a mark's suggestion
    status: MatchStatus

    @property
    def stands(self) -> bool:
        """Whether the words are taken as said: accepted, or waiting to be confirmed."""
        return self.status != "rejected"


def recording_ms(
    at_ms: int,
    match: MatchedWords | None = None,
    offset_ms: int | None = None,
    sync_ms: int | None = None,
) -> int | None:
    """Where an entry typed at ``at_ms`` interview time is in the recording, if known.

    The start of its ``match`` while that stands; else ``at_ms`` plus the transcript's
    ``offset_ms``; else ``at_ms`` less the recording sync ``sync_ms``; floored at 0 (a
    moment before the recording began is at its start). None when nothing places it.
    """
    if match is not None and match.stands:
        return match.start_ms
    if offset_ms is not None:
        return max(0, at_ms + offset_ms)
    if sync_ms is not None:
        return max(0, at_ms - sync_ms)
    return None


def recording_ms_of(
    at_ms: int,
    entry_id: int,
    transcript: SessionTranscript | None,
    matches: Mapping[int, MatchedWords],
    sync_ms: int | None,
) -> int | None:
    """``recording_ms`` for an entry of a session with this transcript, matches and sync."""
    offset = transcript.offset_ms if transcript is not None else None
    return recording_ms(at_ms, matches.get(entry_id), offset, sync_ms)


# JSON --------------------------------------------------------------------------------


def transcript_part(found: SessionTranscript) -> dict[str, Any]:
    """The ``session.transcript`` object of a JSON export."""
    return {
        "source": found.source,
        "format": found.format,
        "speaker": found.speaker,
        "offset_ms": found.offset_ms,
        "offset_from": found.offset_from,
        "cues": [
            {"start_ms": c.start_ms, "end_ms": c.end_ms, "speaker": c.speaker, "text": c.text}
            for c in found.cues
        ],
    }


def match_part(match: MatchedWords) -> dict[str, Any]:
    """An entry's ``transcript`` object in a JSON export."""
    return {
        "start_ms": match.start_ms,
        "end_ms": match.end_ms,
        "words": match.words,
        "speaker": match.speaker,
        "score": match.score,
        "status": match.status,
    }


def read_transcript_part(data: dict[str, Any] | None) -> SessionTranscript | None:
    """What ``transcript_part`` wrote (None for none: an older export has none).

    KeyError or TypeError for a missing or wrong field; the import checks say which.
    """
    if data is None:
        return None
    cues = tuple(Cue(c["start_ms"], c["end_ms"], c["speaker"], c["text"]) for c in data["cues"])
    return SessionTranscript(
        data["source"],
        data["format"],
        data["speaker"],
        data["offset_ms"],
        data["offset_from"],
        cues,
    )


def read_matches(entries: list[dict[str, Any]]) -> dict[int, MatchedWords]:
    """What ``match_part`` wrote for each exported entry, by entry id (an older export's
    entries have no ``transcript``)."""
    return {
        e["id"]: MatchedWords(
            e["id"], m["start_ms"], m["end_ms"], m["words"], m["speaker"], m["score"], m["status"]
        )
        for e in entries
        if (m := e.get("transcript")) is not None
    }


# Markdown ----------------------------------------------------------------------------


def offset_words(found: SessionTranscript) -> str:
    """``+7.2 s (estimated)``: how far the recording runs ahead of the interview clock."""
    if found.offset_ms is None:
        return "unknown"
    return f"{found.offset_ms / 1000:+.1f} s ({found.offset_from})"


def times_note(sync_ms: int | None, found: SessionTranscript | None, placed: bool) -> str:
    """Which clock an export's times are on, in words; ``placed``: some entry has a
    recording time (then interview time follows each in parentheses)."""
    if found is None:
        note = clock_note(sync_ms).removeprefix("times are ")
        return note + ("; interview time in parentheses" if sync_ms is not None else "")
    if not placed:
        return "interview time (the transcript's recording offset is unknown)"
    if found.offset_ms is not None:
        rest = f"the rest by the recording offset, {offset_words(found)}"
    elif sync_ms is not None:
        rest = f"the rest by the sync at {format_ms(sync_ms)} interview time"
    else:
        rest = "— for the rest (the transcript's recording offset is unknown)"
    return (
        f"recording time: a matched entry at its words in the transcript, {rest};"
        " interview time in parentheses"
    )
