"""A database written by the first released schema opens in this version, every row intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tui.store.store import open_store
from tui.store.versions import MIGRATIONS

FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema-0001.db"
TABLES = ("participants", "sessions", "entries", "tags", "entry_tags")


def columns(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        return {t: [c[1] for c in conn.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    finally:
        conn.close()


def rows(path: Path, kept: dict[str, list[str]]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in the columns the first schema had (later ones add)."""
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT {', '.join(kept[t])} FROM {t} ORDER BY 1, 2").fetchall()
            for t in TABLES
        }
    finally:
        conn.close()


def test_first_schema_upgrades_with_every_row_and_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "earful.db"
    shutil.copy(FIXTURE, db)
    first = columns(db)
    before = rows(db, first)
    assert before["entries"], "the fixture holds data"

    store = open_store(db)
    applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    store.close()

    assert applied == list(MIGRATIONS)
    assert rows(db, first) == before
    assert all(set(first[t]) <= set(now) for t, now in columns(db).items())  # none dropped
    backups = list(tmp_path.glob("earful.db.before-*.bak"))
    assert len(backups) == 1
    assert rows(backups[0], first) == before  # the copy was taken before anything changed
    assert columns(backups[0]) == first


def test_upgraded_data_reads_back_as_it_was_typed(tmp_path: Path) -> None:
    db = tmp_path / "earful.db"
    shutil.copy(FIXTURE, db)
    store = open_store(db)
    texts = {e.text for s in store.sessions() for e in store.entries(s.id)}
    assert "[@click=app.quit]x[/] and \x1b[31mred\x1b]52;c;aGk=\x07 👩‍💻 [/" in texts
    assert '=HYPERLINK("http://x")' in texts
    resumed = store.latest_unfinished()
    assert resumed is not None and resumed.draft_text == "half-typed quote"
    recount = store.conn.execute(
        """SELECT et.tag_id, s.participant_id, count(*) FROM entry_tags et
        JOIN entries e ON e.id = et.entry_id JOIN sessions s ON s.id = e.session_id
        GROUP BY 1, 2 ORDER BY 1, 2"""
    ).fetchall()
    kept = store.conn.execute("SELECT * FROM tag_participants ORDER BY 1, 2").fetchall()
    assert kept == recount
    store.close()
