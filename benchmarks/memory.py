"""Resident memory of Earful idle on the corpus, against a bare Textual app idle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from benchmarks.corpus import Corpus
from benchmarks.harness import Result, interleave
from benchmarks.pty_start import rss_when_idle


def idle_memory(corpus: Corpus, runs: int, settle: float = 1.5) -> Result:
    """RSS of ``earful`` showing the corpus's interviews, after the list is on screen."""
    db = corpus.copy("memory.db")
    env = dict(os.environ, EARFUL_DB=str(db), EARFUL_CONFIG=str(db.with_name("memory.toml")))
    needle = corpus.newest_participant
    floor_app = Path(__file__).with_name("floor_app.py")
    ours_argv = [sys.executable, "-m", "tui"]
    floor_argv = [sys.executable, str(floor_app), needle]
    mine, base = interleave(
        lambda: rss_when_idle(ours_argv, needle.encode(), env, settle),
        lambda: rss_when_idle(floor_argv, needle.encode(), env, settle),
        runs,
        warmup=0,  # memory does not warm up; the first frame benchmark already warmed the caches
    )
    result = Result(f"resident memory, idle, {corpus.label}", mine, base, "< 150 MB", unit="MB")
    result.ok = result.earful_median < 150
    result.timed = (
        f"VmRSS of `earful` (home screen listing every interview) started in a pty, read"
        f" {settle:g} s after the newest participant's name is on screen; floor: the bare"
        " Textual app with the live screen's widgets, read the same way"
    )
    return result
