"""The things a note-taker works with, as plain dataclasses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from tui.core.clock import ClockState

EntryKind = Literal["quote", "note", "mark"]
TagKind = Literal["topic", "emotion"]
ENTRY_KINDS: tuple[EntryKind, ...] = ("quote", "note", "mark")
TAG_KINDS: tuple[TagKind, ...] = ("topic", "emotion")


def tag_kind(value: str) -> TagKind:
    """A tag kind read back from the database or the command line, checked."""
    for kind in TAG_KINDS:
        if kind == value:
            return kind
    raise ValueError(f"a tag is a topic or an emotion, not {value!r}")


FLAGS = ("starred", "follow_up", "testimonial")


def person_label(name: str, company: str) -> str:
    """How a participant is named on screen and in print: "name, company", or the name alone."""
    return f"{name}, {company}" if company else name


@dataclass(frozen=True)
class Participant:
    """Someone interviewed, with what is known about them."""

    id: int
    name: str
    company: str = ""
    email: str = ""
    segment: str = ""
    facts: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return person_label(self.name, self.company)


@dataclass(frozen=True)
class Session:
    """One interview: who, what it is meant to learn, its clock and any unsaved draft."""

    id: int
    participant: Participant
    goal: str
    planned_minutes: int
    created_at: str
    clock: ClockState
    recording_at_ms: int | None = None
    draft_text: str = ""
    draft_kind: EntryKind = "quote"
    draft_at_ms: int | None = None
    draft_tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionSummary:
    """One row of the session list."""

    id: int
    created_at: str
    participant: str
    company: str
    goal: str
    entries: int
    duration_ms: int
    ended: bool


@dataclass(frozen=True)
class Entry:
    """A quote, note or marked moment, stamped with the interview time."""

    id: int
    session_id: int
    kind: EntryKind
    text: str
    at_ms: int
    topics: tuple[str, ...] = ()
    emotions: tuple[str, ...] = ()
    starred: bool = False
    follow_up: bool = False
    testimonial: bool = False
    original_text: str | None = None
    author: str = ""  # who typed it ('' for entries from before authors were kept)

    @property
    def edited(self) -> bool:
        return self.original_text is not None


@dataclass
class Draft:
    """What is being typed and not yet saved: the pending entry."""

    kind: EntryKind = "quote"
    topics: list[str] = field(default_factory=list)
    emotions: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    def toggle(self, bucket: list[str], name: str) -> None:
        bucket.remove(name) if name in bucket else bucket.append(name)

    def toggle_flag(self, flag: str) -> None:
        self.flags.symmetric_difference_update({flag})

    @classmethod
    def from_tokens(cls, kind: EntryKind, tokens: Iterable[str]) -> Draft:
        """The draft ``as_tokens`` described (as saved with the unsaved text)."""
        draft = cls(kind=kind)
        for token in tokens:
            if token.startswith("#"):
                draft.topics.append(token[1:])
            elif token.startswith("!"):
                draft.emotions.append(token[1:])
            else:
                draft.flags.add(token)
        return draft

    def as_tokens(self) -> tuple[str, ...]:
        return (
            *(f"#{t}" for t in self.topics),
            *(f"!{e}" for e in self.emotions),
            *sorted(self.flags),
        )
