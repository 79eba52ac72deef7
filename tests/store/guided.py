"""A session that followed a guide, for the export, import and undo tests."""

from __future__ import annotations

from tui.core.guide import parse_guide
from tui.store.guides import (
    GuideVersion,
    add_guide,
    set_entry_question,
    set_session_guide,
    skip_question,
    tick_question,
)
from tui.store.store import Store

GUIDE = """# Onboarding discovery
Goal: How do teams share what they learn from customers?

## Warm-up (5 min)
- Tell me about your role. @ada
- How big is your team?

## The last time you shared a finding (15 min)
Ask for the last time it happened, not the usual time.
- Tell me about the last time you shared something you learned. #sharing
  - What happened next?
- Where did it end up? #wiki
"""


def follow(store: Store, session_id: int, text: str = GUIDE) -> GuideVersion:
    """Make the session follow the guide in ``text`` (added, or found if already there)."""
    version = add_guide(store, parse_guide(text)).version
    set_session_guide(store, session_id, version.id)
    return version


def question(version: GuideVersion, number: int) -> int:
    """The database id of question ``number``."""
    return next(q.id for q in version.questions if q.number == number)


def run_the_guide(store: Store, session_id: int, answers: dict[int, int]) -> GuideVersion:
    """Q1 asked at 00:30, Q2 skipped at 00:40, Q3 asked at 01:00, Q4 not reached; each
    entry in ``answers`` (entry id → question number) answered that question."""
    version = follow(store, session_id)
    tick_question(store, session_id, question(version, 1), 30_000)
    skip_question(store, session_id, question(version, 2), 40_000)
    tick_question(store, session_id, question(version, 3), 60_000)
    for entry_id, number in answers.items():
        set_entry_question(store, entry_id, question(version, number))
    return version
