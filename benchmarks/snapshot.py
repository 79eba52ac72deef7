"""Opening the snapshot of a 300-entry session (not a test): python -m benchmarks.snapshot."""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store.clocks import end_clock
from tui.store.store import open_store
from tui.ui.launch import Launch

TARGET_MS = 150
ENTRIES = 300


def seed(db_path: Path) -> int:
    store = open_store(db_path)
    ada = store.participant_for("Ada Lovelace", "Acme")
    clock = ClockState(0, ended_at_ms=45 * 60_000)
    session = store.create_session(ada.id, "How do teams share findings?", 45, clock)
    end_clock(store, session.id, 45 * 60_000)
    emotions = (["frustrated"], ["delighted"], [], ["confused"], [])
    for n in range(ENTRIES):
        kind = "mark" if n % 17 == 0 else "note" if n % 5 == 0 else "quote"
        text = f"Entry {n}: we keep customer quotes in a wiki nobody reads, so we ask again"
        store.add_entry(session.id, kind, text, n * 9_000, ["wiki", f"t{n % 7}"], emotions[n % 5])
    store.close()
    return session.id


async def measure(db_path: Path, session_id: int, runs: int) -> list[float]:
    from tui.ui.screens.snapshot import SnapshotScreen

    app = build_app(Launch("home"), db_path, Config())
    samples = []
    async with app.run_test(size=(100, 30)) as pilot:
        while app.store is None:
            await pilot.pause(0.02)
        await pilot.pause()
        for _ in range(runs):
            # CPU time of this process: the work of opening, not the wait for a busy machine.
            start = time.process_time()
            app.open_snapshot(session_id, pushed=True)
            await pilot.pause()  # composed, mounted, loaded and painted
            assert isinstance(app.screen, SnapshotScreen) and app.screen.snap is not None
            samples.append((time.process_time() - start) * 1000)
            app.pop_screen()
            await pilot.pause()
    return samples


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    db_path = Path(tempfile.mkdtemp(prefix="earful-bench-")) / "bench.db"
    session_id = seed(db_path)
    samples = asyncio.run(measure(db_path, session_id, runs))
    first, rest = samples[0], samples[1:] or samples
    median = statistics.median(rest)
    verdict = "ok" if median < TARGET_MS else "TOO SLOW"
    print(
        f"open snapshot, {ENTRIES} entries (CPU ms): first {first:.0f} (imports, CSS),"
        f" then median {median:.0f}, min {min(rest):.0f}, max {max(rest):.0f} over {len(rest)} runs"
        f" (target < {TARGET_MS}): {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
