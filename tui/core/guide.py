"""The interview guide: a Markdown file of sections and questions, parsed and written back.

```markdown
# Onboarding discovery
Goal: How do teams share what they learn from customers?

## Warm-up (5 min)
- Tell me about your role. @ada
  - What does a normal week look like?
```

``# `` names the guide, ``Goal:`` (before the first section) is its goal, ``## Title (N
min)`` starts a section with an optional time budget, ``- question @asker #topic`` is a
question and an indented item under it a probe. Every other line is kept, literally, as
the notes of the section it is in; lines before the first ``## `` belong to an untitled
opening section. Text is data: nothing in it is interpreted beyond these few markers.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import Any

from tui.core.capture import normalise_tag
from tui.core.errors import LineError
from tui.core.text import encodable

MAX_BYTES = 1_000_000  # a long guide is a few kilobytes; a bigger file is the wrong file
MAX_MINUTES = 600  # the same bound as a session's planned length

_NAME = re.compile(r"#(?:\s+(.*))?")
_SECTION = re.compile(r"##(?:\s+(.*))?")
_BUDGET = re.compile(r"(.*?)\s*\(\s*([^()\s]+)\s*(?:min|mins|minute|minutes)\s*\)", re.IGNORECASE)
_GOAL = re.compile(r"goal\s*:(.*)", re.IGNORECASE)
_ITEM = re.compile(r"(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s+(.*))?")
# Like the capture line's tags: a token starts with a letter, so "#1" stays text.
_TOKEN = re.compile(r"([@#])(\w[\w.\-]*)")
_LAST_WORD = re.compile(r"(?:^|\s)(\S+)\s*$")


class GuideError(LineError):
    """A guide file that cannot be read; ``line`` is its 1-based line number, if any."""


@dataclass(frozen=True)
class Question:
    """One question: its words, who asks it, the topic it offers, and probes to follow up."""

    text: str
    asker: str = ""
    topic: str = ""
    probes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A part of the interview; ``title`` is empty only for an opening, untitled section."""

    title: str
    questions: tuple[Question, ...] = ()
    minutes: int | None = None  # the time budget, if the guide gives one
    notes: str = ""


@dataclass(frozen=True)
class Guide:
    name: str
    goal: str = ""
    sections: tuple[Section, ...] = ()

    @property
    def questions(self) -> list[tuple[int, Question]]:
        """Every question in order, with the index of its section."""
        return [(i, q) for i, s in enumerate(self.sections) for q in s.questions]


@dataclass
class _Item:
    line: int
    text: str
    probes: list[list[Any]] = field(default_factory=list)  # [line, text] pairs


@dataclass
class _Part:
    title: str
    minutes: int | None = None
    notes: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)


def too_big(size: int) -> GuideError | None:
    """The refusal of a file of ``size`` bytes, if it is over the limit (checked before
    reading a file whole)."""
    if size <= MAX_BYTES:
        return None
    shown = f"{size / 1_000_000:.1f} MB"
    return GuideError(f"is {shown}; a guide file is at most {MAX_BYTES // 1_000_000} MB")


def decode_guide(data: bytes) -> str:
    """The file's text, or ``GuideError`` for a file too big, binary or not UTF-8."""
    if refusal := too_big(len(data)):
        raise refusal
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise GuideError("holds a NUL byte: this is a binary file, not a Markdown guide", line)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise GuideError("is not UTF-8 text (save the file as UTF-8)", line) from error


def read_guide(data: bytes, name: str | None = None) -> Guide:
    """Parse a guide file's bytes; ``name`` (``--name``) wins over its ``# `` line."""
    return parse_guide(decode_guide(data), name)


def parse_guide(text: str, name: str | None = None) -> Guide:
    """Parse a guide's Markdown text; raises ``GuideError`` naming the line at fault."""
    found_name: str | None = None
    goal: str | None = None
    parts: list[_Part] = []
    last: _Item | list[Any] | None = None  # the item a continuation line would extend
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            last = None
            if parts and parts[-1].notes and parts[-1].notes[-1]:
                parts[-1].notes.append("")  # a paragraph break inside the notes
            continue
        if last is not None and line[0].isspace() and not _ITEM.fullmatch(line):
            # A wrapped item: Markdown joins an indented line to the item above it.
            if isinstance(last, _Item):
                last.text += " " + line.strip()
            else:
                last[1] += " " + line.strip()
            continue
        last = None
        if heading := _NAME.fullmatch(line):
            if found_name is not None or any(p.title for p in parts):
                raise GuideError("a guide has one `# name` line; sections start with `## `", number)
            found_name = (heading.group(1) or "").strip()
            if not found_name:
                raise GuideError("the `#` line has no name after it", number)
        elif heading := _SECTION.fullmatch(line):
            parts.append(_section(heading.group(1) or "", number))
        elif not any(p.title for p in parts) and (said := _GOAL.fullmatch(line)):
            if goal is not None:
                raise GuideError("a guide has one `Goal:` line", number)
            goal = said.group(1).strip()
        elif item := _ITEM.fullmatch(line):
            words = (item.group(2) or "").strip()
            if not parts:
                parts.append(_Part(""))
            if not words:
                raise GuideError("an empty list item: write the question after the `-`", number)
            if not item.group(1):
                last = _Item(number, words)
                parts[-1].items.append(last)
            elif not parts[-1].items:
                raise GuideError("an indented item (a probe) needs a question above it", number)
            else:
                last = [number, words]
                parts[-1].items[-1].probes.append(last)
        else:
            if not parts:
                parts.append(_Part(""))
            parts[-1].notes.append(line)
    given = found_name if name is None else name.strip()
    if not given:
        raise GuideError("has no name: start it with a `# Name` line or give --name")
    guide = Guide(given, goal or "", tuple(_built(p) for p in parts))
    if not guide.questions:
        raise GuideError("has no questions: write each on a line starting with `- `")
    return guide


def _section(heading: str, number: int) -> _Part:
    title, minutes = heading.strip(), None
    if budget := _BUDGET.fullmatch(title):
        title, amount = budget.group(1).strip(), budget.group(2)
        if not amount.isdecimal() or len(amount) > 4:
            raise GuideError(
                f"the section's time budget must be a whole number of minutes, not {amount!r}",
                number,
            )
        minutes = int(amount)
        if not 1 <= minutes <= MAX_MINUTES:
            raise GuideError(f"a section's time budget is 1 to {MAX_MINUTES} minutes", number)
    if not title:
        raise GuideError("a section needs a title after `## `", number)
    return _Part(title, minutes)


def _built(part: _Part) -> Section:
    while part.notes and not part.notes[-1]:
        part.notes.pop()
    questions = tuple(_question(i) for i in part.items)
    return Section(part.title, questions, part.minutes, "\n".join(part.notes))


def _question(item: _Item) -> Question:
    """Split the trailing ``@asker`` and ``#topic`` tokens off an item's words."""
    text, asker, topic = item.text, "", ""
    while (last := _LAST_WORD.search(text)) and (token := _TOKEN.fullmatch(last.group(1))):
        sigil, word = token.groups()
        if not word[0].isalpha():
            break
        if sigil == "@":
            if asker:
                raise GuideError(f"a question has one asker (@{word} and @{asker})", item.line)
            asker = word
        else:
            if topic:
                raise GuideError(f"a question has one topic (#{word} and #{topic})", item.line)
            topic = normalise_tag(word)
        text = text[: last.start(1)].rstrip()
    if not text:
        raise GuideError("the question has no words before its @asker or #topic", item.line)
    return Question(text, asker, topic, tuple(str(p[1]) for p in item.probes))


def render_guide(guide: Guide) -> str:
    """The guide as Markdown that parses back to an equal guide."""
    lines = [f"# {guide.name}"] if guide.name else []
    if guide.goal:
        lines.append(f"Goal: {guide.goal}")
    for section in guide.sections:
        if lines:
            lines.append("")
        if section.title:
            budget = f" ({section.minutes} min)" if section.minutes is not None else ""
            lines.append(f"## {section.title}{budget}")
        if section.notes:
            # Notes go before the questions: after an item, an indented line would join it.
            lines += [section.notes, ""] if section.questions else [section.notes]
        for q in section.questions:
            tokens = (f" @{q.asker}" if q.asker else "") + (f" #{q.topic}" if q.topic else "")
            lines.append(f"- {q.text}{tokens}")
            lines += [f"  - {probe}" for probe in q.probes]
    return "\n".join(lines) + "\n"


def fingerprint(guide: Guide) -> str:
    """A hash of what the guide asks (not its name): equal guides, equal fingerprints."""
    # As stored: a lone surrogate is kept as U+FFFD (encodable), so it hashes as one too.
    text = encodable(render_guide(replace(guide, name="")))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def guide_json(guide: Guide) -> dict[str, Any]:
    """The guide as plain JSON data."""
    return {
        "name": guide.name,
        "goal": guide.goal,
        "sections": [
            {
                "title": s.title,
                "minutes": s.minutes,
                "notes": s.notes,
                "questions": [
                    {"text": q.text, "asker": q.asker, "topic": q.topic, "probes": list(q.probes)}
                    for q in s.questions
                ],
            }
            for s in guide.sections
        ],
    }
