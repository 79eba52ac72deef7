"""Checking a JSON export before anything of it is written: shape, then sense.

The shape is the JSON Schema shipped beside this module (``export.schema.json``), checked
by ``jsonschema``: a maintained validator that says where in the document a value is
wrong. What a schema cannot say (an interview that ends before it starts, a date that is
no date, a tag name that normalises to nothing) is checked here afterwards. Every problem
is an ``ExportError`` naming the JSON path, e.g. ``entries[3].starred: expected true or
false, not "false"``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from tui.core.capture import normalise_tag
from tui.core.export_json import read_json
from tui.core.guide import Guide, GuideError, Question, Section, parse_guide, render_guide
from tui.core.session_guide import read_guide_part
from tui.core.snapshot import Snapshot

MAX_DEPTH = 32  # an export nests 4 deep; bounded so no parser or check can recurse away
Path = tuple[str | int, ...]

# A JSON string (to its end if unterminated, so scanning stays linear), and the rest.
_STRINGS = re.compile(r'"(?:[^"\\]+|\\.)*"?', re.DOTALL)
_TOKENS = re.compile(_STRINGS.pattern + r"|[\[\]{}]", re.DOTALL)
_BRACKETS = re.compile(r"[^\[\]{}]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # how JSON writes one
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_KINDS = {
    "object": "an object",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "null",
}


class ExportError(ValueError):
    """A document that is not a valid export, said in one line with where it is wrong."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}" if where else reason)
        self.where, self.reason = where, reason


def load_export(text: str) -> Snapshot:
    """The session in an export, checked whole; ``ExportError`` names the first problem."""
    data = parse(text)
    check_shape(data)
    check_sense(data)
    return _normalised(read_json(text), data)


def parse(text: str) -> Any:
    """JSON with its nesting bounded before parsing, and every string encodable."""
    if _deepest(_BRACKETS.sub("", _STRINGS.sub("", text))) > MAX_DEPTH:
        depth = 0  # find where, the slow way: only for a document being refused
        for token in _TOKENS.finditer(text):
            depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(token.group(), 0)
            if depth > MAX_DEPTH:
                raise ExportError(_position(text, token.start()), f"nested over {MAX_DEPTH} deep")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise ExportError(where, f"not JSON: {error.msg}") from None
    except RecursionError:  # not reached while the count above holds; kept as a guard
        raise ExportError("", f"not JSON: nested over {MAX_DEPTH} deep") from None
    except ValueError:  # the only other one: an integer of thousands of digits
        raise ExportError("", "not JSON: a number is far too long") from None
    if _SURROGATE.search(text) or _SURROGATE_ESCAPE.search(text):  # else no walk needed
        _check_encodable(data)
    return data


def check_shape(data: Any) -> None:
    """The document against the shipped JSON Schema; the shallowest problem first."""
    if isinstance(data, dict) and "format" not in data:
        raise ExportError("top level", 'not an Earful session export (no "format" field)')
    errors = sorted(_validator().iter_errors(data), key=lambda e: _order(e.absolute_path))
    if not errors:
        return
    error = errors[0]
    where = json_path(tuple(error.absolute_path))
    if error.validator == "required":
        missing = next(k for k in error.validator_value if k not in error.instance)
        raise ExportError(where or "top level", f"missing field {missing!r}")
    schema = error.schema if isinstance(error.schema, dict) else {}
    expected = schema.get("x-expected") or _describe(schema.get("type"))
    raise ExportError(where or "top level", f"expected {expected}, not {_found(error.instance)}")


def check_sense(data: dict[str, Any]) -> None:
    """What the schema cannot say: dates, a clock that runs forwards, ids, tag names."""
    session, clock = data["session"], data["session"]["clock"]
    _stamp(session["created_at"], "session.created_at")
    if not data["participant"]["name"].strip():
        raise ExportError("participant.name", "a participant needs a name")
    started = clock["started_at_ms"]
    for field in ("paused_since_ms", "ended_at_ms"):
        if clock[field] is not None and clock[field] < started:
            raise ExportError(f"session.clock.{field}", f"{clock[field]} is before started_at_ms")
    until = clock["ended_at_ms"] if clock["ended_at_ms"] is not None else clock["paused_since_ms"]
    if until is not None and clock["paused_ms"] > until - started:
        raise ExportError("session.clock.paused_ms", "paused for longer than the clock ran")
    ids: set[int] = set()
    for n, entry in enumerate(data["entries"]):
        where = f"entries[{n}]"
        if entry["id"] in ids:
            raise ExportError(f"{where}.id", f"another entry has id {entry['id']}")
        ids.add(entry["id"])
        for field in ("created_at", "edited_at"):
            if entry[field] is not None:
                _stamp(entry[field], f"{where}.{field}")
        for field in ("topics", "emotions"):
            for m, name in enumerate(entry[field]):
                tag_name(name, f"{where}.{field}[{m}]")
    memorable = session["memorable_entry_id"]
    if memorable is not None and memorable not in ids:
        raise ExportError("session.memorable_entry_id", f"no entry has id {memorable}")
    for name in data["tags"]["emotions"]:
        tag_name(name, json_path(("tags", "emotions", name)))
    check_guide(data)
    check_transcript(data)
    check_identity(data)


def check_identity(data: dict[str, Any]) -> None:
    """Edit times that are times, and no uuid twice among the entries (version 4)."""
    parts = [("session", data["session"]), ("participant", data["participant"])]
    parts += [(f"entries[{n}]", entry) for n, entry in enumerate(data["entries"])]
    seen: set[str] = set()
    for where, part in parts:
        if part.get("updated_at") is not None:
            _stamp(part["updated_at"], f"{where}.updated_at")
        uuid = part.get("uuid")
        if where.startswith("entries") and uuid is not None:
            if uuid in seen:
                raise ExportError(f"{where}.uuid", f"another entry has uuid {uuid}")
            seen.add(uuid)


def check_transcript(data: dict[str, Any]) -> None:
    """A transcript read as a transcript file is (cues with text, in time order), and
    matched words only where there is a transcript, ending no earlier than they start."""
    found = data["session"].get("transcript")
    if found is not None:
        if not found["cues"]:
            raise ExportError("session.transcript.cues", "a transcript needs at least one cue")
        previous = 0
        for n, cue in enumerate(found["cues"]):
            where = f"session.transcript.cues[{n}]"
            if not cue["text"].strip():
                raise ExportError(f"{where}.text", "a cue needs text")
            _span(cue, where)
            if cue["start_ms"] < previous:
                raise ExportError(f"{where}.start_ms", "starts before the cue above it")
            previous = cue["start_ms"]
    for n, entry in enumerate(data["entries"]):
        match = entry.get("transcript")
        if match is not None and found is None:
            raise ExportError(f"entries[{n}].transcript", "the export has no transcript to match")
        if match is not None:
            _span(match, f"entries[{n}].transcript")


def _span(part: dict[str, Any], where: str) -> None:
    if part["end_ms"] < part["start_ms"]:
        raise ExportError(f"{where}.end_ms", f"{part['end_ms']} is before start_ms")


def check_guide(data: dict[str, Any]) -> None:
    """A guide Earful could have written, its ticks and the entries' questions within it."""
    guide = data.get("guide")
    numbers = 0 if guide is None else _check_guide(guide)
    for n, entry in enumerate(data["entries"]):
        number = entry.get("question")
        if number is not None and guide is None:
            raise ExportError(f"entries[{n}].question", "the export has no guide to ask it")
        if number is not None and number > numbers:
            raise ExportError(f"entries[{n}].question", f"the guide has no question {number}")


def _check_guide(guide: dict[str, Any]) -> int:
    """The guide's own sense; returns how many questions it has."""
    numbers = sum(len(s["questions"]) for s in guide["sections"])
    if not guide["name"].strip():
        raise ExportError("guide.name", "a guide needs a name")
    if not numbers:
        raise ExportError("guide.sections", "a guide needs at least one question")
    for n, section in enumerate(guide["sections"]):
        if n and not section["title"].strip():
            raise ExportError(
                f"guide.sections[{n}].title",
                "a section needs a title (only the first may have none)",
            )
    ticked: set[int] = set()
    for n, tick in enumerate(guide["ticks"]):
        where, number = f"guide.ticks[{n}].question", tick["question"]
        if number > numbers:
            raise ExportError(where, f"the guide has no question {number}")
        if number in ticked:
            raise ExportError(where, f"another tick is for question {number}")
        ticked.add(number)
    _reads_back(read_guide_part(guide, {}).guide)
    return numbers


def _reads_back(guide: Guide) -> None:
    """Refuse a guide whose Markdown would read back as another guide: it is stored, shown
    and matched by that Markdown. Names the first part that would not read back alone."""
    if _same(guide):
        return
    why = "would read back differently from the guide's Markdown"
    asked = (Question("Q"),)
    for n, section in enumerate(guide.sections):
        for m, question in enumerate(section.questions):
            if not _same(Guide("G", "", (Section("", (question,)),))):
                raise ExportError(
                    f"guide.sections[{n}].questions[{m}]",
                    f"{why} (spaces at either end, or a trailing @name or #topic in its text?)",
                )
        if not _same(Guide("G", "", (replace(section, questions=asked),))):
            raise ExportError(f"guide.sections[{n}]", f"{why} (spaces at either end?)")
    if not _same(Guide(guide.name, guide.goal, (Section("", asked),))):
        raise ExportError("guide", f"its name or goal {why} (spaces at either end?)")
    raise ExportError("guide.sections", why)


def _same(guide: Guide) -> bool:
    try:
        return parse_guide(render_guide(guide)) == guide
    except GuideError:
        return False


def tag_name(name: str, where: str) -> str:
    """``name`` normalised as a typed tag is; refused when nothing is left of it."""
    normal = normalise_tag(name)
    if not normal:
        raise ExportError(where, f"{json.dumps(name)} is no tag name: nothing is left of it")
    return normal


def json_path(path: Path) -> str:
    """``("entries", 3, "starred")`` → ``entries[3].starred``."""
    out = ""
    for key in path:
        if isinstance(key, int):
            out += f"[{key}]"
        elif _NAME.match(key):
            out += f".{key}" if out else key
        else:
            out += f"[{json.dumps(key, ensure_ascii=False)}]"
    return out


def _normalised(snap: Snapshot, data: dict[str, Any]) -> Snapshot:
    """The snapshot with its tag names as typing would have written them."""

    def names(found: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normalise_tag(name) for name in found))

    entries = tuple(
        replace(e, topics=names(e.topics), emotions=names(e.emotions)) for e in snap.entries
    )
    memorable = next((e for e in entries if snap.memorable and e.id == snap.memorable.id), None)
    valences: dict[str, int] = {}
    for name, tag in data["tags"]["emotions"].items():
        valences.setdefault(normalise_tag(name), tag["valence"])
    return replace(snap, entries=entries, memorable=memorable, valences=valences)


def _check_encodable(data: Any) -> None:
    """Refuse half a character (a lone surrogate, written ``\\ud800``): UTF-8 cannot hold it.

    A dict is met before its values, so a path never holds a key with one in it.
    """
    for value, path in _walk(data):
        texts = [("text", value)] if isinstance(value, str) else []
        texts += [("a field name", key) for key in value] if isinstance(value, dict) else []
        for what, text in texts:
            half = _SURROGATE.search(text)
            if half:
                raise ExportError(
                    json_path(path) or "top level",
                    f"{what} holds \\u{ord(half.group()):04x}, half of a character"
                    " (a lone surrogate)",
                )


def _walk(data: Any) -> Iterator[tuple[Any, Path]]:
    """Every value with its path, without recursion (the depth was bounded anyway)."""
    stack: list[tuple[Any, Path]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        yield value, path
        if isinstance(value, dict):
            stack += [(v, (*path, k)) for k, v in reversed(value.items())]
        elif isinstance(value, list):
            stack += [(v, (*path, n)) for n, v in reversed(list(enumerate(value)))]


def _stamp(value: str, where: str) -> None:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        expected = "an ISO 8601 date and time like 2026-11-28T14:05:00+01:00"
        raise ExportError(where, f"expected {expected}, not {_found(value)}") from None


def _deepest(brackets: str) -> int:
    depth = deepest = 0
    for bracket in brackets:
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    return f"line {line} column {index - text.rfind(chr(10), 0, index)}"


def _order(path: Any) -> tuple[int, list[tuple[int, Any]]]:
    """Shallow problems first, then in list order; keys and indices never compared."""
    keys = [(0, k) if isinstance(k, int) else (1, str(k)) for k in path]
    return len(keys), keys


def _describe(kinds: Any) -> str:
    if isinstance(kinds, str):
        return _KINDS.get(kinds, kinds)
    if isinstance(kinds, list):
        return " or ".join(_KINDS.get(k, str(k)) for k in kinds)
    return "something else"


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 40 else shown[:39] + "…"


@cache
def _validator() -> Any:
    """The validator for the shipped schema, with whole numbers that are never true/false."""
    from jsonschema import Draft202012Validator, validators

    def whole(checker: Any, value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    schema = json.loads(
        resources.files("tui.store").joinpath("export.schema.json").read_text("utf-8")
    )
    types = Draft202012Validator.TYPE_CHECKER.redefine("integer", whole)
    strict = validators.extend(Draft202012Validator, type_checker=types)
    strict.check_schema(schema)
    return strict(_inlined(schema, schema["$defs"]))


def _inlined(schema: Any, defs: dict[str, Any]) -> Any:
    """The schema with each ``#/$defs/`` reference replaced by its target (none recurse):
    following references costs the validator twice the checking itself."""
    if isinstance(schema, list):
        return [_inlined(item, defs) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return _inlined(defs[schema["$ref"].removeprefix("#/$defs/")], defs)
    return {key: _inlined(value, defs) for key, value in schema.items()}
