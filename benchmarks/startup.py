"""First frame of the live screen, against a bare Textual app with the same widgets."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import Result, interleave
from benchmarks.pty_start import time_to_text

NAME = "Ada Lovelace"


def first_frame(runs: int) -> Result:
    folder = Path(tempfile.mkdtemp(prefix="earful-bench-"))
    env = dict(os.environ, EARFUL_DB=str(folder / "e.db"), EARFUL_CONFIG=str(folder / "c.toml"))
    floor_app = Path(__file__).with_name("floor_app.py")
    ours_argv = [sys.executable, "-m", "tui", "start", NAME, "--company", "Acme"]
    floor_argv = [sys.executable, str(floor_app), NAME]
    mine, base = interleave(
        lambda: 1000 * time_to_text(ours_argv, NAME.encode(), env),
        lambda: 1000 * time_to_text(floor_argv, NAME.encode(), env),
        runs,
    )
    result = Result("first frame of the live screen (pty)", mine, base, "≤ 1.25×")
    result.ok = result.ratio is not None and result.ratio <= 1.25
    result.timed = (
        f"wall time from spawning `python -m tui start {NAME!r}` in a 120x40 pty until the"
        " name is in its output (fresh database); floor: benchmarks/floor_app.py, a bare"
        " Textual app with the same widgets, started the same way"
    )
    return result
