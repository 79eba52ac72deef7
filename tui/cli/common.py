"""What every command shares: opening the store, one-line failures, numbers, printing.

Every command module imports this one and never another command module. Nothing here
imports sqlite-utils or Textual at module level: ``earful`` draws its first frame before
the store is opened.

A whole number outside its range is refused in one line with exit status 1, as every
other bad input of the command line is: never an ``OverflowError`` from SQLite.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tui.core.config import Config
from tui.core.models import person_label
from tui.core.text import visible, visible_lines

if TYPE_CHECKING:
    import argparse

    from tui.store.store import Store

LARGEST_ID = 2**63 - 1  # SQLite's largest integer, so the largest row id
MAX_MINUTES = 600  # the same bounds as ``minutes`` in the config file
MAX_RESULTS = 1_000_000  # a team's decade of entries


class CommandGroup(Protocol):
    """One module of commands, as ``tui.cli`` registers it."""

    COMMANDS: set[str]

    def add_commands(self, commands: Any) -> None:
        """Add this module's subcommands to the ``earful`` parser."""

    def run(self, args: argparse.Namespace, db_path: Path, config: Config) -> int:
        """Run one of ``COMMANDS``; returns the exit status."""


def error_line(line: str) -> int:
    """``earful: line`` on standard error, as given; returns the exit status 1.

    For lines whose user text the caller has already made inert; else use ``fail``.
    """
    print(f"earful: {line}", file=sys.stderr)
    return 1


def fail(message: str) -> int:
    """``earful: message`` on standard error, made inert for a terminal; returns 1."""
    return error_line(visible(message))


def report_config_problems(config: Config) -> None:
    """Each problem found in the config file, one line each on standard error."""
    for problem in config.problems:
        error_line(problem)


def open_store_or_exit(path: Path, read_only: bool = False) -> Store:
    """The store, or one line on standard error and exit 1; ``read_only`` for commands
    that only read (they then work on a file or folder Earful may not write to)."""
    from tui.store.opening import StoreError
    from tui.store.store import open_store

    try:
        return open_store(path, read_only=read_only)
    except StoreError as error:
        error_line(str(error))
        raise SystemExit(1) from error


def print_lines(text: str) -> None:
    """Print multi-line output (Markdown, CSV) made safe for a terminal, line breaks kept."""
    print(visible_lines(text.rstrip("\n")))


def who(participant: str, company: str) -> str:
    """The "name, company" label, or the name alone; not yet made inert."""
    return person_label(participant, company)


class BadNumber(Exception):
    """A number argument out of range or not a whole number; the message is the line.

    Not a ValueError on purpose: argparse would turn that into its own usage message.
    """


def bounded(name: str, low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``low`` to ``high`` for option ``name``."""

    def parse(text: str) -> int:
        return _whole_number(name, text, low, high)

    return parse


def session_ref(text: str) -> str:
    """An argparse ``type`` for SESSION: ``latest``, or a session id as plain digits."""
    if text.strip().lower() == "latest":
        return "latest"
    wanted = "a session id (`earful sessions` lists them) or latest"
    return str(_whole_number("SESSION", text, 1, LARGEST_ID, wanted))


def _whole_number(name: str, text: str, low: int, high: int, wanted: str = "") -> int:
    wanted = wanted or f"a whole number from {low:,} to {high:,}"
    try:
        # int() alone would accept "1_000" and, from a long enough argument, take seconds.
        number = int(text) if text.strip().isdecimal() and len(text) <= 40 else None
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise BadNumber(f"{name} must be {wanted}, not {visible(text)!r}")
    return number
