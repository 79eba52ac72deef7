"""The merge measure runs, brings every entry over, finds nothing new the second time, and
is in the benchmark run at the size its targets are for."""

from __future__ import annotations

from pathlib import Path

from benchmarks import merge
from benchmarks.__main__ import FULL, QUICK, measures


def test_the_measure_merges_everything_then_nothing(tmp_path: Path) -> None:
    first, again = merge.merges(tmp_path, 4, 25, 1)  # raises if anything is missed
    assert len(first.earful) == len(first.floor) == len(again.earful) == 1
    assert first.measure == "merge: 101 entries into 101"
    assert first.note.startswith("4 new sessions, 101 new entries")
    assert (first.target, again.target) == ("< 20 s", "< 5 s")
    assert first.ok is True and again.ok is True


def test_it_is_in_the_benchmark_run_at_100000_entries_in_full(tmp_path: Path) -> None:
    assert "merge" in [name for name, _run in measures(QUICK, tmp_path)]
    assert 2 * FULL.sessions * FULL.entries_per_session == 100_000
