"""What a tag may be called, and the one-line error of every codebook change.

Shared by the codebook (renaming) and the hotkey choice, which name tags the same way.
"""

from __future__ import annotations

import re

from tui.core.capture import normalise_tag
from tui.core.models import TAG_KINDS
from tui.core.text import one_line

KINDS = TAG_KINDS
_NAME = re.compile(r"^[^\W\d_][\w-]*$")  # what a typed #tag token may be, after normalising


class CodebookError(ValueError):
    """A codebook change that cannot be made, said in one line."""


def clean_name(written: str) -> str:
    """A new tag name, normalised as typed tags are; refuses what could never be typed."""
    name = normalise_tag(written.strip().lstrip("#!"))
    if not _NAME.match(name) and not written.strip():
        raise CodebookError("A tag name cannot be empty: use letters, digits and hyphens")
    if not _NAME.match(name):
        raise CodebookError(
            f"{one_line(written.strip())!r} is not a tag name:"
            " use letters, digits and hyphens, starting with a letter"
        )
    return name
