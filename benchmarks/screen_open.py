"""Opening a screen over the interview list, in CPU time, beside raw reads of its rows.

The snapshot and the transcript screen are measured the same way: the second open in a
fresh app (the first pays for imports and CSS), from the App's open method until the
pushed screen is read, composed, laid out and painted.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.harness import interleave


async def open_cpu_ms(
    db_path: Path, runs: int, open_screen: Callable[[Any], None], is_open: Callable[[Any], bool]
) -> list[float]:
    """CPU ms for each of ``runs`` calls of ``open_screen(app)`` in one app at 100×30,
    started as the ``earful`` command starts it (see benchmarks/started.py)."""
    from benchmarks.started import started_app
    from tui.core.config import Config
    from tui.ui.launch import Launch

    app = started_app(Launch("home"), db_path, Config(), now=lambda: 0)
    samples = []
    async with app.run_test(size=(100, 30)) as pilot:
        while app.store is None:
            await pilot.pause(0.02)
        await pilot.pause()
        for _ in range(runs):
            # CPU time of this process: the work of opening, not the wait for a busy machine.
            start = time.process_time()
            open_screen(app)
            await pilot.pause()  # read, composed, laid out and painted
            assert is_open(app), app.screen
            samples.append((time.process_time() - start) * 1000)
            app.pop_screen()
            await pilot.pause()
    return samples


def warm_open_vs_raw(
    db_path: Path,
    session_id: int,
    runs: int,
    open_screen: Callable[[Any], None],
    is_open: Callable[[Any], bool],
    raw_rows: Sequence[str],
) -> tuple[list[float], list[float]]:
    """The warm open, interleaved with the raw reads of ``raw_rows`` (each takes the id)."""
    raw = sqlite3.connect(db_path, isolation_level=None)

    def ours() -> float:
        return asyncio.run(open_cpu_ms(db_path, 2, open_screen, is_open))[-1]

    def floor() -> float:
        start = time.process_time()
        for sql in raw_rows:
            raw.execute(sql, (session_id,)).fetchall()
        return 1000 * (time.process_time() - start)

    try:
        return interleave(ours, floor, runs)
    finally:
        raw.close()
