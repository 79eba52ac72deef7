"""Helpers only tests need: recounting what the triggers maintain, one-field entry edits,
a clock set outright, and the migrations the schema registers."""

from __future__ import annotations

from sqlite_utils import Database

from tui.core.clock import ClockState
from tui.core.models import Entry, EntryKind
from tui.store.editing import edit_entry
from tui.store.schema import migrations
from tui.store.store import Store


def recount(store: Store) -> dict[tuple[int, int], int]:
    """tag_participants computed from scratch, to check the triggers' work against."""
    rows = store.conn.execute(
        """SELECT et.tag_id, s.participant_id, count(*) FROM entry_tags et
        JOIN entries e ON e.id = et.entry_id JOIN sessions s ON s.id = e.session_id
        GROUP BY 1, 2"""
    )
    return {(tag, who): n for tag, who, n in rows}


def maintained(store: Store) -> dict[tuple[int, int], int]:
    """tag_participants as the triggers keep it."""
    rows = store.conn.execute("SELECT tag_id, participant_id, entries FROM tag_participants")
    return {(tag, who): n for tag, who, n in rows}


def edit_text(store: Store, entry_id: int, text: str) -> Entry:
    """Fix an entry's text; the first edit keeps the original."""
    edit_entry(store, entry_id, text=text)
    return store.entry(entry_id)


def set_kind(store: Store, entry_id: int, kind: EntryKind) -> Entry:
    edit_entry(store, entry_id, kind=kind)
    return store.entry(entry_id)


def set_time(store: Store, entry_id: int, at_ms: int) -> Entry:
    edit_entry(store, entry_id, at_ms=at_ms)
    return store.entry(entry_id)


def set_tags(store: Store, entry_id: int, topics: list[str], emotions: list[str]) -> Entry:
    """Replace the entry's tags."""
    edit_entry(store, entry_id, topics=topics, emotions=emotions)
    return store.entry(entry_id)


def save_clock(store: Store, session_id: int, clock: ClockState) -> None:
    """Give a session exactly this clock, to set a scene (the app changes it by compare-and-set)."""
    with store.db.atomic():
        store.conn.execute(
            "UPDATE sessions SET started_at_ms = ?, paused_ms = ?, paused_since_ms = ?,"
            " ended_at_ms = ? WHERE id = ?",
            (
                clock.started_at_ms,
                clock.paused_ms,
                clock.paused_since_ms,
                clock.ended_at_ms,
                session_id,
            ),
        )


def known_migrations() -> list[str]:
    """Names of every migration the schema registers, oldest first."""
    return [m.name for m in migrations.pending(Database(memory=True))]
