"""Deletes made in another file, applied here by ``earful merge`` (from a database's
tombstones or a bundle's ``deleted`` list): a row deleted there after its last edit here
is deleted here, and its tombstone kept, while a tombstone older than a later edit here
loses. A session edited here since stays with what was edited after the delete.
"""

from __future__ import annotations

import json

from tui.core.identity import newer
from tui.store.store import Store

# Children before what holds them: an entry's own tombstone (with its own time) is
# applied before its session's, so an entry edited here after the delete is seen.
_TOMBSTONE_ORDER = ("entries", "transcripts", "sessions", "participants", "guides")


def apply_tombstones(store: Store, tombstones: list[tuple[str, str, str]]) -> int:
    """Their deletes (uuid, table, deleted_at), where nothing here was edited after them;
    their tombstones kept. Returns how many rows were deleted here."""
    count = 0
    order = {table: n for n, table in enumerate(_TOMBSTONE_ORDER)}
    rows = sorted(tombstones, key=lambda r: (order.get(r[1], len(order)), r[2], r[0]))
    for uuid, table, deleted_at in rows:
        if table not in order:
            continue
        row = store.conn.execute(f"SELECT id FROM {table} WHERE uuid = ?", (uuid,)).fetchone()
        deleted = False
        if row is not None and _kept(store, table, row[0], deleted_at):
            if table != "sessions":
                continue  # edited here after it was deleted there: the edit wins
            # A session edited here since stays, but what was not edited since goes with
            # the delete, as it would have had the delete come first; its tombstone stays.
            count += _delete_entries_before(store, row[0], deleted_at)
        elif row is not None:
            cascaded = _entry_uuids(store, row[0]) if table == "sessions" else []
            store.conn.execute(f"DELETE FROM {table} WHERE id = ?", (row[0],))
            count += 1
            deleted = True
            # What went with it was deleted when it was, not now: the time decides
            # against edits made elsewhere, whatever order the merges come in.
            store.conn.executemany(
                "UPDATE tombstones SET deleted_at = ? WHERE uuid = ?",
                [(deleted_at, u) for u in cascaded],
            )
        store.conn.execute(
            "INSERT INTO tombstones (uuid, table_name, deleted_at) VALUES (?, ?, ?)"
            " ON CONFLICT (uuid) DO UPDATE SET deleted_at = max(deleted_at, excluded.deleted_at)",
            (uuid, table, deleted_at),
        )
        if deleted:
            store.conn.execute(
                "UPDATE tombstones SET deleted_at = ? WHERE uuid = ?", (deleted_at, uuid)
            )
    return count


def _delete_entries_before(store: Store, session_id: int, deleted_at: str) -> int:
    """Delete the session's entries last edited no later than ``deleted_at``, their
    tombstones dated then; how many."""
    gone = [
        r[0]
        for r in store.conn.execute(
            "SELECT uuid FROM entries WHERE session_id = ?"
            " AND (updated_at IS NULL OR updated_at <= ?)",
            (session_id, deleted_at),
        )
    ]
    store.conn.execute(
        "DELETE FROM entries WHERE uuid IN (SELECT value FROM json_each(?))", (json.dumps(gone),)
    )
    store.conn.executemany(
        "UPDATE tombstones SET deleted_at = ? WHERE uuid = ?", [(deleted_at, u) for u in gone]
    )
    return len(gone)


def _kept(store: Store, table: str, row_id: int, deleted_at: str) -> bool:
    """True when the row must stay: edited here after it was deleted there, or (a
    participant) still someone's interviewee here, or (a guide) followed here."""
    if (
        table == "participants"
        and store.conn.execute(
            "SELECT 1 FROM sessions WHERE participant_id = ? LIMIT 1", (row_id,)
        ).fetchone()
    ):
        return True
    if table == "guides":
        return True  # a guide has no edit time: it stays for the sessions that follow it
    if table == "transcripts":
        return False
    sql = f"SELECT updated_at FROM {table} WHERE id = ?"
    last = store.conn.execute(sql, (row_id,)).fetchone()[0]
    if table == "sessions":
        newest_entry = store.conn.execute(
            "SELECT max(updated_at) FROM entries WHERE session_id = ?", (row_id,)
        ).fetchone()[0]
        last = max(filter(None, (last, newest_entry)), default=None)
    return newer(last, deleted_at)


def _entry_uuids(store: Store, session_id: int) -> list[str]:
    rows = store.conn.execute("SELECT uuid FROM entries WHERE session_id = ?", (session_id,))
    return [r[0] for r in rows]
