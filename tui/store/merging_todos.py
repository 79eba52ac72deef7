"""To-dos merged from another database: each as the file that touched it last has it,
done (a row in ``todos_done``) or ticked back on (a tombstone under ``untick_key``), so a
to-do done in both and then ticked back on in one stays undone after any merge."""

from __future__ import annotations

from datetime import UTC, datetime

from tui.store.store import Store
from tui.store.todos import untick_key


def merge_todos(store: Store, other: Store) -> None:
    """Each to-do as the later of the two files has it: done (``todos_done``) or ticked
    back on (a tombstone under ``untick_key``). Done and undone at the same moment, it is
    done. Their unticks are kept here, as their deletes are, even for entries not here."""
    theirs_done = {untick_key(uuid, item): (uuid, item, at) for uuid, item, at in _done(other)}
    ours_done = {untick_key(uuid, item): at for uuid, item, at in _done(store)}
    theirs_undone, ours_undone = _undone(other), _undone(store)
    ticked, unticked = [], []
    for key, (uuid, item, done_at) in theirs_done.items():
        if key in ours_done:  # done in both: the later tick's time, in both
            later = _instant(done_at) > _instant(ours_done[key])
        else:
            later = key not in ours_undone or _instant(done_at) >= _instant(ours_undone[key])
        if later:
            ticked.append((uuid, item, done_at, key))
    for key, undone_at in theirs_undone.items():
        part = key.split(":")
        mine = ours_done.get(key) or ours_undone.get(key)
        if len(part) == 3 and (mine is None or _instant(undone_at) > _instant(mine)):
            unticked.append((part[1], part[2], key, undone_at))
    store.conn.executemany(
        "INSERT INTO todos_done (entry_id, item, done_at) SELECT id, ?2, ?3 FROM entries"
        " WHERE uuid = ?1 ON CONFLICT (entry_id, item) DO UPDATE SET done_at = excluded.done_at",
        [row[:3] for row in ticked],
    )
    store.conn.executemany("DELETE FROM tombstones WHERE uuid = ?", [row[3:] for row in ticked])
    store.conn.executemany(
        "DELETE FROM todos_done WHERE item = ?2"
        " AND entry_id = (SELECT id FROM entries WHERE uuid = ?1)",
        [row[:2] for row in unticked],
    )
    store.conn.executemany(
        "INSERT OR REPLACE INTO tombstones (uuid, table_name, deleted_at)"
        " VALUES (?, 'todos_done', ?)",
        [row[2:] for row in unticked],
    )


def _instant(stamp: str) -> datetime:
    """A time written either way (a to-do's ``done_at`` in local time to the second, a
    tombstone's in UTC to the millisecond), as one comparable instant."""
    found = datetime.fromisoformat(stamp)
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def _done(store: Store) -> list[tuple[str, str, str]]:
    """Every to-do ticked off: (entry uuid, item, done_at)."""
    return store.conn.execute(
        "SELECT e.uuid, d.item, d.done_at FROM todos_done d JOIN entries e ON e.id = d.entry_id"
    ).fetchall()


def _undone(store: Store) -> dict[str, str]:
    """Every to-do ticked back on: its ``untick_key`` → when."""
    rows = store.conn.execute(
        "SELECT uuid, deleted_at FROM tombstones WHERE table_name = 'todos_done'"
    )
    return dict(rows.fetchall())
