"""Enter → entry committed with its tags, against raw sqlite3 doing the same rows."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Result, interleave, percentile
from tui.core.clock import InterviewClock
from tui.store.store import open_store

QUOTE = "We tried Notion for research notes but nobody ever reads it after the sprint"


def commit(runs: int) -> Result:
    folder = Path(tempfile.mkdtemp(prefix="earful-bench-"))
    store = open_store(folder / "earful.db")
    participant = store.participant_for("Ada Lovelace", "Acme")
    session = store.create_session(participant.id, "", 30, InterviewClock.start().state)

    # The floor: the same schema (a second database made by Earful), raw statements.
    raw_store = open_store(folder / "raw.db")
    raw_session = raw_store.create_session(
        raw_store.participant_for("Ada", "Acme").id, "", 30, InterviewClock.start().state
    )
    tag_ids = [
        raw_store.tag_id("topic", "pains"),
        raw_store.tag_id("topic", "pricing"),
        raw_store.tag_id("emotion", "frustrated"),
    ]
    raw_store.close()
    raw = sqlite3.connect(folder / "raw.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")
    at = [0]

    def ours() -> float:
        at[0] += 1000
        start = time.perf_counter()
        store.add_entry(session.id, "quote", QUOTE, at[0], ["pains", "pricing"], ["frustrated"])
        return 1000 * (time.perf_counter() - start)

    def floor() -> float:
        at[0] += 1000
        start = time.perf_counter()
        raw.execute("BEGIN")
        cursor = raw.execute(
            "INSERT INTO entries (session_id, kind, text, at_ms, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (raw_session.id, "quote", QUOTE, at[0], "2026-01-01T00:00:00"),
        )
        raw.executemany(
            "INSERT INTO entry_tags (entry_id, tag_id) VALUES (?, ?)",
            [(cursor.lastrowid, tag) for tag in tag_ids],
        )
        raw.execute("COMMIT")
        return 1000 * (time.perf_counter() - start)

    mine, base = interleave(ours, floor, runs, warmup=5)
    result = Result(
        "Enter → entry committed with 3 tags (WAL, FULL)",
        mine,
        base,
        "≤ 1.5×, < 2 ms median, p99 < 10 ms",
    )
    p99 = percentile(mine, 99)
    result.note = f"p99 {p99:.2f} ms"
    result.ok = (result.ratio or 99) <= 1.5 and result.earful_median < 2 and p99 < 10
    result.timed = (
        "`Store.add_entry()` of a quote with 2 topics and 1 emotion, committed (WAL,"
        " synchronous=FULL, triggers included); floor: the same rows as raw sqlite3"
        " INSERTs in one transaction on a database with the same schema"
    )
    store.close()
    raw.close()
    return result
