"""The to-do list after the call: follow-ups to ask, testimonials to clear, marks to fill in.

Items come from the entries themselves (their flags, and every mark); ticking one off
writes a row in ``todos_done`` and never touches the entry, whose text is verbatim.
Ticking one back on leaves a tombstone (``untick_key``, table ``todos_done``), so a merge
can tell an item undone after it was done elsewhere from one never done here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from tui.core.models import EntryKind, person_label
from tui.core.recording import shown_time
from tui.store.stamps import now_iso, now_utc
from tui.store.store import Store

TodoKind = Literal["follow_up", "testimonial", "mark"]
TODO_KINDS: tuple[TodoKind, ...] = ("follow_up", "testimonial", "mark")
SYMBOLS: dict[str, str] = {"follow_up": "⚑", "testimonial": "♥", "mark": "▍"}
WHAT: dict[str, str] = {
    "follow_up": "ask the follow-up",
    "testimonial": "get permission to quote",
    "mark": "fill in the mark from the recording",
}
# Each item kind is a plain SELECT over entries: no OR across columns, so each can be
# answered on its own (and given an index of its own should the list ever grow slow).
_CHOSEN = {
    "follow_up": "e.follow_up = 1",
    "testimonial": "e.testimonial = 1",
    "mark": "e.kind = 'mark'",
}


@dataclass(frozen=True)
class TodoItem:
    """One thing to do about one entry, with where and when it was said."""

    entry_id: int
    item: TodoKind
    session_id: int
    session_date: str
    participant: str  # "Name, Company"
    at_ms: int  # interview time, as stored
    recording_at_ms: int | None
    kind: EntryKind
    text: str
    done_at: str | None = None

    @property
    def done(self) -> bool:
        return self.done_at is not None

    @property
    def what(self) -> str:
        return WHAT[self.item]

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.item]

    @property
    def time(self) -> str:
        """The time a person sees: recording time once the session is synced."""
        return shown_time(self.at_ms, self.recording_at_ms)


def todo_items(store: Store, include_done: bool = False) -> list[TodoItem]:
    """Every item across all interviews, newest interview first, in order of time.

    Items already ticked off are left out unless ``include_done``.
    """
    parts = [
        f"""SELECT e.id AS entry_id, '{item}' AS item, s.id AS session_id,
            substr(s.created_at, 1, 10) AS session_date, p.name, p.company, e.at_ms,
            s.recording_at_ms, e.kind, e.text, d.done_at, s.started_at_ms AS started,
            {n} AS rank
        FROM entries e JOIN sessions s ON s.id = e.session_id
        JOIN participants p ON p.id = s.participant_id
        LEFT JOIN todos_done d ON d.entry_id = e.id AND d.item = '{item}'
        WHERE {chosen} AND (? OR d.entry_id IS NULL)"""
        for n, (item, chosen) in enumerate(_CHOSEN.items())
    ]
    rows = store.named(
        " UNION ALL ".join(parts) + " ORDER BY started DESC, 3 DESC, 7, 1, rank",
        [int(include_done)] * len(parts),
    ).fetchall()
    return [_item(row) for row in rows]


def _item(row: sqlite3.Row) -> TodoItem:
    return TodoItem(
        entry_id=row["entry_id"],
        item=row["item"],
        session_id=row["session_id"],
        session_date=row["session_date"],
        participant=person_label(row["name"], row["company"]),
        at_ms=row["at_ms"],
        recording_at_ms=row["recording_at_ms"],
        kind=row["kind"],
        text=row["text"],
        done_at=row["done_at"],
    )


def untick_key(entry_uuid: str, item: str) -> str:
    """The tombstone's key for the item ticked back on: no row's uuid looks like it."""
    return f"todo:{entry_uuid}:{item}"


def is_done(store: Store, entry_id: int, item: TodoKind) -> bool:
    row = store.conn.execute(
        "SELECT 1 FROM todos_done WHERE entry_id = ? AND item = ?", (entry_id, item)
    ).fetchone()
    return row is not None


def set_done(store: Store, entry_id: int, item: TodoKind, done: bool) -> bool:
    """Tick the item off (or back on); committed. Returns whether it was done before.

    KeyError if the entry is gone, ValueError for an unknown kind of item.
    """
    if item not in TODO_KINDS:
        raise ValueError(f"unknown to-do item {item!r}")
    row = store.conn.execute("SELECT uuid FROM entries WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise KeyError(f"entry {entry_id} no longer exists")
    before = is_done(store, entry_id, item)
    with store.db.atomic():
        if done and not before:
            store.conn.execute(
                "INSERT INTO todos_done (entry_id, item, done_at) VALUES (?, ?, ?)",
                (entry_id, item, now_iso()),
            )
            store.conn.execute("DELETE FROM tombstones WHERE uuid = ?", (untick_key(row[0], item),))
        elif before and not done:
            store.conn.execute(
                "DELETE FROM todos_done WHERE entry_id = ? AND item = ?", (entry_id, item)
            )
            store.conn.execute(
                "INSERT OR REPLACE INTO tombstones (uuid, table_name, deleted_at)"
                " VALUES (?, 'todos_done', ?)",
                (untick_key(row[0], item), now_utc()),
            )
    return before


@dataclass(frozen=True)
class AfterCall:
    """What an entry still asks for after the call, and the clock its time is shown in."""

    follow_up: bool = False
    testimonial: bool = False
    asked: bool = False  # the follow-up is ticked off
    cleared: bool = False  # the testimonial's permission is ticked off
    recording_at_ms: int | None = None

    def _parts(self, follow_up: str, testimonial: str, done: str) -> list[str]:
        parts = []
        if self.follow_up:
            parts.append(follow_up + (done if self.asked else ""))
        if self.testimonial:
            parts.append(testimonial + (done if self.cleared else ""))
        return parts

    @property
    def flags(self) -> str:
        """As symbols, ``✓`` after one ticked off: ``⚑✓ ♥``."""
        return " ".join(self._parts("⚑", "♥", "✓"))

    @property
    def words(self) -> str:
        """In words: ``⚑ follow-up (done) · ♥ testimonial``."""
        return " · ".join(self._parts("⚑ follow-up", "♥ testimonial", " (done)"))

    def time(self, at_ms: int) -> str:
        return shown_time(at_ms, self.recording_at_ms)


def after_call(store: Store, entry_ids: Iterable[int]) -> dict[int, AfterCall]:
    """For each of these entries: its flags (ticked or not) and its session's sync."""
    ids = list(dict.fromkeys(entry_ids))
    found: dict[int, AfterCall] = {}
    for start in range(0, len(ids), 500):  # well under SQLite's limit on parameters
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = store.named(
            f"""SELECT e.id, e.follow_up, e.testimonial, s.recording_at_ms,
                EXISTS (SELECT 1 FROM todos_done d WHERE d.entry_id = e.id
                    AND d.item = 'follow_up') AS asked,
                EXISTS (SELECT 1 FROM todos_done d WHERE d.entry_id = e.id
                    AND d.item = 'testimonial') AS cleared
            FROM entries e JOIN sessions s ON s.id = e.session_id WHERE e.id IN ({marks})""",
            chunk,
        )
        for row in rows:
            found[row["id"]] = AfterCall(
                follow_up=bool(row["follow_up"]),
                testimonial=bool(row["testimonial"]),
                asked=bool(row["asked"]),
                cleared=bool(row["cleared"]),
                recording_at_ms=row["recording_at_ms"],
            )
    return found
