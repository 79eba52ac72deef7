"""The guide screen's reads: the questions × sessions grid and every answer to one question,
checked against a plain recount."""

from __future__ import annotations

import random

import pytest

from tui.core.clock import ClockState
from tui.core.guide import parse_guide
from tui.store.guide_answers import answers, guide_grid
from tui.store.guide_coverage import coverage
from tui.store.guides import (
    GuideNotFound,
    add_answer,
    add_guide,
    set_session_guide,
    skip_question,
    tick_question,
)
from tui.store.store import Store

GUIDE = """\
# Onboarding discovery
Goal: How do teams share what they learn?

## Warm-up (5 min)
- Tell me about your role. @ada
- How big is your team?

## Sharing (15 min)
- Tell me about the last time you shared a finding. #sharing
- Where did it end up? #wiki
"""


def _fill(store: Store) -> None:
    """Two versions and another guide, 40 sessions with random ticks and answers, and
    sessions moved to another guide after answering (their links are stale)."""
    v1 = add_guide(store, parse_guide(GUIDE)).version
    revised = GUIDE.replace("- How big is your team?\n", "- Who do you report to?\n")
    v2 = add_guide(store, parse_guide(revised + "## Wrap\n- Anything else?\n")).version
    other = add_guide(store, parse_guide("# Other\n## Warm-up\n- Tell me about your role.\n"))
    rng = random.Random(7)
    people = [store.participant_for(n, "Co").id for n in ("Ann", "Bo", "Cy", "Di")]
    for n in range(40):
        version = rng.choice([v1, v2, v2, other.version, None])
        session = store.create_session(
            rng.choice(people), "g", 30, ClockState(n), version.id if version else None
        ).id
        if version is None:
            continue
        for q in version.questions:
            roll = rng.random()
            if roll < 0.5:
                tick_question(store, session, q.id, 1_000)
            elif roll < 0.7:
                skip_question(store, session, q.id, 1_000)
            for k in range(rng.randrange(3)):
                add_answer(store, session, q.id, "quote", f"said {n}.{k}", 2_000 + k)
    for elsewhere in (v2.id, other.version.id):
        moved = store.create_session(people[0], "g", 30, ClockState(99), v1.id).id
        tick_question(store, moved, v1.questions[0].id, 1)
        add_answer(store, moved, v1.questions[0].id, "quote", "stale", 1)
        set_session_guide(store, moved, elsewhere)


def _recount(store: Store, name: str) -> dict[tuple[str, str], dict[int, tuple[str, int]]]:
    """Per question key, per session that followed a version holding it: its state and
    how many entries answered it, counted one row at a time in Python."""
    conn = store.conn
    versions = {
        vid
        for (vid,) in conn.execute(
            "SELECT gv.id FROM guide_versions gv JOIN guides g ON g.id = gv.guide_id"
            " WHERE g.name = ?",
            (name,),
        )
    }
    sessions = {
        sid: vid
        for sid, vid in conn.execute("SELECT id, guide_version_id FROM sessions")
        if vid in versions
    }
    questions = conn.execute(
        "SELECT q.id, s.title, q.text, s.version_id FROM guide_questions q"
        " JOIN guide_sections s ON s.id = q.section_id"
    ).fetchall()
    ticks = {
        (sid, qid): "skipped" if skipped else "asked"
        for sid, qid, skipped in conn.execute(
            "SELECT session_id, question_id, skipped FROM questions_asked"
        )
    }
    entries = conn.execute("SELECT session_id, question_id FROM entries").fetchall()
    result: dict[tuple[str, str], dict[int, tuple[str, int]]] = {}
    for qid, section, text, vid in questions:
        if vid not in versions:
            continue
        row = result.setdefault((section, text), {})
        for sid, followed in sessions.items():
            if followed == vid:
                state = ticks.get((sid, qid), "")
                row[sid] = (state, sum(1 for e in entries if e == (sid, qid)))
    return result


def test_the_grid_matches_a_plain_recount_and_coverage(store: Store) -> None:
    _fill(store)
    grid = guide_grid(store, "ONBOARDING DISCOVERY")
    expected = _recount(store, "Onboarding discovery")
    assert {(q.section, q.text) for q in grid.questions} == set(expected)
    shown = {s.id for s in grid.sessions}
    assert shown == {sid for row in expected.values() for sid in row}
    for index, q in enumerate(grid.questions):
        for session in grid.sessions:
            cell = grid.cell(index, session.id)
            state, count = expected[(q.section, q.text)].get(session.id, ("", 0))
            got = "asked" if cell.asked else "skipped" if cell.skipped else ""
            assert (got, cell.entries) == (state, count), (q.text, session.id)
    # the same order and totals as `earful guide coverage`
    cov = coverage(store, "Onboarding discovery")
    assert [q.text for q in grid.questions] == [q.text for q in cov.questions]
    for index, q in enumerate(cov.questions):
        assert sum(grid.cell(index, s.id).asked for s in grid.sessions) == q.asked
        assert sum(grid.cell(index, s.id).entries for s in grid.sessions) == q.entries
    assert [q.current for q in grid.questions][-1] is False  # only version 1 had it
    assert [s.date for s in grid.sessions] == sorted(s.date for s in grid.sessions)


def test_answers_to_one_question_across_versions_grouped_by_participant(store: Store) -> None:
    _fill(store)
    grid = guide_grid(store, "Onboarding discovery")
    first = grid.questions[0]  # "Tell me about your role." in both versions
    assert len(first.ids) == 2
    got = answers(store, first.ids)
    expected = sum(grid.cell(0, s.id).entries for s in grid.sessions)
    assert len(got) == expected > 0
    assert "stale" not in {a.entry.text for a in got}
    names = [a.session.name for a in got]
    assert names == sorted(names, key=str.casefold)  # grouped: one run per participant
    assert all(a.entry.session_id == a.session.id for a in got)
    assert answers(store, ()) == []


def test_a_guide_no_session_followed_has_questions_and_no_sessions(store: Store) -> None:
    add_guide(store, parse_guide(GUIDE))
    grid = guide_grid(store, "Onboarding discovery")
    assert len(grid.questions) == 4 and grid.sessions == () and grid.cells == {}
    assert grid.goal == "How do teams share what they learn?"
    with pytest.raises(GuideNotFound):
        guide_grid(store, "nope")
