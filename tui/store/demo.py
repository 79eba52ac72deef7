"""Writing a generated example corpus into a Store, in one fast transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from tui.core.demo import DEMO_GUIDE, Corpus, DemoParticipant, DemoSession, guide_uses
from tui.core.guide import parse_guide
from tui.core.models import TagKind
from tui.core.vocabulary import DEFAULT_EMOTIONS
from tui.store.guides import add_guide
from tui.store.stamps import new_uuid, now_iso, now_utc
from tui.store.store import Store


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


def write_scale(
    store: Store,
    people: Sequence[DemoParticipant],
    sessions: Iterable[DemoSession],
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int, int]:
    """Insert a large corpus session by session, all in one transaction (interrupted, it
    leaves nothing); ``progress`` is told the entries written so far after each session.
    Returns (participants, sessions, entries) created.

    Rows carry their uuid and ``updated_at`` so the stamping triggers have nothing to do.
    The full-text index, the tag counts and the uuid index are rebuilt once at the end
    (see ``_rebuilt_after``), which is twice as fast as keeping them row by row.
    """
    conn = store.conn
    # The rows are consistent by construction; checking every link is a third of the time.
    # (Only settable outside a transaction.)
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with store.db.atomic(), _rebuilt_after(conn):
            made, entries, ids = _insert(store, people, sessions, progress)
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return len(ids), made, entries


def _insert(
    store: Store,
    people: Sequence[DemoParticipant],
    sessions: Iterable[DemoSession],
    progress: Callable[[int], None] | None,
) -> tuple[int, int, list[int]]:
    conn = store.conn
    tags: dict[tuple[str, str], int] = {}

    def tag(kind: TagKind, name: str) -> int:
        if (kind, name) not in tags:
            tags[kind, name] = store.tag_id(kind, name)
        return tags[kind, name]

    created, stamp, author = now_iso(), now_utc(), store.author
    entries = made = 0
    for name, valence in DEFAULT_EMOTIONS.items():
        store.tag_id("emotion", name, valence)
    ids = []
    for p in people:
        cursor = conn.execute(
            "INSERT INTO participants (name, company, email, segment, facts, created_at,"
            " uuid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p.name,
                p.company,
                p.email,
                p.segment,
                json.dumps(list(p.facts)),
                created,
                new_uuid(),
                stamp,
            ),
        )
        ids.append(int(cursor.lastrowid or 0))
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM entries").fetchone()[0]
    for s in sessions:
        cursor = conn.execute(
            "INSERT INTO sessions (participant_id, goal, planned_minutes, created_at,"
            " started_at_ms, ended_at_ms, uuid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                ids[s.participant],
                s.goal,
                s.minutes,
                s.created_at,
                s.started_at_ms,
                s.started_at_ms + s.minutes * 60000,
                new_uuid(),
                stamp,
            ),
        )
        session_id = int(cursor.lastrowid or 0)
        rows, links = [], []
        for entry_id, e in enumerate(s.entries, next_id):
            rows.append(
                (
                    entry_id,
                    session_id,
                    e.kind,
                    e.text,
                    e.at_ms,
                    s.created_at,
                    e.starred,
                    e.follow_up,
                    e.testimonial,
                    author,
                    new_uuid(),
                    stamp,
                )
            )
            links += [(entry_id, tag("topic", t)) for t in e.topics]
            links += [(entry_id, tag("emotion", t)) for t in e.emotions]
        conn.executemany(
            "INSERT INTO entries (id, session_id, kind, text, at_ms, created_at, starred,"
            " follow_up, testimonial, author, uuid, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany("INSERT INTO entry_tags (entry_id, tag_id) VALUES (?, ?)", links)
        next_id += len(rows)
        entries += len(rows)
        made += 1
        if progress is not None:
            progress(entries)
    return made, entries, ids


# Kept row by row by the schema; for a bulk insert, rebuilt once at the end instead.
# (``entry_tags_tagged`` needs no rebuild: links written with their entry are no edit.)
_DEFERRED = ("entries_fts_insert", "entry_tags_counted", "entries_uuid", "entry_tags_tagged")


@contextmanager
def _rebuilt_after(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside a transaction: drop the full-text and tag-count triggers and the uuid index,
    then rebuild what they keep and put them back exactly as they were (their own SQL).
    On an error nothing is put back here: the transaction's rollback restores them."""
    marks = ",".join("?" * len(_DEFERRED))
    kept = conn.execute(
        f"SELECT type, name, sql FROM sqlite_master WHERE name IN ({marks})", _DEFERRED
    ).fetchall()
    for kind, name, _sql in kept:
        conn.execute(f"DROP {kind.upper()} {name}")
    yield
    conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
    conn.execute("DELETE FROM tag_participants")
    conn.execute(
        """INSERT INTO tag_participants (tag_id, participant_id, entries)
        SELECT et.tag_id, s.participant_id, count(*)
        FROM entry_tags et JOIN entries e ON e.id = et.entry_id
        JOIN sessions s ON s.id = e.session_id GROUP BY et.tag_id, s.participant_id"""
    )
    for _kind, _name, sql in kept:
        conn.execute(sql)
