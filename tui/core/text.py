"""Making user text safe to put on a terminal, without changing what is stored."""

from __future__ import annotations

import re

# C0 controls (but tab), DEL and C1 controls would be executed by a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␛ ␀ ␊
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible, inert symbol."""
    return _CONTROL.sub(_picture, text).replace("\t", " ")


def one_line(text: str) -> str:
    """Pasted text joined onto one line, so nothing after a newline is dropped."""
    return " ".join(part for part in re.split(r"\r\n|\r|\n", text))


def plural(count: int, word: str, many: str = "") -> str:
    """``count`` and ``word``, the word plural unless the count is one: "1 session", "2 entries".

    English nouns ending in a consonant and y take "ies"; give ``many`` for any other irregular
    plural ("person", "people").
    """
    if count == 1:
        return f"{count} {word}"
    if not many:
        consonant_y = word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u")
        many = word[:-1] + "ies" if consonant_y else word + "s"
    return f"{count} {many}"
