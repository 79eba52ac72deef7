"""Copies from the snapshot of a session with a transcript but no recording sync (ctrl+r)
point at the moment in the recording: a matched quote at its words, the rest moved by
the transcript's recording offset."""

from __future__ import annotations

from pathlib import Path

from tests.ui.test_snapshot import make_app, open_snapshot
from tests.ui.test_snapshot_transcript import seed, select
from tui.core.clock import format_ms
from tui.store.store import open_store
from tui.store.transcripts import entry_matches, transcript_of


async def test_copying_a_quote_gives_its_recording_time_without_a_sync(db_path: Path) -> None:
    session, ids = seed(db_path)
    store = open_store(db_path)
    said_at = entry_matches(store, session)[ids["nobody"]].start_ms
    offset = transcript_of(store, session).offset_ms  # type: ignore[union-attr]
    assert store.session(session).recording_at_ms is None and offset is not None
    store.close()
    async with make_app(db_path).run_test(size=(80, 24)) as pilot:
        screen = await open_snapshot(pilot, session)
        select(screen, ids["nobody"])
        await pilot.press("c")
        assert pilot.app.clipboard.endswith(f"— Ada Okafor, Acme · {format_ms(said_at)}")
        assert format_ms(said_at) != "00:47"  # its interview time
        select(screen, ids["note"])  # a note is never matched: moved by the offset
        await pilot.press("c")
        assert pilot.app.clipboard.endswith(f"· {format_ms(40_000 + offset)}")
        await pilot.press("C")
        page = pilot.app.clipboard
        assert f"`{format_ms(said_at)}` (00:47)" in page
        assert "interview time in parentheses" in page
