"""A folder whose files no one can write, not even root (tests and CI may run as root)."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def nobody_can_write(folder: Path) -> Iterator[None]:
    """Make ``folder`` and the files in it read-only for the length of the ``with``.

    Mode bits are enough for an ordinary user; root ignores them, so there the files and
    the folder are also marked immutable (``chattr +i``). Skips the test when neither
    takes effect, so a pass always means the writes really were impossible.
    """
    paths = [*sorted(p for p in folder.iterdir() if p.is_file()), folder]
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in paths}
    immutable: list[Path] = []
    try:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        if _writable(folder):
            for path in paths:
                try:
                    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
                except FileNotFoundError:
                    pytest.skip("cannot make a read-only folder here (root, and no chattr)")
                if made.returncode != 0:
                    pytest.skip("cannot make a read-only folder here (root, and no chattr +i)")
                immutable.append(path)
        if _writable(folder):
            pytest.skip("cannot make a read-only folder here")
        yield
    finally:
        for path in reversed(immutable):
            subprocess.run(["chattr", "-i", str(path)], check=True)
        for path, mode in modes.items():
            path.chmod(mode)


def _writable(folder: Path) -> bool:
    """Whether a file in ``folder`` can be changed or created, tried for real."""
    for path in folder.iterdir():
        try:
            with path.open("r+b"):
                return True
        except OSError:
            pass
    try:
        handle = os.open(folder / ".probe", os.O_CREAT | os.O_WRONLY, 0o600)
    except OSError:
        return False
    os.close(handle)
    (folder / ".probe").unlink()
    return True
