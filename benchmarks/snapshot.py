"""Opening the snapshot of a 300-entry session (not a test): python -m benchmarks.snapshot."""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.screen_open import open_cpu_ms
from tui.core.clock import ClockState
from tui.store.clocks import end_clock
from tui.store.store import open_store

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


def open_it(session_id: int) -> Callable[[Any], None]:
    return lambda app: app.open_snapshot(session_id, pushed=True)


def is_open(app: Any) -> bool:
    from tui.ui.screens.snapshot import SnapshotScreen

    return isinstance(app.screen, SnapshotScreen) and app.screen.snap is not None


async def measure(db_path: Path, session_id: int, runs: int) -> list[float]:
    """CPU ms for each of ``runs`` opens of the snapshot in one app."""
    return await open_cpu_ms(db_path, runs, open_it(session_id), is_open)


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
