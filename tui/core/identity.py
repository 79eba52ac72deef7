"""Who a session's rows are in every database: the uuids and edit times an export carries.

A uuid is a random (version 4) UUID in its canonical form (36 lowercase characters); an
edit time is UTC ISO 8601 to the millisecond (``2026-11-29T10:00:00.000Z``), so the newer
of two is the greater string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

UUID_FORM = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class Stamp:
    """One row's identity: its uuid and when it was last edited (None: not known)."""

    uuid: str | None = None
    updated_at: str | None = None


@dataclass(frozen=True)
class Identity:
    """The uuids and edit times of a session and what belongs to it."""

    session: Stamp = Stamp()
    participant: Stamp = Stamp()
    entries: Mapping[int, Stamp] = field(default_factory=dict)  # entry id → its stamp
    guide: str | None = None  # the guide's uuid (its versions are found by what they ask)
    transcript: str | None = None


def newer(theirs: str | None, ours: str | None) -> bool:
    """True when an edit made at ``theirs`` is later than ours (an unknown time never is)."""
    return theirs is not None and (ours is None or theirs > ours)


def stamp_part(stamp: Stamp | None) -> dict[str, str | None]:
    """The ``uuid`` and ``updated_at`` fields of a row in a JSON export."""
    stamp = stamp or Stamp()
    return {"uuid": stamp.uuid, "updated_at": stamp.updated_at}


def with_uuid(part: dict[str, Any], uuid: str | None) -> dict[str, Any]:
    """An export's guide or transcript object with the uuid of what it is."""
    return {**part, "uuid": uuid}


def read_identity(data: dict[str, Any]) -> Identity | None:
    """The uuids and edit times of an export (version 4 on); None for an older one."""
    if data.get("version", 0) < 4:
        return None

    def stamp(part: dict[str, Any]) -> Stamp:
        return Stamp(part.get("uuid"), part.get("updated_at"))

    guide, transcript = data.get("guide"), data["session"].get("transcript")
    return Identity(
        session=stamp(data["session"]),
        participant=stamp(data["participant"]),
        entries={e["id"]: stamp(e) for e in data["entries"]},
        guide=guide.get("uuid") if guide else None,
        transcript=transcript.get("uuid") if transcript else None,
    )
