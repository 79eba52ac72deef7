"""Upgrading to the full-text index other tools can see: every entry kept and still found,
the index kept right afterwards, and Datasette's and sqlite-utils' detection finding it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from tui.store.editing import delete_entry, edit_entry
from tui.store.insights import search
from tui.store.schema import migrations
from tui.store.store import Store, open_store
from tui.store.versions import MIGRATIONS

ENTRIES = [
    ("Ada Okafor", "quote", "the pricing page confuses everyone", ["pricing"], ["confused"]),
    ("Ada Okafor", "note", "wants a café-style onboarding", ["onboarding"], []),
    ("Bo Chen", "quote", "we priced it ourselves in a spreadsheet", ["pricing"], []),
    ("Bo Chen", "mark", "", [], []),
]
TABLES = ("participants", "sessions", "entries", "tags", "entry_tags", "tag_participants")
# How many columns each table had at 0006; added columns go after them.
COLUMNS_0006 = {
    "participants": 7,
    "sessions": 18,
    "entries": 12,
    "tags": 5,
    "entry_tags": 2,
    "tag_participants": 3,
}


def database_at_0006(path: Path) -> None:
    """A file as the release before this one left it: entries, tags and one edited entry."""
    db = Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="0007_datasette")
    people: dict[str, int] = {}
    for name, kind, text, topics, emotions in ENTRIES:
        if name not in people:
            people[name] = db.execute(
                "INSERT INTO participants (name, created_at) VALUES (?, '2026-01-05')", (name,)
            ).lastrowid
            db.execute(
                "INSERT INTO sessions (participant_id, created_at, started_at_ms)"
                " VALUES (?, '2026-01-05T10:00:00', 0)",
                (people[name],),
            )
        session = db.execute(
            "SELECT id FROM sessions WHERE participant_id = ?", (people[name],)
        ).fetchone()[0]
        entry = db.execute(
            "INSERT INTO entries (session_id, kind, text, at_ms, created_at)"
            " VALUES (?, ?, ?, 1000, 'then')",
            (session, kind, text),
        ).lastrowid
        for tag_kind, names in (("topic", topics), ("emotion", emotions)):
            for tag in names:
                db.execute("INSERT OR IGNORE INTO tags (name, kind) VALUES (?, ?)", (tag, tag_kind))
                db.execute(
                    "INSERT INTO entry_tags (entry_id, tag_id)"
                    " SELECT ?, id FROM tags WHERE name = ? AND kind = ?",
                    (entry, tag, tag_kind),
                )
    db.execute(
        "UPDATE entries SET original_text = text, text = 'the pricing page confuses us',"
        " edited_at = 'later' WHERE id = 1"
    )
    db.conn.commit()
    assert db["entries"].detect_fts() is None  # the form the tools could not see
    db.close()


def every_row(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row in the columns 0006 had (later migrations add columns)."""
    conn = sqlite3.connect(path)
    try:
        kept = {
            t: [c[1] for c in conn.execute(f"PRAGMA table_info({t})")][: COLUMNS_0006[t]]
            for t in TABLES
        }
        return {
            t: conn.execute(f"SELECT {', '.join(kept[t])} FROM {t} ORDER BY 1, 2").fetchall()
            for t in TABLES
        }
    finally:
        conn.close()


def index_is_right(store: Store) -> bool:
    """FTS5's own check of the index against the entries' text (raises when it is not)."""
    store.conn.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)")
    return True


def found(store: Store, word: str) -> set[int]:
    return {hit.entry_id for hit in search(store, word)}


def test_an_upgrade_keeps_every_row_and_finds_the_old_entries(tmp_path: Path) -> None:
    path = tmp_path / "earful.db"
    database_at_0006(path)
    before = every_row(path)

    store = open_store(path)
    applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == list(MIGRATIONS) and "0007_datasette" in applied
    assert every_row(path) == before
    assert index_is_right(store)
    assert found(store, "price") == {1, 3}  # stemmed, as before
    assert found(store, "cafe") == {2}  # accents ignored, as before
    assert found(store, "everyone") == set()  # the words the edit replaced are gone
    store.close()
    (backup,) = tmp_path.glob("earful.db.before-*.bak")
    assert every_row(backup) == before


def test_after_the_upgrade_the_tools_detect_the_index_on_entries_and_cues(
    tmp_path: Path,
) -> None:
    path = tmp_path / "earful.db"
    database_at_0006(path)
    open_store(path).close()
    db = Database(sqlite3.connect(path))
    assert db["entries"].detect_fts() == "entries_fts"
    assert db["transcript_cues"].detect_fts() == "transcript_cues_fts"
    assert [row["id"] for row in db["entries"].search("spreadsheet")] == [3]
    db.close()


def test_new_edited_and_deleted_entries_keep_the_rebuilt_index_right(tmp_path: Path) -> None:
    path = tmp_path / "earful.db"
    database_at_0006(path)
    store = open_store(path)
    added = store.add_entry(1, "quote", "exports take forever", 2000, topics=["exports"]).id
    edit_entry(store, 3, text="we track renewals in a spreadsheet")
    delete_entry(store, 2)
    assert found(store, "export") == {added}
    assert found(store, "renewal") == {3} and found(store, "ourselves") == set()
    assert found(store, "onboarding") == set()
    assert index_is_right(store)
    store.close()


def test_a_new_database_has_the_detected_form_too(store: Store) -> None:
    db = Database(store.conn)
    assert db["entries"].detect_fts() == "entries_fts"
    assert 'content="entries"' in db["entries_fts"].schema
