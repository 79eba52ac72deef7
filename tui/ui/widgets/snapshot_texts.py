"""The snapshot's header and memorable quote, as the lines to show."""

from __future__ import annotations

from textual.content import Content

from tui.core.clock import format_ms
from tui.core.export import attribution
from tui.core.snapshot import Snapshot
from tui.core.text import visible


def header_text(snap: Snapshot | None) -> Content:
    """Who, when, how long, whether it ended; the clock in use, the transcript, the goal."""
    if snap is None:
        return Content("Opening…")
    status = "ended" if snap.session.clock.ended_at_ms is not None else "still open"
    rec = snap.session.recording_at_ms
    clock = "" if rec is None else f"Recording time (synced at {format_ms(rec)}) · "
    found = snap.transcript
    if found is not None:
        offset = "offset unknown"
        if found.offset_ms is not None:
            offset = f"offset {found.offset_ms / 1000:+.1f} s ({found.offset_from})"
        speaker = f" · {found.speaker} speaks for them" if found.speaker else ""
        clock += f"Transcript {found.source}: {offset}{speaker} · "
    return Content.from_markup(
        "[b]$who[/b] · $date · $length · $status\n$clock$goal",
        clock=visible(clock),
        who=visible(snap.participant.label),
        date=snap.date,
        length=format_ms(snap.duration_ms),
        status=status,
        goal="Goal: " + (visible(snap.session.goal) or "none set"),
    )


def memorable_text(snap: Snapshot | None, copy_format: str) -> Content:
    """The memorable quote as it would be copied, under its heading."""
    heading = Content.styled("Memorable quote (m picks)\n", "bold $text-accent")
    if snap is None or snap.memorable is None:
        return heading + Content("None yet: star a quote (s), then m picks it.")
    quote = attribution(
        snap.memorable,
        snap.participant,
        copy_format,
        snap.session.recording_at_ms,
        snap.recording_ms(snap.memorable),
    )
    return heading + Content.styled(quote, "italic")
