"""Time from starting a program in a pseudo-terminal until a text is on its screen."""

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


def time_to_text(
    argv: list[str], needle: bytes, env: dict[str, str], timeout: float = 20.0
) -> float:
    """Seconds until ``needle`` appears in what the program writes to its terminal."""
    leader, follower = pty.openpty()
    # 120x40, as a note-taker's terminal might be.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.perf_counter()
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
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                seen += chunk
                if needle in seen:
                    return time.perf_counter() - start
            elif process.poll() is not None:
                break
        raise RuntimeError(f"{needle!r} never appeared; output ended with {seen[-300:]!r}")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(leader)


if __name__ == "__main__":
    print(time_to_text(sys.argv[2:], sys.argv[1].encode(), dict(os.environ)))
