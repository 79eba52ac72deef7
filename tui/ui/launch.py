"""What the app was asked to open, decided before the database is touched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.core.clock import ClockState


@dataclass(frozen=True)
class NewSession:
    """A session to create when the store is open (``earful start``, the home form)."""

    participant: str
    company: str
    goal: str
    minutes: int
    clock: ClockState
    guide_version_id: int | None = None  # the guide the session follows (``--guide``)


@dataclass(frozen=True)
class Launch:
    screen: Literal["home", "start", "resume", "open"] = "home"
    new: NewSession | None = None
    session_id: int | None = None
