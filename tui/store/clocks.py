"""The interview clock in the database, changed by compare-and-set.

Each change is relative to what is stored, never a write of a whole state: two windows
on one session both pausing never overwrite each other's pause.
"""

from __future__ import annotations

from tui.core.clock import ClockState
from tui.store.store import Store


def clock_state(store: Store, session_id: int) -> ClockState:
    row = store.conn.execute(
        "SELECT started_at_ms, paused_ms, paused_since_ms, ended_at_ms FROM sessions WHERE id = ?",
        (session_id,),
    ).fetchone()
    if row is None:
        raise KeyError(session_id)
    return ClockState(*row)


def pause_clock(store: Store, session_id: int, at_ms: int) -> ClockState:
    """Pause at wall time ``at_ms`` unless already paused or ended; the state after."""
    with store.db.atomic():
        store.conn.execute(
            "UPDATE sessions SET paused_since_ms = ? WHERE id = ?"
            " AND paused_since_ms IS NULL AND ended_at_ms IS NULL",
            (at_ms, session_id),
        )
    return clock_state(store, session_id)


def resume_clock(store: Store, session_id: int, at_ms: int) -> ClockState:
    """End a pause at ``at_ms``, adding its length; the state after."""
    with store.db.atomic():
        store.conn.execute(
            "UPDATE sessions SET paused_ms = paused_ms + max(0, ? - paused_since_ms),"
            " paused_since_ms = NULL WHERE id = ? AND paused_since_ms IS NOT NULL",
            (at_ms, session_id),
        )
    return clock_state(store, session_id)


def end_clock(store: Store, session_id: int, at_ms: int) -> ClockState:
    """End the interview at ``at_ms`` (a running pause ends first); the state after."""
    with store.db.atomic():
        resume_clock(store, session_id, at_ms)
        store.conn.execute(
            "UPDATE sessions SET ended_at_ms = ? WHERE id = ? AND ended_at_ms IS NULL",
            (at_ms, session_id),
        )
    return clock_state(store, session_id)


def reopen_clock(store: Store, session_id: int, at_ms: int) -> ClockState:
    """Continue an ended interview, paused from ``at_ms``; the time closed is a pause."""
    with store.db.atomic():
        store.conn.execute(
            "UPDATE sessions SET paused_ms = paused_ms + max(0, ? - ended_at_ms),"
            " ended_at_ms = NULL, paused_since_ms = ? WHERE id = ? AND ended_at_ms IS NOT NULL",
            (at_ms, at_ms, session_id),
        )
    return clock_state(store, session_id)
