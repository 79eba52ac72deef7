"""Commands for after the call: export."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tui.core.config import Config

COMMANDS: set[str] = set()


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the ``earful`` parser."""


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run one of ``COMMANDS``; returns the exit status."""
    raise NotImplementedError(args.command)
