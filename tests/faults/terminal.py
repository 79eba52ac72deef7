"""Drive the real ``earful`` program in a pseudo-terminal, as a user's terminal would."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.pty_start import spawn_in_pty

RUNNING: list[Terminal] = []  # killed after each test, passed or failed (conftest.py)


class Terminal:
    """One running ``earful`` with a screen of ``columns`` x ``rows``."""

    def __init__(self, args: list[str], env: dict[str, str], columns: int = 100, rows: int = 30):
        self.process, self.leader = spawn_in_pty(
            [sys.executable, "-m", "tui", *args], env, columns, rows
        )
        RUNNING.append(self)
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.leader, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for_output(self, needle: bytes, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.output:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(
                    f"{needle!r} not shown; ended with {bytes(self.output[-400:])!r}"
                )
            time.sleep(0.02)

    def type(self, text: str) -> None:
        os.write(self.leader, text.encode())

    def kill(self) -> None:
        """SIGKILL: the laptop dies, nothing gets to clean up."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        with contextlib.suppress(OSError):
            os.close(self.leader)


def earful_env(db: Path, folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(EARFUL_DB=str(db), EARFUL_CONFIG=str(folder / "config.toml"), TERM="xterm-256color")
    env.pop("DISPLAY", None)
    return env


def query(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read the database the way another program would (read-only)."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def wait_until(
    check: Callable[[], bool], timeout: float = 20, what: str | Callable[[], str] = ""
) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            said = what() if callable(what) else what
            raise AssertionError(f"timed out waiting for {said}")
        time.sleep(0.05)
