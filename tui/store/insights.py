"""Queries across interviews: a tag's quotes, briefs, search, priorities (and the board,
which lives in ``tui.store.board``, importable from here as before)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tui.core.brief import Brief, KeyQuote, default_all_of, default_finding
from tui.core.insights import (
    BoardFilter,
    ParticipantQuotes,
    Priority,
    SearchHit,
    TagQuote,
)
from tui.core.insights import BoardRow as BoardRow
from tui.core.models import TagKind, person_label
from tui.core.text import encodable, tag_mark
from tui.store.board import NO_FILTER as NO_FILTER
from tui.store.board import board as board
from tui.store.board import participants_in as participants_in
from tui.store.board import session_filter as session_filter
from tui.store.board import tag_pairs
from tui.store.store import Store

_WORD = re.compile(r"\w", re.UNICODE)


class UnknownTag(LookupError):
    """A tag name nobody has used, with the names that do exist."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.known = known

    def __str__(self) -> str:
        hint = f"; known tags: {', '.join(self.known[:12])}" if self.known else ""
        return f"no tag called {self.name!r}{hint}"


def _tag_ids(store: Store, names: Sequence[str]) -> list[tuple[int, str]]:
    """Ids of tags written ``name`` (topic), ``#name`` or ``!name`` (emotion)."""
    found = []
    for written in names:
        kind: TagKind = "emotion" if written.startswith("!") else "topic"
        exact = written[1:] if written[:1] in ("#", "!") else written
        # The name as stored first (the board passes names back exactly, whatever they
        # hold), then as a person types it: any case, stray spaces.
        for name in dict.fromkeys((exact, exact.strip().lower())):
            row = store.conn.execute(
                "SELECT id FROM tags WHERE name = ? AND kind = ?", (name, kind)
            ).fetchone()
            if row is not None:
                break
        if row is None:
            raise UnknownTag(written, store.tag_names(kind))
        found.append((int(row[0]), tag_mark(kind, name)))
    return found


# What ``_tag_quote`` reads, from ``entries e`` joined to ``sessions s``.
_QUOTE_COLUMNS = """e.id AS entry_id, e.session_id, substr(s.created_at, 1, 10) AS session_date,
    e.at_ms, e.kind, e.text, e.starred,
    coalesce((SELECT max(abs(t.valence)) FROM entry_tags x JOIN tags t ON t.id = x.tag_id
        WHERE x.entry_id = e.id AND t.kind = 'emotion'), 0) AS strength"""


def _tag_quote(row: sqlite3.Row, emotions: tuple[str, ...] = ()) -> TagQuote:
    return TagQuote(
        entry_id=row["entry_id"],
        session_id=row["session_id"],
        session_date=row["session_date"],
        at_ms=row["at_ms"],
        kind=row["kind"],
        text=row["text"],
        starred=bool(row["starred"]),
        emotions=emotions,
        strength=int(row["strength"]),
    )


def tag_quotes(
    store: Store, tags: Sequence[str], filters: BoardFilter = NO_FILTER, kinds: str = "all"
) -> list[ParticipantQuotes]:
    """Entries carrying any of ``tags``, grouped by participant (most entries first)."""
    ids = [tag_id for tag_id, _ in _tag_ids(store, tags)]
    where, params = session_filter(filters)
    marks = ",".join("?" * len(ids))
    kind_clause = "AND e.kind = 'quote'" if kinds == "quote" else ""
    rows = store.named(
        f"""SELECT p.id AS participant_id, p.name, p.company, {_QUOTE_COLUMNS},
            (SELECT group_concat(t.name, ' ') FROM entry_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.entry_id = e.id AND t.kind = 'emotion') AS emotions
        FROM entries e JOIN sessions s ON s.id = e.session_id
        JOIN participants p ON p.id = s.participant_id
        WHERE e.id IN (SELECT entry_id FROM entry_tags WHERE tag_id IN ({marks}))
        AND {where} {kind_clause}
        ORDER BY s.started_at_ms, e.at_ms, e.id""",
        [*ids, *params],
    ).fetchall()
    people: dict[int, tuple[str, str, list[TagQuote]]] = {}
    for row in rows:
        quote = _tag_quote(row, tuple(sorted((row["emotions"] or "").split())))
        people.setdefault(row["participant_id"], (row["name"], row["company"], []))[2].append(quote)
    grouped = [ParticipantQuotes(pid, n, c, tuple(q)) for pid, (n, c, q) in people.items()]
    grouped.sort(key=lambda g: (-len(g.quotes), g.name.lower()))
    return grouped


def brief(
    store: Store,
    tags: Sequence[str],
    finding: str = "",
    filters: BoardFilter = NO_FILTER,
    all_of: bool | None = None,
) -> Brief:
    """Evidence for a finding: who raised its tags, and up to three key quotes.

    ``all_of`` counts only entries carrying every tag; by default it is chosen by
    ``default_all_of`` (a topic with an emotion). Key quotes come from different
    participants and say different things: starred first, then the strongest emotion,
    then the earliest said.
    """
    found = list(dict.fromkeys(_tag_ids(store, tags)))
    named = tuple(label for _, label in found)
    every = default_all_of(named) if all_of is None else all_of
    ids = [tag_id for tag_id, _ in found]
    marks = ",".join("?" * len(ids))
    where, params = session_filter(filters)
    if every and len(ids) > 1:
        matching = (
            f"SELECT entry_id FROM entry_tags WHERE tag_id IN ({marks})"
            " GROUP BY entry_id HAVING count(*) = ?"
        )
        match_params: list[Any] = [*ids, len(ids)]
        people = store.conn.execute(
            f"""SELECT p.id, p.name, p.company, count(*) FROM entries e
            JOIN sessions s ON s.id = e.session_id JOIN participants p ON p.id = s.participant_id
            WHERE e.id IN ({matching}) AND {where}
            GROUP BY p.id ORDER BY 4 DESC, p.name COLLATE NOCASE""",
            [*match_params, *params],
        ).fetchall()
    else:
        matching, match_params = f"SELECT entry_id FROM entry_tags WHERE tag_id IN ({marks})", ids
        pairs, pair_params = tag_pairs(filters)
        people = store.conn.execute(
            f"""SELECT p.id, p.name, p.company, sum(pr.entries) FROM ({pairs}) pr
            JOIN participants p ON p.id = pr.participant_id WHERE pr.tag_id IN ({marks})
            GROUP BY p.id ORDER BY 4 DESC, p.name COLLATE NOCASE""",
            [*pair_params, *ids],
        ).fetchall()
    labels = {pid: person_label(name, company) for pid, name, company, _ in people}
    rows = store.named(
        f"""SELECT {_QUOTE_COLUMNS}, s.participant_id, s.recording_at_ms
        FROM entries e JOIN sessions s ON s.id = e.session_id
        JOIN participants p ON p.id = s.participant_id
        WHERE e.id IN ({matching}) AND e.kind = 'quote' AND trim(e.text) <> '' AND {where}
        ORDER BY e.starred DESC, strength DESC, e.id LIMIT 2000""",
        [*match_params, *params],
    ).fetchall()
    chosen: list[KeyQuote] = []
    seen: set[int] = set()
    said: set[str] = set()
    for row in rows:
        pid, words = row["participant_id"], " ".join(row["text"].lower().split())
        if pid in seen or words in said:
            continue
        seen.add(pid)
        said.add(words)
        chosen.append(KeyQuote(_tag_quote(row), labels[pid], row["recording_at_ms"]))
        if len(chosen) == 3:
            break
    return Brief(
        finding.strip() or default_finding(named, every),
        named,
        len(people),
        participants_in(store, filters),
        tuple(labels.values()),
        tuple(chosen),
        every,
        _descriptions(store, found),
    )


def _descriptions(store: Store, found: list[tuple[int, str]]) -> tuple[tuple[str, str], ...]:
    """What each tag means, for the tags the codebook describes."""
    described = []
    for tag_id, label in found:
        row = store.conn.execute("SELECT description FROM tags WHERE id = ?", (tag_id,)).fetchone()
        if row and row[0].strip():
            described.append((label, row[0].strip()))
    return tuple(described)


def fts_query(words: str) -> str:
    """What the user typed as an FTS5 query of plain words: every token a quoted string."""
    tokens = [t for t in words.split() if _WORD.search(t)]
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


# When a word is in more entries (or transcript lines) than this, only the newest this many
# are ranked. bm25 scores every hit (a docsize lookup each): a word in 154,000 of a million
# entries takes ~360 ms to rank, the newest 5,000 ~10 ms. FTS5 reads hits newest first
# (ORDER BY rowid DESC) without scoring them, so finding the newest costs ~0.3 ms.
NEWEST = 5_000


def _more_than(
    store: Store, index: str, query: str, newest: int, also: str, params: list[Any]
) -> bool:
    """Whether more than ``newest`` rows of ``index`` match: reads at most newest + 1
    rowids, newest first, unscored (never a full count)."""
    row = store.conn.execute(
        f"""SELECT 1 FROM {index} WHERE {index} MATCH ? {also}
        ORDER BY rowid DESC LIMIT 1 OFFSET ?""",
        [query, *params, newest],
    ).fetchone()
    return row is not None


def search(store: Store, words: str, tag: str | None = None, limit: int = 50) -> list[SearchHit]:
    """Entries containing every word, best match first (bm25); nothing typed finds nothing.
    A word in more than ``NEWEST`` entries is ranked among the newest that many."""
    return search_entries(store, words, tag, limit)[0]


def search_entries(
    store: Store, words: str, tag: str | None = None, limit: int = 50, newest: int | None = None
) -> tuple[list[SearchHit], int]:
    """Entries containing every word, best match first (bm25), and how many of the newest
    matches were ranked: 0 when every one was; else ``newest`` (default ``NEWEST``), when
    more entries match than that and the rest, older, were left unranked."""
    query = fts_query(encodable(words))  # a pasted lone surrogate cannot be bound as UTF-8
    if not query:
        return [], 0
    newest = NEWEST if newest is None else max(1, newest)
    also, params = "", list[Any]()
    if tag:
        # Filtered inside the FTS5 query, so only tagged hits are counted and ranked.
        also = "AND EXISTS (SELECT 1 FROM entry_tags et WHERE et.entry_id = entries_fts.rowid"
        also += " AND et.tag_id = ?)"
        params = [tag_id for tag_id, _ in _tag_ids(store, [tag])]
    capped = _more_than(store, "entries_fts", query, newest, also, params)
    newest_only = f"ORDER BY rowid DESC LIMIT {newest}" if capped else ""
    # Ranked and limited before the joins, so only the entries shown are joined (every
    # entry has a session and a participant: the joins drop none). Ties by id, oldest
    # first: the order the whole index gave them before any cap.
    rows = store.named(
        f"""SELECT e.id, e.session_id, p.name, p.company,
            substr(s.created_at, 1, 10) AS session_date, e.at_ms, e.kind, e.text
        FROM (SELECT rowid, rank FROM (SELECT rowid, rank FROM entries_fts
            WHERE entries_fts MATCH ? {also} {newest_only}) ORDER BY rank, rowid LIMIT ?) f
        JOIN entries e ON e.id = f.rowid JOIN sessions s ON s.id = e.session_id
        JOIN participants p ON p.id = s.participant_id
        ORDER BY f.rank, f.rowid""",
        [query, *params, max(1, limit)],
    ).fetchall()
    found = [
        SearchHit(
            entry_id=row["id"],
            session_id=row["session_id"],
            participant=row["name"],
            company=row["company"],
            session_date=row["session_date"],
            at_ms=row["at_ms"],
            kind=row["kind"],
            text=row["text"],
        )
        for row in rows
    ]
    return found, newest if capped else 0


@dataclass(frozen=True)
class TranscriptHit:
    """A cue of a session's transcript holding every word searched for: what was said
    (not typed), by which speaker, when in the recording."""

    cue_id: int
    session_id: int
    participant: str
    company: str
    session_date: str
    start_ms: int  # recording time, as the transcript gives it
    end_ms: int
    speaker: str  # "" when the transcript names nobody
    text: str
    by_participant: bool  # the speaker is the session's participant
    # Interview time of the cue's middle, to open the transcript there; None while the
    # recording offset is unknown (no transcript offset, no recording sync).
    at_ms: int | None

    @property
    def speaker_label(self) -> str:
        """Who spoke, in words: the speaker's name, marked when it is the participant."""
        if not self.speaker:
            return "unnamed speaker"
        return f"{self.speaker} (participant)" if self.by_participant else self.speaker


@dataclass(frozen=True)
class Found:
    """Entries (what was typed) and transcript cues (what was said), each best first, and
    for each how many of the newest matches were ranked (0: every match was)."""

    entries: list[SearchHit]
    transcript: list[TranscriptHit]
    entries_newest: int = 0
    transcript_newest: int = 0


def search_transcripts(store: Store, words: str, limit: int = 50) -> list[TranscriptHit]:
    """Transcript cues containing every word, best match first (bm25); a word in more than
    ``NEWEST`` cues is ranked among the newest that many."""
    return search_cues(store, words, limit)[0]


def search_cues(
    store: Store, words: str, limit: int = 50, newest: int | None = None
) -> tuple[list[TranscriptHit], int]:
    """Transcript cues containing every word, best match first (bm25), and how many of the
    newest were ranked (0: every match was), as ``search_entries``."""
    query = fts_query(encodable(words))
    if not query:
        return [], 0
    newest = NEWEST if newest is None else max(1, newest)
    capped = _more_than(store, "transcript_cues_fts", query, newest, "", [])
    newest_only = f"ORDER BY rowid DESC LIMIT {newest}" if capped else ""
    # Limited inside the FTS5 subquery, so only the best cues are joined (every cue has a
    # session: the joins drop none). The middle of a cue is inside it, never on an edge.
    # Ties by id, oldest first: the order the whole index gave them before any cap.
    rows = store.named(
        f"""SELECT c.id AS cue_id, t.session_id, p.name AS participant, p.company,
            substr(s.created_at, 1, 10) AS session_date, c.start_ms, c.end_ms, c.speaker,
            c.text, c.speaker <> '' AND c.speaker = t.speaker AS by_participant,
            (c.start_ms + c.end_ms) / 2 - coalesce(t.offset_ms, -s.recording_at_ms) AS at_ms
        FROM (SELECT rowid, rank FROM (SELECT rowid, rank FROM transcript_cues_fts
            WHERE transcript_cues_fts MATCH ? {newest_only}) ORDER BY rank, rowid LIMIT ?) f
        JOIN transcript_cues c ON c.id = f.rowid JOIN transcripts t ON t.id = c.transcript_id
        JOIN sessions s ON s.id = t.session_id JOIN participants p ON p.id = s.participant_id
        ORDER BY f.rank, f.rowid""",
        (query, max(1, limit)),
    ).fetchall()
    found = [
        TranscriptHit(**{**dict(row), "by_participant": bool(row["by_participant"])})
        for row in rows
    ]
    return found, newest if capped else 0


def search_all(
    store: Store,
    words: str,
    tag: str | None = None,
    limit: int = 50,
    transcript_limit: int | None = None,
    newest: int | None = None,
) -> Found:
    """Entries and transcript cues containing every word, each up to its own limit (by
    default the same), so a long transcript never pushes an entry out. Cues carry no
    tags: with ``tag`` only entries are searched. A word in more than ``newest`` (default
    ``NEWEST``) entries or cues is ranked among the newest that many; ``Found`` says so."""
    entries, entries_newest = search_entries(store, words, tag, limit, newest)
    if tag:
        return Found(entries, [], entries_newest)
    cues = limit if transcript_limit is None else transcript_limit
    said, said_newest = search_cues(store, words, cues, newest)
    return Found(entries, said, entries_newest, said_newest)


def priorities(store: Store, filters: BoardFilter = NO_FILTER) -> list[Priority]:
    """Each topic: distinct participants, entries, and entries that carry a negative emotion."""
    where, params = session_filter(filters)
    rows = store.named(
        f"""SELECT t.name, count(DISTINCT s.participant_id) AS participants, count(*) AS entries,
            sum(EXISTS (SELECT 1 FROM entry_tags x JOIN tags n ON n.id = x.tag_id
                WHERE x.entry_id = e.id AND n.kind = 'emotion' AND n.valence < 0)) AS painful
        FROM entry_tags et JOIN tags t ON t.id = et.tag_id AND t.kind = 'topic'
        JOIN entries e ON e.id = et.entry_id JOIN sessions s ON s.id = e.session_id
        JOIN participants p ON p.id = s.participant_id
        WHERE {where} GROUP BY t.id ORDER BY 2 DESC, 4 DESC, t.name""",
        params,
    ).fetchall()
    return [
        Priority(
            tag=row["name"],
            participants=row["participants"],
            entries=row["entries"],
            painful=int(row["painful"]),
        )
        for row in rows
    ]
