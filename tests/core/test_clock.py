"""The interview clock, driven by a fake time source."""

from __future__ import annotations

import dataclasses
import json

import pytest

from tui.core.clock import ClockPhase, ClockState, InterviewClock, format_ms

SECOND = 1000
MINUTE = 60 * SECOND


class FakeTime:
    """A wall clock the test moves by hand."""

    def __init__(self, start: int = 1_700_000_000_000) -> None:
        self.ms = start

    def __call__(self) -> int:
        return self.ms

    def advance(self, ms: int) -> None:
        self.ms += ms


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


def test_elapsed_follows_the_time_source(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    assert clock.elapsed_ms() == 0
    time.advance(90 * SECOND)
    assert clock.elapsed_ms() == 90 * SECOND
    time.advance(25 * MINUTE)
    assert clock.elapsed_ms() == 90 * SECOND + 25 * MINUTE


def test_paused_time_is_not_counted(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(10 * SECOND)
    clock.pause()
    assert clock.paused
    time.advance(5 * MINUTE)
    assert clock.elapsed_ms() == 10 * SECOND
    clock.resume()
    assert not clock.paused
    time.advance(5 * SECOND)
    assert clock.elapsed_ms() == 15 * SECOND


def test_several_pauses_add_up(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    for _ in range(3):
        time.advance(1 * MINUTE)
        clock.toggle_pause()
        assert clock.paused
        time.advance(2 * MINUTE)
        clock.toggle_pause()
        assert not clock.paused
    assert clock.elapsed_ms() == 3 * MINUTE


def test_pausing_twice_keeps_the_first_pause_start(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(1 * MINUTE)
    clock.pause()
    time.advance(1 * MINUTE)
    clock.pause()
    time.advance(1 * MINUTE)
    clock.resume()
    assert clock.elapsed_ms() == 1 * MINUTE


def test_resume_without_pause_changes_nothing(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(1 * MINUTE)
    clock.resume()
    time.advance(1 * MINUTE)
    assert clock.elapsed_ms() == 2 * MINUTE


def test_restart_starts_again_from_zero(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(10 * MINUTE)
    clock.pause()
    time.advance(1 * MINUTE)
    clock.restart()
    assert clock.elapsed_ms() == 0
    assert not clock.paused
    time.advance(3 * SECOND)
    assert clock.elapsed_ms() == 3 * SECOND


def test_restart_after_end_runs_again(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(10 * MINUTE)
    clock.end()
    clock.restart()
    assert not clock.ended
    time.advance(7 * SECOND)
    assert clock.elapsed_ms() == 7 * SECOND


def test_end_freezes_the_clock(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(20 * MINUTE)
    clock.end()
    assert clock.ended
    time.advance(60 * MINUTE)
    assert clock.elapsed_ms() == 20 * MINUTE
    clock.pause()  # no effect on an ended clock
    assert not clock.paused
    clock.end()  # ending twice keeps the first end
    time.advance(1 * MINUTE)
    assert clock.elapsed_ms() == 20 * MINUTE


def test_ending_while_paused_does_not_count_the_pause(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(20 * MINUTE)
    clock.pause()
    time.advance(5 * MINUTE)
    clock.end()
    assert not clock.paused
    time.advance(5 * MINUTE)
    assert clock.elapsed_ms() == 20 * MINUTE


def test_reopen_counts_the_closed_gap_as_a_pause(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(20 * MINUTE)
    clock.end()
    time.advance(15 * MINUTE)
    clock.reopen()
    assert not clock.ended
    assert clock.elapsed_ms() == 20 * MINUTE
    time.advance(1 * MINUTE)
    assert clock.elapsed_ms() == 21 * MINUTE


def test_reopen_of_a_running_clock_changes_nothing(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(4 * MINUTE)
    clock.reopen()
    time.advance(1 * MINUTE)
    assert clock.elapsed_ms() == 5 * MINUTE


def test_elapsed_is_never_negative_if_the_wall_clock_goes_back(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(-10 * MINUTE)
    assert clock.elapsed_ms() == 0


@pytest.mark.parametrize(
    ("elapsed", "remaining", "phase"),
    [
        (0, 30 * MINUTE, ClockPhase.RUNNING),
        (10 * MINUTE, 20 * MINUTE, ClockPhase.RUNNING),
        (24 * MINUTE + 59 * SECOND, 5 * MINUTE + SECOND, ClockPhase.RUNNING),
        (25 * MINUTE - 1, 5 * MINUTE + 1, ClockPhase.RUNNING),
        (25 * MINUTE, 5 * MINUTE, ClockPhase.ENDING),  # "5:00 left" is already ending soon
        (26 * MINUTE, 4 * MINUTE, ClockPhase.ENDING),
        (29 * MINUTE + 59 * SECOND, SECOND, ClockPhase.ENDING),
        (30 * MINUTE, 0, ClockPhase.ENDING),  # "0:00 left" is not over time yet
        (30 * MINUTE + 1, -1, ClockPhase.OVER),
        (30 * MINUTE + SECOND, -SECOND, ClockPhase.OVER),
        (31 * MINUTE, -1 * MINUTE, ClockPhase.OVER),
        (95 * MINUTE, -65 * MINUTE, ClockPhase.OVER),
    ],
)
def test_remaining_and_phase(
    time: FakeTime, elapsed: int, remaining: int, phase: ClockPhase
) -> None:
    clock = InterviewClock.start(time)
    time.advance(elapsed)
    assert clock.remaining_ms(30) == remaining
    assert clock.phase(30) is phase


def test_phase_ignores_paused_time(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(20 * MINUTE)
    clock.pause()
    time.advance(30 * MINUTE)
    assert clock.phase(30) is ClockPhase.RUNNING
    assert clock.remaining_ms(30) == 10 * MINUTE


def test_over_time_reads_as_negative(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(31 * MINUTE + 5 * SECOND)
    assert format_ms(clock.remaining_ms(30)) == "-01:05"


@pytest.mark.parametrize(
    ("ms", "shown"),
    [
        (0, "00:00"),
        (999, "00:00"),
        (1_000, "00:01"),
        (59_999, "00:59"),
        (60_000, "01:00"),
        (754_000, "12:34"),
        (3_599_999, "59:59"),
        (3_600_000, "1:00:00"),
        (3_661_000, "1:01:01"),
        (10 * 3_600_000 + 5_000, "10:00:05"),
        (-1_000, "-00:01"),
        (-61_000, "-01:01"),
        (-3_661_000, "-1:01:01"),
    ],
)
def test_format_ms(ms: int, shown: str) -> None:
    assert format_ms(ms) == shown


# --- continuing after a crash -------------------------------------------------------


def _saved_and_loaded(state: ClockState) -> ClockState:
    """What the database would keep of the clock, and what it gives back."""
    return ClockState(**json.loads(json.dumps(dataclasses.asdict(state))))


def test_a_running_clock_continues_after_a_crash(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(5 * MINUTE)
    clock.pause()
    time.advance(1 * MINUTE)
    clock.resume()
    time.advance(2 * MINUTE)
    saved = _saved_and_loaded(clock.state)
    del clock  # the laptop dies; the call goes on for another minute
    time.advance(1 * MINUTE)
    again = InterviewClock(saved, time)
    assert again.elapsed_ms() == 8 * MINUTE
    time.advance(30 * SECOND)
    assert again.elapsed_ms() == 8 * MINUTE + 30 * SECOND


def test_a_paused_clock_stays_paused_after_a_crash(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(5 * MINUTE)
    clock.pause()
    saved = _saved_and_loaded(clock.state)
    time.advance(10 * MINUTE)
    again = InterviewClock(saved, time)
    assert again.paused
    assert again.elapsed_ms() == 5 * MINUTE
    again.resume()
    time.advance(1 * MINUTE)
    assert again.elapsed_ms() == 6 * MINUTE


def test_an_ended_clock_stays_ended_after_a_crash(time: FakeTime) -> None:
    clock = InterviewClock.start(time)
    time.advance(42 * MINUTE)
    clock.end()
    saved = _saved_and_loaded(clock.state)
    time.advance(3 * 60 * MINUTE)
    again = InterviewClock(saved, time)
    assert again.ended
    assert again.elapsed_ms() == 42 * MINUTE
    again.reopen()
    time.advance(1 * MINUTE)
    assert again.elapsed_ms() == 43 * MINUTE


def test_default_time_source_is_the_wall_clock() -> None:
    clock = InterviewClock.start()
    assert 0 <= clock.elapsed_ms() < 5 * SECOND
