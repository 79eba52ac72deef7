"""A guide's questions against the sessions that followed it, and every answer to one
question across interviews: the reads behind the guide screen.

A question is keyed as in ``guide_coverage``: the same words in a section of the same
title are the same question in every version. Ticks and answers count only from sessions
that followed a version holding the question (a session moved to another guide keeps
stale links, which are not counted).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tui.core.models import Entry, person_label
from tui.store.guides import find_guide
from tui.store.rows import ENTRY_COLUMNS, entry_from_row
from tui.store.store import Store


@dataclass(frozen=True)
class GridQuestion:
    section: str
    text: str
    number: int  # its number in the newest version holding it
    current: bool  # in the latest version (else only in older ones)
    ids: tuple[int, ...]  # the question in each version that holds it


@dataclass(frozen=True)
class GridSession:
    id: int
    participant_id: int
    participant: str  # "name, company"
    name: str
    date: str  # YYYY-MM-DD


@dataclass(frozen=True)
class Cell:
    """One question in one session: asked, skipped or neither, and the entries answering it."""

    asked: bool = False
    skipped: bool = False
    entries: int = 0


@dataclass(frozen=True)
class GuideGrid:
    guide: str
    version: int  # the latest
    goal: str
    questions: tuple[GridQuestion, ...]
    sessions: tuple[GridSession, ...]  # oldest first
    cells: dict[tuple[int, int], Cell]  # (question index, session id) → cell; empty ones left out

    def cell(self, question: int, session_id: int) -> Cell:
        return self.cells.get((question, session_id), Cell())


@dataclass(frozen=True)
class Answer:
    entry: Entry
    session: GridSession


_QUESTIONS = """
SELECT gq.id, gs.title, gq.text, gv.id AS version_id, gv.version, gq.number
FROM guide_versions gv JOIN guide_sections gs ON gs.version_id = gv.id
JOIN guide_questions gq ON gq.section_id = gs.id
WHERE gv.guide_id = ?
"""

_SESSIONS = """
SELECT s.id, s.guide_version_id, s.created_at, p.id AS participant_id, p.name, p.company
FROM sessions s JOIN participants p ON p.id = s.participant_id
WHERE s.guide_version_id IN (SELECT id FROM guide_versions WHERE guide_id = ?)
ORDER BY s.created_at, s.id
"""

# Only pairs where the question belongs to the version the session follows.
_TICKS = """
SELECT a.session_id, a.question_id, a.skipped FROM questions_asked a
JOIN sessions s ON s.id = a.session_id
JOIN guide_questions gq ON gq.id = a.question_id
JOIN guide_sections gs ON gs.id = gq.section_id AND gs.version_id = s.guide_version_id
WHERE s.guide_version_id IN (SELECT id FROM guide_versions WHERE guide_id = ?)
"""

_COUNTS = """
SELECT e.session_id, e.question_id, count(*) FROM entries e
JOIN sessions s ON s.id = e.session_id
JOIN guide_questions gq ON gq.id = e.question_id
JOIN guide_sections gs ON gs.id = gq.section_id AND gs.version_id = s.guide_version_id
WHERE s.guide_version_id IN (SELECT id FROM guide_versions WHERE guide_id = ?)
GROUP BY e.session_id, e.question_id
"""


def guide_grid(store: Store, name: str) -> GuideGrid:
    """The questions × sessions grid of the guide called ``name`` (``GuideNotFound`` if none):
    the latest version's questions in order, then those only older versions had (newest
    first) that some session followed."""
    latest = find_guide(store, name)
    guide_id = latest.guide_id
    sessions = [
        GridSession(
            r["id"],
            r["participant_id"],
            person_label(r["name"], r["company"]),
            r["name"],
            r["created_at"][:10],
        )
        for r in store.named(_SESSIONS, (guide_id,))
    ]
    followed = {
        r[0]: r[1]
        for r in store.conn.execute(
            "SELECT id, guide_version_id FROM sessions WHERE guide_version_id IN"
            " (SELECT id FROM guide_versions WHERE guide_id = ?)",
            (guide_id,),
        )
    }
    used_versions = set(followed.values())
    held: dict[tuple[str, str], list[tuple[int, int, int, int]]] = defaultdict(list)
    for qid, section, text, version_id, version, number in store.conn.execute(
        _QUESTIONS, (guide_id,)
    ):
        held[(section, text)].append((version, number, qid, version_id))
    keyed = []
    for (section, text), versions in held.items():
        newest, number = max((v, n) for v, n, _, _ in versions)
        current = newest == latest.version
        if not current and not any(vid in used_versions for *_, vid in versions):
            continue  # only in versions no session followed
        ids = tuple(qid for _, _, qid, _ in sorted(versions))
        keyed.append(((-newest, number), GridQuestion(section, text, number, current, ids)))
    questions = tuple(q for _, q in sorted(keyed, key=lambda pair: pair[0]))
    index = {qid: i for i, q in enumerate(questions) for qid in q.ids}
    asked: dict[tuple[int, int], tuple[bool, bool]] = {}
    for session_id, question_id, skipped in store.conn.execute(_TICKS, (guide_id,)):
        if question_id in index:
            asked[(index[question_id], session_id)] = (not skipped, bool(skipped))
    counts: dict[tuple[int, int], int] = {}
    for session_id, question_id, count in store.conn.execute(_COUNTS, (guide_id,)):
        if question_id in index:
            counts[(index[question_id], session_id)] = count
    cells = {
        key: Cell(*asked.get(key, (False, False)), counts.get(key, 0))
        for key in asked.keys() | counts.keys()
    }
    return GuideGrid(
        latest.name, latest.version, latest.guide.goal, questions, tuple(sessions), cells
    )


def answers(store: Store, question_ids: tuple[int, ...]) -> list[Answer]:
    """Every entry that answered the question (its id in each version), from sessions that
    followed a version holding it: grouped by participant (A–Z), then by date and time."""
    if not question_ids:
        return []
    marks = ",".join("?" * len(question_ids))
    columns = ", ".join(f"e.{c.strip()}" for c in ENTRY_COLUMNS.split(","))
    rows = store.named(
        f"""SELECT {columns}, s.created_at, p.id AS participant_id, p.name, p.company
        FROM entries e JOIN sessions s ON s.id = e.session_id
        JOIN participants p ON p.id = s.participant_id
        JOIN guide_questions gq ON gq.id = e.question_id
        JOIN guide_sections gs ON gs.id = gq.section_id AND gs.version_id = s.guide_version_id
        WHERE e.question_id IN ({marks})
        ORDER BY casefold(p.name), casefold(p.company), p.id, s.created_at, s.id, e.at_ms, e.id""",
        question_ids,
    ).fetchall()
    tags: dict[int, tuple[list[str], list[str]]] = {r["id"]: ([], []) for r in rows}
    for entry_id, kind, name in store.conn.execute(
        f"""SELECT et.entry_id, t.kind, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id
        JOIN entries e ON e.id = et.entry_id WHERE e.question_id IN ({marks})
        ORDER BY t.kind, t.name""",
        question_ids,
    ):
        if entry_id in tags:
            tags[entry_id][0 if kind == "topic" else 1].append(name)
    return [
        Answer(
            entry_from_row(r, *tags[r["id"]]),
            GridSession(
                r["session_id"],
                r["participant_id"],
                person_label(r["name"], r["company"]),
                r["name"],
                r["created_at"][:10],
            ),
        )
        for r in rows
    ]
