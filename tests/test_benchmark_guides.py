"""The guide measures run on a small corpus and agree with their raw floors."""

from __future__ import annotations

from pathlib import Path

from benchmarks import guides
from benchmarks.corpus import build


def test_guide_measures_run_and_check_their_answer(tmp_path: Path) -> None:
    corpus = build(tmp_path, 10, 20)
    covered = guides.guide_coverage(corpus, 2)  # raises if coverage and the floor differ
    ticked = guides.tick(corpus, 3)
    assert len(covered.earful) == len(covered.floor) == 2
    assert covered.measure == "guide coverage, 10 sessions" and covered.target == "< 50 ms"
    assert len(ticked.earful) == 3 and ticked.ok is not None
