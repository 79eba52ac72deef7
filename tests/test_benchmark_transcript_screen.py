"""The transcript screen's measure runs on an hour's call with every quote matched, and is
in the benchmark run."""

from __future__ import annotations

import asyncio
from pathlib import Path

from benchmarks import transcript_screen
from benchmarks.__main__ import QUICK, measures
from benchmarks.transcript import make_call


def test_the_screen_opens_on_an_hour_of_cues_and_is_timed(tmp_path: Path) -> None:
    call = make_call()
    session, matched = transcript_screen.seed(tmp_path / "bench.db", call)
    assert call.cues >= 1_400 and matched >= 90
    samples = asyncio.run(transcript_screen.measure(tmp_path / "bench.db", session, 2))
    assert len(samples) == 2 and all(ms > 0 for ms in samples)


def test_the_measure_runs_in_quick_mode() -> None:
    result = transcript_screen.transcript_open(QUICK.snapshot_runs)
    assert len(result.earful) == len(result.floor) == QUICK.snapshot_runs
    assert result.target == "< 300 ms" and result.ok is not None
    assert "1,4" in result.measure and "quotes matched" in result.measure


def test_it_is_in_the_benchmark_run(tmp_path: Path) -> None:
    assert "transcript screen" in [name for name, _run in measures(QUICK, tmp_path)]
