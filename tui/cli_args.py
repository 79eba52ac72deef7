"""Numbers typed on the command line, checked before they reach the store.

A whole number outside its range is refused in one line with exit status 1, as every
other bad input of the command line is: never an ``OverflowError`` from SQLite.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.core.text import visible

LARGEST_ID = 2**63 - 1  # SQLite's largest integer, so the largest row id
MAX_MINUTES = 600  # the same bounds as ``minutes`` in the config file
MAX_RESULTS = 1_000_000  # a team's decade of entries


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
