"""Paging up a long live log in a real terminal: from the key to the page painted."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Result
from benchmarks.keys import _seed
from benchmarks.pty_start import Terminal, in_pty
from benchmarks.startup import started_env

PAGE_UP = b"\x1b[5~"
# Each seeded quote ends with its number, "(1999)" for the newest of 2000.
NUMBER = re.compile(rb"\((\d+)\)")


def _oldest_shown(terminal: Terminal) -> int:
    return min(int(n) for n in NUMBER.findall(terminal.seen))


def _page_up(terminal: Terminal, oldest: int, timeout: float = 5.0) -> float:
    """Milliseconds from writing PageUp until the terminal receives a quote older than
    ``oldest``: the frame with the page above has begun to arrive (Textual writes a frame
    in one piece)."""
    terminal.seen = b""
    start = time.perf_counter()
    os.write(terminal.leader, PAGE_UP)
    while time.perf_counter() - start < timeout:
        terminal.read(0.05)
        if any(int(n) < oldest for n in NUMBER.findall(terminal.seen)):
            return 1000 * (time.perf_counter() - start)
    raise RuntimeError(f"no older quote than ({oldest}) within {timeout} s of PageUp")


def scrolling(pages: int, entries: int = 2000) -> Result:
    folder = Path(tempfile.mkdtemp(prefix="earful-bench-"))
    db = folder / "e.db"
    _seed(db, entries)
    env = started_env(folder, db)
    frames: list[float] = []
    with in_pty([sys.executable, "-m", "tui", "resume"], env) as terminal:
        terminal.wait_for(f"({entries - 1})".encode(), timeout=60)
        terminal.idle(1.0)
        oldest = _oldest_shown(terminal)
        for _ in range(pages):
            frames.append(_page_up(terminal, oldest))
            terminal.idle(0.3)  # the rest of the frame, and a user's pause between pages
            oldest = min(oldest, _oldest_shown(terminal))
    result = Result(f"scrolling a {entries}-entry log a page", frames, [], "no frame over 50 ms")
    result.note = f"worst {max(frames):.1f} ms; first page {frames[0]:.1f} ms"
    result.ok = max(frames) <= 50
    result.timed = (
        f"each of {pages} PageUp keys on the live log of a {entries}-entry session resumed"
        " in a 120x40 pty, from writing the key to the terminal receiving the page above;"
        " no floor"
    )
    return result
