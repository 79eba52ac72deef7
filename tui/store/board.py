"""The board: tags ranked by distinct participants, with who they were, and the session
filter every query across interviews shares."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tui.core.insights import BoardFilter, BoardRow
from tui.core.models import tag_kind
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
        return store.participant_count()
    where, params = session_filter(filters)
    row = store.conn.execute(
        "SELECT count(DISTINCT s.participant_id) FROM sessions s"
        f" JOIN participants p ON p.id = s.participant_id WHERE {where}",
        params,
    ).fetchone()
    return int(row[0])


def tag_pairs(filters: BoardFilter) -> tuple[str, list[Any]]:
    """(tag, participant, entries) rows: the maintained aggregate, or a filtered recount."""
    if not filters.active:
        return "SELECT tag_id, participant_id, entries FROM tag_participants", []
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
    them for a screen that shows no more: then the unfiltered board reads those alone.
    """
    if names is not None and not filters.active:
        return _board_named_first(store, max(0, names))
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
# A tag's participants with at least as many entries as its ``?``-th: every one who can be
# among the first ``?`` once ties are broken by name (a prefix of the primary key).
_FIRST_NAMED = """SELECT p.name, tp.entries FROM tag_participants tp
    JOIN participants p ON p.id = tp.participant_id
    WHERE tp.tag_id = :tag AND tp.entries >= coalesce((SELECT entries FROM tag_participants
        WHERE tag_id = :tag ORDER BY entries DESC LIMIT 1 OFFSET :last), 0)"""


def _board_named_first(store: Store, names: int) -> list[BoardRow]:
    """The board from the counts alone, naming the first ``names`` of each tag's people:
    a decade's board then reads ~600 names, not ~35,000."""
    conn = store.conn
    tags = {tag_id: (name, kind) for tag_id, name, kind in conn.execute(_TAGS)}
    of = store.participant_count()
    result = []
    for tag_id, people, entries in conn.execute(
        "SELECT tag_id, count(*), sum(entries) FROM tag_participants GROUP BY tag_id"
    ).fetchall():
        if tag_id not in tags:
            continue
        first: list[tuple[str, int]] = []
        if names:
            first = conn.execute(_FIRST_NAMED, {"tag": tag_id, "last": names - 1}).fetchall()
            first.sort(key=lambda p: (-p[1], p[0].lower()))
        tag, kind = tags[tag_id]
        result.append(
            BoardRow(tag, tag_kind(kind), people, of, entries, tuple(n for n, _ in first[:names]))
        )
    result.sort(key=lambda r: (-r.participants, -r.entries, r.kind != "topic", r.tag))
    return result
