"""A team's years of interviews, generated one session at a time (``earful demo --scale``).

Deterministic for a seed and a size. Nothing is held but the participants and the
session being made, so a million entries cost the memory of one interview.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import TypeVar

from tui.core.demo import GOALS, NOTES, QUOTES, DemoEntry, DemoParticipant, DemoSession
from tui.core.vocabulary import DEFAULT_EMOTIONS


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ENTRIES_PER_SESSION = 100  # a long interview, as a team's busiest note-taker writes them
SESSIONS_PER_PARTICIPANT = 5

FIRST = _words(
    "Ada Ben Chen Dana Elif Farah Gus Hana Ivan Jo Kai Lena Maya Nico Omar Priya Quinn "
    "Rosa Sam Tara Uma Victor Wen Xavier Yara Zoe Amir Bea Carlos Dmitri Emma Femi Greta "
    "Hugo Ines Jonas Keiko Liam Mina Noor Oscar Paula Ravi Sofia Tomas Ulla Vera Will "
    "Ximena Yusuf Zara Aiko Bruno Cleo Diego Esme Felix Gita Hiro Isla"
)
LAST = _words(
    "Okafor Carter Wei Ruiz Demir Haddad Lindqvist Sato Petrov Mensah Müller Costa Novak "
    "Park Silva Kowalski Nguyen Rossi Jensen Dubois Garcia Ito Kaur Moreau Ahmed Berg "
    "Cohen Dias Evans Fischer Gomez Hansen Iyer Jung Khan Larsen Meyer Nakamura O'Brien "
    "Patel Quispe Romero Schmidt Tanaka Urban Varga Walsh Xu Yilmaz Zhou Abara Bianchi "
    "Castillo Dahl Eriksen Forde Grant Horvat Ibarra"
)
COMPANY_WORDS = _words(
    "North Blue Bright Iron Clear Swift Green Red Silver Cedar Harbor Summit Pine Stone "
    "River Maple Atlas Nova Orbit Quarry"
)
COMPANY_KINDS = _words("Labs Works Logistics Health Retail Foods Bank Studio Systems Freight")
ROLES = (
    "Ops lead",
    "Product manager",
    "Data analyst",
    "Head of support",
    "Research lead",
    "Founder",
    "Engineering manager",
    "Designer",
    "Finance manager",
    "Customer success",
    "IT admin",
    "Marketing lead",
)
SEGMENTS = ("SMB", "Mid-market", "Enterprise")

# More topics than the small demo, each with what customers say about it.
MORE_QUOTES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "notifications": [
        ("I get forty emails a day from it and read none of them", ("annoyed",)),
        ("The digest is the only email I actually open", ("delighted",)),
        ("I missed the approval because the alert went to spam", ("frustrated",)),
    ],
    "billing": [
        ("The invoice never matches what finance expects", ("frustrated",)),
        ("Paying by card for a team of two hundred is silly", ("skeptical",)),
        ("Annual billing saved us a fight with procurement", ("relieved",)),
    ],
    "security": [
        ("Our auditors asked for SSO before anything else", ("anxious",)),
        ("I need to know who exported what, and when", ("curious",)),
        ("Two-factor on every login made the field team revolt", ("annoyed",)),
    ],
    "collaboration": [
        ("Comments get lost once a thread has more than ten replies", ("frustrated",)),
        ("Mentioning someone is how work actually gets assigned here", ()),
        ("Seeing who is looking at the same page is weirdly reassuring", ("delighted",)),
    ],
    "templates": [
        ("Every team reinvents the same project plan from scratch", ("frustrated",)),
        ("A template gallery would have saved my first month", ("excited",)),
    ],
    "api": [
        ("The API rate limit hits us every Monday morning", ("frustrated",)),
        ("Good docs are why we picked you over the others", ("delighted",)),
        ("I want a sandbox I can break without paging anyone", ("curious",)),
    ],
    "offline": [
        ("On the train I lose everything I typed", ("frustrated",)),
        ("Half our warehouses have no signal at all", ("anxious",)),
    ],
    "accessibility": [
        ("Our screen reader users simply cannot use the board view", ("anxious",)),
        ("The high-contrast theme is the first thing new hires ask for", ()),
    ],
    "support": [
        ("Support answered in four minutes, I nearly fell off my chair", ("surprised",)),
        ("I explain the problem again every time the ticket changes hands", ("annoyed",)),
    ],
    "data-import": [
        ("Moving ten years of spreadsheets in took a whole quarter", ("frustrated",)),
        ("The import wizard guessed every column right", ("delighted",)),
    ],
}
ALL_QUOTES = {**QUOTES, **MORE_QUOTES}
# How people open and close a sentence; the quote itself stays the customer's words.
OPENERS = ("", "", "", "Honestly, ", "I mean, ", "Look, ", "To be fair, ", "The thing is, ")
CLOSERS = (
    "",
    "",
    "",
    "",
    " — all the time",
    ", if I'm honest",
    ", and that's the problem",
    ", you know",
)
MORE_NOTES = (
    "Wants to see the roadmap",
    "Happy to be a reference customer",
    "Shared their screen: the export takes 11 clicks",
    "Recording consent given",
    "Introduced us to their finance lead",
)

_START = datetime(2016, 3, 7, 9, 0, tzinfo=UTC)
T = TypeVar("T")


@dataclass(frozen=True)
class Shape:
    """How many participants and sessions ``entries`` spread over, and over how long."""

    entries: int
    sessions: int
    participants: int
    days: int

    @classmethod
    def of(cls, entries: int) -> Shape:
        sessions = max(1, round(entries / ENTRIES_PER_SESSION))
        participants = max(1, round(sessions / SESSIONS_PER_PARTICIPANT))
        # A team interviews about a thousand times a year at most: a decade for a million.
        days = max(30, min(3650, sessions * 365 // 1000))
        return cls(entries, sessions, participants, days)


def participants(shape: Shape, seed: int = 11) -> list[DemoParticipant]:
    """Distinct names (first × last, then numbered), companies shared by a few people each."""
    rng = random.Random(seed)
    pairs = [(f, last) for last in LAST for f in FIRST]
    rng.shuffle(pairs)
    companies = [f"{w} {k}" for w in COMPANY_WORDS for k in COMPANY_KINDS]
    rng.shuffle(companies)
    people = []
    for n in range(shape.participants):
        first, last = pairs[n % len(pairs)]
        name = f"{first} {last}" + (f" {n // len(pairs) + 1}" if n >= len(pairs) else "")
        company = companies[rng.randrange(min(len(companies), max(1, shape.participants // 3)))]
        role = rng.choice(ROLES)
        domain = company.lower().replace(" ", "")
        email = f"{first.lower()}.{last.lower().replace(chr(39), '')}@{domain}.example"
        facts = (
            f"{role} at {company}",
            f"Team of {rng.randint(3, 60)}",
            f"Customer since {rng.randint(2012, 2025)}",
        )
        people.append(DemoParticipant(name, company, email, rng.choice(SEGMENTS), facts))
    return people


def entry_counts(shape: Shape, rng: random.Random) -> list[int]:
    """Each session's number of entries, 70-130 % of the average, adding up to the total."""
    average = shape.entries / shape.sessions
    counts = [max(1, round(average * rng.uniform(0.7, 1.3))) for _ in range(shape.sessions)]
    step = 0
    while (gap := shape.entries - sum(counts)) != 0:
        index = step % shape.sessions
        counts[index] = max(0, counts[index] + (1 if gap > 0 else -1))
        step += 1 + rng.randrange(7)
    return counts


def sessions(shape: Shape, seed: int = 11) -> Iterator[DemoSession]:
    """Every session, oldest first; each participant with a few favourite topics, popular
    topics shared by many, emotions jotted beside most quotes."""
    rng = random.Random(seed * 7 + 1)
    topics = list(ALL_QUOTES)
    favourites = []
    for _ in range(shape.participants):
        mine = [t for rank, t in enumerate(topics) if rng.random() < 0.9 / (1 + rank * 0.25)]
        rng.shuffle(mine)
        mine = mine or [topics[0]]
        # the first of their topics comes up most: weights 1, 1/2, 1/3 … as running sums
        favourites.append((mine, list(accumulate(1 / (rank + 1) for rank in range(len(mine))))))
    # Everyone is interviewed about as often; the calendar fills evenly, weekdays only.
    order = [n % shape.participants for n in range(shape.sessions)]
    rng.shuffle(order)
    counts = entry_counts(shape, rng)
    days_apart = shape.days / max(1, shape.sessions)
    emotions = list(DEFAULT_EMOTIONS)
    notes = (*NOTES, *MORE_NOTES)
    for n, person in enumerate(order):
        day = _START + timedelta(days=int(n * days_apart))
        if day.weekday() >= 5:  # the weekend's calls happen on Friday
            day -= timedelta(days=day.weekday() - 4)
        started = day + timedelta(minutes=rng.randrange(0, 8 * 60))
        minutes = rng.choice((30, 45, 60))
        length = minutes * 60_000 - 5_000
        times = sorted(5_000 + int(rng.random() * length) for _ in range(counts[n]))
        made = tuple(_entry(rng, at, favourites[person], emotions, notes) for at in times)
        yield DemoSession(
            person,
            GOALS[rng.randrange(len(GOALS))],
            started.isoformat(timespec="seconds"),
            int(started.timestamp() * 1000),
            minutes,
            made,
        )


def _pick(rng: random.Random, items: Sequence[T]) -> T:
    """``rng.choice`` at a third of its cost: a million entries make millions of picks."""
    return items[int(rng.random() * len(items))]


def _entry(
    rng: random.Random,
    at: int,
    mine: tuple[list[str], list[float]],
    emotions: list[str],
    notes: tuple[str, ...],
) -> DemoEntry:
    roll = rng.random()
    if roll < 0.12:
        return DemoEntry("note", _pick(rng, notes), at, follow_up=roll < 0.03)
    if roll < 0.15:
        return DemoEntry("mark", "", at)
    topics, cumulative = mine
    topic = topics[bisect(cumulative, rng.random() * cumulative[-1])]
    said, felt = _pick(rng, ALL_QUOTES[topic])
    opener = _pick(rng, OPENERS)
    text = opener + (said[0].lower() + said[1:] if opener else said) + _pick(rng, CLOSERS)
    extra = _pick(rng, topics) if rng.random() < 0.1 else topic
    if felt and rng.random() < 0.2:
        felt = (_pick(rng, emotions),)
    return DemoEntry(
        "quote",
        text,
        at,
        (topic,) if extra == topic else (topic, extra),
        felt if rng.random() < 0.8 else (),
        starred=rng.random() < 0.05,
        testimonial=bool(felt) and rng.random() < 0.02,
    )
