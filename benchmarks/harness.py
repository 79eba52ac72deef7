"""Interleaved runs, medians and the results table."""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Result:
    """One row of the table: Earful's samples beside the floor's, taken in the same run."""

    measure: str
    earful: list[float]  # milliseconds (or MB for memory)
    floor: list[float] = field(default_factory=list)
    target: str = ""
    ok: bool | None = None
    unit: str = "ms"
    note: str = ""
    timed: str = ""  # one line: exactly what the clock covers, for BENCHMARKS.md

    @property
    def earful_median(self) -> float:
        return statistics.median(self.earful)

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        floor = self.floor_median
        return self.earful_median / floor if floor else None


def in_ms(run: Callable[[], object]) -> Callable[[], float]:
    """``run`` as a measure: each call runs it once and returns the milliseconds it took."""

    def timed() -> float:
        start = time.perf_counter()
        run()
        return 1000 * (time.perf_counter() - start)

    return timed


def interleave(
    ours: Callable[[], float], floor: Callable[[], float], runs: int, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """Run ours and the floor alternately so machine noise hits both alike."""
    for _ in range(warmup):
        ours()
        floor()
    mine, base = [], []
    for _ in range(runs):
        mine.append(ours())
        base.append(floor())
    return mine, base


def pace_ms(loops: int = 1_000_000) -> float:
    """CPU milliseconds of a fixed pure-Python loop: how fast this machine is running right
    now. Read beside each measure, it tells a quiet run from one where a neighbour on the
    same host slowed every CPU-time row alike (the same loop has moved by a quarter within
    minutes here)."""
    start = time.process_time()
    total = 0
    for n in range(loops):
        total += n
    return 1000 * (time.process_time() - start)


def pace_line(paces: list[float]) -> str:
    """The run's pace readings in one sentence (lower is faster)."""
    if not paces:
        return ""
    return (
        f"The machine's pace during the run (CPU ms of a fixed Python loop, read before each"
        f" measure; lower is faster): {min(paces):.0f}–{max(paces):.0f},"
        f" median {statistics.median(paces):.0f}."
    )


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank ``pct``-th percentile of ``values``."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def machine() -> str:
    """Cores and the versions that move the numbers: Python, Textual, SQLite."""
    import os
    import sqlite3

    import textual

    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Textual {textual.__version__}, SQLite {sqlite3.sqlite_version}"
    )


def table(results: list[Result]) -> str:
    """The results as a Markdown table, one row per measure."""
    lines = [
        "| measure | Earful (median) | floor (median) | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        floor = f"{r.floor_median:.2f} {r.unit}" if r.floor_median is not None else "—"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        met = {True: "yes", False: "**no**", None: "—"}[r.ok]
        note = f" ({r.note})" if r.note else ""
        lines.append(
            f"| {r.measure} | {r.earful_median:.2f} {r.unit}{note} | {floor} | {ratio} "
            f"| {r.target} | {met} |"
        )
    return "\n".join(lines)


def what_is_timed(results: list[Result]) -> str:
    """One Markdown bullet per measure saying what exactly its clock covers."""
    return "\n".join(f"- **{r.measure}**: {r.timed}" for r in results if r.timed)
