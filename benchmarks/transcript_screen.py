"""Opening the transcript screen of an hour's call (~1,500 cues, ~9,000 words, 100 quotes
matched), against raw queries for its rows."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.harness import Result
from benchmarks.screen_open import open_cpu_ms, warm_open_vs_raw
from benchmarks.transcript import Call, make_call
from tui.core.clock import ClockState
from tui.core.matching import match_transcript
from tui.core.transcript import read_transcript
from tui.store.store import open_store
from tui.store.transcripts import attach_transcript, typed_entries

TARGET_MS = 300
RAW_ROWS = (
    "SELECT * FROM transcripts WHERE session_id = ?",
    """SELECT c.start_ms, c.end_ms, c.speaker, c.text FROM transcript_cues c
    JOIN transcripts t ON t.id = c.transcript_id WHERE t.session_id = ? ORDER BY c.position""",
    """SELECT m.* FROM transcript_matches m JOIN transcripts t ON t.id = m.transcript_id
    WHERE t.session_id = ?""",
)


def seed(db_path: Path, call: Call) -> tuple[int, int]:
    """The call's session with its quotes and transcript; (session id, quotes matched)."""
    store = open_store(db_path)
    try:
        who = store.participant_for("Ada Okafor", "Acme")
        session = store.create_session(who.id, "learn", 60, ClockState(0)).id
        for text, at in call.quotes:
            store.add_entry(session, "quote", text, max(0, at))
        transcript = read_transcript(call.vtt)
        matching = match_transcript(transcript.cues, typed_entries(store, session))
        attach_transcript(store, session, "call.vtt", transcript, matching)
    finally:
        store.close()
    return session, matching.matched


def _open(session_id: int) -> Callable[[Any], None]:
    return lambda app: app.open_transcript(session_id)


def _is_open(app: Any) -> bool:
    from tui.ui.screens.transcript import TranscriptScreen

    return isinstance(app.screen, TranscriptScreen)


async def measure(db_path: Path, session_id: int, runs: int) -> list[float]:
    """CPU ms for each of ``runs`` opens of the transcript screen in one app."""
    return await open_cpu_ms(db_path, runs, _open(session_id), _is_open)


def transcript_open(runs: int) -> Result:
    """CPU ms to open the transcript screen (warm: the second open in each app) vs raw reads."""
    call = make_call()
    db = Path(tempfile.mkdtemp(prefix="earful-bench-")) / "transcript-screen.db"
    session_id, matched = seed(db, call)
    mine, base = warm_open_vs_raw(db, session_id, runs, _open(session_id), _is_open, RAW_ROWS)
    result = Result(
        f"transcript screen: {call.cues:,} cues, {call.words:,} words, {matched} quotes matched",
        mine,
        base,
        f"< {TARGET_MS} ms",
    )
    result.ok = result.earful_median < TARGET_MS
    result.timed = (
        "CPU time from `open_transcript()` until the pushed TranscriptScreen is read,"
        " composed, laid out and painted at 100×30 (second open in each app, so imports and"
        " CSS are not counted); floor: the transcript, cue and match rows read with raw sqlite3"
    )
    return result


if __name__ == "__main__":
    result = transcript_open(5)
    print(
        f"{result.measure}: median {result.earful_median:.0f} ms,"
        f" floor {result.floor_median or 0:.1f} ms"
    )
