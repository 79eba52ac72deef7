"""The interview clock as the note-taker sees it: elapsed, planned, remaining."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from tui.core.clock import ClockPhase, InterviewClock, format_ms


class ClockDisplay(Static):
    """Changes colour in the last five minutes and again when over time."""

    DEFAULT_CSS = """
    ClockDisplay { width: 38; height: 1; padding: 0 1; text-align: right; }
    ClockDisplay.-synced { width: 50; }
    ClockDisplay.-ending { background: $earful-clock-ending; color: $background; }
    ClockDisplay.-over { background: $earful-clock-over; color: $background; text-style: bold; }
    ClockDisplay.-paused { text-style: reverse; }
    """

    def __init__(self, clock: InterviewClock, planned_minutes: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.clock = clock
        self.planned_minutes = planned_minutes
        self._recording_at_ms: int | None = None

    @property
    def recording_at_ms(self) -> int | None:
        """Interview time at which the recording started, once synced (ctrl+r)."""
        return self._recording_at_ms

    @recording_at_ms.setter
    def recording_at_ms(self, at_ms: int | None) -> None:
        self._recording_at_ms = at_ms
        self.set_class(at_ms is not None, "-synced")  # wider: a layout, but only on a sync
        self.tick()

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(0.5, self.tick)

    def tick(self) -> None:
        clock, planned = self.clock, self.planned_minutes
        phase = clock.phase(planned)
        remaining = clock.remaining_ms(planned)
        self.set_class(phase is ClockPhase.ENDING, "-ending")
        self.set_class(phase is ClockPhase.OVER, "-over")
        self.set_class(clock.paused, "-paused")
        state = "ENDED " if clock.ended else "PAUSED " if clock.paused else ""
        left = f"over {format_ms(-remaining)}" if remaining < 0 else f"{format_ms(remaining)} left"
        elapsed = clock.elapsed_ms()
        text = f"{state}{format_ms(elapsed)} / {planned}:00 · {left}"
        if self._recording_at_ms is not None:
            text += f" · rec {format_ms(max(0, elapsed - self._recording_at_ms))}"
        self.update(Content(text), layout=False)  # fixed width: no need to re-lay out
