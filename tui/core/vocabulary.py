"""Default topic tags and emotions, drawn from the interviewing seeds."""

from __future__ import annotations

# Focus areas of an interview: persona, pains, gains, gaps (and what follows from them).
DEFAULT_TOPICS: tuple[str, ...] = (
    "pains",
    "gains",
    "gaps",
    "needs",
    "workarounds",
    "feature-requests",
    "persona",
)

# Emotions note-takers jot beside quotes, with valence: -1 negative, 0 neutral, +1 positive.
DEFAULT_EMOTIONS: dict[str, int] = {
    "frustrated": -1,
    "delighted": 1,
    "confused": -1,
    "anxious": -1,
    "surprised": 0,
    "excited": 1,
    "skeptical": -1,
    "relieved": 1,
    "curious": 0,
    "annoyed": -1,
}
