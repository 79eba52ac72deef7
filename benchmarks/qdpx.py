"""Exporting every session as a REFI-QDA project (``earful export --all --format qdpx``),
beside the floor of reading the same entries and zipping their text."""

from __future__ import annotations

import sqlite3
import time
import zipfile
from pathlib import Path

from benchmarks import corpus
from benchmarks.harness import Result, interleave
from tui.core.qdpx_file import save
from tui.store import qdpx_rows
from tui.store.store import open_store

TARGET_MS = 15_000


def export_all(folder: Path, sessions: int, entries_per_session: int, runs: int) -> Result:
    """Build a corpus of ``sessions`` × ``entries_per_session`` and time exporting it whole."""
    folder.mkdir(parents=True, exist_ok=True)
    data = corpus.build(folder, sessions, entries_per_session)
    target = folder / "team.qdpx"
    written: list[int] = []

    def ours() -> float:
        start = time.perf_counter()
        store = open_store(data.path, read_only=True)
        try:
            ids = qdpx_rows.all_session_ids(store)
            project = qdpx_rows.project(store, "team", ids)
            written.append(save(target, project, qdpx_rows.sessions(store, ids)).entries)
        finally:
            store.close()
        return 1000 * (time.perf_counter() - start)

    def floor() -> float:
        start = time.perf_counter()
        _zip_the_text(data.path, folder / "floor.zip")
        return 1000 * (time.perf_counter() - start)

    mine, base = interleave(ours, floor, runs, warmup=0)
    if min(written) != data.entries:
        raise AssertionError(f"exported {min(written)} of {data.entries} entries")
    result = Result(f"qdpx export: {data.entries:,} entries ({data.label})", mine, base)
    result.target = f"< {TARGET_MS // 1000} s"
    result.ok = result.earful_median < TARGET_MS
    result.note = f"{target.stat().st_size / 1e6:.1f} MB"
    result.timed = (
        "`earful export --all --format qdpx` without the command line: open the file"
        " read-only, read every session, its entries and tags, write the zip (each session's"
        " text, `project.qde` with every selection coded) and rename it into place; floor:"
        " one raw SQL read of the same entries with their tag ids, each session's lines"
        " deflated into a zip"
    )
    return result


def _zip_the_text(path: Path, target: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            """SELECT e.session_id, e.text,
                (SELECT group_concat(tag_id) FROM entry_tags WHERE entry_id = e.id)
            FROM entries e ORDER BY e.session_id, e.at_ms, e.id"""
        )
        sessions: dict[int, list[str]] = {}
        for session, text, _tags in rows:
            sessions.setdefault(session, []).append(text)
    finally:
        conn.close()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for session, lines in sessions.items():
            archive.writestr(f"sources/{session}.txt", "\n".join(lines))
