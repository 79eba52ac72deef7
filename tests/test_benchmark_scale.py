"""The decade measures: built with the scale demo, each query beside its floor, listed in
the benchmark run."""

from __future__ import annotations

from pathlib import Path

from benchmarks import scale
from benchmarks.__main__ import QUICK, measures
from benchmarks.corpus import RARE_WORD
from tui.store.insights import search
from tui.store.store import open_store


def test_the_corpus_is_the_scale_demo_with_one_rare_word(tmp_path: Path) -> None:
    corpus = scale.build(tmp_path, 2_000)
    assert (corpus.sessions, corpus.participants, corpus.entries) == (20, 4, 2_001)
    store = open_store(corpus.path)
    try:
        assert len(search(store, RARE_WORD)) == 1
        newest = store.sessions()[0]
        assert newest.participant == corpus.newest_participant
    finally:
        store.close()


def test_every_query_is_timed_beside_its_floor(tmp_path: Path) -> None:
    rows = scale.queries(scale.build(tmp_path, 1_000), runs=2)
    assert all(len(r.earful) == len(r.floor) >= 2 and r.timed for r in rows)
    named = " | ".join(r.measure for r in rows)
    for measure in ("board", "search, common word", "participant page", "session list"):
        assert measure in named

    def target(start: str) -> str:
        return next(r.target for r in rows if r.measure.startswith(start))

    assert target("board") == "< 30 ms"  # the targets, at a million entries
    assert target("search, common word") == "< 50 ms"
    assert target("participant page") == "< 100 ms"


def test_they_are_in_the_benchmark_run(tmp_path: Path) -> None:
    names = [name for name, _run in measures(QUICK, tmp_path)]
    assert {"at scale: queries", "at scale: live counter", "at scale: home screen"} <= set(names)
