"""The session list read straight from the file, before the store has opened.

Opening the store imports sqlite-utils and checks the whole file (a third of a second
or more); the home screen's list need not wait for that. Nothing here writes, creates
or upgrades anything, and nothing here imports sqlite-utils.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tui.core.clock import wall_ms
from tui.core.models import SessionSummary
from tui.store.opening import StoreError, connect_read_only
from tui.store.rows import session_list


def peek_sessions(
    path: Path, now: Callable[[], int] = wall_ms, limit: int | None = None
) -> list[SessionSummary] | None:
    """Every session, as ``Store.sessions`` lists them, or the newest ``limit`` (a first
    screenful: its time does not grow with the file); None when the file cannot be read
    this way (missing, locked, from another version, damaged): then the list waits for the
    store, which says what is wrong."""
    try:
        if not path.is_file():
            return None
        conn = connect_read_only(path)
    except (OSError, sqlite3.Error, StoreError):
        return None
    try:
        return session_list(conn, now, limit)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
