"""What a search says when a word is too common to rank every match."""

from __future__ import annotations


def newest_note(entries: int, lines: int) -> str:
    """One sentence saying that only the newest matches were ranked: ``entries`` and
    ``lines`` are how many of the newest were (0: every match was ranked); "" if neither."""
    if not entries and not lines:
        return ""
    counts = []
    if entries:
        counts.append(f"{entries:,} entries")
    if lines:
        counts.append(f"{lines:,} transcript lines")
    if entries and lines:
        newest = f"{entries:,} of each" if entries == lines else " and ".join(counts)
    else:
        newest = f"{entries or lines:,}"
    return (
        f"More than {' and '.join(counts)} match: these are the most relevant of the"
        f" newest {newest} (add words to reach older ones)."
    )
