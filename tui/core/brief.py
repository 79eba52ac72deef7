"""An insight brief: a finding, its evidence, and key quotes in the customers' own words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.core.insights import TagQuote, name_list
from tui.core.markdown import md_escape
from tui.core.recording import shown_time
from tui.core.text import plural


@dataclass(frozen=True)
class KeyQuote:
    quote: TagQuote
    who: str
    recording_at_ms: int | None = None  # its session's sync, if any: times read in the recording

    @property
    def when(self) -> str:
        time = shown_time(self.quote.at_ms, self.recording_at_ms)
        where = " in the recording" if self.recording_at_ms is not None else ""
        return f"{self.quote.session_date} at {time}{where}"


@dataclass(frozen=True)
class Brief:
    finding: str
    tags: tuple[str, ...]
    participants: int
    of: int
    names: tuple[str, ...] = ()
    quotes: tuple[KeyQuote, ...] = field(default_factory=tuple)
    all_of: bool = False  # entries carrying every tag, rather than any of them
    descriptions: tuple[tuple[str, str], ...] = ()  # (tag as written, what it means)

    @property
    def percent(self) -> int:
        return round(100 * self.participants / self.of) if self.of else 0

    @property
    def evidence(self) -> str:
        return f"{self.participants} of {plural(self.of, 'participant')} ({self.percent}%)"

    @property
    def combination(self) -> str:
        """How the tags combine, in words: ``#pricing and !anxious in the same entry``."""
        return combine(self.tags, self.all_of)

    @property
    def mode(self) -> str:
        return "all of" if self.all_of else "any of"


def default_all_of(tags: Sequence[str]) -> bool:
    """A topic with an emotion means both at once ("pricing AND anxious"); else either."""
    kinds = {"emotion" if t.startswith("!") else "topic" for t in tags}
    return len(kinds) == 2


def combine(tags: Sequence[str], all_of: bool) -> str:
    if len(tags) < 2:
        return "".join(tags)
    if all_of:
        return " and ".join(tags) + " in the same entry"
    return " or ".join(tags)


def default_finding(tags: tuple[str, ...], all_of: bool = False) -> str:
    return "Participants raised " + combine(tags, all_of)


def _one_line(text: str) -> str:
    """Typed text on one line, escaped so the rendered brief reads it as typed."""
    return md_escape(" ".join(text.split()))


def _tag(written: str) -> str:
    """A tag as written, its name escaped: ``#pricing`` stays readable in the Markdown."""
    sigil = written[:1] if written[:1] in ("#", "!") else ""
    return sigil + md_escape(written[len(sigil) :])


def render_brief(brief: Brief) -> str:
    """The brief as Markdown, ready to paste into a doc, Slack or Notion.

    Each labelled line is its own paragraph: consecutive lines would render as one.
    """
    tags = combine([_tag(t) for t in brief.tags], brief.all_of)
    lines = [
        f"## {_one_line(brief.finding)}",
        "",
        f"**Evidence:** {brief.evidence} raised {tags}.",
        "",
    ]
    if brief.names:
        who = name_list(brief.names, brief.participants, "; ", _one_line)
        lines += [f"**Who:** {who}.", ""]
    if brief.descriptions:
        lines += ["**What the tags mean**", ""]
        lines += [f"- {_tag(tag)}: {_one_line(text)}" for tag, text in brief.descriptions]
        lines.append("")
    if not brief.quotes:
        lines.append("_No quotes carry these tags yet._")
        return "\n".join(lines) + "\n"
    lines.append("**Key quotes**")
    for key in brief.quotes:
        quote = key.quote
        star = " ★" if quote.starred else ""
        lines += [
            "",
            f"> “{_one_line(quote.text)}”",
            f"> — {_one_line(key.who)}, {key.when}{star}",
        ]
    return "\n".join(lines) + "\n"
