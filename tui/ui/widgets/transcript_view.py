"""A call's transcript, cue by cue: virtualised, so an hour of cues opens at once.

Each cue shows its recording time, its speaker (the participant's stands out) and its
words, wrapped; the words a captured quote was matched to are highlighted and the cue
where such a match ends says so. A cursor moves by cue; a selection runs from an anchor
to the cursor, less words dropped at either end.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from tui.core.clock import format_ms
from tui.core.session_transcript import MatchedWords
from tui.core.text import visible
from tui.core.transcript import Cue
from tui.ui.widgets.transcript_words import (
    Selection,
    Taken,
    captured_spans,
    taken,
    wrap_offsets,
)
from tui.ui.widgets.virtual_lines import VirtualLines

GUTTER = 2  # the captured bar, then a space
TIME_WIDTH = 8  # "1:02:03" and a space
CAPTURED = {"accepted": " ◂ captured", "confirm": " ◂ captured (to confirm)"}


def speaker_width(screen_width: int, speakers: bool) -> int:
    if not speakers:
        return 0
    return 12 if screen_width < 100 else 18


class TranscriptView(VirtualLines, can_focus=False):
    """Renders only the cues on screen; laying out an hour of cues is a word count."""

    STYLE_PREFIX = "transcript-view"

    COMPONENT_CLASSES = {
        "transcript-view--time",
        "transcript-view--participant",
        "transcript-view--speaker",
        "transcript-view--captured",
        "transcript-view--confirm",
        "transcript-view--marker",
        "transcript-view--cursor",
        "transcript-view--selected",
    }

    DEFAULT_CSS = """
    TranscriptView { background: $surface; scrollbar-size-vertical: 1; }
    TranscriptView > .transcript-view--time { color: $earful-muted; }
    TranscriptView > .transcript-view--participant { color: $text-accent; text-style: bold; }
    TranscriptView > .transcript-view--speaker { color: $earful-muted; }
    TranscriptView > .transcript-view--captured { color: $success; text-style: underline; }
    TranscriptView > .transcript-view--confirm { color: $warning; text-style: underline; }
    TranscriptView > .transcript-view--marker { color: $success; text-style: italic; }
    TranscriptView > .transcript-view--cursor { color: $accent; text-style: bold; }
    TranscriptView > .transcript-view--selected { background: $earful-selected; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cues: Sequence[Cue] = ()
        self.participant = ""
        self.cursor = 0
        self.select_from: int | None = None  # where a selection began; None: none is being made
        self.drop_start = 0
        self.drop_end = 0
        self._matches: list[MatchedWords] = []  # by start time
        self._match_starts: list[int] = []
        self._longest_match = 0
        self._speakers = False

    # content -----------------------------------------------------------------------

    def show(
        self,
        cues: Sequence[Cue],
        matches: Sequence[MatchedWords],
        participant: str,
        width: int | None = None,
    ) -> None:
        """Show these cues with these matches; ``width`` lays them out before the first
        layout (the screen's width), so the first frame is the finished transcript."""
        self.cues, self.participant = cues, participant
        self._speakers = any(cue.speaker for cue in cues)
        self.show_matches(matches, relayout=False)
        self.cursor = min(self.cursor, max(0, len(cues) - 1))
        self._relayout(width)

    def show_matches(self, matches: Sequence[MatchedWords], relayout: bool = True) -> None:
        """The captured quotes' words (rejected matches are not shown)."""
        kept = sorted((m for m in matches if m.status != "rejected"), key=lambda m: m.start_ms)
        self._matches = kept
        self._match_starts = [m.start_ms for m in kept]
        self._longest_match = max((m.end_ms - m.start_ms for m in kept), default=0)
        if relayout:
            self._relayout()

    def matches_in(self, cue: Cue) -> list[MatchedWords]:
        """The matches said (partly) during ``cue``."""
        low = bisect_left(self._match_starts, cue.start_ms - self._longest_match)
        high = bisect_right(self._match_starts, cue.end_ms)
        return [m for m in self._matches[low:high] if m.end_ms >= cue.start_ms]

    def captured_cues(self) -> list[int]:
        """The cues holding captured words, in order."""
        return [i for i, cue in enumerate(self.cues) if self._captured_in(cue)]

    def _captured_in(self, cue: Cue) -> bool:
        matches = self.matches_in(cue)
        return bool(matches and captured_spans(cue, matches))

    # cursor and selection ----------------------------------------------------------

    @property
    def selection(self) -> Selection | None:
        """The cues selected (the cursor's alone when none is being made)."""
        if not self.cues:
            return None
        first, last = sorted(
            (self.cursor, self.cursor if self.select_from is None else self.select_from)
        )
        return Selection(first, last, self.drop_start, self.drop_end)

    def taken(self) -> Taken | None:
        selection = self.selection
        return None if selection is None else taken(self.cues, selection)

    def move_to(self, index: int, extend: bool = False) -> None:
        """Put the cursor on cue ``index``; ``extend`` keeps (or starts) a selection."""
        if not self.cues:
            return
        if extend and self.select_from is None:
            self.select_from = self.cursor
        elif not extend and self.select_from is None:
            self.drop_start = self.drop_end = 0
        before = self.selection
        self.cursor = max(0, min(len(self.cues) - 1, index))
        self._forget(before)
        self._forget(self.selection)
        self.scroll_to_cursor()
        self.refresh()

    def set_select_from(self, index: int | None) -> None:
        before = self.selection
        self.select_from = index
        self.drop_start = self.drop_end = 0
        self._forget(before)
        self._forget(self.selection)
        self.refresh()

    def drop(self, start: int = 0, end: int = 0) -> None:
        """Drop (or with a negative count, give back) words at the selection's ends."""
        selection = self.selection
        if selection is None:
            return
        self.drop_start = max(0, self.drop_start + start)
        self.drop_end = max(0, self.drop_end + end)
        self._forget(selection)
        self.refresh()

    def _forget(self, selection: Selection | None) -> None:
        if selection is not None:
            for index in range(selection.first, selection.last + 1):
                self._rendered.pop(index, None)

    def page_cues(self) -> int:
        """About how many cues a page holds, from where the cursor is."""
        top = self._starts[self.cursor] if self._starts else 0
        end = bisect_right(self._starts, top + max(1, self.size.height - 1))
        return max(1, end - self.cursor - 1)

    def scroll_to_cursor(self, top: bool = False) -> None:
        """Bring the cursor's cue into view (to the top with ``top``)."""
        if not self._starts:
            return
        first = self._starts[self.cursor]
        last = first + len(self._lines_of(self.cursor)) - 1
        height = max(1, self.size.height)
        if top or first < self.scroll_y or last - first >= height:
            y = first
        elif last >= self.scroll_y + height:
            y = last - height + 1
        else:
            return
        # Forced: before the first layout Textual would ignore a scroll past its size.
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    # layout and rendering ----------------------------------------------------------

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._relayout()
            self.scroll_to_cursor()

    def _text_width(self, width: int) -> int:
        prefix = GUTTER + TIME_WIDTH + speaker_width(width, self._speakers)
        prefix += 1 if self._speakers else 0
        return max(10, width - prefix - 1)  # the last column is the scrollbar's

    def _relayout(self, width: int | None = None) -> None:
        self._width = width or self.size.width or 80
        self._rendered.clear()
        text_width = self._text_width(self._width)
        starts, at = [], 0
        for cue in self.cues:
            starts.append(at)
            at += 1 + len(wrap_offsets(self._shown(cue), text_width))
        self._starts, self._total = starts, at
        self.virtual_size = Size(0, max(1, at))
        self.refresh()

    def _shown(self, cue: Cue, matches: Sequence[MatchedWords] | None = None) -> str:
        """The cue's text as shown: inert, and followed by a marker where a match ends."""
        text = visible(cue.text)
        for match in self.matches_in(cue) if matches is None else matches:
            # The cue the match ends in says it was captured.
            if match.end_ms <= cue.end_ms and captured_spans(cue, [match]):
                text += CAPTURED.get(match.status, "")
                break
        return text

    def _draw_item(self, index: int) -> list[Strip]:
        cue = self.cues[index]
        matches = self.matches_in(cue)
        shown = self._shown(cue, matches)
        body = Text(shown)
        spans = captured_spans(cue, matches)
        for start, end, status in spans:
            body.stylize(self._style("confirm" if status == "confirm" else "captured"), start, end)
        if len(shown) > len(cue.text):
            body.stylize(self._style("marker"), len(cue.text))
        selection = self.selection
        if selection is not None and selection.first <= index <= selection.last:
            picked = taken(self.cues, selection)
            if picked is not None and index in picked.spans:
                body.stylize(self._style("selected"), *picked.spans[index])
        lines = body.divide(wrap_offsets(shown, self._text_width(self._width)))
        who_width = speaker_width(self._width, self._speakers)
        who = "participant" if cue.speaker == self.participant else "speaker"
        bar = "▍" if spans else " "
        cursor = "▸" if index == self.cursor else " "
        console = self.app.console
        strips = []
        for number, line in enumerate(lines):
            prefix = Text.assemble(
                (bar, self._style("marker")),
                (cursor if number == 0 else " ", self._style("cursor")),
            )
            time = format_ms(cue.start_ms) if number == 0 else ""
            prefix.append(time.rjust(TIME_WIDTH - 1) + " ", self._style("time"))
            if who_width:
                name = Text(visible(cue.speaker) if number == 0 else "", style=self._style(who))
                name.truncate(who_width, overflow="ellipsis", pad=True)
                prefix.append_text(name)
                prefix.append(" ")
            row = Text.assemble(prefix, line)
            strips.append(Strip(row.render(console)).extend_cell_length(self._width))
        return strips
