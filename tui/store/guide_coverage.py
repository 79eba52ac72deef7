"""How well a guide was covered across the sessions that followed it, in one grouped query.

A question is the same question in every version that has the same words in a section
of the same title, so a guide revised between interviews still adds up. Ticks and
answers count only from sessions that followed a version holding the question.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from tui.store.guides import find_guide
from tui.store.store import Store


@dataclass(frozen=True)
class QuestionCoverage:
    section: str
    text: str
    asked: int  # sessions that ticked it as asked (not skipped)
    sessions: int  # sessions that followed a version holding it
    entries: int  # entries captured as answers to it
    participants: int  # distinct participants among those entries
    current: bool  # in the latest version (else only in older ones)


@dataclass(frozen=True)
class Coverage:
    guide: str
    version: int  # the latest
    sessions: int  # sessions that followed any version
    questions: tuple[QuestionCoverage, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "guide": self.guide,
            "sessions": self.sessions,
            "questions": [
                {
                    "section": q.section,
                    "text": q.text,
                    "asked": q.asked,
                    "sessions": q.sessions,
                    "entries": q.entries,
                    "participants": q.participants,
                }
                for q in self.questions
            ],
        }


# The latest version's questions in order, then those only older versions had (newest
# first). Each count is grouped on its own before the join, so no count multiplies another.
_COVERAGE = """
WITH q AS (
    SELECT gq.id, gs.title AS section, gq.text, gv.id AS version_id, gv.version, gq.number
    FROM guide_versions gv JOIN guide_sections gs ON gs.version_id = gv.id
    JOIN guide_questions gq ON gq.section_id = gs.id
    WHERE gv.guide_id = :guide
),
used AS (
    SELECT s.id, s.guide_version_id AS version_id, s.participant_id FROM sessions s
    WHERE s.guide_version_id IN (SELECT id FROM guide_versions WHERE guide_id = :guide)
),
followed AS (
    SELECT q.section, q.text, count(DISTINCT u.id) AS n
    FROM q JOIN used u ON u.version_id = q.version_id GROUP BY 1, 2
),
asked AS (
    SELECT q.section, q.text, count(DISTINCT a.session_id) AS n
    FROM q JOIN questions_asked a ON a.question_id = q.id AND a.skipped = 0
    JOIN used u ON u.id = a.session_id AND u.version_id = q.version_id
    GROUP BY 1, 2
),
answers AS (
    SELECT q.section, q.text, count(DISTINCT e.id) AS n,
        count(DISTINCT u.participant_id) AS people
    FROM q JOIN entries e ON e.question_id = q.id
    JOIN used u ON u.id = e.session_id AND u.version_id = q.version_id
    GROUP BY 1, 2
),
keyed AS (  -- SQLite takes ``number`` from the row holding max(version)
    SELECT section, text, max(version) AS latest, number FROM q GROUP BY section, text
)
SELECT k.section, k.text, k.latest, coalesce(f.n, 0) AS sessions, coalesce(a.n, 0) AS asked,
    coalesce(e.n, 0) AS entries, coalesce(e.people, 0) AS participants
FROM keyed k
LEFT JOIN followed f ON f.section = k.section AND f.text = k.text
LEFT JOIN asked a ON a.section = k.section AND a.text = k.text
LEFT JOIN answers e ON e.section = k.section AND e.text = k.text
ORDER BY k.latest DESC, k.number
"""


def coverage(store: Store, name: str) -> Coverage:
    """Per question of the guide called ``name``: sessions that followed it, how many of
    them asked it, entries that answered it and from how many participants."""
    latest = find_guide(store, name)
    guide_id = latest.guide_id
    total = store.conn.execute(
        "SELECT count(*) FROM sessions WHERE guide_version_id IN"
        " (SELECT id FROM guide_versions WHERE guide_id = ?)",
        (guide_id,),
    ).fetchone()[0]
    cursor = store.conn.cursor()
    cursor.row_factory = sqlite3.Row
    rows = cursor.execute(_COVERAGE, {"guide": guide_id}).fetchall()
    questions = tuple(
        QuestionCoverage(
            r["section"],
            r["text"],
            r["asked"],
            r["sessions"],
            r["entries"],
            r["participants"],
            r["latest"] == latest.version,
        )
        for r in rows
    )
    return Coverage(latest.name, latest.version, total, questions)
