"""The interview clock: elapsed time with pauses, kept as plain stored numbers."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

ENDING_SOON_MS = 5 * 60 * 1000


def wall_ms() -> int:
    """Milliseconds since the epoch (wall clock, so a clock survives a restart)."""
    return time.time_ns() // 1_000_000


class ClockPhase(Enum):
    RUNNING = "running"
    ENDING = "ending"  # inside the last five minutes
    OVER = "over"


@dataclass(frozen=True)
class ClockState:
    """What the database keeps of a clock: enough to continue it after a crash."""

    started_at_ms: int
    paused_ms: int = 0
    paused_since_ms: int | None = None
    ended_at_ms: int | None = None


class InterviewClock:
    """Elapsed interview time. ``now`` is injectable so tests control time."""

    def __init__(self, state: ClockState, now: Callable[[], int] = wall_ms) -> None:
        self.state = state
        self._now = now

    @classmethod
    def start(cls, now: Callable[[], int] = wall_ms) -> InterviewClock:
        return cls(ClockState(started_at_ms=now()), now)

    @property
    def paused(self) -> bool:
        return self.state.paused_since_ms is not None

    @property
    def ended(self) -> bool:
        return self.state.ended_at_ms is not None

    def elapsed_ms(self) -> int:
        s = self.state
        if s.ended_at_ms is not None:
            until = s.ended_at_ms
        elif s.paused_since_ms is not None:
            until = s.paused_since_ms
        else:
            until = self._now()
        return max(0, until - s.started_at_ms - s.paused_ms)

    def remaining_ms(self, planned_minutes: int) -> int:
        return planned_minutes * 60_000 - self.elapsed_ms()

    def phase(self, planned_minutes: int) -> ClockPhase:
        remaining = self.remaining_ms(planned_minutes)
        if remaining < 0:
            return ClockPhase.OVER
        if remaining <= ENDING_SOON_MS:
            return ClockPhase.ENDING
        return ClockPhase.RUNNING

    def pause(self) -> None:
        if not self.paused and not self.ended:
            self.state = replace(self.state, paused_since_ms=self._now())

    def resume(self) -> None:
        s = self.state
        if s.paused_since_ms is not None:
            self.state = replace(
                s, paused_ms=s.paused_ms + self._now() - s.paused_since_ms, paused_since_ms=None
            )

    def toggle_pause(self) -> None:
        self.resume() if self.paused else self.pause()

    def restart(self) -> None:
        """Start again from zero now (the call began later than the app)."""
        self.state = ClockState(started_at_ms=self._now())

    def end(self) -> None:
        if not self.ended:
            self.resume()
            self.state = replace(self.state, ended_at_ms=self._now())

    def reopen(self) -> None:
        """Continue an ended interview; the time it was closed counts as a pause."""
        s = self.state
        if s.ended_at_ms is not None:
            gap = self._now() - s.ended_at_ms
            self.state = replace(s, paused_ms=s.paused_ms + gap, ended_at_ms=None)


def format_ms(ms: int) -> str:
    """``mm:ss`` (``h:mm:ss`` past an hour); negative offsets get a leading minus."""
    total = abs(ms) // 1000
    sign = "-" if ms < 0 and total else ""
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{minutes:02d}:{seconds:02d}"
