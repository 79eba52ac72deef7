"""The home screen's list at any size: which sessions a filter lets through, in a chosen
order, as ids only (ten thousand of them in milliseconds: no entry is read unless the
order is by entries); the screen then reads the summaries of the page it shows
(``rows.session_summaries``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from tui.core.text import casefold

# Ties keep the newest first, as the list does by default.
_NEWEST = "s.started_at_ms DESC, s.id DESC"
ORDER_BY = {
    "newest": _NEWEST,
    "oldest": "s.started_at_ms, s.id",
    "participant": f"casefold(p.name), casefold(p.company), {_NEWEST}",
    # Counting every session's entries reads every entry's index row (a million in a
    # decade): only this order pays for it.
    "entries": f"(SELECT count(*) FROM entries e WHERE e.session_id = s.id) DESC, {_NEWEST}",
    # InterviewClock.elapsed_ms: a running session's length is up to now.
    "length": "max(0, coalesce(s.ended_at_ms, s.paused_since_ms, :now) - s.started_at_ms"
    f" - s.paused_ms) DESC, {_NEWEST}",
}
# What a filter's words are looked for in: the participant, company, goal, date and number.
_HAYSTACK = (
    "casefold(p.name || ' ' || p.company || ' ' || s.goal || ' ' || s.created_at || ' ' || s.id)"
)


def arranged_ids(
    conn: sqlite3.Connection, now: Callable[[], int], order: str = "newest", words: str = ""
) -> list[int]:
    """Every session whose participant, company, goal, date or number holds each of the
    filter's ``words`` (in any case), in ``order`` (a key of ``ORDER_BY``)."""
    conn.create_function("casefold", 1, casefold, deterministic=True)
    found = [word.casefold() for word in words.split()]
    where = " AND ".join(f"instr({_HAYSTACK}, :w{n}) > 0" for n in range(len(found)))
    params: dict[str, object] = {f"w{n}": word for n, word in enumerate(found)}
    if order == "length":
        params["now"] = now()
    sql = (
        "SELECT s.id FROM sessions s JOIN participants p ON p.id = s.participant_id"
        f"{' WHERE ' + where if where else ''} ORDER BY {ORDER_BY[order]}"
    )
    return [row[0] for row in conn.execute(sql, params)]
