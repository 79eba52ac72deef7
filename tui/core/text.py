"""Making user text safe to put on a terminal, and storable, without changing what it says."""

from __future__ import annotations

import functools
import re

# C0 controls (but tab), DEL and C1 controls would be executed by a terminal. The bidi
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) would silently reorder
# what the terminal draws after them: "\u202egnp.exe" shows as "exe.png". A lone surrogate
# cannot be written to the terminal at all.
_CONTROL = r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
BIDI_SYMBOL = "\u21c4"  # ⇄: one cell wide, and says "direction" to a reader


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␛ ␀ ␊
    if code == 0x7F:
        return "\u2421"
    if 0x202A <= code <= 0x2069:
        return BIDI_SYMBOL
    return "\ufffd"  # C1 controls and lone surrogates


def visible(text: str) -> str:
    """``text`` with every control character, bidi control and lone surrogate replaced by a
    visible, inert symbol, one character for one."""
    if text.isprintable():  # none of those (nor a tab) is printable: most text is
        return text
    return _controls().sub(_picture, text).replace("\t", " ")


@functools.cache
def _controls() -> re.Pattern[str]:
    # Compiled when first needed: compiling it cost every start ~5 M instructions.
    return re.compile(_CONTROL)


def visible_lines(text: str) -> str:
    """Multi-line text made inert for the terminal, keeping its line breaks.

    Only "\n" breaks a line: a stray "\r" in a quote is shown, not obeyed.
    """
    return "\n".join(visible(line) for line in text.split("\n"))


SIGILS = {"topic": "#", "emotion": "!"}  # what a tag of each kind is typed with


def tag_mark(kind: str, name: str) -> str:
    """A tag as it is typed: "#pricing" for a topic, "!anxious" for an emotion."""
    return SIGILS[kind] + name


def encodable(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (�), so it can be stored as UTF-8.

    Lone surrogates come from undecodable bytes (a command-line argument or environment
    variable holding byte 0xff arrives as '\\udcff') or from broken UTF-16; UTF-8 cannot
    hold them, so SQLite, JSON files and the terminal would all refuse the text. A high
    surrogate followed by a low one is the character they encode together.
    """
    if text.isascii():  # most text, and nanoseconds even for a 1 MB draft
        return text
    try:
        text.encode("utf-8")  # ~1 ms for 1 MB of accented text; a regex scan takes 15
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


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


def casefold(value: str | None) -> str | None:
    """Case-insensitive matching beyond ASCII (SQLite's NOCASE folds only A-Z); NULL stays."""
    return value.casefold() if isinstance(value, str) else value
