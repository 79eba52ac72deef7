"""The search-with-transcripts measure runs on a copy, finds the word in both, and is listed."""

from __future__ import annotations

from pathlib import Path

from benchmarks import across
from benchmarks.__main__ import QUICK, measures
from benchmarks.corpus import build
from tui.store.store import open_store


def test_the_measure_times_entries_and_transcripts_on_a_copy(tmp_path: Path) -> None:
    corpus = build(tmp_path, sessions=10, entries_per_session=4)
    result = across.search_with_transcripts(corpus, runs=2)  # raises if no cue has the word
    assert len(result.earful) == len(result.floor) == 2
    assert result.measure.startswith("search, common word, 2 transcripts (")
    assert result.target == "< 50 ms" and result.ok is not None
    store = open_store(corpus.path)  # the shared corpus is left without transcripts
    try:
        assert store.conn.execute("SELECT count(*) FROM transcript_cues").fetchone()[0] == 0
    finally:
        store.close()


def test_it_is_in_the_benchmark_run(tmp_path: Path) -> None:
    assert "search with transcripts" in [name for name, _run in measures(QUICK, tmp_path)]
