"""The stamps rows are written with: local and UTC times, and uuids."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def now_utc() -> str:
    """``updated_at``'s form: UTC to the millisecond, as the schema's triggers write it."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def new_uuid() -> str:
    """A row's uuid, in the canonical form the schema's triggers write."""
    return str(uuid.uuid4())
