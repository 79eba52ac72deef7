"""A snapshot's tags with their counts, each tag and its number one chip."""

from __future__ import annotations

from textual.content import Content

from tui.core.snapshot import Snapshot, tag_counts
from tui.core.text import visible
from tui.ui.widgets.hotkey_bar import ChipFlow

HEADING = Content.styled("Tags", "bold $text-accent")


class TagCounts(ChipFlow):
    """Wraps between chips only, so a tag never leaves its count."""

    def show_snapshot(self, snap: Snapshot | None) -> None:
        self.show_chips(chips(snap), HEADING)


def chips(snap: Snapshot | None) -> list[Content]:
    """Each tag with its count, coloured by kind and, for emotions, by valence."""
    if snap is None:
        return []
    topics, emotions = tag_counts(snap.entries)
    parts = [
        Content.from_markup("[$earful-topic]#$n[/] $c", n=visible(name), c=str(count))
        for name, count in topics.most_common()
    ]
    for name, count in emotions.most_common():
        mood = {-1: "negative", 1: "positive"}.get(snap.valences.get(name, 0), "neutral")
        parts.append(
            Content.from_markup(f"[$earful-emotion-{mood}]!$n[/] $c", n=visible(name), c=str(count))
        )
    return parts or [Content("No tags yet.")]
