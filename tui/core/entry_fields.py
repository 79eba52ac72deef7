"""An entry's fields as a person edits them: the time and tags as typed, and the edit asked for."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tui.core.capture import parse_capture
from tui.core.models import Entry, EntryKind

_TIME = re.compile(r"^\s*(?:(\d+):)?(\d{1,3}):(\d{1,2})\s*$")


@dataclass(frozen=True)
class EntryEdit:
    """What the entry editor asks for: new field values, or deleting the entry."""

    text: str = ""
    kind: EntryKind = "quote"
    at_ms: int = 0
    topics: tuple[str, ...] = ()
    emotions: tuple[str, ...] = ()
    delete: bool = False

    def applied_to(self, entry: Entry) -> Entry:
        """``entry`` as it will be once this edit is saved."""
        return replace(
            entry,
            text=self.text,
            kind=self.kind,
            at_ms=self.at_ms,
            topics=tuple(self.topics),
            emotions=tuple(self.emotions),
        )


def parse_time(text: str) -> int:
    """``mm:ss`` or ``h:mm:ss`` → milliseconds; ValueError with a readable reason."""
    match = _TIME.match(text)
    if not match:
        raise ValueError(f"time must look like 12:34 or 1:02:03, not {text.strip()!r}")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    if seconds >= 60 or (match.group(1) and minutes >= 60):
        raise ValueError(f"{text.strip()!r} is not a valid time")
    return ((hours * 60 + minutes) * 60 + seconds) * 1000


def parse_tags(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``#pricing #onboarding !frustrated`` → (topics, emotions); ValueError on anything else."""
    if not text.strip():
        return (), ()
    line = parse_capture(" " + text)
    if line.text.strip():
        bad = line.text.split()[-1]
        raise ValueError(f"{bad!r} is not a tag: write #topic or !emotion, starting with a letter")
    return line.topics, line.emotions


def format_tags(topics: Iterable[str], emotions: Iterable[str]) -> str:
    """The tags of an entry as the edit box shows them."""
    return " ".join([*(f"#{t}" for t in topics), *(f"!{e}" for e in emotions)])
