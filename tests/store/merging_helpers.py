"""What the merge tests share: merging one file into another as the command does, and
the state two databases must agree on after merging both ways."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.store.helpers import maintained, recount
from tui.store import insights
from tui.store.importing import person_key
from tui.store.merging import Merged, merge
from tui.store.merging_source import opened_source
from tui.store.store import Store, open_store

TABLES = (
    "participants",
    "sessions",
    "entries",
    "tags",
    "entry_tags",
    "tag_participants",
    "tombstones",
    "transcripts",
    "transcript_cues",
    "transcript_matches",
    "questions_asked",
    "guides",
    "guide_versions",
    "todos_done",
)


def merged_into(target: Path, other: Path, keep: bool = True) -> Merged:
    """``earful merge other`` into ``target`` (``keep=False``: a dry run)."""
    store = open_store(target)
    try:
        with opened_source(other, target) as source:
            return merge(store, source, keep=keep)
    finally:
        store.close()


def everything(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, every column."""
    store = open_store(path, read_only=True)
    try:
        return {
            t: store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES
        }
    finally:
        store.close()


def copy_database(source: Path, target: Path) -> None:
    """A copy of a closed database file (its changes all in the main file)."""
    store = open_store(source)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    shutil.copyfile(source, target)


def state(store: Store) -> dict[str, Any]:
    """What a user sees, by uuid (participants by who they are): every entry's text, kind,
    time, tags, flags and verbatim text and its session; the sessions; the people; what
    was deleted; and the board. Also checks what triggers keep: the tag counts and the
    full-text index."""
    assert recount(store) == maintained(store)
    store.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")
    tags: dict[str, list[tuple[str, str]]] = {}
    for uuid, kind, name in store.conn.execute(
        "SELECT e.uuid, t.kind, t.name FROM entry_tags x JOIN entries e ON e.id = x.entry_id"
        " JOIN tags t ON t.id = x.tag_id ORDER BY 1, 2, 3"
    ):
        tags.setdefault(uuid, []).append((kind, name))
    entries = {
        r["uuid"]: (
            r["session"],
            r["kind"],
            r["text"],
            r["at_ms"],
            r["original_text"],
            (r["starred"], r["follow_up"], r["testimonial"]),
            tuple(tags.get(r["uuid"], ())),
        )
        for r in store.named(
            "SELECT e.*, s.uuid AS session FROM entries e JOIN sessions s ON s.id = e.session_id"
        )
    }
    sessions = {
        r["uuid"]: (person_key(r["name"], r["company"]), r["goal"], r["opportunities"])
        for r in store.named(
            "SELECT s.*, p.name, p.company FROM sessions s"
            " JOIN participants p ON p.id = s.participant_id"
        )
    }
    people = {
        person_key(r["name"], r["company"]): (
            r["name"],
            r["company"],
            r["email"],
            frozenset(json.loads(r["facts"])),
        )
        for r in store.named("SELECT * FROM participants")
    }
    deleted = {
        r[0]
        for r in store.conn.execute(
            "SELECT uuid FROM tombstones WHERE table_name IN ('entries', 'sessions')"
        )
    }
    return {
        "entries": entries,
        "sessions": sessions,
        "people": people,
        "deleted": deleted,
        "board": insights.board(store),
    }


def state_of(path: Path) -> dict[str, Any]:
    store = open_store(path)
    try:
        return state(store)
    finally:
        store.close()
