"""Upgrading to tag edits: a file from the release before keeps every row and edit time,
and from then on putting a tag on an entry or taking it off is an edit of the entry (its
``updated_at`` moves, by any path), while writing an entry with its tags, deleting it or
putting it back is not a further edit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.store.helpers import maintained, recount
from tui.store.editing import delete_entry, delete_session, restore_entry
from tui.store.schema import migrations
from tui.store.store import Store, open_store
from tui.store.versions import MIGRATIONS

OLD = "2020-01-01T00:00:00.000Z"  # before any edit made now
TABLES = ("entries", "tags", "entry_tags", "tag_participants", "tombstones")


def database_at_0008(path: Path) -> None:
    """A file as the release before this one left it: one interview, tagged quotes."""
    db = Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="0009_tag_edits")
    run = db.execute
    run("INSERT INTO participants (name, created_at) VALUES ('Ada', '2026-01-05')")
    run(
        "INSERT INTO sessions (participant_id, created_at, started_at_ms)"
        " VALUES (1, '2026-01-05T10:00:00', 0)"
    )
    for n in range(3):
        run(
            "INSERT INTO entries (session_id, kind, text, at_ms, created_at, updated_at)"
            " VALUES (1, 'quote', ?, ?, 'then', ?)",
            (f"quote {n}", n * 1000, OLD),
        )
    run("INSERT INTO tags (name, kind) VALUES ('pricing', 'topic'), ('wiki', 'topic')")
    run("INSERT INTO entry_tags (entry_id, tag_id) VALUES (1, 1), (2, 1), (2, 2)")
    db.conn.commit()
    db.close()


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    finally:
        conn.close()


@pytest.fixture
def upgraded(tmp_path: Path) -> Path:
    path = tmp_path / "earful.db"
    database_at_0008(path)
    return path


def updated_at(store: Store, entry_id: int) -> str:
    found = store.conn.execute("SELECT updated_at FROM entries WHERE id = ?", (entry_id,))
    return str(found.fetchone()[0])


def test_the_upgrade_keeps_every_row_and_edit_time(upgraded: Path) -> None:
    before = rows(upgraded)
    store = open_store(upgraded)
    applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == list(MIGRATIONS) and "0009_tag_edits" in applied
    store.close()
    assert rows(upgraded) == before


def test_tagging_or_untagging_an_entry_is_an_edit_of_it(upgraded: Path) -> None:
    store = open_store(upgraded)
    store.toggle_tag(1, "topic", "wiki")  # on
    assert updated_at(store, 1) > OLD
    store.conn.execute("UPDATE entries SET updated_at = ?", (OLD,))
    store.toggle_tag(2, "topic", "wiki")  # off
    assert updated_at(store, 2) > OLD
    # By any path, as the other edit times: here by hand, as in the sqlite3 shell.
    store.conn.execute("UPDATE entries SET updated_at = ?", (OLD,))
    store.conn.execute("DELETE FROM entry_tags WHERE entry_id = 1 AND tag_id = 1")
    store.conn.execute("INSERT INTO entry_tags (entry_id, tag_id) VALUES (3, 2)")
    assert updated_at(store, 1) > OLD and updated_at(store, 3) > OLD
    assert updated_at(store, 2) == OLD  # its tags untouched
    assert recount(store) == maintained(store)
    store.close()


def test_deleting_a_tagged_entry_or_putting_it_back_is_no_tag_edit(upgraded: Path) -> None:
    store = open_store(upgraded)
    uuid = store.conn.execute("SELECT uuid FROM entries WHERE id = 2").fetchone()[0]
    record = delete_entry(store, 2)
    assert store.conn.execute("SELECT table_name FROM tombstones WHERE uuid = ?", (uuid,))
    assert recount(store) == maintained(store)
    restore_entry(store, record)  # undo: the entry as it was, its edit time too
    assert updated_at(store, 2) == OLD
    assert [r[0] for r in store.conn.execute("SELECT tag_id FROM entry_tags WHERE entry_id = 2")]
    assert store.conn.execute("SELECT count(*) FROM tombstones").fetchone()[0] == 0
    delete_session(store, 1)
    gone = store.conn.execute("SELECT count(*) FROM tombstones").fetchone()[0]
    assert gone == 1 + 3 and recount(store) == maintained(store) == {}
    store.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")
    store.close()
