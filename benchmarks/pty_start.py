"""Programs started in a pseudo-terminal: time until a text is on screen, memory when idle."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path


class Terminal:
    """The leader side of a pty with one program running on the follower side."""

    def __init__(self, process: subprocess.Popen[bytes], leader: int, start: float) -> None:
        self.process = process
        self.leader = leader
        self.start = start
        self.seen = b""

    def _read(self, wait: float) -> bool:
        """Read what is there within ``wait`` seconds; False once the program is gone."""
        ready, _, _ = select.select([self.leader], [], [], wait)
        if not ready:
            return self.process.poll() is None
        try:
            self.seen += os.read(self.leader, 65536)
        except OSError:
            return False
        return True

    def read(self, wait: float) -> bool:
        """What the program wrote within ``wait`` seconds, added to ``seen``."""
        return self._read(wait)

    def wait_for(self, needle: bytes, timeout: float = 20.0) -> float:
        """Seconds from the start until ``needle`` appears in what the program wrote."""
        while time.perf_counter() - self.start < timeout:
            if not self._read(0.05):
                break
            if needle in self.seen:
                return time.perf_counter() - self.start
        raise RuntimeError(f"{needle!r} never appeared; output ended with {self.seen[-300:]!r}")

    def idle(self, seconds: float) -> None:
        """Let the program settle, reading its output so it never blocks on a full pty."""
        until = time.perf_counter() + seconds
        while time.perf_counter() < until and self._read(0.05):
            pass

    def rss_mb(self) -> float:
        """Resident memory of the program, from /proc (Linux)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024


def spawn_in_pty(
    argv: list[str], env: dict[str, str], columns: int = 120, rows: int = 40
) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``argv`` on a new pseudo-terminal of that size; returns it and the leader fd."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        argv,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        close_fds=True,
        start_new_session=True,
    )
    os.close(follower)
    return process, leader


@contextlib.contextmanager
def in_pty(argv: list[str], env: dict[str, str]) -> Iterator[Terminal]:
    """Start ``argv`` in a 120x40 pseudo-terminal; kill it on leaving."""
    start = time.perf_counter()
    process, leader = spawn_in_pty(argv, env)
    try:
        yield Terminal(process, leader, start)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(leader)


def time_to_text(
    argv: list[str], needle: bytes, env: dict[str, str], timeout: float = 20.0
) -> float:
    """Seconds until ``needle`` appears in what the program writes to its terminal."""
    with in_pty(argv, env) as terminal:
        return terminal.wait_for(needle, timeout)


def rss_when_idle(argv: list[str], needle: bytes, env: dict[str, str], settle: float) -> float:
    """Resident MB once ``needle`` is on screen and the program has idled ``settle`` seconds."""
    with in_pty(argv, env) as terminal:
        terminal.wait_for(needle)
        terminal.idle(settle)
        return terminal.rss_mb()


if __name__ == "__main__":
    print(time_to_text(sys.argv[2:], sys.argv[1].encode(), dict(os.environ)))
