"""A guide followed in every session of the corpus: coverage and a durable tick, each beside
raw SQL doing the same work."""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus import Corpus, connect_raw
from benchmarks.harness import Result, in_ms, interleave
from tui.core.guide import Guide, Question, Section
from tui.store.guide_coverage import coverage
from tui.store.guides import GuideVersion, add_guide, tick_question
from tui.store.store import Store, open_store

NAME = "Benchmark guide"
# The floor: per question of one version, sessions that asked it, entries, participants.
RAW_COVERAGE = """
SELECT q.id,
    (SELECT count(*) FROM questions_asked a WHERE a.question_id = q.id AND a.skipped = 0),
    (SELECT count(*) FROM entries e WHERE e.question_id = q.id),
    (SELECT count(DISTINCT s.participant_id) FROM entries e JOIN sessions s
        ON s.id = e.session_id WHERE e.question_id = q.id)
FROM guide_questions q JOIN guide_sections gs ON gs.id = q.section_id
WHERE gs.version_id = ? ORDER BY q.number
"""


def _guide(questions: int = 60) -> Guide:
    sections = tuple(
        Section(f"Part {s + 1}", tuple(Question(f"Question {s}.{n}?") for n in range(10)), 10)
        for s in range(questions // 10)
    )
    return Guide(NAME, "Learn", sections)


def _followed(path: Path) -> tuple[Store, GuideVersion]:
    """Every session follows the guide, asks two questions in three, and links each entry
    to a question."""
    store = open_store(path)
    version = add_guide(store, _guide()).version
    ids = [q.id for q in version.questions]
    with store.db.atomic():
        store.conn.execute("UPDATE sessions SET guide_version_id = ?", (version.id,))
        sessions = [r[0] for r in store.conn.execute("SELECT id FROM sessions")]
        store.conn.executemany(
            "INSERT INTO questions_asked (session_id, question_id, asked_at_ms) VALUES (?, ?, ?)",
            [(s, q, 1000 * n) for s in sessions for n, q in enumerate(ids) if n % 3],
        )
        store.conn.execute(
            f"UPDATE entries SET question_id = (SELECT id FROM guide_questions"
            f" WHERE number = entries.id % {len(ids)} + 1 AND section_id IN"
            f" (SELECT id FROM guide_sections WHERE version_id = {version.id}))"
        )
    return store, version


def guide_coverage(corpus: Corpus, runs: int) -> Result:
    """``coverage()`` of a 60-question guide every session followed, against a raw count."""
    path = corpus.copy("guides.db")
    store, version = _followed(path)
    raw = connect_raw(path)
    ours = [(q.asked, q.entries, q.participants) for q in coverage(store, NAME).questions]
    floor = [row[1:] for row in raw.execute(RAW_COVERAGE, (version.id,))]
    if ours != floor:
        raise AssertionError(f"coverage and the raw count differ: {ours[:3]} vs {floor[:3]}")
    mine, base = interleave(
        in_ms(lambda: coverage(store, NAME)),
        in_ms(lambda: raw.execute(RAW_COVERAGE, (version.id,)).fetchall()),
        runs,
    )
    store.close()
    raw.close()
    result = Result(f"guide coverage, {corpus.sessions} sessions", mine, base, "< 50 ms")
    result.ok = result.earful_median < 50
    result.timed = (
        "`guide_coverage.coverage()`: per question of a 60-question guide every session"
        " followed, sessions asked, entries and distinct participants across versions;"
        " floor: correlated counts per question of the one version"
    )
    return result


def tick(corpus: Corpus, runs: int) -> Result:
    """A durable tick through the store, against a raw INSERT and COMMIT of the same row."""
    path = corpus.copy("ticks.db")
    store, version = _followed(path)
    raw = connect_raw(path)
    session = corpus.busiest_session
    ids = [q.id for q in version.questions]
    at = [0]

    def ours() -> None:
        at[0] += 1
        tick_question(store, session, ids[at[0] % len(ids)], at[0])

    def floor() -> None:
        at[0] += 1
        raw.execute(
            "INSERT OR REPLACE INTO questions_asked (session_id, question_id, asked_at_ms)"
            " VALUES (?, ?, ?)",
            (session, ids[at[0] % len(ids)], at[0]),
        )
        raw.commit()

    mine, base = interleave(in_ms(ours), in_ms(floor), runs)
    store.close()
    raw.close()
    result = Result("guide tick, durable", mine, base, "< 2 ms")
    result.ok = result.earful_median < 2
    result.timed = (
        "`guides.tick_question()`: check the question is in the session's guide, keep the"
        " state before (for undo), write and commit; floor: one INSERT and COMMIT"
    )
    return result
