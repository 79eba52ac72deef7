"""Guides in the database: versions, a session's guide, ticks, answers, and coverage."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from tui.core.clock import ClockState
from tui.core.guide import parse_guide
from tui.store.editing import delete_entry, delete_session, restore_entry
from tui.store.guide_coverage import coverage
from tui.store.guides import (
    GuideNotFound,
    Tick,
    add_answer,
    add_guide,
    all_guides,
    entry_questions,
    find_guide,
    guide_version,
    session_guide,
    set_entry_question,
    set_session_guide,
    set_tick,
    skip_question,
    tick_question,
    ticks,
    untick_question,
)
from tui.store.store import Store, open_store

FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema-0001.db"
GUIDE = """\
# Onboarding discovery
Goal: How do teams share what they learn?

## Warm-up (5 min)
- Tell me about your role. @ada
- How big is your team?

## Sharing (15 min)
Ask for the last time.
- Tell me about the last time you shared a finding. #sharing
  - What happened next?
- Where did it end up? #wiki
"""


def _session(store: Store, name: str, version_id: int | None = None, started: int = 0) -> int:
    who = store.participant_for(name)
    return store.create_session(who.id, "learn", 30, ClockState(started), version_id).id


def test_a_guide_reads_back_as_it_was_parsed_with_hostile_text(store: Store) -> None:
    hostile = "[@click=app.quit]x[/] \x1b[31mred \u202egnp.exe [/"
    guide = parse_guide(f"# {hostile}\nGoal: {hostile}\n## {hostile} (3 min)\n{hostile}\n"
                        f"- {hostile} @bo #t\n  - {hostile}\n")  # fmt: skip
    added = add_guide(store, guide)
    assert added.new and added.version.version == 1
    assert guide_version(store, added.version.id).guide == guide
    assert find_guide(store, hostile.upper()).guide == guide  # any case finds it
    (question,) = added.version.questions
    assert (question.number, question.section, question.text) == (1, 0, hostile)


def test_a_changed_file_is_a_new_version_and_the_same_one_is_not(store: Store) -> None:
    first = add_guide(store, parse_guide(GUIDE))
    relaid = GUIDE.replace("\n- ", "\n\n* ").replace(
        "# Onboarding discovery", "# onboarding DISCOVERY"
    )
    again = add_guide(store, parse_guide(relaid))
    assert not again.new and again.version.id == first.version.id
    changed = add_guide(store, parse_guide(GUIDE.replace("(5 min)", "(10 min)")))
    assert changed.new and changed.version.version == 2
    assert changed.version.name == "Onboarding discovery"  # the name as first stored
    back = add_guide(store, parse_guide(GUIDE))  # going back is a change too
    assert back.new and back.version.version == 3
    assert find_guide(store, "onboarding discovery").id == back.version.id
    old_session = _session(store, "Ann", first.version.id)
    got = session_guide(store, old_session)
    assert got is not None and got.version == 1  # a session keeps the version it used
    (summary,) = all_guides(store)
    assert (summary.name, summary.version, summary.sections, summary.questions) == (
        "Onboarding discovery", 3, 2, 4,
    )  # fmt: skip
    assert summary.sessions == 1


def test_an_unknown_guide_is_one_line(store: Store) -> None:
    with pytest.raises(GuideNotFound, match="no guide named 'nope'"):
        find_guide(store, "nope")


def test_ticking_skipping_and_unticking_return_what_was_there(store: Store) -> None:
    version = add_guide(store, parse_guide(GUIDE)).version
    session = _session(store, "Ann", version.id)
    q1, q2 = version.questions[0].id, version.questions[1].id
    assert tick_question(store, session, q1, 61_000) is None
    assert skip_question(store, session, q2, 70_000) is None
    assert ticks(store, session) == {q1: Tick(q1, 61_000), q2: Tick(q2, 70_000, skipped=True)}
    assert tick_question(store, session, q2, 80_000) == Tick(q2, 70_000, skipped=True)
    assert untick_question(store, session, q1) == Tick(q1, 61_000)
    assert set_tick(store, session, q1, Tick(q1, 61_000)) is None  # undo of the untick
    assert ticks(store, session) == {q1: Tick(q1, 61_000), q2: Tick(q2, 80_000)}


def test_a_question_from_another_guide_is_refused(store: Store) -> None:
    version = add_guide(store, parse_guide(GUIDE)).version
    other = add_guide(store, parse_guide("# Other\n- Why?\n")).version
    session = _session(store, "Ann", version.id)
    unguided = _session(store, "Bo")
    with pytest.raises(ValueError, match="not in the guide"):
        tick_question(store, session, other.questions[0].id, 1)
    with pytest.raises(ValueError, match="not in the guide"):
        tick_question(store, unguided, version.questions[0].id, 1)
    entry = store.add_entry(session, "quote", "hi", 1).id
    with pytest.raises(ValueError, match="not in the guide"):
        set_entry_question(store, entry, other.questions[0].id)
    assert ticks(store, session) == {} and entry_questions(store, session) == {}


def test_entries_remember_their_question_through_delete_and_undo(store: Store) -> None:
    version = add_guide(store, parse_guide(GUIDE)).version
    session = _session(store, "Ann", version.id)
    q3 = version.questions[2].id
    said = add_answer(store, session, q3, "quote", "We put it in the wiki", 5_000, ["wiki"])
    plain = store.add_entry(session, "note", "nodding", 6_000)
    assert entry_questions(store, session) == {said.id: q3}
    assert set_entry_question(store, plain.id, q3) is None
    assert set_entry_question(store, plain.id, None) == q3
    restore_entry(store, delete_entry(store, said.id))
    assert entry_questions(store, session) == {said.id: q3}
    with pytest.raises(sqlite3.IntegrityError):  # a half-made answer leaves no entry behind
        add_answer(store, session, q3, "bogus", "x", 1)  # type: ignore[arg-type]
    assert len(store.entries(session)) == 2


def test_a_deleted_session_takes_its_ticks_even_without_foreign_keys(store: Store) -> None:
    version = add_guide(store, parse_guide(GUIDE)).version
    gone, kept = _session(store, "Ann", version.id), _session(store, "Bo", version.id)
    for session in (gone, kept):
        tick_question(store, session, version.questions[0].id, 1_000)
    delete_session(store, gone)
    store.conn.execute("PRAGMA foreign_keys = OFF")
    store.conn.execute("DELETE FROM sessions WHERE id = ?", (kept,))
    store.conn.commit()
    assert store.conn.execute("SELECT count(*) FROM questions_asked").fetchone()[0] == 0


# coverage -----------------------------------------------------------------------------


def _recount(store: Store, name: str) -> list[tuple[str, str, int, int, int, int]]:
    """Coverage counted the plain way: one question key at a time, in Python."""
    conn = store.conn
    versions = {
        vid: version
        for vid, version in conn.execute(
            "SELECT gv.id, gv.version FROM guide_versions gv JOIN guides g ON g.id = gv.guide_id"
            " WHERE g.name = ?",
            (name,),
        )
    }
    questions = conn.execute(
        "SELECT q.id, s.title, q.text, s.version_id, q.number FROM guide_questions q"
        " JOIN guide_sections s ON s.id = q.section_id"
    ).fetchall()
    sessions = {
        sid: (vid, who)
        for sid, vid, who in conn.execute(
            "SELECT id, guide_version_id, participant_id FROM sessions"
        )
        if vid in versions
    }
    asked = conn.execute("SELECT session_id, question_id FROM questions_asked WHERE skipped = 0")
    asked_pairs = set(asked.fetchall())
    answers = conn.execute(
        "SELECT id, session_id, question_id FROM entries WHERE question_id IS NOT NULL"
    ).fetchall()
    keys: dict[tuple[str, str], list[tuple[int, int, int]]] = {}
    for qid, section, text, vid, number in questions:
        if vid in versions:
            keys.setdefault((section, text), []).append((qid, vid, number))
    result = []
    for (section, text), held in keys.items():
        by_version = {vid: qid for qid, vid, _ in held}
        followed = [s for s, (vid, _) in sessions.items() if vid in by_version]
        ticked = [s for s in followed if (s, by_version[sessions[s][0]]) in asked_pairs]
        mine = [(e, s) for e, s, q in answers if s in followed and q == by_version[sessions[s][0]]]
        latest, number = max((versions[vid], number) for _, vid, number in held)
        order = (-latest, number)
        people = {sessions[s][1] for _, s in mine}
        result.append((order, (section, text, len(ticked), len(followed), len(mine), len(people))))
    return [row for _, row in sorted(result)]


def test_coverage_matches_a_plain_recount_across_versions_and_sessions(store: Store) -> None:
    v1 = add_guide(store, parse_guide(GUIDE)).version
    revised = GUIDE.replace("- How big is your team?\n", "- Who do you report to?\n")
    v2 = add_guide(store, parse_guide(revised + "## Wrap\n- Anything else?\n")).version
    other = add_guide(store, parse_guide("# Other\n## Warm-up\n- Tell me about your role.\n"))
    rng = random.Random(12)
    people = [store.participant_for(n).id for n in ("Ann", "Bo", "Cy", "Di")]
    for n in range(40):
        version = rng.choice([v1, v2, v2, other.version, None])
        who = rng.choice(people)
        session = store.create_session(
            who, "g", 30, ClockState(n), version.id if version else None
        ).id
        if version is None:
            store.add_entry(session, "quote", "no guide", 1)
            continue
        for q in version.questions:
            roll = rng.random()
            if roll < 0.5:
                tick_question(store, session, q.id, 1_000)
            elif roll < 0.7:
                skip_question(store, session, q.id, 1_000)
            for _ in range(rng.randrange(3)):
                add_answer(store, session, q.id, rng.choice(["quote", "note"]), "said", 2_000)
    # A session moved to another guide keeps stale links; they are not counted.
    for elsewhere in (v2.id, other.version.id):
        moved = _session(store, "Ann", v1.id)
        tick_question(store, moved, v1.questions[0].id, 1)
        add_answer(store, moved, v1.questions[0].id, "quote", "stale", 1)
        set_session_guide(store, moved, elsewhere)

    got = coverage(store, "onboarding discovery")
    rows = [
        (q.section, q.text, q.asked, q.sessions, q.entries, q.participants) for q in got.questions
    ]
    assert rows == _recount(store, "Onboarding discovery")
    assert [q.text for q in got.questions][-1] == "How big is your team?"  # dropped in v2
    assert [q.current for q in got.questions].count(False) == 1
    expected = store.conn.execute(
        "SELECT count(*) FROM sessions WHERE guide_version_id IN (?, ?)", (v1.id, v2.id)
    ).fetchone()[0]
    assert got.sessions == expected and got.version == 2
    assert got.as_json()["questions"][0] == {
        "section": "Warm-up",
        "text": "Tell me about your role.",
        "asked": rows[0][2],
        "sessions": rows[0][3],
        "entries": rows[0][4],
        "participants": rows[0][5],
    }
    assert 0 < rows[0][2] < rows[0][3] and rows[0][4] > 0  # the data is not degenerate


def test_coverage_of_an_unused_guide_is_all_zero(store: Store) -> None:
    add_guide(store, parse_guide(GUIDE))
    got = coverage(store, "Onboarding discovery")
    assert got.sessions == 0 and len(got.questions) == 4
    assert {(q.asked, q.sessions, q.entries, q.participants) for q in got.questions} == {
        (0, 0, 0, 0)
    }


# upgrade ------------------------------------------------------------------------------


def test_a_database_from_the_first_schema_takes_guides_after_upgrading(tmp_path: Path) -> None:
    db = tmp_path / "earful.db"
    shutil.copy(FIXTURE, db)
    store = open_store(db)
    try:
        old = store.sessions()[-1].id
        assert session_guide(store, old) is None
        assert all(q is None for (q,) in store.conn.execute("SELECT question_id FROM entries"))
        version = add_guide(store, parse_guide(GUIDE)).version
        set_session_guide(store, old, version.id)
        tick_question(store, old, version.questions[0].id, 5)
        entry = store.entries(old)[0].id
        set_entry_question(store, entry, version.questions[0].id)
        first = coverage(store, "Onboarding discovery").questions[0]
        assert (first.asked, first.sessions, first.entries) == (1, 1, 1)
    finally:
        store.close()


def test_the_demo_follows_its_guide_in_most_sessions(store: Store) -> None:
    from tui.core.demo import generate
    from tui.store.demo import write_corpus

    _, sessions, _ = write_corpus(store, generate())
    got = coverage(store, "Discovery interview")
    assert sessions / 2 < got.sessions < sessions
    rows = [
        (q.section, q.text, q.asked, q.sessions, q.entries, q.participants) for q in got.questions
    ]
    assert rows == _recount(store, "Discovery interview")
    skipped = store.conn.execute("SELECT count(*) FROM questions_asked WHERE skipped = 1")
    assert skipped.fetchone()[0] > 0
    assert any(q.asked < q.sessions for q in got.questions)
    assert sum(q.entries for q in got.questions) > len(got.questions)


def test_a_guide_holding_a_lone_surrogate_is_stored_with_a_replacement_mark(store: Store) -> None:
    # Text from a broken terminal or file can hold one; it is kept as U+FFFD, never a crash.
    guide = parse_guide("# Odd \udcff name\n\n## Part\n- Why \udcff?\n")
    added = add_guide(store, guide)
    assert added.version.name == "Odd \ufffd name"
    assert added.version.questions[0].text == "Why \ufffd?"
    assert not add_guide(store, guide).new  # the same guide again: no new version
