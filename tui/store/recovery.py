"""Changes the database would not take, kept in a file beside it until they can be added."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from tui.store.store import Store

SUFFIX = ".unsaved.json"


def write_recovery(db_path: Path, records: list[dict[str, Any]]) -> Path:
    """Write ``records`` next to the database (or in the current folder if that is gone)."""
    folder = db_path.parent if db_path.parent.is_dir() else Path.cwd()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{db_path.name}.{stamp}{SUFFIX}"
    document = {"earful_recovery": 1, "database": str(db_path), "changes": records}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def recovery_files(db_path: Path) -> list[Path]:
    """Recovery files written for this database, oldest first."""
    if not db_path.parent.is_dir():
        return []
    return sorted(db_path.parent.glob(f"{db_path.name}.*{SUFFIX}"))


def count_entries(path: Path) -> int:
    """How many entries a recovery file holds (0 if it cannot be read)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return sum(1 for change in document["changes"] if "text" in change)
    except (OSError, ValueError, KeyError, TypeError):
        return 0


def add_back(store: Store, path: Path) -> int:
    """Save the entries and drafts of a recovery file; returns how many entries were added.

    The file is renamed ``*.added`` afterwards so it is never added twice.
    """
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("earful_recovery") != 1:
        raise ValueError(f"{path}: not an Earful recovery file")
    added = 0
    with store.db.atomic():
        for change in document["changes"]:
            if "draft" in change:
                continue  # a draft that was never saved is in the last entry or gone
            store.add_entry(
                int(change["session_id"]),
                change["kind"],
                change["text"],
                int(change["at_ms"]),
                change["topics"],
                change["emotions"],
                change["flags"],
            )
            added += 1
    path.rename(path.with_name(path.name + ".added"))
    return added
