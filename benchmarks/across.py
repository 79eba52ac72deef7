"""Across-interviews timings at 500 sessions × 100 entries (python -m benchmarks.across)."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tui.core.demo import generate
from tui.store import insights, participants
from tui.store.demo import write_corpus
from tui.store.store import open_store

TARGETS_MS = {
    "board (no filter)": 30,
    "board (company filter)": 60,
    "live counter after a save": 5,
    "search common word": 50,
    "search rare word": 5,
    "participant page": 50,
}


def timed(run: Callable[[], object], repeat: int = 15) -> float:
    """Median milliseconds of ``run``."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="earful-bench-"))
    store = open_store(folder / "bench.db")
    start = time.perf_counter()
    corpus = generate(seed=1, participants=120, sessions=500, entries_per_session=(100, 100))
    made = write_corpus(store, corpus)
    links = store.conn.execute("SELECT count(*) FROM entry_tags").fetchone()[0]
    print(f"built {made} + {links} tag links in {time.perf_counter() - start:.1f} s")
    session = store.conn.execute("SELECT max(id) FROM sessions").fetchone()[0]
    busiest = store.conn.execute(
        "SELECT participant_id FROM sessions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    rare = store.add_entry(session, "quote", "a zanzibar moment", 0, ["pricing"])

    def save_then_count() -> None:
        store.add_entry(session, "quote", "yet another quote", 1, ["pricing", "exports"])
        store.reach("topic", ["pricing", "exports", "onboarding"])
        store.participant_count()

    def counter_only() -> None:
        store.reach("topic", ["pricing", "exports", "onboarding"])
        store.participant_count()

    results = {
        "board (no filter)": timed(lambda: insights.board(store)),
        "board (company filter)": timed(
            lambda: insights.board(store, insights.BoardFilter(company="acme"))
        ),
        "live counter after a save": timed(counter_only),
        "save + live counter": timed(save_then_count),
        "search common word": timed(lambda: insights.search(store, "pricing", limit=50)),
        "search rare word": timed(lambda: insights.search(store, "zanzibar", limit=50)),
        "participant page": timed(lambda: participants.page(store, busiest)),
        "directory": timed(lambda: participants.directory(store), repeat=5),
        "brief": timed(lambda: insights.brief(store, ["pricing"]), repeat=5),
    }
    assert insights.search(store, "zanzibar")[0].entry_id == rare.id
    failed = False
    for name, ms in results.items():
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else ("ok" if ms <= target else f"OVER {target} ms")
        failed |= verdict.startswith("OVER")
        print(f"{name:28} {ms:8.2f} ms  {verdict}")
    store.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
