"""The line under a quote on the snapshot saying what the transcript has for it: where it
was said, how sure the match is, and the transcript's words where they differ."""

from __future__ import annotations

from typing import Protocol

from tui.core.clock import format_ms
from tui.core.match_review import differences, same_words
from tui.core.models import Entry
from tui.core.text import visible


class MatchShown(Protocol):
    """What is shown of a match (``MatchedWords`` has it)."""

    @property
    def start_ms(self) -> int: ...
    @property
    def words(self) -> str: ...
    @property
    def speaker(self) -> str: ...
    @property
    def score(self) -> int | None: ...
    @property
    def status(self) -> str: ...


# (text, style): styles are the map's "said" (the line) and "differs" (words not typed).
Pieces = list[tuple[str, str]]


def match_line(entry: Entry, match: MatchShown | None, speaker: str) -> Pieces | None:
    """The pieces of the line for ``entry`` (None: no line), ``speaker`` being the
    participant's speaker in the transcript."""
    if entry.kind == "mark":
        if match is None:
            return None
        at = format_ms(match.start_ms)
        return [(f"  ↳ said at {at} in the recording: “{visible(match.words)}”", "said")]
    if match is None:
        return [("  ↳ not found in the transcript (] looks for it)", "said")]
    if match.status == "rejected":
        return [("  ↳ ✗ match rejected ([ or ] looks elsewhere)", "said")]
    who = f" by {visible(match.speaker)}?" if match.speaker != speaker else ""
    head = f"  ↳ {'✓' if match.status == 'accepted' and not who else '?'} said{who}"
    head += f" at {format_ms(match.start_ms)} · {match.score if match.score is not None else '–'}"
    if match.status == "confirm":
        head += ", to confirm (y)"
    if same_words(entry.text, match.words):
        return [(head, "said")]
    pieces: Pieces = [(head + " · w takes: “", "said")]
    for piece, differs in differences(entry.text, match.words):
        pieces.append((visible(piece), "differs" if differs else "said"))
    pieces.append(("”", "said"))
    return pieces
