"""Patterns across interviews, as plain data: board rows, filters, quotes, the priorities grid."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from tui.core.markdown import md_escape
from tui.core.models import EntryKind, TagKind, person_label
from tui.core.text import plural, tag_mark


class FilterError(ValueError):
    """A filter the user typed that cannot be used, with a message saying why."""


@dataclass(frozen=True)
class BoardFilter:
    """Which sessions count: a date range (inclusive days), a company, words of the goal."""

    date_from: str = ""
    date_to: str = ""
    company: str = ""
    goal_words: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.date_from or self.date_to or self.company or self.goal_words)


def _day(text: str, label: str) -> str:
    text = text.strip()
    if not text:
        return ""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise FilterError(f"{label} must be a date like 2024-05-31, not {text!r}") from None


def parse_filter(
    date_from: str = "", date_to: str = "", company: str = "", goal: str = ""
) -> BoardFilter:
    """A BoardFilter from what was typed; raises FilterError with a readable message."""
    start, end = _day(date_from, "From"), _day(date_to, "To")
    if start and end and start > end:
        raise FilterError(f"From ({start}) is after To ({end})")
    words = tuple(w for w in re.split(r"\s+", goal.strip().lower()) if w)
    return BoardFilter(start, end, company.strip(), words)


@dataclass(frozen=True)
class BoardRow:
    """One tag on the insights board."""

    tag: str
    kind: TagKind
    participants: int
    of: int
    entries: int
    names: tuple[str, ...] = ()

    @property
    def share(self) -> int:
        return round(100 * self.participants / self.of) if self.of else 0

    @property
    def evidence(self) -> str:
        return f"{self.participants} of {plural(self.of, 'participant')}"

    @property
    def label(self) -> str:
        """The tag as typed: "#pricing" or "!anxious"."""
        return tag_mark(self.kind, self.tag)


@dataclass(frozen=True)
class TagQuote:
    """An entry carrying a tag, with where and when it was said."""

    entry_id: int
    session_id: int
    session_date: str
    at_ms: int
    kind: EntryKind
    text: str
    starred: bool = False
    emotions: tuple[str, ...] = ()
    strength: int = 0  # the strongest emotion's absolute valence


@dataclass(frozen=True)
class ParticipantQuotes:
    participant_id: int
    name: str
    company: str
    quotes: tuple[TagQuote, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return person_label(self.name, self.company)


@dataclass(frozen=True)
class SearchHit:
    entry_id: int
    session_id: int
    participant: str
    company: str
    session_date: str
    at_ms: int
    kind: EntryKind
    text: str


@dataclass(frozen=True)
class Priority:
    """A topic on the frequency × severity picture."""

    tag: str
    participants: int
    entries: int
    painful: int  # entries that also carry a negative emotion

    @property
    def pain(self) -> float:
        return self.painful / self.entries if self.entries else 0.0


# --- output formats ---------------------------------------------------------------------

NAMES_SHOWN = 20  # a tag raised by 500 people would otherwise list all 500 in one line


def name_list(
    names: Sequence[str],
    total: int = 0,
    sep: str = ", ",
    show: Callable[[str], str] = str,
    width: int = 0,
) -> str:
    """The first ``NAMES_SHOWN`` names, each through ``show``, then "and 480 more" for the
    rest of ``total`` (at least as many as there are names). With a ``width``, only as many
    names as fit in it with that ending, so a cut cell still says how many more there are.
    """
    total = max(total, len(names))

    def joined(shown: list[str]) -> str:
        more = total - len(shown)
        return sep.join([*shown, f"and {more} more"] if more > 0 else shown)

    shown: list[str] = []
    for name in names[:NAMES_SHOWN]:
        if width and shown and len(joined([*shown, show(name)])) > width:
            break
        shown.append(show(name))
    return joined(shown)


def board_markdown(rows: list[BoardRow], of: int) -> str:
    """The board as a Markdown table; its text reads in the rendered table as typed."""
    if not rows:
        return "No tags yet.\n"
    lines = [
        f"Tags ranked by distinct participants ({plural(of, 'participant')}).",
        "",
        "| tag | kind | participants | share | entries | who |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        who = name_list(row.names, row.participants, show=md_escape)
        lines.append(
            f"| {md_escape(row.tag)} | {row.kind} | {row.evidence} | {row.share}%"
            f" | {row.entries} | {who} |"
        )
    return "\n".join(lines) + "\n"


def board_csv(rows: list[BoardRow]) -> str:
    """The board as CSV, one row per tag, names joined by semicolons."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["tag", "kind", "participants", "of", "entries", "names"])
    for row in rows:
        writer.writerow(
            [row.tag, row.kind, row.participants, row.of, row.entries, "; ".join(row.names)]
        )
    return out.getvalue()


def board_json(rows: list[BoardRow]) -> str:
    return json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=2) + "\n"


# --- the priorities picture ---------------------------------------------------------------

MARKERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def priorities_grid(
    points: list[Priority], of: int, width: int = 56, height: int = 14
) -> list[str]:
    """A character-grid scatter: participants across, share of painful entries up."""
    shown = points[: len(MARKERS)]
    grid = [[" "] * width for _ in range(height)]
    most = max([of, *(p.participants for p in shown), 1])
    spots: dict[tuple[int, int], list[str]] = {}
    for marker, point in zip(MARKERS, shown, strict=False):
        x = round(point.participants / most * (width - 1))
        y = height - 1 - round(point.pain * (height - 1))
        spots.setdefault((x, y), []).append(marker)
        grid[y][x] = "*" if len(spots[(x, y)]) > 1 else marker
    middle_x, middle_y = width // 2, height // 2
    lines = ["painful"]
    for y, cells in enumerate(grid):
        axis = "100%" if y == 0 else ("  0%" if y == height - 1 else "    ")
        row = [c if c != " " or y != middle_y else "·" for c in cells]
        row[middle_x] = row[middle_x] if row[middle_x] not in (" ", "·") else "·"
        lines.append(f"{axis} │{''.join(row)}")
    lines.append("     └" + "─" * width)
    left, right = "0", plural(most, "participant")
    lines.append("      " + left + " " * max(1, width - len(left) - len(right)) + right)
    lines.append("")
    lines.append("Top right: many participants, much pain — fix first.")
    for together in (m for m in spots.values() if len(m) > 1):
        lines.append(f"  *  {', '.join(together)} share a spot")
    for marker, point in zip(MARKERS, shown, strict=False):
        lines.append(
            f"  {marker}  {point.tag}: {point.participants} of {plural(of, 'participant')},"
            f" {round(point.pain * 100)}% painful"
            f" ({point.painful} of {plural(point.entries, 'entry')})"
        )
    return lines
