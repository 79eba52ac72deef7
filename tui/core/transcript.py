"""A call's transcript, read from the file the call tool wrote: WebVTT, SRT or plain text.

- **WebVTT** (``webvtt-py``): Zoom writes ``Name: text`` cues, Teams ``<v Name>text</v>``
  voice tags with ids like ``<guid>/12-0``, often out of order and in UTF-16; plain VTT
  has no speakers.
- **SRT** (``srt``), with ``Name: text`` cues where the tool names speakers.
- **Plain text**: lines starting ``[hh:mm:ss]`` or ``hh:mm:ss Name:``; an unstamped line
  goes on the stamped line above it.

UTF-8, or UTF-8/UTF-16 with a byte-order mark; CRLF or LF. Tags are dropped and HTML
entities decoded, so a cue's text is what was said. Anything else is a ``TranscriptError``
naming the line where it can.
"""

from __future__ import annotations

import codecs
import html
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from tui.core.errors import LineError

MAX_BYTES = 10_000_000  # a three-hour call's transcript is under 2 MB, even in UTF-16
# Cues may touch, and ASR timings are rounded: a cue may begin this much before the one
# above it ends. Two named speakers may overlap more: people talk at once.
OVERLAP_MS = 1000
FORMATS = ("vtt", "srt", "text")

_TEAMS_ID = re.compile(r"[0-9a-fA-F-]{8,}/\d+-\d+")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# ``Name: text``: a short name (letters, digits, ``.'’-``, at most five words) and a colon.
_NAMED = re.compile(r"([^\W_][\w.'’\-]*(?: [\w.'’\-]+){0,4}):\s+(\S.*)", re.DOTALL)
_TIME = r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?"
_BRACKETED = re.compile(rf"\[{_TIME}\]\s*(.*)")
_STAMPED = re.compile(rf"{_TIME}\s+([^\W_][\w.'’\-]*(?: [\w.'’\-]+){{0,4}}):\s*(.*)")


class TranscriptError(LineError):
    """A transcript that cannot be read; ``line`` is its 1-based line number, if any."""


@dataclass(frozen=True)
class Cue:
    """What one speaker said between two recording times (ms from the recording's start)."""

    start_ms: int
    end_ms: int
    speaker: str  # "" when the file does not say
    text: str


@dataclass(frozen=True)
class Transcript:
    format: str  # one of FORMATS
    cues: tuple[Cue, ...]

    @property
    def speakers(self) -> list[str]:
        """Named speakers, most words first."""
        words: Counter[str] = Counter()
        for cue in self.cues:
            if cue.speaker:
                words[cue.speaker] += len(cue.text.split())
        return [name for name, _ in words.most_common()]


def too_big(size: int) -> TranscriptError | None:
    """The refusal of a file of ``size`` bytes, if over the limit: checked before reading."""
    if size <= MAX_BYTES:
        return None
    return TranscriptError(
        f"is {size / 1_000_000:.1f} MB; a transcript is at most {MAX_BYTES // 1_000_000} MB"
    )


def read_transcript_file(path: Path) -> Transcript:
    """The transcript in the file at ``path``, or ``TranscriptError`` saying what is wrong
    with it (a folder, a pipe or a file over the limit is refused before reading)."""
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):  # a folder, or a pipe that would never end
            raise TranscriptError("cannot read: not a file")
        if refusal := too_big(found.st_size):
            raise refusal
        data = path.read_bytes()
    except OSError as error:
        raise TranscriptError(f"cannot read: {error.strerror or error}") from None
    return read_transcript(data)


def read_transcript(data: bytes) -> Transcript:
    """The cues of a transcript file's bytes, in time order, or ``TranscriptError``."""
    text = decode(data)
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise TranscriptError("is empty: no cues")
    head = lines[first].strip()
    if head.startswith("WEBVTT"):
        return _checked("vtt", _vtt(text, lines))
    if head.isdigit() and first + 1 < len(lines) and "-->" in lines[first + 1]:
        return _checked("srt", _srt(text, lines))
    if _BRACKETED.fullmatch(head) or _STAMPED.fullmatch(head):
        return _checked("text", _plain(lines))
    raise TranscriptError(
        "is not a transcript: expected WebVTT (a WEBVTT first line), SRT (numbered cues"
        " with 00:00:01,000 --> 00:00:04,000 times) or text lines starting [hh:mm:ss]"
        " or hh:mm:ss Name:",
        first + 1,
    )


def decode(data: bytes) -> str:
    """The file's text with LF line breaks; refuses binary data and text not in UTF-8/16."""
    if refusal := too_big(len(data)):
        raise refusal
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"))
    bom, codec = next(
        ((b, c) for b, c in (*boms, (codecs.BOM_UTF16_BE, "utf-16-be")) if data.startswith(b)),
        (b"", "utf-8"),
    )
    body = data[len(bom) :]
    if codec == "utf-8" and b"\x00" in body:
        line = body[: body.index(b"\x00")].count(b"\n") + 1
        raise TranscriptError(
            "holds a NUL byte: a binary file, or UTF-16 without a byte-order mark", line
        )
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        line = body[: error.start].decode(codec, "replace").count("\n") + 1
        what = "UTF-16" if codec.startswith("utf-16") else "UTF-8"
        raise TranscriptError(f"is not {what} text (byte {error.start})", line) from None
    if not text.strip():
        raise TranscriptError("is empty: no cues")
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class _Raw:
    """A cue as read, before speakers are settled: its line, and a name the file gave."""

    line: int
    start_ms: int
    end_ms: int
    text: str
    voice: str = ""


def _cue_lines(lines: list[str]) -> list[int]:
    """1-based numbers of the timing lines, in file order: the n-th is the n-th cue's."""
    return [i + 1 for i, line in enumerate(lines) if "-->" in line]


def _vtt(text: str, lines: list[str]) -> list[_Raw]:
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    try:
        captions = webvtt.WebVTT.from_string(text, strict=True).captions
    except (MalformedFileError, MalformedCaptionError) as error:
        raise _first_bad_block(lines, _vtt_block_ok) from error
    numbers = _line_numbers(_cue_lines(lines), len(captions))
    raws = [
        _Raw(
            number,
            c.start_time.in_milliseconds(),
            c.end_time.in_milliseconds(),
            html.unescape(c.text),  # webvtt-py drops the tags, not the entities
            html.unescape(c.voice or ""),
        )
        for number, c in zip(numbers, captions, strict=True)
    ]
    # Teams lists cues as its service finishes them: its ids are not in order, the times are.
    if captions and all(_TEAMS_ID.fullmatch(c.identifier or "") for c in captions):
        raws.sort(key=lambda r: (r.start_ms, r.line))
    return raws


def _vtt_block_ok(block: str) -> bool:
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    try:
        webvtt.WebVTT.from_string(f"WEBVTT\n\n{block}\n", strict=True)
    except (MalformedFileError, MalformedCaptionError):
        return False
    return True


def _first_bad_block(lines: list[str], ok: Callable[[str], bool]) -> TranscriptError:
    """Where a parser refused the file: its first block that does not parse alone."""
    start = 1 if lines and lines[0].lstrip("\ufeff").startswith("WEBVTT") else 0
    block: list[str] = []
    for i in range(start, len(lines) + 1):
        if i < len(lines) and lines[i].strip():
            block.append(lines[i])
            continue
        if block and "-->" in "".join(block) and not ok("\n".join(block)):
            at = i - len(block) + 1
            return TranscriptError(f"cannot read this cue: {_shorten(block[0])}", at)
        block = []
    return TranscriptError("cannot be read as WebVTT")


def _srt(text: str, lines: list[str]) -> list[_Raw]:
    import srt

    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as error:
        # What srt could not read starts at expected_start, after the blank lines there.
        rest = text[error.expected_start :]
        at = error.expected_start + len(rest) - len(rest.lstrip())
        bad = text[at:].split("\n", 1)[0]
        raise TranscriptError(
            f"cannot read this cue: {_shorten(bad)} (expected a number, then a time line)",
            text[:at].count("\n") + 1,
        ) from None
    numbers = _line_numbers(_cue_lines(lines), len(subtitles))
    return [
        _Raw(n, _ms(s.start.total_seconds()), _ms(s.end.total_seconds()), _plain_text(s.content))
        for n, s in zip(numbers, subtitles, strict=True)
    ]


def _plain(lines: list[str]) -> list[_Raw]:
    raws: list[_Raw] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if found := _BRACKETED.fullmatch(line.strip()):
            voice, said = "", found.group(5)
        elif found := _STAMPED.fullmatch(line.strip()):
            voice, said = found.group(5), found.group(6)
        elif raws:
            raws[-1].text += "\n" + line.strip()
            continue
        else:  # read_transcript saw a stamp on the first line with text
            continue
        hours, minutes, seconds, fraction = found.groups()[:4]
        if int(seconds) > 59 or (hours and int(minutes) > 59):
            raise TranscriptError(f"{_shorten(line)}: not a time", number)
        at = ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000
        at += int((fraction or "0").ljust(3, "0"))
        raws.append(_Raw(number, at, at, html.unescape(said), voice))
    for raw, after in pairwise(raws):
        raw.end_ms = max(raw.start_ms, after.start_ms)
    if raws:  # the last line lasts about as long as saying it would
        last = raws[-1]
        last.end_ms = last.start_ms + max(1000, 400 * len(last.text.split()))
    return raws


def _checked(fmt: str, raws: list[_Raw]) -> Transcript:
    """Speakers settled, text tidied, and the times checked: never backwards, no empty cue."""
    if not raws:
        raise TranscriptError("has no cues")
    names = _speaker_names(raw.text for raw in raws if not raw.voice)
    cues: list[Cue] = []
    previous: _Raw | None = None
    speaker = ""
    for raw in raws:
        said = " ".join(raw.text.split())
        if raw.voice:
            speaker = " ".join(raw.voice.split())
        elif (named := _NAMED.fullmatch(said)) and named.group(1) in names:
            speaker, said = named.group(1), named.group(2)
        elif not names:
            speaker = ""
        if not said:
            raise TranscriptError("a cue with no text", raw.line)
        if raw.end_ms < raw.start_ms:
            raise TranscriptError(
                f"the cue ends ({_clock(raw.end_ms)}) before it starts ({_clock(raw.start_ms)})",
                raw.line,
            )
        if previous is not None:
            _check_order(previous, raw, cues[-1].speaker, speaker)
        cues.append(Cue(raw.start_ms, raw.end_ms, speaker, said))
        previous = raw
    return Transcript(fmt, tuple(cues))


def _check_order(before: _Raw, cue: _Raw, before_speaker: str, speaker: str) -> None:
    if cue.start_ms < before.start_ms:
        raise TranscriptError(
            f"the cue starts at {_clock(cue.start_ms)}, before the one above it"
            f" ({_clock(before.start_ms)}): times must not go backwards",
            cue.line,
        )
    overlap = before.end_ms - cue.start_ms
    crosstalk = before_speaker and speaker and before_speaker != speaker
    if overlap > OVERLAP_MS and not crosstalk:
        raise TranscriptError(
            f"the cue starts at {_clock(cue.start_ms)}, {overlap / 1000:.1f} s before the one"
            f" above it ends ({_clock(before.end_ms)}): cues may touch, or overlap by at most"
            f" {OVERLAP_MS / 1000:.0f} s unless two speakers talk at once",
            cue.line,
        )


def _speaker_names(texts: Iterable[str]) -> set[str]:
    """The ``Name:`` prefixes that are names: used on two cues or more, or capitalised.

    "So the thing is: we…" once in a plain file is what was said, not a speaker. A file
    where under a third of the cues start with a name has no named speakers.
    """
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        if found := _NAMED.fullmatch(" ".join(text.split())):
            counts[found.group(1)] += 1
    if 3 * sum(counts.values()) < total:
        return set()
    return {
        name
        for name, n in counts.items()
        if n >= 2 or all(w[0].isupper() or w[0].isdigit() for w in name.split())
    }


def _plain_text(text: str) -> str:
    """Tags dropped and entities decoded: "<i>Tom &amp; Jerry</i>" is "Tom & Jerry"."""
    return html.unescape(_TAG.sub("", text))


def _line_numbers(timing_lines: list[int], cues: int) -> list[int]:
    # A "-->" inside cue text is not allowed, but where it is, lines are not known.
    return timing_lines if len(timing_lines) == cues else [0] * cues


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def _clock(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02}:{minutes:02}:{rest // 1000:02}.{rest % 1000:03}"


def _shorten(line: str, width: int = 40) -> str:
    line = line.strip()
    return repr(line if len(line) <= width else line[: width - 1] + "…")
