"""A REFI-QDA project (``.qdpx``): interviews as coded text for QualCoder, ATLAS.ti, NVivo
and MAXQDA.

The file is a zip holding ``project.qde`` (XML in the ``urn:QDA-XML:project:1.0``
namespace, checked in the tests against the standard's ``Project.xsd``) and ``sources/``:

- each session is a text source, ``sources/<guid>.txt``: one line per entry
  (``[01:01] text``, ``[01:05] Note: text``, ``[02:10] Mark: text``), LF only;
- each quote is a ``PlainTextSelection`` of exactly its text (offsets in code points, end
  exclusive) coded with its topics, emotions and flags;
- codes sit under three parents that cannot be coded themselves: ``Topics`` (``#name``),
  ``Emotions`` (``!name``) and ``Flags`` (``★ starred`` …), so no two codes share a name;
- participants are cases, with their facts; notes, opportunities and insights are ``Note``s.

Text is written as stored, except what XML cannot carry: a control character becomes a
visible symbol, one code point for one (``␀``), so every offset still points at the
same words; a line break typed as CRLF or CR is LF.
"""

from __future__ import annotations

import functools
import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from tui.core.clock import format_ms
from tui.core.models import person_label

# Every GUID Earful derives (codes, codings, notes) is a version 5 UUID in this namespace,
# so two exports of the same data name everything alike.
NAMESPACE = uuid.UUID("a2262eb8-994d-492a-b0c5-585101fe7f82")
_SEEDED = hashlib.sha1(NAMESPACE.bytes, usedforsecurity=False)
NS = "urn:QDA-XML:project:1.0"
PARENTS = (("topic", "Topics"), ("emotion", "Emotions"), ("flag", "Flags"))
FLAG_CODES = (
    ("starred", "★ starred"),
    ("follow_up", "⚑ follow up"),
    ("testimonial", "♥ testimonial"),
)
LINE_LABELS = {"quote": "", "note": "Note: ", "mark": "Mark: "}

# What XML 1.0 cannot hold (C0 controls but tab and line feed; a lone surrogate; U+FFFE,
# U+FFFF), and the controls it holds but tools choke on (DEL, C1). CR is handled apart.
_XSD_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?", re.ASCII)
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the "control pictures" block: ␀ ␛
    return "\u2421" if code == 0x7F else "\ufffd"


def qda_text(text: str) -> str:
    """``text`` as the project carries it: CRLF and CR become LF, and each character XML
    cannot hold becomes one visible symbol, so offsets into the rest stay right."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNWRITABLE.sub(_symbol, text)


def xml_text(value: str) -> str:
    """Element content, escaped."""
    return qda_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(value: str) -> str:
    """An attribute value, escaped, with tab and line feed kept (a parser would make them
    spaces)."""
    return xml_text(value).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")


def derived_guid(*parts: object) -> str:
    """A GUID that is the same in every export of the same thing: ``uuid5`` over its parts.

    Hashed here rather than by ``uuid.uuid5``, which builds a UUID object each time: an
    export of 100,000 entries derives some 200,000 of these (one per coding).
    """
    digest = _SEEDED.copy()
    digest.update("\x1f".join(str(part) for part in parts).encode("utf-8", "surrogatepass"))
    raw = bytearray(digest.digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x50  # version 5
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    x = raw.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


@functools.cache
def code_guid(kind: str, name: str) -> str:
    """A tag's code: tags are identified by (name, kind) in every database."""
    return derived_guid("code", kind, name)


def xsd_datetime(value: str | None) -> str | None:
    """An ISO 8601 time as XML Schema's ``dateTime``, or None if it cannot be read."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))  # checks the calendar
    except ValueError:
        return None
    if _XSD_DATETIME.fullmatch(value):  # as Earful stores times: already in the form
        return value
    return moment.isoformat(timespec="seconds")


@dataclass(frozen=True)
class QdaTag:
    kind: str  # "topic" or "emotion"
    name: str
    description: str = ""


@dataclass(frozen=True)
class QdaParticipant:
    guid: str
    name: str
    company: str = ""
    email: str = ""
    segment: str = ""
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class QdaEntry:
    guid: str
    kind: str  # "quote", "note" or "mark"
    text: str
    at_ms: int
    created_at: str | None = None
    topics: tuple[str, ...] = ()
    emotions: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()  # the names in FLAG_CODES that are set
    original_text: str | None = None
    author: str = ""


@dataclass(frozen=True)
class QdaSession:
    guid: str
    id: int
    participant: QdaParticipant
    created_at: str
    goal: str = ""
    entries: tuple[QdaEntry, ...] = ()
    opportunities: tuple[str, ...] = ()
    insights: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        who = person_label(self.participant.name, self.participant.company)
        return f"{self.created_at[:10]} · {who} · session {self.id}"


@dataclass(frozen=True)
class QdaProject:
    name: str
    origin: str
    tags: tuple[QdaTag, ...] = ()
    participants: tuple[QdaParticipant, ...] = ()
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


@dataclass
class Written:
    """What went into the file, for the line the command prints."""

    sessions: int = 0
    entries: int = 0
    quotes: int = 0


def source_text(entries: Iterable[QdaEntry]) -> tuple[str, list[tuple[QdaEntry, int, int]]]:
    """A session's text, one line per entry, and where each entry's own words are in it."""
    lines: list[str] = []
    spans: list[tuple[QdaEntry, int, int]] = []
    at = 0
    for entry in entries:
        head = f"[{format_ms(entry.at_ms)}] {LINE_LABELS.get(entry.kind, '')}"
        words = qda_text(entry.text)
        if words:
            spans.append((entry, at + len(head), at + len(head) + len(words)))
        line = head + words if words else head.rstrip(" :")
        lines.append(line)
        at += len(line) + 1
    return "".join(line + "\n" for line in lines), spans
