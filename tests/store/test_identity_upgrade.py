"""Upgrading to stable ids: every row kept, each given its own uuid, a backup taken, and
from then on every insert, edit and delete (by any path) keeps the identity columns."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from tui.store.editing import (
    delete_entry,
    delete_session,
    edit_entry,
    entry_record,
    put_back,
    restore_entry,
    restore_session,
)
from tui.store.schema import migrations
from tui.store.store import open_store
from tui.store.versions import MIGRATIONS

CANONICAL = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
IDENTIFIED = ("participants", "sessions", "entries", "guides", "transcripts")
EDITABLE = ("participants", "sessions", "entries", "tags")
TABLES = (*IDENTIFIED, "tags", "entry_tags", "tag_participants", "transcript_cues")


def database_at_0007(path: Path) -> None:
    """A file as the release before this one left it: two interviews, tags, a guide, a
    transcript and an edited entry."""
    db = Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="0008_identity")
    run = db.execute
    run("INSERT INTO guides (name, created_at) VALUES ('Discovery', '2026-01-05')")
    for person in (1, 2):
        run("INSERT INTO participants (name, created_at) VALUES (?, '2026-01-05')", (f"P{person}",))
        run(
            "INSERT INTO sessions (participant_id, created_at, started_at_ms)"
            " VALUES (?, '2026-01-05T10:00:00', 0)",
            (person,),
        )
        for n in range(3):
            run(
                "INSERT INTO entries (session_id, kind, text, at_ms, created_at)"
                " VALUES (?, 'quote', ?, ?, 'then')",
                (person, f"quote {n} of {person}", n * 1000),
            )
    run("INSERT INTO tags (name, kind) VALUES ('pricing', 'topic')")
    run("INSERT INTO entry_tags (entry_id, tag_id) VALUES (1, 1), (4, 1)")
    run(
        "INSERT INTO transcripts (session_id, source, format, offset_from, added_at)"
        " VALUES (1, 'call.vtt', 'vtt', 'sync', 'then')"
    )
    run(
        "INSERT INTO transcript_cues (transcript_id, position, start_ms, end_ms, text)"
        " VALUES (1, 0, 0, 900, 'hello')"
    )
    run(
        "UPDATE entries SET original_text = text, text = 'edited', edited_at = 'later' WHERE id = 2"
    )
    db.conn.commit()
    db.close()


def every_row(path: Path, columns: dict[str, list[str]]) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT {', '.join(columns[t])} FROM {t} ORDER BY 1, 2").fetchall()
            for t in TABLES
        }
    finally:
        conn.close()


def column_names(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        return {t: [c[1] for c in conn.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    finally:
        conn.close()


@pytest.fixture
def upgraded(tmp_path: Path) -> Path:
    path = tmp_path / "earful.db"
    database_at_0007(path)
    return path


def test_the_upgrade_keeps_every_row_gives_each_a_distinct_uuid_and_backs_up(
    tmp_path: Path, upgraded: Path
) -> None:
    old = column_names(upgraded)
    before = every_row(upgraded, old)

    store = open_store(upgraded)
    applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == list(MIGRATIONS) and "0008_identity" in applied
    for table in IDENTIFIED:
        uuids = [r[0] for r in store.conn.execute(f"SELECT uuid FROM {table}")]
        assert uuids and all(CANONICAL.match(u) for u in uuids), table
        assert len(set(uuids)) == len(uuids), table
    for table in EDITABLE:
        stamps = [r[0] for r in store.conn.execute(f"SELECT updated_at FROM {table}")]
        assert stamps and all(s and s.endswith("Z") for s in stamps), table
    assert {r[0] for r in store.conn.execute("SELECT author FROM entries")} == {""}
    assert store.conn.execute("SELECT count(*) FROM tombstones").fetchone()[0] == 0
    store.close()

    assert every_row(upgraded, old) == before
    (backup,) = tmp_path.glob("earful.db.before-*.bak")
    assert every_row(backup, old) == before
    assert column_names(backup) == old


def test_rows_inserted_by_any_path_get_a_uuid_and_a_time(upgraded: Path) -> None:
    store = open_store(upgraded)
    store.conn.execute(
        "INSERT INTO entries (session_id, kind, text, at_ms, created_at)"
        " VALUES (1, 'note', 'by hand', 5, 'now')"
    )
    uuid, updated, author = store.conn.execute(
        "SELECT uuid, updated_at, author FROM entries WHERE text = 'by hand'"
    ).fetchone()
    assert CANONICAL.match(uuid) and updated.endswith("Z") and author == ""
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("UPDATE entries SET uuid = (SELECT uuid FROM entries WHERE id = 1)")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("UPDATE entries SET uuid = NULL WHERE id = 1")
    store.close()


def test_an_edit_moves_updated_at_and_a_draft_or_a_same_value_does_not(upgraded: Path) -> None:
    store = open_store(upgraded)
    conn = store.conn

    def stamp(table: str, row_id: int) -> str:
        return str(
            conn.execute(f"SELECT updated_at FROM {table} WHERE id = ?", (row_id,)).fetchone()[0]
        )

    for table in EDITABLE:
        conn.execute(f"UPDATE {table} SET updated_at = '2000-01-01T00:00:00.000Z'")
    conn.execute("UPDATE entries SET text = 'changed' WHERE id = 1")
    conn.execute("UPDATE entries SET starred = starred WHERE id = 3")  # nothing changed
    conn.execute("UPDATE sessions SET draft_text = 'typing' WHERE id = 1")
    conn.execute("UPDATE sessions SET goal = 'new goal' WHERE id = 2")
    conn.execute("UPDATE participants SET facts = '[\"role: PM\"]' WHERE id = 1")
    conn.execute("UPDATE tags SET description = 'what it costs' WHERE id = 1")
    assert stamp("entries", 1) > "2000" + "-01-02" and stamp("entries", 3).startswith("2000")
    assert stamp("sessions", 1).startswith("2000") and not stamp("sessions", 2).startswith("2000")
    assert not stamp("participants", 1).startswith("2000")
    assert not stamp("tags", 1).startswith("2000")
    # An update that sets the time itself (an import keeping the newer side's) keeps it.
    conn.execute("UPDATE entries SET text = 'theirs', updated_at = '2030-01-01T00:00:00.000Z'")
    assert stamp("entries", 1) == "2030-01-01T00:00:00.000Z"
    store.close()


def test_a_delete_leaves_a_tombstone_and_undo_takes_it_away(upgraded: Path) -> None:
    store = open_store(upgraded)

    def tombstones() -> set[tuple[str, str]]:
        return set(store.conn.execute("SELECT uuid, table_name FROM tombstones").fetchall())

    entry_uuid = store.conn.execute("SELECT uuid FROM entries WHERE id = 4").fetchone()[0]
    record = delete_entry(store, 4)
    assert tombstones() == {(entry_uuid, "entries")}
    restore_entry(store, record)
    assert tombstones() == set()
    assert store.conn.execute("SELECT uuid FROM entries WHERE id = 4").fetchone()[0] == entry_uuid

    session_uuid = store.conn.execute("SELECT uuid FROM sessions WHERE id = 1").fetchone()[0]
    session = delete_session(store, 1)
    gone = tombstones()
    assert (session_uuid, "sessions") in gone
    assert {t for _, t in gone} == {"sessions", "entries", "transcripts"}
    assert len(gone) == 1 + 3 + 1  # the session, its three entries, its transcript
    restore_session(store, session)
    assert tombstones() == set()
    store.close()


def test_undoing_an_edit_is_an_edit_too(upgraded: Path) -> None:
    store = open_store(upgraded)
    store.conn.execute("UPDATE entries SET updated_at = '2000-01-01T00:00:00.000Z'")
    before = entry_record(store, 1)
    edit_entry(store, 1, text="changed")
    store.conn.execute("UPDATE entries SET updated_at = '2000-01-02T00:00:00.000Z'")
    put_back(store, before)
    text, stamp = store.conn.execute("SELECT text, updated_at FROM entries WHERE id = 1").fetchone()
    assert text == "quote 0 of 1" and stamp > "2000-01-02T00:00:00.000Z"
    store.close()
