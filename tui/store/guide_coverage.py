"""How well a guide was covered across the sessions that followed it, in one grouped query.

A question is the same question in every version that has the same words in a section
of the same title, so a guide revised between interviews still adds up. Ticks and
answers count only from sessions that followed a version holding the question.
"""

from __future__ import annotations

import json
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
# first). Each count is a subquery per question (searching the covering indexes on
# question_id) rather than one join grouped afterwards: grouping tens of thousands of
# answers in a temporary B-tree took four times as long. Entries and their distinct
# participants come from one pass, as a JSON pair.
_COVERAGE = """
WITH q AS MATERIALIZED (
    SELECT gq.id, gs.title AS section, gq.text, gv.id AS version_id, gv.version, gq.number
    FROM guide_versions gv JOIN guide_sections gs ON gs.version_id = gv.id
    JOIN guide_questions gq ON gq.section_id = gs.id
    WHERE gv.guide_id = :guide
),
keyed AS (  -- SQLite takes ``number`` from the row holding max(version)
    SELECT section, text, max(version) AS latest, number FROM q GROUP BY section, text
)
SELECT k.section, k.text, k.latest,
    (SELECT count(*) FROM q JOIN sessions s ON s.guide_version_id = q.version_id
        WHERE q.section = k.section AND q.text = k.text) AS sessions,
    (SELECT count(DISTINCT a.session_id) FROM q
        JOIN questions_asked a ON a.question_id = q.id AND a.skipped = 0
        JOIN sessions s ON s.id = a.session_id AND s.guide_version_id = q.version_id
        WHERE q.section = k.section AND q.text = k.text) AS asked,
    (SELECT json_array(count(*), count(DISTINCT s.participant_id)) FROM q
        JOIN entries e ON e.question_id = q.id
        JOIN sessions s ON s.id = e.session_id AND s.guide_version_id = q.version_id
        WHERE q.section = k.section AND q.text = k.text) AS answers
FROM keyed k ORDER BY k.latest DESC, k.number
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
    questions = []
    for r in rows:
        entries, participants = json.loads(r["answers"])
        questions.append(
            QuestionCoverage(
                r["section"],
                r["text"],
                r["asked"],
                r["sessions"],
                entries,
                participants,
                r["latest"] == latest.version,
            )
        )
    return Coverage(latest.name, latest.version, total, tuple(questions))
