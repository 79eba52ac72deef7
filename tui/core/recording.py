"""Recording time: once a session is synced to its recording, people see times in the recording.

The data keeps interview time (``at_ms``); ``recording_at_ms`` is the interview time at
which the recording began. Everything shown to a person goes through here, so the rule
lives in one place: recording time is ``at_ms - recording_at_ms``, floored at 0 (a moment
before the recording began is at its start).
"""

from __future__ import annotations

from tui.core.clock import format_ms


def shown_ms(at_ms: int, recording_at_ms: int | None) -> int:
    """The time a person sees for an entry at ``at_ms`` interview time."""
    if recording_at_ms is None:
        return at_ms
    return max(0, at_ms - recording_at_ms)


def shown_time(at_ms: int, recording_at_ms: int | None) -> str:
    """``shown_ms`` as ``mm:ss``."""
    return format_ms(shown_ms(at_ms, recording_at_ms))


def interview_ms(shown: int, recording_at_ms: int | None) -> int:
    """Back from what a person typed (in the clock in use) to interview time."""
    return shown if recording_at_ms is None else shown + recording_at_ms


def clock_note(recording_at_ms: int | None) -> str:
    """Which clock the times are on, in words."""
    if recording_at_ms is None:
        return "times are interview time (no recording synced)"
    return f"times are recording time, synced at {format_ms(recording_at_ms)} interview time"


def clock_label(recording_at_ms: int | None) -> str:
    """A short name for the clock in use, for a column or a field label."""
    return "interview time" if recording_at_ms is None else "recording time"
