"""A session as Markdown and CSV, and a quote with who said it, for the clipboard (JSON is
``export_json``)."""

from __future__ import annotations

import csv
import io
import string

from tui.core.clock import format_ms
from tui.core.config import DEFAULT_COPY_FORMAT
from tui.core.markdown import md_escape
from tui.core.models import Entry, Participant
from tui.core.recording import shown_time
from tui.core.session_guide import SessionGuide
from tui.core.session_transcript import (
    times_note,
)
from tui.core.snapshot import Snapshot, journey, sparkline, tag_counts
from tui.core.text import visible

CSV_COLUMNS = (
    "session",
    "date",
    "participant",
    "company",
    "time",
    "kind",
    "text",
    "topics",
    "emotions",
    "starred",
    "edited",
    # Added later, at the end so readers that count columns keep working.
    "follow_up",
    "testimonial",
    "recording_time",  # empty until a sync or a transcript places it in the recording
    "question",  # its number through the guide, and its words; empty without one
    "question_text",
    "entry_id",  # the entry's id in this database, to point back at it
    "at_seconds",  # interview time in seconds, for sorting and arithmetic: 61.5
)
# OWASP: a spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def attribution(
    entry: Entry,
    participant: Participant,
    fmt: str = DEFAULT_COPY_FORMAT,
    recording_at_ms: int | None = None,
    recording_ms: int | None = None,
) -> str:
    """The entry with who said it and when, e.g. ``“text” — Ada Lovelace, Acme · 12:34``.

    Placeholders: ``{text}``, ``{who}``, ``{name}``, ``{company}``, ``{time}``, ``{kind}``.
    ``{time}`` points at the moment in the recording when that is known: the entry's
    ``recording_ms`` (``Snapshot.recording_ms``: its transcript words, or the transcript's
    offset), else by the session's sync (``recording_at_ms``); else it is interview time.
    ``{interview_time}`` is always interview time.
    Control characters are made visible, so pasting the result never runs anything.
    """
    recorded = None if recording_ms is None else format_ms(recording_ms)
    values = _Blank(
        text=visible(entry.text),
        who=visible(participant.label),
        name=visible(participant.name),
        company=visible(participant.company),
        time=recorded or shown_time(entry.at_ms, recording_at_ms),
        interview_time=format_ms(entry.at_ms),
        kind=entry.kind,
    )
    try:
        return string.Formatter().vformat(fmt, (), values)
    except (ValueError, IndexError, AttributeError, KeyError):
        return string.Formatter().vformat(DEFAULT_COPY_FORMAT, (), values)


# Markdown ----------------------------------------------------------------------------


def to_markdown(snap: Snapshot, fmt: str = DEFAULT_COPY_FORMAT) -> str:
    """The snapshot as a Markdown page, readable as is in a doc or a pull request.

    Who said the quotes is said once, in the title: every quote in it is theirs.
    """
    session, who = snap.session, snap.participant
    out = [f"# Interview snapshot: {md_escape(who.label)}", ""]
    out.append(f"- **Date:** {snap.date}")
    out.append(f"- **Duration:** {format_ms(snap.duration_ms)}")
    out.append(f"- **Goal:** {md_escape(session.goal) or '—'}")
    placed = any(snap.recording_ms(e) is not None for e in snap.entries)
    out.append(f"- **Times:** {times_note(session.recording_at_ms, snap.transcript, placed)}.")
    out += ["", "## Quick facts", ""]
    out += [f"- {md_escape(f)}" for f in who.facts] or ["- —"]
    out += ["", "## Memorable quote", ""]
    if snap.memorable is not None:
        quote = attribution(
            snap.memorable, who, fmt, session.recording_at_ms, snap.recording_ms(snap.memorable)
        )
        out.append("> " + md_escape(quote))
    else:
        out.append("None picked yet.")
    for title, items in (("Opportunities", snap.opportunities), ("Insights", snap.insights)):
        out += ["", f"## {title}", ""]
        out += [f"{n}. {md_escape(item)}" for n, item in enumerate(items, 1)] or ["- —"]
    if snap.guide is not None:
        out += ["", "## Guide", "", *_md_guide(snap.guide)]
    out += ["", "## Experience map", ""]
    guide, current = snap.guide, None
    for entry in snap.entries:
        number = guide.answers.get(entry.id) if guide else None
        if guide is not None and number != current:
            # Answers under the question being asked, in the order of the call.
            out += [*([""] if out[-1] else []), _md_question(guide, number), ""]
            current = number
        out.append("- " + _md_entry(entry, _md_time(snap, entry, placed)))
    if not snap.entries:
        out.append("Nothing captured.")
    todo = [e for e in snap.entries if e.follow_up or e.testimonial]
    if todo:
        out += ["", "## After the call", ""]
        for entry in todo:
            asks = [what for flag, what in _TODO_WORDS if getattr(entry, flag)]
            time = _md_time(snap, entry, placed)
            out.append(f"- {' and '.join(asks)}: {_md_entry(entry, time, flags=False)}")
    spark = sparkline(journey(snap.entries, snap.valences, snap.duration_ms, 40))
    out += ["", "## Emotional journey", "", f"`{spark}`", ""]
    out.append(
        "Low is frustrated, high is delighted, `·` no emotion noted;"
        f" from 00:00 to {format_ms(snap.duration_ms)} interview time."
    )
    topics, emotions = tag_counts(snap.entries)
    out += ["", "## Tags", ""]
    out += [f"- #{md_escape(name)}: {count}" for name, count in topics.most_common()]
    out += [f"- !{md_escape(name)}: {count}" for name, count in emotions.most_common()]
    if not topics and not emotions:
        out.append("- —")
    return "\n".join(out) + "\n"


def _md_guide(found: SessionGuide) -> list[str]:
    """Which guide, how much of it was asked, and what was not (for the next interview)."""
    total = len(found.questions)
    out = [
        f"- **Guide:** {md_escape(found.guide.name)}, version {found.version}",
        f"- **Asked:** {len(found.asked())} of {total} questions",
    ]
    missed = found.not_asked()
    if not missed:
        return [*out, "", "Every question was asked."]
    out += ["", "Not asked:", ""]
    for number in missed:
        tick = found.ticks.get(number)
        why = " _(skipped)_" if tick is not None and tick.skipped else ""
        out.append(f"- Q{number} {md_escape(found.question(number).text)}{why}")
    return out


def _md_question(found: SessionGuide, number: int | None) -> str:
    if number is None:
        return "_Between questions_"
    return f"**Q{number} · {md_escape(found.question(number).text)}**"


_FLAG_WORDS = (("follow_up", "⚑ follow up"), ("testimonial", "♥ testimonial"))
_TODO_WORDS = (("follow_up", "⚑ Follow up"), ("testimonial", "♥ Ask permission to quote"))


def _md_time(snap: Snapshot, entry: Entry, placed: bool) -> str:
    """Recording time, interview time in parentheses, once any entry has a recording time
    (``—`` for one the recording cannot place); else interview time alone."""
    if not placed:
        return f"`{format_ms(entry.at_ms)}`"
    at = snap.recording_ms(entry)
    return f"`{'—' if at is None else format_ms(at)}` ({format_ms(entry.at_ms)})"


def _md_entry(entry: Entry, time: str, flags: bool = True) -> str:
    """One entry on one line, without who said it (the page says that once)."""
    chips = " ".join(
        [*(f"#{md_escape(t)}" for t in entry.topics), *(f"!{md_escape(e)}" for e in entry.emotions)]
    )
    extra = (" ★" if entry.starred else "") + (" _(edited)_" if entry.edited else "")
    extra += f" — {chips}" if chips else ""
    said = [words for flag, words in _FLAG_WORDS if flags and getattr(entry, flag)]
    extra += " · " + " · ".join(said) if said else ""
    if entry.kind == "mark":
        text = md_escape(entry.text) or "to fill in from the recording"
        return f"{time} **moment marked:** {text}{extra}"
    if entry.kind == "note":
        return f"{time} note: _{md_escape(entry.text)}_{extra}"
    return f"{time} “{md_escape(entry.text)}”{extra}"


# CSV ---------------------------------------------------------------------------------


def csv_cell(value: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (OWASP CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_csv(snap: Snapshot) -> str:
    """One row per entry; no byte-order mark (add one when writing a file for Excel).

    ``time`` is interview time; ``recording_time`` the same moment in the recording.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    who = snap.participant
    for entry in snap.entries:
        recorded = snap.recording_ms(entry)
        row = [
            str(snap.session.id),
            snap.date,
            who.name,
            who.company,
            format_ms(entry.at_ms),
            entry.kind,
            entry.text,
            " ".join(entry.topics),
            " ".join(entry.emotions),
            *(_csv_flag(on) for on in (entry.starred, entry.edited)),
            *(_csv_flag(on) for on in (entry.follow_up, entry.testimonial)),
            "" if recorded is None else format_ms(recorded),
            *_csv_question(snap.guide, entry),
            str(entry.id),
            seconds(entry.at_ms),
        ]
        writer.writerow([csv_cell(visible(cell)) for cell in row])
    return buffer.getvalue()


def _csv_flag(on: bool) -> str:
    return "true" if on else "false"


def seconds(ms: int) -> str:
    """Milliseconds as seconds with only the decimals needed: ``61``, ``61.5``, ``0.001``."""
    return f"{ms / 1000:.3f}".rstrip("0").rstrip(".")


def _csv_question(found: SessionGuide | None, entry: Entry) -> tuple[str, str]:
    number = found.answers.get(entry.id) if found else None
    if found is None or number is None:
        return "", ""
    return str(number), found.question(number).text


# JSON --------------------------------------------------------------------------------
