"""Errors shared by the readers of user files (guides, transcripts)."""

from __future__ import annotations


class LineError(ValueError):
    """A file that cannot be read; ``line`` is its 1-based line number, if there is one.

    The message is the line to show: "line 12: a cue with no text".
    """

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(f"line {line}: {reason}" if line else reason)
        self.reason = reason
        self.line = line
