"""Writing a generated example corpus into a Store, in one fast transaction."""

from __future__ import annotations

import json

from tui.core.demo import DEMO_GUIDE, Corpus, guide_uses
from tui.core.guide import parse_guide
from tui.core.vocabulary import DEFAULT_EMOTIONS
from tui.store.guides import add_guide
from tui.store.store import Store, now_iso


def has_data(store: Store) -> bool:
    """True when the database holds any participant or session."""
    row = store.conn.execute(
        "SELECT EXISTS (SELECT 1 FROM participants) OR EXISTS (SELECT 1 FROM sessions)"
    ).fetchone()
    return bool(row[0])


def write_corpus(store: Store, corpus: Corpus) -> tuple[int, int, int]:
    """Insert the corpus; returns (participants, sessions, entries) created."""
    conn = store.conn
    created = now_iso()
    entries = 0
    session_ids: list[int] = []
    entry_ids: list[list[int]] = []
    with store.db.atomic():
        for name, valence in DEFAULT_EMOTIONS.items():
            store.tag_id("emotion", name, valence)
        people = []
        for p in corpus.participants:
            cursor = conn.execute(
                "INSERT INTO participants (name, company, email, segment, facts, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (p.name, p.company, p.email, p.segment, json.dumps(list(p.facts)), created),
            )
            people.append(int(cursor.lastrowid or 0))
        for s in corpus.sessions:
            length_ms = s.minutes * 60_000
            cursor = conn.execute(
                "INSERT INTO sessions (participant_id, goal, planned_minutes, created_at,"
                " started_at_ms, ended_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    people[s.participant],
                    s.goal,
                    s.minutes,
                    s.created_at,
                    s.started_at_ms,
                    s.started_at_ms + length_ms,
                ),
            )
            session_id = int(cursor.lastrowid or 0)
            session_ids.append(session_id)
            entry_ids.append([])
            links = []
            for e in s.entries:
                cursor = conn.execute(
                    "INSERT INTO entries (session_id, kind, text, at_ms, created_at, starred,"
                    " follow_up, testimonial) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        session_id,
                        e.kind,
                        e.text,
                        e.at_ms,
                        s.created_at,
                        int(e.starred),
                        int(e.follow_up),
                        int(e.testimonial),
                    ),
                )
                entry_id = int(cursor.lastrowid or 0)
                entry_ids[-1].append(entry_id)
                links += [(entry_id, store.tag_id("topic", t)) for t in e.topics]
                links += [(entry_id, store.tag_id("emotion", t)) for t in e.emotions]
            conn.executemany("INSERT INTO entry_tags (entry_id, tag_id) VALUES (?, ?)", links)
            entries += len(s.entries)
        _follow_guide(store, corpus, session_ids, entry_ids)
    return len(people), len(corpus.sessions), entries


def _follow_guide(
    store: Store, corpus: Corpus, session_ids: list[int], entry_ids: list[list[int]]
) -> None:
    """The demo guide, followed by most sessions: ticks, skips and answers linked."""
    version = add_guide(store, parse_guide(DEMO_GUIDE)).version
    ids = {q.number: q.id for q in version.questions}
    for use in guide_uses(corpus, len(ids)):
        session_id = session_ids[use.session]
        store.conn.execute(
            "UPDATE sessions SET guide_version_id = ? WHERE id = ?", (version.id, session_id)
        )
        store.conn.executemany(
            "INSERT INTO questions_asked (session_id, question_id, asked_at_ms, skipped)"
            " VALUES (?, ?, ?, ?)",
            [(session_id, ids[t.number], t.at_ms, int(t.skipped)) for t in use.ticks],
        )
        store.conn.executemany(
            "UPDATE entries SET question_id = ? WHERE id = ?",
            [
                (ids[number], entry)
                for entry, number in zip(entry_ids[use.session], use.answers, strict=True)
                if number is not None
            ],
        )
