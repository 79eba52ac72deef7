"""The interview clock as the note-taker sees it: elapsed, planned, remaining."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.core.clock import ClockPhase, InterviewClock, format_ms


class ClockDisplay(Static):
    """Changes colour in the last five minutes and again when over time."""

    DEFAULT_CSS = """
    ClockDisplay { width: 40; height: 1; padding: 0 1; text-align: right; }
    ClockDisplay.-ending { background: $earful-clock-ending; color: $background; }
    ClockDisplay.-over { background: $earful-clock-over; color: $background; text-style: bold; }
    ClockDisplay.-paused { text-style: reverse; }
    """

    def __init__(self, clock: InterviewClock, planned_minutes: int, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.clock = clock
        self.planned_minutes = planned_minutes

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
        text = f"{state}{format_ms(clock.elapsed_ms())} / {planned}:00 · {left}"
        self.update(Content(text), layout=False)  # fixed width: no need to re-lay out
