"""User text inside the Markdown Earful writes: shown literally, never as structure.

CommonMark turns much of plain text into structure: a line starting ``1.`` or ``-`` into
a list, ``---`` into a rule, four spaces into code, ``&amp;`` into ``&``, ``|`` into a new
table cell. ``md_escape`` backslash-escapes what would, so a quote, a fact or a name reads
in the rendered page exactly as it was typed (control characters shown as symbols).
"""

from __future__ import annotations

import re

from tui.core.text import visible

# Structure anywhere on a line: code, emphasis, links, raw HTML and autolinks, table
# cells, strikethrough and ~~~ fences.
_ANYWHERE = re.compile(r"([\\`*_\[\]<|~])")
# An entity reference is replaced by the character it names: "&amp;" would read "&".
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line, "1." or "1)" opens an ordered list, "-" or "+" a bullet list or
# (as "---") a rule, "#" a heading, ">" a quote. The text may start a line or a list item.
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_BLOCK = re.compile(r"^([-+#>])")
# At the end of a heading, "#"s after a space are taken off as its closing sequence.
_CLOSING = re.compile(r"(?<=\s)#(?=#*$)")
# Leading and trailing whitespace is dropped by a paragraph or a table cell, and four
# leading spaces make code; a character reference keeps each one as typed.
_EDGE_SPACE = re.compile(r"^\s+|\s+$")


def _references(match: re.Match[str]) -> str:
    return "".join(f"&#{ord(c)};" for c in match.group())


def md_escape(text: str) -> str:
    """User text that renders literally in Markdown and shows no control characters.

    Safe in a paragraph, a heading, a list item, a block quote, emphasis and a table cell;
    a line break shows as ``␊`` rather than breaking the line it is on.
    """
    escaped = _ENTITY.sub(r"\\&", _ANYWHERE.sub(r"\\\1", visible(text)))
    escaped = _BLOCK.sub(r"\\\1", _ORDERED.sub(r"\1\\\2", _CLOSING.sub(r"\\#", escaped)))
    return _EDGE_SPACE.sub(_references, escaped)
