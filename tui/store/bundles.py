"""Every session in one JSON file (a bundle), and reading a bundle or a session export
back for an import.

A bundle is ``{"format": "earful-bundle", "version": 1, "sessions": [...], "deleted":
[...]}``: each session a session export exactly as ``earful export --format json`` writes
it, and each deleted row (its tombstone: ``{"uuid", "table", "deleted_at"}``) so that a
merge of the bundle carries deletes as a merge of the database does. ``deleted`` came
later; a bundle without it deletes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from tui.core.export_json import to_json
from tui.core.snapshot import Snapshot
from tui.core.text import plural
from tui.store.export_checks import ExportError, load_export, parse
from tui.store.importing import Imported, import_session
from tui.store.snapshots import session_export_data
from tui.store.store import Store

BUNDLE_FORMAT = "earful-bundle"
BUNDLE_VERSION = 1
# What a tombstone may name: the rows a delete in one file can take out of another.
DELETABLE = ("participants", "sessions", "entries", "guides", "transcripts")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")

EXAMPLE_STAMP = "2026-11-29T10:00:00.000Z"
Tombstone = tuple[str, str, str]  # uuid, table, deleted_at


@dataclass(frozen=True)
class Bundle:
    """What a bundle (or a single session export) holds: sessions, and deleted rows."""

    snapshots: list[Snapshot]
    deleted: list[Tombstone] = field(default_factory=list)


def write_bundle(
    store: Store,
    out: TextIO,
    valences: dict[str, int] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write every session, oldest first, as a bundle to ``out``; how many were written.

    One session at a time, so a decade of interviews never sits in memory at once.
    """
    ids = [r[0] for r in store.conn.execute("SELECT id FROM sessions ORDER BY started_at_ms, id")]
    out.write(f'{{"format": "{BUNDLE_FORMAT}", "version": {BUNDLE_VERSION}, "sessions": [')
    for done, session_id in enumerate(ids, 1):
        out.write(",\n" if done > 1 else "\n")
        out.write(to_json(session_export_data(store, session_id, valences)).rstrip("\n"))
        if progress is not None:
            progress(done)
    out.write('\n],\n"deleted": [')
    # Only rows' deletes: a bundle carries no to-dos, so not their being ticked back on.
    marks = ", ".join("?" * len(DELETABLE))
    rows = store.conn.execute(
        "SELECT uuid, table_name, deleted_at FROM tombstones"
        f" WHERE table_name IN ({marks}) ORDER BY deleted_at, uuid",
        DELETABLE,
    )
    for n, (uuid, table, deleted_at) in enumerate(rows):
        row = {"uuid": uuid, "table": table, "deleted_at": deleted_at}
        out.write((",\n" if n else "\n") + json.dumps(row))
    out.write("\n]}\n")
    return len(ids)


def load_documents(text: str) -> list[Snapshot]:
    """The sessions of a bundle, or the one of a session export, each checked; nothing is
    returned unless all are good (``ExportError`` names where the first problem is)."""
    return load_bundle(text).snapshots


def load_bundle(text: str) -> Bundle:
    """``load_documents``, with the rows the bundle says were deleted."""
    data = parse(text)
    if not (isinstance(data, dict) and data.get("format") == BUNDLE_FORMAT):
        return Bundle([load_export(text)])
    if data.get("version") != BUNDLE_VERSION:
        found = json.dumps(data.get("version"))
        raise ExportError("version", f"expected {BUNDLE_VERSION} (a bundle version), not {found}")
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        raise ExportError("sessions", "expected a list of session exports")
    snapshots = []
    for n, session in enumerate(sessions):
        try:
            snapshots.append(load_export(json.dumps(session, ensure_ascii=False)))
        except ExportError as error:
            inside = "" if error.where in ("", "top level") else f".{error.where}"
            raise ExportError(f"sessions[{n}]{inside}", error.reason) from None
    return Bundle(snapshots, _tombstones(data.get("deleted", [])))


def _tombstones(rows: Any) -> list[Tombstone]:
    if not isinstance(rows, list):
        raise ExportError("deleted", "expected a list of deleted rows")
    found = []
    for n, row in enumerate(rows):
        where = f"deleted[{n}]"
        if not isinstance(row, dict):
            raise ExportError(where, "expected an object with uuid, table and deleted_at")
        uuid, table, when = row.get("uuid"), row.get("table"), row.get("deleted_at")
        if not isinstance(uuid, str) or not uuid:
            raise ExportError(f"{where}.uuid", "expected the deleted row's uuid")
        if table not in DELETABLE:
            raise ExportError(f"{where}.table", f"expected one of {', '.join(DELETABLE)}")
        if not isinstance(when, str) or not _STAMP.match(when):
            raise ExportError(f"{where}.deleted_at", f"expected a UTC time like {EXAMPLE_STAMP}")
        found.append((uuid, str(table), when))
    return found


@dataclass(frozen=True)
class ImportSummary:
    """What importing a file did, said in one line."""

    results: tuple[Imported, ...]

    @property
    def session_ids(self) -> list[int]:
        return [r.session_id for r in self.results]

    def line(self) -> str:
        new = sum(r.new for r in self.results)
        updated = sum(r.changed and not r.new for r in self.results)
        entries = sum(r.new_entries for r in self.results)
        changed = sum(r.updated_entries for r in self.results)
        if not new and not updated:
            return f"nothing new: {plural(len(self.results), 'session')} already here as they are"
        said = f"{plural(new, 'new session')}, {updated} updated, "
        said += plural(entries, "new entry", "new entries")
        return said + (f", {plural(changed, 'entry', 'entries')} changed" if changed else "")


def import_documents(store: Store, snapshots: list[Snapshot]) -> ImportSummary:
    """Import every session in one transaction: all of them, or (on an error) none."""
    with store.db.atomic():
        return ImportSummary(tuple(import_session(store, snap) for snap in snapshots))
