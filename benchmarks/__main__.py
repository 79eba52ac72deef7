"""``python -m benchmarks [--quick]``: every measure beside its floor, in one table."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from benchmarks.harness import Result, machine, table


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="few runs, small corpora (< 1 min)")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite BENCHMARKS.md")
    args = parser.parse_args()
    quick = args.quick

    from benchmarks import keys, saving, startup

    measures = [
        ("first frame", lambda: startup.first_frame(3 if quick else 9)),
        ("commit", lambda: saving.commit(50 if quick else 400)),
        ("typing", lambda: keys.typing(2 if quick else 5, 40 if quick else 120)),
        ("scrolling", lambda: keys.scrolling(5 if quick else 20)),
    ]
    results: list[Result] = []
    for name, run in measures:
        print(f"measuring {name}…", file=sys.stderr, flush=True)
        results.append(run())
    text = table(results)
    print(text)
    if not args.no_write:
        kind = "quick" if quick else "full"
        Path("BENCHMARKS.md").write_text(
            f"# Benchmarks\n\n{date.today().isoformat()}, {kind} run on {machine()}.\n"
            f"Rerun with `python -m benchmarks` (`--quick` for a smoke run).\n\n{text}\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
