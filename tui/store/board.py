"""The board: tags ranked by distinct participants, with who they were, and the session
filter every query across interviews shares."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tui.core.insights import BoardFilter, BoardRow
from tui.core.models import tag_kind
from tui.store.reach import participant_count
from tui.store.store import Store

NO_FILTER = BoardFilter()


def _like(text: str) -> str:
    """``text`` as a LIKE pattern that matches it anywhere, with its own % and _ literal."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def session_filter(filters: BoardFilter) -> tuple[str, list[Any]]:
    """A WHERE clause over sessions ``s`` joined to participants ``p``, and its parameters."""
    clauses, params = ["1"], []
    if filters.date_from:
        clauses.append("substr(s.created_at, 1, 10) >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append("substr(s.created_at, 1, 10) <= ?")
        params.append(filters.date_to)
    if filters.company:
        clauses.append("p.company LIKE ? ESCAPE '\\'")
        params.append(_like(filters.company))
    for word in filters.goal_words:
        clauses.append("s.goal LIKE ? ESCAPE '\\'")
        params.append(_like(word))
    return " AND ".join(clauses), params


def participants_in(store: Store, filters: BoardFilter = NO_FILTER) -> int:
    """M: the participants with at least one session inside the filter."""
    if not filters.active:
        return participant_count(store)
    where, params = session_filter(filters)
    row = store.conn.execute(
        "SELECT count(DISTINCT s.participant_id) FROM sessions s"
        f" JOIN participants p ON p.id = s.participant_id WHERE {where}",
        params,
    ).fetchone()
    return int(row[0])


def _people_only(filters: BoardFilter) -> tuple[str, list[Any]] | None:
    """A WHERE clause over participants ``p`` when the filter asks nothing of sessions (no
    filter, or a company alone): then every session of a matching participant counts, and
    the maintained (tag, participant) counts answer it without recounting entries."""
    if filters.date_from or filters.date_to or filters.goal_words:
        return None
    if not filters.company:
        return "1", []
    return "p.company LIKE ? ESCAPE '\\'", [_like(filters.company)]


def tag_pairs(filters: BoardFilter) -> tuple[str, list[Any]]:
    """(tag, participant, entries) rows: the maintained aggregate, or a filtered recount."""
    if not filters.active:
        return "SELECT tag_id, participant_id, entries FROM tag_participants", []
    people = _people_only(filters)
    if people is not None:
        who, params = people
        return (
            "SELECT tp.tag_id, tp.participant_id, tp.entries FROM tag_participants tp"
            f" JOIN participants p ON p.id = tp.participant_id WHERE {who}",
            params,
        )
    where, params = session_filter(filters)
    return (
        # CROSS JOIN keeps SQLite from scanning every tag link: the filter picks few sessions.
        f"""SELECT et.tag_id, s.participant_id, count(*) AS entries
        FROM sessions s CROSS JOIN participants p ON p.id = s.participant_id
        CROSS JOIN entries e ON e.session_id = s.id CROSS JOIN entry_tags et ON et.entry_id = e.id
        WHERE {where} GROUP BY et.tag_id, s.participant_id""",
        params,
    )


def board(
    store: Store, filters: BoardFilter = NO_FILTER, names: int | None = None
) -> list[BoardRow]:
    """Every raised tag, ranked by distinct participants, then entries; topics before emotions.

    Each row names every participant (most entries first), or only the first ``names`` of
    them for a screen that shows no more: then the board reads those alone, unless a
    filter on dates or goals makes it recount every tagged entry of the sessions it keeps.
    """
    people = _people_only(filters)
    if names is not None and people is not None:
        return _board_named_first(store, filters, max(0, names), *people)
    rows = _board(store, filters)
    if names is None:
        return rows
    return [replace(row, names=row.names[: max(0, names)]) for row in rows]


def _board(store: Store, filters: BoardFilter) -> list[BoardRow]:
    pairs, params = tag_pairs(filters)
    # Plain tuples and names looked up here rather than joined: a decade's board reads
    # ~35,000 (tag, participant) pairs, and a joined, named row per pair cost twice the time.
    conn = store.conn
    names: dict[int, str] = dict(conn.execute("SELECT id, name FROM participants"))
    tags = {tag_id: (name, kind) for tag_id, name, kind in conn.execute(_TAGS)}
    grouped: dict[int, list[tuple[str, int]]] = {}
    for tag_id, participant_id, entries in conn.execute(pairs, params):
        person = names.get(participant_id)
        if person is not None and tag_id in tags:
            grouped.setdefault(tag_id, []).append((person, entries))
    of = participants_in(store, filters)
    result = []
    for tag_id, people in grouped.items():
        people.sort(key=lambda p: (-p[1], p[0].lower()))
        tag, kind = tags[tag_id]
        result.append(
            BoardRow(
                tag,
                tag_kind(kind),
                len(people),
                of,
                sum(n for _, n in people),
                tuple(name for name, _ in people),
            )
        )
    result.sort(key=lambda r: (-r.participants, -r.entries, r.kind != "topic", r.tag))
    return result


_TAGS = "SELECT id, name, kind FROM tags"
# Each tag's count of participants and of entries, for the participants ``p`` kept.
_COUNTS = """SELECT tp.tag_id, count(*), sum(tp.entries) FROM tag_participants tp
    {join} WHERE {who} GROUP BY tp.tag_id"""
# A tag's participants with at least as many entries as its ``last``-th (from 0): every
# one who can be among the first ``last + 1`` once ties are broken by name. Both read a
# prefix of tag_participants' key (the tag's rows), never the whole table.
# Parameters: tag, the clause's, tag, the clause's, last.
_FIRST_NAMED = """SELECT p.name, tp.entries FROM tag_participants tp
    JOIN participants p ON p.id = tp.participant_id
    WHERE tp.tag_id = ? AND {who} AND tp.entries >= coalesce((SELECT tp.entries
        FROM tag_participants tp {join}
        WHERE tp.tag_id = ? AND {who} ORDER BY tp.entries DESC LIMIT 1 OFFSET ?), 0)"""
# Joined only for a filter on participants: the join costs the whole board's counts half.
_JOIN = "JOIN participants p ON p.id = tp.participant_id"


def _board_named_first(
    store: Store, filters: BoardFilter, names: int, who: str, params: list[Any]
) -> list[BoardRow]:
    """The board from the counts alone, naming the first ``names`` of each tag's people
    (those ``who`` keeps): a decade's board then reads ~600 names, not ~35,000."""
    conn = store.conn
    tags = {tag_id: (name, kind) for tag_id, name, kind in conn.execute(_TAGS)}
    of = participants_in(store, filters)
    join = _JOIN if params else ""
    first_named = _FIRST_NAMED.format(who=who, join=join)
    result = []
    counts = _COUNTS.format(who=who, join=join)
    for tag_id, people, entries in conn.execute(counts, params).fetchall():
        if tag_id not in tags:
            continue
        first: list[tuple[str, int]] = []
        if names:
            asked = [tag_id, *params, tag_id, *params, names - 1]
            first = conn.execute(first_named, asked).fetchall()
            first.sort(key=lambda p: (-p[1], p[0].lower()))
        tag, kind = tags[tag_id]
        result.append(
            BoardRow(tag, tag_kind(kind), people, of, entries, tuple(n for n, _ in first[:names]))
        )
    result.sort(key=lambda r: (-r.participants, -r.entries, r.kind != "topic", r.tag))
    return result
