"""Enter → entry committed with its tags, through the live screen's writer thread, against
raw sqlite3 doing the same rows; and what one Enter costs the screen itself."""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.harness import Result, interleave, percentile
from tui.core.clock import InterviewClock
from tui.core.models import Draft
from tui.store.store import open_store
from tui.store.writer import Job, Writer

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
    writer = Writer(store.path, deliver=lambda callback: callback())

    def ours() -> float:
        at[0] += 1000
        durable = threading.Event()
        when, session_id = at[0], session.id
        start = time.perf_counter()
        writer.submit(
            Job(
                lambda s: s.add_entry(
                    session_id, "quote", QUOTE, when, ["pains", "pricing"], ["frustrated"]
                ),
                lambda _: durable.set(),
            )
        )
        durable.wait(10)
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
        "from submitting a quote with 2 topics and 1 emotion to the live screen's writer"
        " thread until it reports the entry committed (WAL, synchronous=FULL, triggers"
        " included); floor: the same rows as raw sqlite3 INSERTs in one transaction on a"
        " database with the same schema, on the calling thread"
    )
    writer.close()
    store.close()
    raw.close()
    return result


def enter_cost(runs: int) -> list[Result]:
    """CPU time of the live screen's own handling of Enter (parse, show, enqueue), and of
    everything the UI thread does for that Enter until the saved entry is on screen."""
    from benchmarks.started import started_app
    from tui.core.config import Config
    from tui.ui.launch import Launch, NewSession
    from tui.ui.screens.live.screen import LiveScreen
    from tui.ui.widgets.capture_input import CaptureInput

    folder = Path(tempfile.mkdtemp(prefix="earful-bench-"))
    new = NewSession("Ada Lovelace", "Acme", "", 30, InterviewClock.start().state)
    app = started_app(Launch("start", new=new), folder / "earful.db", Config())

    async def measure() -> tuple[list[float], list[float]]:
        handler, whole = [], []
        async with app.run_test(size=(120, 40)) as pilot:
            await app.store_opened()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, LiveScreen)
            for n in range(runs + 5):
                message = CaptureInput.Captured(
                    f"{QUOTE} {n} #pains !frustrated", n * 1000, Draft()
                )
                start = time.thread_time()
                screen.on_capture_input_captured(message)
                handler.append(1000 * (time.thread_time() - start))
                await asyncio.to_thread(app.writer.wait_idle, 30)
                await pilot.pause()
                whole.append(1000 * (time.thread_time() - start))
        return handler[5:], whole[5:]

    handler, whole = asyncio.run(measure())
    result = Result("the live screen's own cost per Enter", handler, [], "< 1 ms")
    result.ok = result.earful_median < 1
    result.timed = (
        "CPU time (of the UI thread) of the live screen's handler for a captured line"
        " (parse the tokens, show the entry as saving, enqueue it for the writer), 120×40,"
        " entries accumulating; the commit itself is the row above"
    )
    frames = Result("the UI thread's whole cost per Enter, frames included", whole, [], "—")
    frames.timed = (
        "CPU time of the UI thread from the same handler until the entry is committed and"
        " the screen idle again: the handler, the frame showing the entry as saving, the"
        " entry shown as saved and its frame, and Pilot's idle wait (about 3 ms by itself);"
        " context for the row above, no target"
    )
    return [result, frames]
