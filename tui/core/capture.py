"""The capture-line syntax: trailing ``#topic`` and ``!emotion`` tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A token must start with a letter, so "#1" or "!!!" at the end of a quote stays text.
_TOKEN = re.compile(r"^([#!])(\w[\w\-]*)$")
_SEPARATORS = re.compile(r"[\s_]+")


def normalise_tag(name: str) -> str:
    """Lower-case a tag and hyphenate it: ``Feature Requests`` → ``feature-requests``."""
    return _SEPARATORS.sub("-", name.strip().lower()).strip("-")


@dataclass(frozen=True)
class CaptureLine:
    """A typed line split into its verbatim text and the tags it ends with."""

    text: str
    topics: tuple[str, ...] = field(default_factory=tuple)
    emotions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_tags(self) -> bool:
        return bool(self.topics or self.emotions)


def parse_capture(line: str) -> CaptureLine:
    """Split ``line`` into text and a trailing run of tag tokens.

    Only a run of tokens at the very end counts; everything before it is kept exactly
    as typed. A line with no trailing tokens comes back unchanged.
    """
    end = len(line)
    found: list[tuple[str, str]] = []  # (sigil, name), right to left
    while True:
        body = line[:end].rstrip()
        start = max(body.rfind(" "), body.rfind("\t")) + 1
        match = _match_token(body[start:])
        if match is None:
            break
        found.append((match.group(1), normalise_tag(match.group(2))))
        end = start
    if not found:
        return CaptureLine(line)
    found.reverse()
    topics = dict.fromkeys(name for sigil, name in found if sigil == "#")
    emotions = dict.fromkeys(name for sigil, name in found if sigil == "!")
    return CaptureLine(line[:end].rstrip(), tuple(topics), tuple(emotions))


def _match_token(token: str) -> re.Match[str] | None:
    match = _TOKEN.match(token) if token else None
    # Must start with a letter: "#1", "#½" and "#²" are part of what was said.
    return match if match and match.group(2)[0].isalpha() else None


def tag_prefix_at_end(line: str) -> tuple[str, str] | None:
    """The ``(sigil, partial name)`` being typed at the end of ``line``, for autocomplete."""
    start = max(line.rfind(" "), line.rfind("\t")) + 1
    token = line[start:]
    if len(token) >= 2 and _match_token(token):
        return token[0], token[1:]
    return None
