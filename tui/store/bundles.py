"""Every session in one JSON file (a bundle), and reading a bundle or a session export
back for an import.

A bundle is ``{"format": "earful-bundle", "version": 1, "sessions": [...]}``, each item a
session export exactly as ``earful export --format json`` writes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from tui.core.export_json import to_json
from tui.core.snapshot import Snapshot
from tui.core.text import plural
from tui.store.export_checks import ExportError, load_export, parse
from tui.store.importing import Imported, import_session
from tui.store.snapshots import session_export_data
from tui.store.store import Store

BUNDLE_FORMAT = "earful-bundle"
BUNDLE_VERSION = 1


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
    out.write("\n]}\n")
    return len(ids)


def load_documents(text: str) -> list[Snapshot]:
    """The sessions of a bundle, or the one of a session export, each checked; nothing is
    returned unless all are good (``ExportError`` names where the first problem is)."""
    data = parse(text)
    if not (isinstance(data, dict) and data.get("format") == BUNDLE_FORMAT):
        return [load_export(text)]
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
    return snapshots


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
