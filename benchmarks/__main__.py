"""``python -m benchmarks [--quick] [--no-write]``: every measure beside its floor, in one table."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.harness import Result, machine, pace_line, pace_ms, table, what_is_timed

OUTPUT = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
NOTES = Path(__file__).with_name("notes.md")


@dataclass(frozen=True)
class Plan:
    """How much of each measure a run does."""

    name: str
    sessions: int
    entries_per_session: int
    startup_runs: int
    commits: int
    typing_runs: int
    typed_chars: int
    scroll_pages: int
    query_runs: int
    snapshot_runs: int
    memory_runs: int


FULL = Plan("full", 500, 100, 9, 400, 5, 120, 20, 31, 9, 5)
QUICK = Plan("quick (smoke run: small corpus, few runs)", 100, 100, 2, 20, 2, 20, 5, 7, 2, 1)


def measures(plan: Plan, folder: Path) -> list[tuple[str, Callable[[], Result | list[Result]]]]:
    """Each measure as (what the progress line says, a function returning its rows)."""
    from benchmarks import across, corpus, counter, guides, keys, memory, review, saving, startup
    from benchmarks import live_guide as guide_live
    from benchmarks import merge as merging
    from benchmarks import qdpx as qdpx_export
    from benchmarks import scale as at_scale
    from benchmarks import scrolling as paging
    from benchmarks import transcript as transcripts
    from benchmarks import transcript_screen as transcript_view

    built: list[corpus.Corpus] = []
    decade: list[corpus.Corpus] = []

    def big() -> corpus.Corpus:
        if not decade:
            size = 1_000_000 if plan is FULL else 20_000
            decade.append(at_scale.build(folder / "scale", size))
        return decade[0]

    def data() -> corpus.Corpus:
        if not built:  # generated once per run, on first use, and shared
            built.append(corpus.build(folder, plan.sessions, plan.entries_per_session))
        return built[0]

    return [
        ("first frame", lambda: startup.first_frame(plan.startup_runs)),
        ("home first frame", lambda: startup.home_first_frame(plan.startup_runs)),
        ("commit", lambda: saving.commit(plan.commits)),
        ("enter", lambda: saving.enter_cost(plan.commits)),
        ("typing", lambda: keys.typing(plan.typing_runs, plan.typed_chars)),
        ("board", lambda: across.board(data(), plan.query_runs)),
        ("search", lambda: across.search(data(), plan.query_runs)),
        (
            "search with transcripts",
            lambda: across.search_with_transcripts(data(), plan.query_runs),
        ),
        ("snapshot", lambda: review.snapshot_open(plan.snapshot_runs)),
        ("live counter", lambda: counter.live_counter(data(), plan.query_runs)),
        ("guide coverage", lambda: guides.guide_coverage(data(), plan.query_runs)),
        ("guide tick", lambda: guides.tick(data(), plan.commits)),
        ("live guide", lambda: guide_live.rows(plan.commits, plan.typing_runs, plan.typed_chars)),
        ("transcript", lambda: transcripts.attach(plan.snapshot_runs)),
        ("transcript screen", lambda: transcript_view.transcript_open(plan.snapshot_runs)),
        ("memory", lambda: memory.idle_memory(data(), plan.memory_runs)),
        ("scrolling", lambda: paging.scrolling(plan.scroll_pages)),
        (
            "merge",  # its own two corpora: 100,000 entries each in the full run
            lambda: merging.merges(
                folder / "merge",
                plan.sessions * (2 if plan is FULL else 1),
                plan.entries_per_session,
                max(1, plan.snapshot_runs // 3),
            ),
        ),
        (
            "qdpx export",  # its own corpus: 100,000 entries in the full run
            lambda: qdpx_export.export_all(
                folder / "qdpx",
                plan.sessions * (2 if plan is FULL else 1),
                plan.entries_per_session,
                max(1, plan.snapshot_runs // 3),
            ),
        ),
        # A decade of a team's interviews: 1,000,000 entries in the full run (built once,
        # ~2 minutes), 20,000 in the quick one.
        ("at scale: queries", lambda: at_scale.queries(big(), plan.query_runs)),
        ("at scale: live counter", lambda: at_scale.live_counter(big(), plan.query_runs)),
        (
            "at scale: home screen",
            lambda: at_scale.home_and_memory(big(), plan.startup_runs, plan.memory_runs),
        ),
    ]


def report(plan: Plan, results: list[Result], seconds: float, paces: list[float]) -> str:
    """BENCHMARKS.md: when, where, the table, what each row times, and notes on misses."""
    notes = NOTES.read_text(encoding="utf-8").strip() if NOTES.exists() else ""
    return (
        f"# Benchmarks\n\n"
        f"{date.today().isoformat()}, {plan.name} run ({seconds:.0f} s) on {machine()}.\n"
        f"{pace_line(paces)}\n"
        "Rerun with `python -m benchmarks` (`--quick` for a smoke run of a minute or two).\n\n"
        "Each measure runs beside its floor in the same run, interleaved (Earful,"
        " floor, Earful, floor …) after a warm-up, so machine noise hits both alike; the"
        " table shows medians, and ratio is Earful ÷ floor.\n\n"
        f"{table(results)}\n\n## What is timed\n\n{what_is_timed(results)}\n"
        + (f"\n{notes}\n" if notes else "")
    )


def main(argv: list[str] | None = None) -> int:
    """Run every measure, print the table, and (unless --no-write) rewrite BENCHMARKS.md."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument(
        "--quick", action="store_true", help="small corpus, few runs (a minute or two)"
    )
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    start = time.perf_counter()
    results: list[Result] = []
    paces: list[float] = []
    with tempfile.TemporaryDirectory(prefix="earful-bench-") as folder:
        # Every measure's scratch databases go in here and leave with it.
        tempfile.tempdir = folder
        for name, run in measures(plan, Path(folder)):
            print(f"measuring {name}…", file=sys.stderr, flush=True)
            paces.append(pace_ms())
            rows = run()
            results += rows if isinstance(rows, list) else [rows]
        tempfile.tempdir = None
    seconds = time.perf_counter() - start
    print(f"{plan.name} run, {seconds:.0f} s, on {machine()}\n{pace_line(paces)}\n")
    print(table(results))
    missed = [r.measure for r in results if r.ok is False]
    if missed:  # reported, never enforced: a noisy machine must not fail a build
        print(f"\ntargets missed: {'; '.join(missed)}")
    if not args.no_write:
        OUTPUT.write_text(report(plan, results, seconds, paces), encoding="utf-8")
        print(f"\nwrote {OUTPUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
