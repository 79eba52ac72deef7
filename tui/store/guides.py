"""Interview guides in the database: versions, the guide a session follows, the questions
ticked as asked or skipped, and the question each entry answered. Coverage across
sessions is in ``guide_coverage``.

A stored version never changes: sessions keep the one they used. Adding a guide whose
content differs from its latest version adds a version; adding the same content again
adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from tui.core.guide import Guide, Question, Section, fingerprint
from tui.core.models import Entry, EntryKind
from tui.core.text import encodable
from tui.store.stamps import now_iso
from tui.store.store import Store


class GuideNotFound(LookupError):
    """No guide by that name; the message is the line to show."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no guide named {name!r} (`earful guide list` shows them)")
        self.name = name


@dataclass(frozen=True)
class GuideQuestion:
    """A stored question: its id, its number through the guide (Q4 of 12), its section."""

    id: int
    number: int
    section: int  # index into ``GuideVersion.guide.sections``
    question: Question

    @property
    def text(self) -> str:
        return self.question.text


@dataclass(frozen=True)
class GuideVersion:
    id: int
    guide_id: int
    name: str
    version: int
    added_at: str
    guide: Guide
    questions: tuple[GuideQuestion, ...]

    def section_of(self, question: GuideQuestion) -> Section:
        return self.guide.sections[question.section]


@dataclass(frozen=True)
class AddedGuide:
    version: GuideVersion
    new: bool  # False when the content was the latest version's already


@dataclass(frozen=True)
class GuideSummary:
    """One line of ``earful guide list``: the latest version and how much it is used."""

    name: str
    version: int
    version_id: int
    goal: str
    sections: int
    questions: int
    sessions: int  # sessions that followed any version
    added_at: str


@dataclass(frozen=True)
class Tick:
    """A question done in a session: asked at ``asked_at_ms`` (interview clock), or skipped."""

    question_id: int
    asked_at_ms: int
    skipped: bool = False


# guides and versions ------------------------------------------------------------------


def add_guide(store: Store, guide: Guide) -> AddedGuide:
    """Store ``guide`` under its name (any case finds an existing guide); committed."""
    name = encodable(guide.name.strip())
    content = fingerprint(guide)
    with store.db.atomic():
        found = _guide_row(store, name)
        if found is None:
            cursor = store.conn.execute(
                "INSERT INTO guides (name, created_at) VALUES (?, ?)", (name, now_iso())
            )
            guide_id, latest = int(cursor.lastrowid or 0), 0
        else:
            guide_id = found[0]
            row = store.conn.execute(
                "SELECT version, content_hash, id FROM guide_versions WHERE guide_id = ?"
                " ORDER BY version DESC LIMIT 1",
                (guide_id,),
            ).fetchone()
            if row and row[1] == content:
                return AddedGuide(guide_version(store, row[2]), new=False)
            latest = row[0] if row else 0
        version_id = _insert_version(store, guide_id, latest + 1, content, guide)
    return AddedGuide(guide_version(store, version_id), new=True)


def _insert_version(store: Store, guide_id: int, version: int, content: str, g: Guide) -> int:
    cursor = store.conn.execute(
        "INSERT INTO guide_versions (guide_id, version, content_hash, goal, added_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (guide_id, version, content, encodable(g.goal), now_iso()),
    )
    version_id = int(cursor.lastrowid or 0)
    number = 0
    for position, section in enumerate(g.sections):
        cursor = store.conn.execute(
            "INSERT INTO guide_sections (version_id, position, title, minutes, notes)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                version_id,
                position,
                encodable(section.title),
                section.minutes,
                encodable(section.notes),
            ),
        )
        section_id = int(cursor.lastrowid or 0)
        rows = []
        for q in section.questions:
            number += 1
            probes = json.dumps([encodable(p) for p in q.probes], ensure_ascii=False)
            rows.append((section_id, number, encodable(q.text), q.asker, q.topic, probes))
        store.conn.executemany(
            "INSERT INTO guide_questions (section_id, number, text, asker, topic, probes)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    return version_id


def _guide_row(store: Store, name: str) -> tuple[int, str] | None:
    row = store.conn.execute(
        "SELECT id, name FROM guides WHERE casefold(name) = ? ORDER BY id LIMIT 1",
        (encodable(name.strip()).casefold(),),
    ).fetchone()
    return (int(row[0]), str(row[1])) if row else None


def all_guides(store: Store) -> list[GuideSummary]:
    """Every guide with its latest version, by name."""
    rows = store.named(
        """SELECT g.name, gv.version, gv.id AS version_id, gv.goal, gv.added_at,
            (SELECT count(*) FROM guide_sections gs WHERE gs.version_id = gv.id) AS sections,
            (SELECT count(*) FROM guide_questions gq JOIN guide_sections gs
                ON gs.id = gq.section_id WHERE gs.version_id = gv.id) AS questions,
            (SELECT count(*) FROM sessions s JOIN guide_versions used
                ON used.id = s.guide_version_id WHERE used.guide_id = g.id) AS sessions
        FROM guides g JOIN guide_versions gv ON gv.guide_id = g.id
        WHERE gv.version = (SELECT max(version) FROM guide_versions WHERE guide_id = g.id)
        ORDER BY casefold(g.name), g.id"""
    ).fetchall()
    return [
        GuideSummary(
            r["name"],
            r["version"],
            r["version_id"],
            r["goal"],
            r["sections"],
            r["questions"],
            r["sessions"],
            r["added_at"],
        )
        for r in rows
    ]


def find_guide(store: Store, name: str) -> GuideVersion:
    """The latest version of the guide called ``name`` (any case), or ``GuideNotFound``."""
    found = _guide_row(store, name)
    row = (
        found
        and store.conn.execute(
            "SELECT id FROM guide_versions WHERE guide_id = ? ORDER BY version DESC LIMIT 1",
            (found[0],),
        ).fetchone()
    )
    if not row:
        raise GuideNotFound(name)
    return guide_version(store, row[0])


def guide_version(store: Store, version_id: int) -> GuideVersion:
    """One stored version, whole; ``KeyError`` if there is none."""
    head = store.named(
        "SELECT gv.guide_id, gv.version, gv.goal, gv.added_at, g.name FROM guide_versions gv"
        " JOIN guides g ON g.id = gv.guide_id WHERE gv.id = ?",
        (version_id,),
    ).fetchone()
    if head is None:
        raise KeyError(version_id)
    parts = store.named(
        "SELECT id, title, minutes, notes FROM guide_sections WHERE version_id = ?"
        " ORDER BY position",
        (version_id,),
    ).fetchall()
    index = {row["id"]: i for i, row in enumerate(parts)}
    asked: list[list[Question]] = [[] for _ in parts]
    stored = []
    for row in store.named(
        "SELECT q.id, q.section_id, q.number, q.text, q.asker, q.topic, q.probes"
        " FROM guide_questions q JOIN guide_sections s ON s.id = q.section_id"
        " WHERE s.version_id = ? ORDER BY q.number",
        (version_id,),
    ):
        question = Question(
            row["text"], row["asker"], row["topic"], tuple(json.loads(row["probes"]))
        )
        asked[index[row["section_id"]]].append(question)
        stored.append(GuideQuestion(row["id"], row["number"], index[row["section_id"]], question))
    sections = tuple(
        Section(p["title"], tuple(asked[i]), p["minutes"], p["notes"]) for i, p in enumerate(parts)
    )
    guide = Guide(head["name"], head["goal"], sections)
    return GuideVersion(
        version_id,
        head["guide_id"],
        head["name"],
        head["version"],
        head["added_at"],
        guide,
        tuple(stored),
    )


# a session's guide, its ticks, and the question each entry answered ----------------------


def set_session_guide(store: Store, session_id: int, version_id: int | None) -> None:
    """Make the session follow this guide version (None: no guide); committed."""
    with store.db.atomic():
        cursor = store.conn.execute(
            "UPDATE sessions SET guide_version_id = ? WHERE id = ?", (version_id, session_id)
        )
    if cursor.rowcount == 0:
        raise KeyError(session_id)


def session_guide(store: Store, session_id: int) -> GuideVersion | None:
    """The guide version the session follows, if any."""
    row = store.conn.execute(
        "SELECT guide_version_id FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    if row is None:
        raise KeyError(session_id)
    return guide_version(store, row[0]) if row[0] is not None else None


def ticks(store: Store, session_id: int) -> dict[int, Tick]:
    """The session's ticked questions by question id."""
    rows = store.conn.execute(
        "SELECT question_id, asked_at_ms, skipped FROM questions_asked WHERE session_id = ?",
        (session_id,),
    )
    return {q: Tick(q, at, bool(skipped)) for q, at, skipped in rows}


def set_tick(store: Store, session_id: int, question_id: int, tick: Tick | None) -> Tick | None:
    """Make the question's state in the session ``tick`` (None: not reached); committed.

    Returns the state it had, for undo. ``ValueError`` if the question is not in the guide
    the session follows.
    """
    with store.db.atomic():
        _check_question(store, session_id, question_id)
        before = ticks_of(store, session_id, question_id)
        if tick is None:
            store.conn.execute(
                "DELETE FROM questions_asked WHERE session_id = ? AND question_id = ?",
                (session_id, question_id),
            )
        else:
            store.conn.execute(
                "INSERT OR REPLACE INTO questions_asked"
                " (session_id, question_id, asked_at_ms, skipped) VALUES (?, ?, ?, ?)",
                (session_id, question_id, tick.asked_at_ms, int(tick.skipped)),
            )
    return before


def tick_question(store: Store, session_id: int, question_id: int, at_ms: int) -> Tick | None:
    """The question was asked at ``at_ms`` on the interview clock; returns the state before."""
    return set_tick(store, session_id, question_id, Tick(question_id, at_ms))


def skip_question(store: Store, session_id: int, question_id: int, at_ms: int) -> Tick | None:
    """The question is passed over on purpose; returns the state before."""
    return set_tick(store, session_id, question_id, Tick(question_id, at_ms, skipped=True))


def untick_question(store: Store, session_id: int, question_id: int) -> Tick | None:
    """The question is back to not reached; returns the state before."""
    return set_tick(store, session_id, question_id, None)


def ticks_of(store: Store, session_id: int, question_id: int) -> Tick | None:
    row = store.conn.execute(
        "SELECT asked_at_ms, skipped FROM questions_asked WHERE session_id = ? AND question_id = ?",
        (session_id, question_id),
    ).fetchone()
    return Tick(question_id, row[0], bool(row[1])) if row else None


def _check_question(store: Store, session_id: int, question_id: int) -> None:
    row = store.conn.execute(
        """SELECT 1 FROM sessions s JOIN guide_sections gs ON gs.version_id = s.guide_version_id
        JOIN guide_questions q ON q.section_id = gs.id WHERE s.id = ? AND q.id = ?""",
        (session_id, question_id),
    ).fetchone()
    if row is None:
        raise ValueError(f"question {question_id} is not in the guide session {session_id} uses")


def set_entry_question(store: Store, entry_id: int, question_id: int | None) -> int | None:
    """Record that the entry answered ``question_id`` (None: no question); committed.

    Returns the question it had, for undo.
    """
    with store.db.atomic():
        row = store.conn.execute(
            "SELECT session_id, question_id FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        if row is None:
            raise KeyError(entry_id)
        if question_id is not None:
            _check_question(store, row[0], question_id)
        store.conn.execute(
            "UPDATE entries SET question_id = ? WHERE id = ?", (question_id, entry_id)
        )
    return row[1] if row[1] is None else int(row[1])


def add_answer(
    store: Store,
    session_id: int,
    question_id: int | None,
    kind: EntryKind,
    text: str,
    at_ms: int,
    topics: Iterable[str] = (),
    emotions: Iterable[str] = (),
    flags: Iterable[str] = (),
) -> Entry:
    """``Store.add_entry`` and its question, in one committed transaction."""
    with store.db.atomic():
        entry = store.add_entry(session_id, kind, text, at_ms, topics, emotions, flags)
        if question_id is not None:
            set_entry_question(store, entry.id, question_id)
    return entry


def entry_questions(store: Store, session_id: int) -> dict[int, int]:
    """The question each of the session's entries answered, by entry id (entries with none
    are left out)."""
    rows = store.conn.execute(
        "SELECT id, question_id FROM entries WHERE session_id = ? AND question_id IS NOT NULL",
        (session_id,),
    )
    return {entry: question for entry, question in rows}
