"""How far tags reach: the distinct participants who raised each, and how many
participants there are (the live screen's counter, the board's denominator). Read from
``tag_participants``, which triggers keep, so no entry is counted here."""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.models import TagKind
from tui.store.store import Store


def reach(store: Store, kind: TagKind, names: Iterable[str]) -> dict[str, int]:
    """How many distinct participants have raised each tag, across every session."""
    wanted = list(dict.fromkeys(names))
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    rows = store.conn.execute(
        f"""SELECT t.name, count(tp.participant_id) FROM tags t
        LEFT JOIN tag_participants tp ON tp.tag_id = t.id
        WHERE t.kind = ? AND t.name IN ({marks}) GROUP BY t.id""",
        (kind, *wanted),
    )
    found = dict(rows.fetchall())
    return {name: found.get(name, 0) for name in wanted}


def participant_count(store: Store) -> int:
    """Participants who have at least one session."""
    row = store.conn.execute("SELECT count(DISTINCT participant_id) FROM sessions").fetchone()
    return int(row[0])
