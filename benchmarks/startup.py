"""First frames: the live screen and the home screen, each against a bare Textual app."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import Result, interleave
from benchmarks.pty_start import time_to_text

NAME = "Ada Lovelace"
FLOOR_APP = Path(__file__).with_name("floor_app.py")


def started_env(folder: Path, db: Path) -> dict[str, str]:
    """The environment both programs start in: Earful's files in ``folder``, and Python's
    compiled-bytecode cache on, as in any installed copy.

    With ``PYTHONDONTWRITEBYTECODE`` set (some shells and CI images set it) every start
    would compile Earful's ~80 modules from source, against the floor's one file: a cost
    no user pays, since installing writes the bytecode. The cache goes in ``folder``, so
    the source tree is left as it was; the warm-up runs fill it for both programs.
    """
    env = dict(os.environ, EARFUL_DB=str(db), EARFUL_CONFIG=str(folder / "c.toml"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def first_frame(runs: int) -> Result:
    folder = Path(tempfile.mkdtemp(prefix="earful-bench-"))
    env = started_env(folder, folder / "e.db")
    ours_argv = [sys.executable, "-m", "tui", "start", NAME, "--company", "Acme"]
    floor_argv = [sys.executable, str(FLOOR_APP), NAME]
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
        " Textual app with the same widgets, started the same way; both with Python's"
        " bytecode cache, as installed"
    )
    return result


def demo_database(folder: Path) -> tuple[Path, str]:
    """A database holding `earful demo`, and the participant the home list shows first."""
    db = folder / "demo.db"
    env = started_env(folder, db)
    subprocess.run([sys.executable, "-m", "tui", "demo"], env=env, check=True, capture_output=True)
    with contextlib.closing(sqlite3.connect(db)) as conn:  # newest first, as home sorts
        (name,) = conn.execute(
            "SELECT p.name FROM sessions s JOIN participants p ON p.id = s.participant_id"
            " ORDER BY s.created_at DESC, s.id DESC LIMIT 1"
        ).fetchone()
    return db, str(name)


def home_first_frame(runs: int) -> Result:
    folder = Path(tempfile.mkdtemp(prefix="earful-bench-"))
    db, name = demo_database(folder)
    env = started_env(folder, db)
    ours_argv = [sys.executable, "-m", "tui"]
    floor_argv = [sys.executable, str(FLOOR_APP), name]
    mine, base = interleave(
        lambda: 1000 * time_to_text(ours_argv, name.encode(), env),
        lambda: 1000 * time_to_text(floor_argv, name.encode(), env),
        runs,
    )
    result = Result("home screen's list, 15-session demo (pty)", mine, base, "≤ 1.25×")
    result.ok = result.ratio is not None and result.ratio <= 1.25
    result.timed = (
        "wall time from spawning `earful` (no command: the home screen) in a 120x40 pty on"
        " the `earful demo` database until the first participant's name on its list is in"
        " its output; floor: benchmarks/floor_app.py showing that name, started the same"
        " way; both with Python's bytecode cache, as installed"
    )
    return result
