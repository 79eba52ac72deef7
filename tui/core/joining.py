"""What joining two note-takers' sessions of one call did, said in one line.

The two sessions' clocks started when each note-taker pressed start, so the same moment
of the call has a different interview time in each. With both synced to the recording
(ctrl+r) the recording says exactly how they differ; otherwise their start times do, and a
pause taken in one session and not the other is not known by its moment (only its length
is kept), so it cannot be aligned: the line says how far later entries may be off.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.clock import format_ms
from tui.core.text import plural


@dataclass(frozen=True)
class Joined:
    """The outcome of joining session ``other_id`` into ``keep_id``."""

    keep_id: int
    other_id: int
    entries: int  # moved into the kept session
    authors: tuple[str, ...]  # who typed them, most entries first ('' not known: left out)
    by_sync: bool  # aligned by both sessions' recording syncs, else by their start times
    shift_ms: int  # added to each moved entry's interview time
    clamped: int = 0  # entries that would have come before the kept session began
    transcript: str = ""  # "moved" (the kept one had none) or "dropped" (it had one)
    pause_gap_ms: int = 0  # by start time: how much more one session was paused


def shift_text(shift_ms: int) -> str:
    """``+12.4 s``, ``-3.0 s``."""
    sign = "-" if shift_ms < 0 else "+"
    return f"{sign}{abs(shift_ms) / 1000:,.1f} s"


def joined_line(joined: Joined) -> str:
    """``joined session 4 into 3: 37 entries from bo (aligned by the recording sync,
    +12.4 s)``, and what else the reader must know; user text not yet made inert."""
    how = "the recording sync" if joined.by_sync else "start time"
    authors = [a for a in joined.authors if a]
    who = f" from {_listed(authors)}" if authors else ""
    line = (
        f"joined session {joined.other_id} into {joined.keep_id}: "
        f"{plural(joined.entries, 'entry')}{who} (aligned by {how}, {shift_text(joined.shift_ms)})"
    )
    if joined.clamped:
        line += (
            f"; {plural(joined.clamped, 'entry')} from before session {joined.keep_id}"
            " began put at 00:00"
        )
    if joined.pause_gap_ms:
        line += f"; pauses differ by {format_ms(joined.pause_gap_ms)}: later times may be off"
    if joined.transcript == "moved":
        line += "; its transcript moved too"
    elif joined.transcript == "dropped":
        line += f"; its transcript dropped (session {joined.keep_id} has one)"
    return line


def _listed(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + f" and {names[-1]}"
