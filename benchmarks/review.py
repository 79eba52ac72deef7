"""Opening a 300-entry session's snapshot, against raw queries for its rows.

The seeding and the Pilot measurement are benchmarks/snapshot.py's (owned with the
snapshot screen); this module only puts them beside a floor, interleaved.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks import snapshot
from benchmarks.harness import Result
from benchmarks.screen_open import warm_open_vs_raw

RAW_ROWS = (
    """SELECT s.*, p.* FROM sessions s JOIN participants p ON p.id = s.participant_id
    WHERE s.id = ?""",
    """SELECT id, kind, text, at_ms, starred, follow_up, testimonial, original_text
    FROM entries WHERE session_id = ? ORDER BY at_ms, id""",
    """SELECT et.entry_id, t.kind, t.name, t.valence FROM entries e
    JOIN entry_tags et ON et.entry_id = e.id JOIN tags t ON t.id = et.tag_id
    WHERE e.session_id = ?""",
)


def snapshot_open(runs: int) -> Result:
    """CPU ms to open the snapshot screen (warm: the second open in each app) vs raw reads."""
    db = Path(tempfile.mkdtemp(prefix="earful-bench-")) / "snapshot.db"
    session_id = snapshot.seed(db)
    opened = snapshot.open_it(session_id)
    mine, base = warm_open_vs_raw(db, session_id, runs, opened, snapshot.is_open, RAW_ROWS)
    result = Result(f"snapshot of a {snapshot.ENTRIES}-entry session", mine, base, "< 150 ms")
    result.ok = result.earful_median < 150
    result.timed = (
        "CPU time from `open_snapshot()` until the pushed SnapshotScreen is composed, loaded"
        " and painted (second open in each app, so imports and CSS are not counted);"
        " floor: the session, entry and tag rows read with raw sqlite3"
    )
    return result
