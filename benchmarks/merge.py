"""Merging one team member's database into another's (``earful merge``), and merging it
again with nothing new, beside the floor of copying the same rows with one SQL statement
per table."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from benchmarks import corpus
from benchmarks.harness import Result, interleave
from tui.store.merging import merge
from tui.store.merging_source import opened_source
from tui.store.store import open_store

TARGET_MS = 20_000
AGAIN_TARGET_MS = 5_000


def merges(folder: Path, sessions: int, entries_per_session: int, runs: int) -> list[Result]:
    """Build two corpora of ``sessions`` × ``entries_per_session`` (the same people, other
    interviews) and time merging one into a fresh copy of the other, then again."""
    folder.mkdir(parents=True, exist_ok=True)
    theirs = corpus.build(folder / "theirs", sessions, entries_per_session, seed=1)
    ours = corpus.build(folder / "ours", sessions, entries_per_session, seed=2)
    target = folder / "target.db"
    said: list[str] = []

    def fresh() -> None:
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(ours.path, target)

    def merge_once() -> float:
        store = open_store(target)
        try:
            start = time.perf_counter()
            with opened_source(theirs.path, target) as source:
                said.append(merge(store, source).line("theirs"))
            return 1000 * (time.perf_counter() - start)
        finally:
            store.close()

    def first() -> float:
        fresh()
        return merge_once()

    def floor() -> float:
        fresh()
        start = time.perf_counter()
        _copy_rows(theirs.path, target)
        return 1000 * (time.perf_counter() - start)

    mine, base = interleave(first, floor, runs, warmup=0)
    if f"{theirs.sessions} new sessions, {theirs.entries} new entries" not in said[0]:
        raise AssertionError(f"the merge did not bring every session and entry: {said[0]}")
    fresh()
    merge_once()
    again, again_base = interleave(merge_once, lambda: _read_rows(theirs.path), runs, warmup=0)
    if " 0 new sessions, 0 new entries, 0 updated, 0 deleted" not in said[-1]:
        raise AssertionError(f"merging again changed something: {said[-1]}")
    label = f"{theirs.entries:,} entries into {ours.entries:,}"
    result = Result(f"merge: {label}", mine, base)
    result.target = f"< {TARGET_MS // 1000} s"
    result.ok = result.earful_median < TARGET_MS
    result.note = said[0].split(": ", 1)[1]
    result.timed = (
        "`earful merge OTHER` without the command line: open the other file read-only, merge"
        " its tags, participants (matched by name), every session with its entries and tags,"
        " done to-dos and tombstones into a database of as many other interviews, in one"
        " transaction, and commit; floor: `INSERT … SELECT` of the participants, sessions,"
        " entries and tag links through ATTACH (no matching, no checks)"
    )
    twice = Result(f"merge again: {label}, nothing new", again, again_base)
    twice.target = f"< {AGAIN_TARGET_MS // 1000} s"
    twice.ok = twice.earful_median < AGAIN_TARGET_MS
    twice.timed = (
        "the same merge into the merged file: every session compared by its uuid and its"
        " entries' edit times, nothing written; floor: reading the other file's sessions and"
        " entries with their uuids and edit times"
    )
    return [result, twice]


def _copy_rows(source: Path, target: Path) -> None:
    conn = sqlite3.connect(target)
    try:
        conn.execute("ATTACH ? AS other", (str(source),))
        with conn:
            base = {
                t: conn.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0]
                for t in ("participants", "sessions", "entries")
            }
            conn.execute(
                "INSERT INTO participants (id, name, company, email, segment, facts, created_at)"
                " SELECT id + ?, name, company, email, segment, facts, created_at"
                " FROM other.participants",
                (base["participants"],),
            )
            conn.execute(
                "INSERT INTO sessions (id, participant_id, goal, created_at, started_at_ms)"
                " SELECT id + ?, participant_id + ?, goal, created_at, started_at_ms"
                " FROM other.sessions",
                (base["sessions"], base["participants"]),
            )
            conn.execute(
                "INSERT INTO entries (id, session_id, kind, text, at_ms, created_at)"
                " SELECT id + ?, session_id + ?, kind, text, at_ms, created_at FROM other.entries",
                (base["entries"], base["sessions"]),
            )
            conn.execute(
                "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) SELECT x.entry_id + ?, t.id"
                " FROM other.entry_tags x JOIN other.tags o ON o.id = x.tag_id"
                " JOIN tags t ON t.name = o.name AND t.kind = o.kind",
                (base["entries"],),
            )
    finally:
        conn.close()


def _read_rows(source: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(source)
    try:
        conn.execute("SELECT uuid, updated_at FROM sessions").fetchall()
        conn.execute("SELECT session_id, uuid, updated_at FROM entries").fetchall()
    finally:
        conn.close()
    return 1000 * (time.perf_counter() - start)
