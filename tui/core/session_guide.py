"""The guide a session followed, as its snapshot and exports carry it.

Everything here refers to a question by its number through the guide (Q4 of 12), never
by a database id: the number follows from the guide's content, so it means the same
question in every database that holds the guide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tui.core.guide import Guide, Question, Section, guide_json


@dataclass(frozen=True)
class Asked:
    """A question done in the session: asked at ``at_ms`` (interview clock), or skipped."""

    at_ms: int
    skipped: bool = False


@dataclass(frozen=True)
class SessionGuide:
    guide: Guide
    version: int  # the version number in the database it was read from
    ticks: dict[int, Asked] = field(default_factory=dict)  # question number → what was done
    answers: dict[int, int] = field(default_factory=dict)  # entry id → question number

    @property
    def questions(self) -> list[Question]:
        """The questions in order: question ``n`` is ``questions[n - 1]``."""
        return [q for _, q in self.guide.questions]

    def question(self, number: int) -> Question:
        return self.questions[number - 1]

    def asked(self) -> list[int]:
        """The numbers of the questions asked (not skipped), in guide order."""
        return [n for n in range(1, len(self.questions) + 1) if self._asked(n)]

    def not_asked(self) -> list[int]:
        """The numbers of the questions skipped or never reached, in guide order."""
        return [n for n in range(1, len(self.questions) + 1) if not self._asked(n)]

    def _asked(self, number: int) -> bool:
        tick = self.ticks.get(number)
        return tick is not None and not tick.skipped


# JSON --------------------------------------------------------------------------------
# The guide as `earful guide show --format json` prints it, with the session's ticks.


def guide_part(found: SessionGuide) -> dict[str, Any]:
    """The ``guide`` object of a JSON export: the guide as `earful guide show` gives it,
    its version, and the session's ticks by question number."""
    return {
        **guide_json(found.guide),
        "version": found.version,
        "ticks": [
            {"question": n, "asked_at_ms": t.at_ms, "skipped": t.skipped}
            for n, t in sorted(found.ticks.items())
        ],
    }


def read_guide_part(data: dict[str, Any], answers: dict[int, int]) -> SessionGuide:
    """What ``guide_part`` wrote, with the entries' questions (``answers``) beside it.

    KeyError or TypeError for a missing or wrong field; the import checks say which.
    """
    sections = tuple(
        Section(
            s["title"],
            tuple(
                Question(q["text"], q["asker"], q["topic"], tuple(q["probes"]))
                for q in s["questions"]
            ),
            s["minutes"],
            s["notes"],
        )
        for s in data["sections"]
    )
    ticks = {t["question"]: Asked(t["asked_at_ms"], bool(t["skipped"])) for t in data["ticks"]}
    return SessionGuide(
        Guide(data["name"], data["goal"], sections), data["version"], ticks, answers
    )
