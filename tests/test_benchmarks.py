"""The benchmark harness: interleaving, percentiles, the table, the pty driver (no timing)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import across
from benchmarks.__main__ import FULL, QUICK, measures, report
from benchmarks.corpus import RARE_WORD, build
from benchmarks.harness import Result, interleave, percentile, table, what_is_timed
from benchmarks.pty_start import rss_when_idle, time_to_text
from benchmarks.startup import demo_database, started_env


def test_interleave_alternates_ours_and_the_floor_after_the_warm_up() -> None:
    calls: list[str] = []

    def ours() -> float:
        calls.append("ours")
        return 1.0

    def floor() -> float:
        calls.append("floor")
        return 2.0

    mine, base = interleave(ours, floor, runs=3, warmup=2)
    assert calls == ["ours", "floor"] * 5
    assert mine == [1.0] * 3  # warm-up samples are thrown away
    assert base == [2.0] * 3


def test_percentile_picks_the_nearest_rank() -> None:
    values = [float(n) for n in range(100, 0, -1)]  # 100 … 1, unsorted on purpose
    assert percentile(values, 0) == 1
    assert percentile(values, 50) in (50, 51)
    assert percentile(values, 99) == 99
    assert percentile(values, 100) == 100
    assert percentile([7.0], 99) == 7


def test_table_shows_medians_ratio_target_and_verdict() -> None:
    fast = Result("board", [1.0, 2.0, 30.0], [4.0, 4.0, 4.0], "< 30 ms", ok=True, timed="x")
    missed = Result("snapshot", [200.0], [2.0], "< 150 ms", ok=False, note="p99 9 ms")
    alone = Result("scrolling", [10.0, 20.0], [], "no frame over 50 ms", ok=True)
    memory = Result("memory", [60.0], [30.0], "< 150 MB", ok=True, unit="MB")
    lines = table([fast, missed, alone, memory]).splitlines()
    assert lines[0].startswith("| measure | Earful (median) | floor (median) | ratio |")
    assert lines[2] == "| board | 2.00 ms | 4.00 ms | 0.50× | < 30 ms | yes |"
    assert lines[3] == "| snapshot | 200.00 ms (p99 9 ms) | 2.00 ms | 100.00× | < 150 ms | **no** |"
    assert lines[4] == "| scrolling | 15.00 ms | — | — | no frame over 50 ms | yes |"
    assert lines[5] == "| memory | 60.00 MB | 30.00 MB | 2.00× | < 150 MB | yes |"
    assert what_is_timed([fast, alone]) == "- **board**: x"


def test_the_report_names_the_run_the_machine_and_what_each_row_times() -> None:
    row = Result("board", [1.0], [2.0], "< 30 ms", ok=True, timed="the ranking")
    text = report(QUICK, [row], 42.0, [151.0, 140.2, 190.6])
    assert text.startswith("# Benchmarks\n")
    assert "read before each measure; lower is faster): 140–191, median 151." in text
    assert "quick (smoke run" in text and "cores, Python 3." in text and "Textual " in text
    assert "| board | 1.00 ms | 2.00 ms | 0.50× |" in text
    assert "- **board**: the ranking" in text


def test_quick_plan_does_less_of_everything_than_the_full_one() -> None:
    assert QUICK.sessions * QUICK.entries_per_session < FULL.sessions * FULL.entries_per_session
    assert (FULL.sessions, FULL.entries_per_session) == (500, 100)  # the corpus
    assert QUICK.startup_runs < FULL.startup_runs and QUICK.typing_runs < FULL.typing_runs


def test_board_and_search_agree_with_their_raw_floors_on_a_small_corpus(tmp_path: Path) -> None:
    corpus = build(tmp_path, sessions=15, entries_per_session=6)
    assert corpus.entries == 15 * 6 + 1  # plus the one rare-word quote
    board = across.board(corpus, runs=1)  # raises if the two rankings differ
    common, rare = across.search(corpus, runs=1)
    assert board.floor and common.floor and rare.floor
    assert "(1 hit)" in rare.measure
    assert RARE_WORD in rare.timed
    assert corpus.copy("other.db").stat().st_size == corpus.path.stat().st_size


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pty and /proc")
def test_pty_driver_sees_text_on_screen_and_reads_memory() -> None:
    argv = [sys.executable, "-c", "import time; print('he' + 'llo', flush=True); time.sleep(5)"]
    assert 0 < time_to_text(argv, b"hello", dict(os.environ), timeout=10) < 10
    assert rss_when_idle(argv, b"hello", dict(os.environ), settle=0.05) > 1  # MB
    silent = [sys.executable, "-c", "pass"]
    with pytest.raises(RuntimeError, match="never appeared"):
        time_to_text(silent, b"hello", dict(os.environ), timeout=5)


def test_both_first_frames_are_measured(tmp_path: Path) -> None:
    names = [name for name, _ in measures(QUICK, tmp_path)]
    assert "first frame" in names and "home first frame" in names


def test_programs_start_with_the_bytecode_cache_an_install_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = started_env(tmp_path, tmp_path / "e.db")
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert Path(env["PYTHONPYCACHEPREFIX"]).parent == tmp_path  # not in the source tree
    assert env["EARFUL_DB"] == str(tmp_path / "e.db")
    assert Path(env["EARFUL_CONFIG"]).parent == tmp_path  # never the user's config


def test_the_home_benchmark_waits_for_the_name_at_the_top_of_the_list(tmp_path: Path) -> None:
    db, name = demo_database(tmp_path)
    listing = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), "sessions"],
        env=started_env(tmp_path, db),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(listing) == 1 + 15  # the heading and the demo's 15 interviews
    assert name in listing[1]  # the newest interview, first on the home list
