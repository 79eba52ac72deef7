"""Helpers shared by the command-line tests."""

from __future__ import annotations

import pytest

from tui.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``earful ARGV`` in this process: exit status, stdout, stderr."""
    try:
        status = main(argv)
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err
