"""An insight brief: a finding, its evidence, and key quotes in the customers' own words."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.core.clock import format_ms
from tui.core.insights import TagQuote


@dataclass(frozen=True)
class KeyQuote:
    quote: TagQuote
    who: str


@dataclass(frozen=True)
class Brief:
    finding: str
    tags: tuple[str, ...]
    participants: int
    of: int
    names: tuple[str, ...] = ()
    quotes: tuple[KeyQuote, ...] = field(default_factory=tuple)

    @property
    def percent(self) -> int:
        return round(100 * self.participants / self.of) if self.of else 0

    @property
    def evidence(self) -> str:
        return f"{self.participants} of {self.of} participants ({self.percent}%)"


def default_finding(tags: tuple[str, ...]) -> str:
    return "Participants raised " + " and ".join(tags)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_brief(brief: Brief) -> str:
    """The brief as Markdown, ready to paste into a doc, Slack or Notion."""
    lines = [
        f"## {_one_line(brief.finding)}",
        "",
        f"**Evidence:** {brief.evidence} raised {', '.join(brief.tags)}.",
    ]
    if brief.names:
        lines.append(f"**Who:** {'; '.join(_one_line(n) for n in brief.names)}.")
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
            f"> — {_one_line(key.who)}, {quote.session_date} at {format_ms(quote.at_ms)}{star}",
        ]
    return "\n".join(lines) + "\n"
