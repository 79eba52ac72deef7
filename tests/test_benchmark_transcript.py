"""The transcript measure runs, checks its own answer, and has the size the target is for."""

from __future__ import annotations

from pathlib import Path

from benchmarks import transcript
from benchmarks.__main__ import QUICK, measures


def test_the_call_is_an_hour_of_about_1500_cues_and_9000_words() -> None:
    call = transcript.make_call()
    assert 1_400 <= call.cues <= 1_600 and 8_500 <= call.words <= 9_500
    assert len(call.quotes) == 100


def test_the_measure_runs_and_every_quote_is_matched() -> None:
    result = transcript.attach(2)  # raises if fewer than 90 of the 100 quotes matched
    assert len(result.earful) == len(result.floor) == 2
    assert result.target == "< 1000 ms" and result.ok is not None
    assert result.measure.endswith("100 quotes")


def test_it_is_in_the_benchmark_run(tmp_path: Path) -> None:
    assert "transcript" in [name for name, _run in measures(QUICK, tmp_path)]
