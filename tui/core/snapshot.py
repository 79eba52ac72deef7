"""The interview snapshot (Teresa Torres): one page of what an interview taught us."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tui.core.clock import InterviewClock
from tui.core.identity import Identity
from tui.core.models import Entry, Participant, Session
from tui.core.session_guide import SessionGuide
from tui.core.session_transcript import MatchedWords, SessionTranscript, recording_ms_of

LISTS = ("opportunities", "insights")
SPARK_LEVELS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Snapshot:
    """A session with everything its snapshot shows, read in one go."""

    session: Session
    entries: tuple[Entry, ...]
    memorable: Entry | None = None
    opportunities: tuple[str, ...] = ()
    insights: tuple[str, ...] = ()
    valences: dict[str, int] = field(default_factory=dict)
    # entry id → (created_at, edited_at); filled for exports, which keep every field
    stamps: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    guide: SessionGuide | None = None  # the guide it followed, its ticks and answers
    # the call's transcript, if attached; its cues are filled for exports only
    transcript: SessionTranscript | None = None
    matches: Mapping[int, MatchedWords] = field(default_factory=dict)  # entry id → its words
    identity: Identity | None = None  # uuids and edit times, filled for exports

    @property
    def participant(self) -> Participant:
        return self.session.participant

    @property
    def duration_ms(self) -> int:
        """How long the interview ran (up to now if it is still running)."""
        last = max((e.at_ms for e in self.entries), default=0)
        return max(InterviewClock(self.session.clock).elapsed_ms(), last)

    @property
    def date(self) -> str:
        return self.session.created_at[:10]

    def items(self, which: str) -> list[str]:
        """One of the editable lists: the participant's ``facts``, ``opportunities`` or
        ``insights``."""
        return list(self.participant.facts if which == "facts" else getattr(self, which))

    def recording_ms(self, entry: Entry) -> int | None:
        """Where the entry is in the recording (``session_transcript.recording_ms``)."""
        return recording_ms_of(
            entry.at_ms, entry.id, self.transcript, self.matches, self.session.recording_at_ms
        )

    @property
    def starred(self) -> list[Entry]:
        return [e for e in self.entries if e.starred]


def tag_counts(entries: Iterable[Entry]) -> tuple[Counter[str], Counter[str]]:
    """How many entries carry each topic, and each emotion."""
    topics: Counter[str] = Counter()
    emotions: Counter[str] = Counter()
    for entry in entries:
        topics.update(entry.topics)
        emotions.update(entry.emotions)
    return topics, emotions


def journey(
    entries: Iterable[Entry], valences: dict[str, int], duration_ms: int, buckets: int
) -> list[float | None]:
    """Mean valence (-1 to 1) of the emotions in each slice of interview time; None if none."""
    buckets = max(1, buckets)
    span = max(1, duration_ms)
    sums = [0.0] * buckets
    counts = [0] * buckets
    for entry in entries:
        if not entry.emotions:
            continue
        slot = min(buckets - 1, max(0, entry.at_ms) * buckets // span)
        for emotion in entry.emotions:
            sums[slot] += valences.get(emotion, 0)
            counts[slot] += 1
    return [s / c if c else None for s, c in zip(sums, counts, strict=True)]


def spark_char(value: float | None) -> str:
    """One block character for a valence: low for frustrated, high for delighted."""
    if value is None:
        return "·"
    level = round((value + 1) / 2 * (len(SPARK_LEVELS) - 1))
    return SPARK_LEVELS[level]


def sparkline(values: Iterable[float | None]) -> str:
    return "".join(spark_char(v) for v in values)


def quotes_tagged(
    entries: Iterable[Entry], topics: Iterable[str], emotions: Iterable[str]
) -> list[Entry]:
    """The quotes carrying any of these topics or emotions, in the order given."""
    wanted = set(topics) | {f"!{e}" for e in emotions}
    return [
        e
        for e in entries
        if e.kind == "quote" and wanted & (set(e.topics) | {f"!{x}" for x in e.emotions})
    ]
