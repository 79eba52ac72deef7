"""The live screen's "across interviews" counter after a save, against a raw count query."""

from __future__ import annotations

import asyncio
import time

from benchmarks.corpus import Corpus, connect_raw
from benchmarks.harness import Result, interleave
from benchmarks.started import started_app
from tui.core.config import Config
from tui.ui.launch import Launch
from tui.ui.screens.live.screen import LiveScreen

# How many participants raised each of the session's topics, counted from the tag links.
RAW_REACH = """
SELECT t.name, count(DISTINCT s.participant_id) FROM entry_tags et
JOIN tags t ON t.id = et.tag_id AND t.kind = 'topic' JOIN entries e ON e.id = et.entry_id
JOIN sessions s ON s.id = e.session_id WHERE t.name IN ({marks}) GROUP BY t.id
"""
RAW_PEOPLE = "SELECT count(DISTINCT participant_id) FROM sessions"


async def _measure(corpus: Corpus, runs: int) -> tuple[list[float], list[float]]:
    db = corpus.copy("counter.db")
    app = started_app(Launch("open", session_id=corpus.busiest_session), db, Config())
    raw = connect_raw(db)
    async with app.run_test(size=(100, 30)) as pilot:
        while not (isinstance(app.screen, LiveScreen) and app.screen.session is not None):
            await pilot.pause(0.02)
        await pilot.pause()
        screen = app.screen
        store, session = screen.store, screen.session
        assert store is not None and session is not None
        topics = sorted({t for e in store.entries(session.id) for t in e.topics})
        sql = RAW_REACH.format(marks=",".join("?" * len(topics)))
        at = [10_000_000]

        def save() -> None:  # not timed: the counter is measured right after a commit
            at[0] += 1000
            store.add_entry(session.id, "quote", "One more thing", at[0], ["pricing"])

        def ours() -> float:
            save()
            start = time.perf_counter()
            screen.refresh_reach()
            return 1000 * (time.perf_counter() - start)

        def floor() -> float:
            save()
            start = time.perf_counter()
            raw.execute(sql, topics).fetchall()
            raw.execute(RAW_PEOPLE).fetchone()
            return 1000 * (time.perf_counter() - start)

        mine, base = interleave(ours, floor, runs, warmup=3)
        await pilot.pause()
    raw.close()
    return mine, base


def live_counter(corpus: Corpus, runs: int) -> Result:
    """Median time to refresh the live counter after each of ``runs`` saves."""
    mine, base = asyncio.run(_measure(corpus, runs))
    result = Result(f"live counter refresh after a save, {corpus.label}", mine, base, "< 5 ms")
    result.ok = result.earful_median < 5
    result.timed = (
        "the live screen's counter refresh (reach of the session's topics + participant"
        " total, written into its Static) right after a committed save; floor: the same"
        " counts from a raw COUNT(DISTINCT) query over the tag links"
    )
    return result
