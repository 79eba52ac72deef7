"""What the person at the terminal sees: the program's output run through a VT100 emulator."""

from __future__ import annotations

import time
from collections.abc import Callable

import pyte

from tests.faults.terminal import Terminal

TIME_WIDTH = 8  # the log's time column: "  00:03 " before each entry's first line


def squeeze(text: str) -> str:
    """One space between words, so wrapped lines compare with the text as typed."""
    return " ".join(text.split())


class Screen:
    """The terminal's rows as a person reads them, kept up to date from ``terminal``."""

    def __init__(self, terminal: Terminal, columns: int, rows: int) -> None:
        self._terminal = terminal
        self._screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self._screen)
        self._fed = 0

    def text(self) -> list[str]:
        """Every row of the screen, as shown now."""
        new = bytes(self._terminal.output[self._fed :])
        self._fed += len(new)
        self._stream.feed(new)
        return list(self._screen.display)

    def dump(self) -> str:
        return "\n".join(f"{n:2}|{row}|" for n, row in enumerate(self.text()))

    def shows(self, needle: str) -> bool:
        return any(needle in row for row in self.text())

    def wait_until(self, check: Callable[[], bool], what: str, timeout: float = 15) -> bool:
        """Poll until ``check()`` holds; False (never a sleep-then-assert) if it never does."""
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline or self._terminal.process.poll() is not None:
                return False
            time.sleep(0.03)
        return True

    def wait_for(self, needle: str, timeout: float = 15) -> None:
        if not self.wait_until(lambda: self.shows(needle), needle, timeout):
            raise AssertionError(f"{needle!r} never shown; the screen:\n{self.dump()}")

    def wait_gone(self, needle: str, timeout: float = 15) -> None:
        if not self.wait_until(lambda: not self.shows(needle), needle, timeout):
            raise AssertionError(f"{needle!r} still shown; the screen:\n{self.dump()}")

    # the live screen -----------------------------------------------------------------

    def _capture_top(self, rows: list[str]) -> int | None:
        """The top border of the capture line (drawn ``▊▔▔▔…``), searched from the bottom."""
        for number in range(len(rows) - 1, -1, -1):
            if rows[number].startswith("▊▔"):
                return number
        return None

    def capture_label(self) -> str:
        """The line just above the capture line: what the F-keys act on, or the draft's kind."""
        rows = self.text()
        top = self._capture_top(rows)
        return rows[top - 1].strip() if top else ""

    def capture_text(self) -> str:
        rows = self.text()
        top = self._capture_top(rows)
        return rows[top + 1].strip("▊▎ ") if top is not None else ""

    def log_rows(self) -> list[str]:
        """The log's rows: under the header and goal, above the counter and the label."""
        rows = self.text()
        top = self._capture_top(rows)
        if top is None:
            return []
        return [row[:-1].rstrip() for row in rows[2 : top - 2]]  # last column: the scrollbar

    def log_text(self) -> str:
        """The log's entries run together, times left out, so a wrapped entry reads whole."""
        return squeeze(" ".join(row[TIME_WIDTH:] for row in self.log_rows()))

    def log_shows(self, text: str) -> bool:
        return squeeze(text) in self.log_text()
