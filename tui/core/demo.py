"""A realistic, deterministic example repository: participants, sessions, tagged quotes."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from tui.core.models import EntryKind

PEOPLE = [
    ("Ada Okafor", "Northwind", "Ops lead", "SMB"),
    ("Ben Carter", "Globex", "Product manager", "Enterprise"),
    ("Chen Wei", "Initech", "Data analyst", "Mid-market"),
    ("Dana Ruiz", "Acme", "Head of support", "SMB"),
    ("Elif Demir", "Umbrella", "Research lead", "Enterprise"),
    ("Farah Haddad", "Northwind", "Founder", "SMB"),
    ("Gus Lindqvist", "Hooli", "Engineering manager", "Enterprise"),
    ("Hana Sato", "Stark & Co", "Designer", "Mid-market"),
    ("Ivan Petrov", "Acme", "Finance manager", "SMB"),
    ("Jo Mensah", "Wayne Labs", "Customer success", "Mid-market"),
    ("Kai Müller", "Globex", "IT admin", "Enterprise"),
    ("Lena Costa", "Initech", "Marketing lead", "Mid-market"),
]

GOALS = [
    "How do teams share what they learn from customers?",
    "Why do trials stall after the first week?",
    "What makes the monthly report painful?",
    "How is pricing decided and approved?",
    "What happens when a new teammate joins?",
]

# topic -> quotes in the customer's words, each with the emotions a note-taker might jot.
QUOTES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "pricing": [
        ("Honestly the per-seat price is what kills it for us", ("frustrated",)),
        ("I had to get three approvals just to add one seat", ("annoyed",)),
        ("If it were usage-based I'd sign tomorrow", ("excited",)),
        ("We can't predict what the bill will be next quarter", ("anxious",)),
    ],
    "onboarding": [
        ("The first week nobody knew where anything was", ("confused",)),
        ("The checklist was great, I finished it in a day", ("delighted",)),
        ("I still don't get what a workspace is versus a project", ("confused",)),
        ("New hires ask me the same five questions every time", ("frustrated",)),
    ],
    "exports": [
        ("I export to a spreadsheet every Friday and fix the columns by hand", ("frustrated",)),
        ("CSV would be enough, honestly, just give me CSV", ()),
        ("The PDF export breaks our logo every single time", ("annoyed",)),
    ],
    "search": [
        ("I know we talked about this, I just can't find where", ("frustrated",)),
        ("Search only finds exact words, not what I meant", ("annoyed",)),
        ("When search works it saves me an hour a day", ("delighted",)),
    ],
    "integrations": [
        ("Everything we do lives in Slack, so it has to be there", ()),
        ("The Jira sync duplicated half our tickets", ("frustrated",)),
        ("A webhook would let us build the rest ourselves", ("curious",)),
    ],
    "reporting": [
        ("The monthly report takes me two full days", ("frustrated",)),
        ("My boss only looks at the first chart", ("surprised",)),
        ("I'd love to schedule the report and forget about it", ("excited",)),
    ],
    "permissions": [
        ("Contractors can see everything, which scares our legal team", ("anxious",)),
        ("I want read-only links for the board", ()),
    ],
    "performance": [
        ("It takes ten seconds to open a big project", ("annoyed",)),
        ("Since the update it's much snappier", ("relieved",)),
    ],
    "mobile": [
        ("I mostly check it on my phone between meetings", ()),
        ("The app logs me out every time I switch to it", ("frustrated",)),
    ],
    "workarounds": [
        ("We keep a shared doc next to it with the real status", ("skeptical",)),
        ("I built a little script to copy things over every night", ()),
    ],
}

NOTES = [
    "Follow up on the Friday export ritual",
    "Mentioned a competitor twice",
    "Ask for the monthly report template",
    "Seems to be the team's power user",
    "Budget cycle starts in September",
]

FACTS = [
    "Team of {n}",
    "Uses the product {d} days a week",
    "Joined {m} months ago",
    "Reports to the {role}",
]

_START = datetime(2024, 3, 4, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class DemoEntry:
    kind: EntryKind
    text: str
    at_ms: int
    topics: tuple[str, ...] = ()
    emotions: tuple[str, ...] = ()
    starred: bool = False
    follow_up: bool = False
    testimonial: bool = False


@dataclass(frozen=True)
class DemoParticipant:
    name: str
    company: str
    email: str
    segment: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class DemoSession:
    participant: int  # index into Corpus.participants
    goal: str
    created_at: str
    started_at_ms: int
    minutes: int
    entries: tuple[DemoEntry, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Corpus:
    participants: tuple[DemoParticipant, ...]
    sessions: tuple[DemoSession, ...]

    @property
    def entry_count(self) -> int:
        return sum(len(s.entries) for s in self.sessions)


def _participants(rng: random.Random, count: int) -> list[DemoParticipant]:
    people = []
    for n in range(count):
        name, company, role, segment = PEOPLE[n % len(PEOPLE)]
        if n >= len(PEOPLE):
            name = f"{name} {n // len(PEOPLE) + 1}"
        first = name.split()[0].lower()
        facts = (
            f"{role} at {company}",
            FACTS[0].format(n=rng.randint(3, 60)),
            FACTS[1].format(d=rng.randint(2, 5)),
        )
        domain = company.lower().replace(" & ", "").replace(" ", "")
        people.append(DemoParticipant(name, company, f"{first}@{domain}.example", segment, facts))
    return people


def _entry(
    rng: random.Random, topics: list[str], weights: list[float], at_ms: int, used: set[str]
) -> DemoEntry:
    roll = rng.random()
    if roll < 0.12:
        return DemoEntry("note", rng.choice(NOTES), at_ms, follow_up=rng.random() < 0.3)
    if roll < 0.16:
        return DemoEntry("mark", "", at_ms)
    topic = rng.choices(topics, weights)[0]
    fresh = [q for q in QUOTES[topic] if q[0] not in used]
    if not fresh:  # nobody repeats themselves word for word: pick another of their topics
        fresh = [q for t in topics for q in QUOTES[t] if q[0] not in used] or QUOTES[topic]
    text, emotions = rng.choice(fresh)
    topic = next(t for t in QUOTES if (text, emotions) in QUOTES[t])
    used.add(text)
    extra = (rng.choices(topics, weights)[0],) if rng.random() < 0.1 else ()
    tags = tuple(dict.fromkeys((topic, *extra)))
    return DemoEntry(
        "quote",
        text,
        at_ms,
        tags,
        emotions if rng.random() < 0.8 else (),
        starred=rng.random() < 0.1,
        testimonial=bool(emotions) and rng.random() < 0.05,
    )


def generate(
    seed: int = 7,
    participants: int = 12,
    sessions: int = 15,
    entries_per_session: tuple[int, int] = (8, 14),
) -> Corpus:
    """A corpus with popular and rare topics and a few repeat participants; same seed, same data."""
    rng = random.Random(seed)
    people = _participants(rng, participants)
    topics = list(QUOTES)
    # each person cares about a few topics; popular topics are shared by more people
    interests = [
        [t for rank, t in enumerate(topics) if rng.random() < 0.95 / (1 + rank * 0.45)]
        or [topics[0]]
        for _ in people
    ]
    for mine in interests:
        rng.shuffle(mine)
    who_weights = [1 / (rank + 2) ** 0.5 for rank in range(participants)]
    made = []
    for n in range(sessions):
        # everyone is interviewed once before anyone is interviewed again
        person = n if n < participants else rng.choices(range(participants), who_weights)[0]
        started = _START + timedelta(days=n * 2 + rng.randint(0, 1), hours=rng.randint(0, 6))
        minutes = rng.choice((30, 45, 60))
        low, high = entries_per_session
        count = rng.randint(low, high)
        times = sorted(rng.randint(5_000, minutes * 60_000) for _ in range(count))
        mine = interests[person]
        weights = [1 / (rank + 1) for rank in range(len(mine))]
        used: set[str] = set()
        entries = tuple(_entry(rng, mine, weights, at, used) for at in times)
        made.append(
            DemoSession(
                person,
                GOALS[n % len(GOALS)],
                started.isoformat(timespec="seconds"),
                int(started.timestamp() * 1000),
                minutes,
                entries,
            )
        )
    return Corpus(tuple(people), tuple(made))


# The demo's interview guide, followed in most sessions ---------------------------------

DEMO_GUIDE = """\
# Discovery interview
Goal: How do teams share what they learn from customers?

## Warm-up (5 min)
- Tell me about your role and your team. @ada
- What does a normal week look like?

## The work itself (15 min)
Ask for the last time it happened, not the usual time.
- Walk me through the last time you prepared the monthly report. #reporting
  - Where did the numbers come from?
- How do you find something you discussed a while ago? #search
- What do you do when the tool does not do what you need? #workarounds
  - Who else uses that workaround?

## Buying and onboarding (10 min)
- How was the decision to buy made? @ben #pricing
  - Who had to approve it?
- What was the first week like for a new teammate? #onboarding
- Which other tools does it have to work with? #integrations

## Wrap-up (5 min)
- If you could change one thing, what would it be?
- Who else should we talk to?
"""


@dataclass(frozen=True)
class DemoTick:
    number: int  # the question's number through the guide, from 1
    at_ms: int
    skipped: bool = False


@dataclass(frozen=True)
class DemoGuideUse:
    """How one session followed the guide: what was asked or skipped, and the question
    each of its entries answered (by number; None before the first was asked)."""

    session: int  # index into Corpus.sessions
    ticks: tuple[DemoTick, ...]
    answers: tuple[int | None, ...]


def guide_uses(corpus: Corpus, questions: int, seed: int = 7) -> list[DemoGuideUse]:
    """Most sessions follow a guide of ``questions`` questions, asking most in order,
    skipping some and running out of time before the last few now and then.

    Its own random stream, so the corpus itself is the same with or without a guide.
    """
    rng = random.Random(seed * 1_000 + questions)
    uses = []
    for index, session in enumerate(corpus.sessions):
        if rng.random() < 0.2:
            continue  # an interview run without the guide
        length = session.minutes * 60_000
        reached = questions - (rng.randint(1, 3) if rng.random() < 0.4 else 0)
        ticks = []
        for number in range(1, reached + 1):
            at = int(length * (number - 1) / questions) + rng.randint(0, 30_000)
            ticks.append(DemoTick(number, at, skipped=rng.random() < 0.15))
        asked = [t for t in ticks if not t.skipped]
        answers = tuple(
            next((t.number for t in reversed(asked) if t.at_ms <= e.at_ms), None)
            for e in session.entries
        )
        uses.append(DemoGuideUse(index, tuple(ticks), answers))
    return uses
