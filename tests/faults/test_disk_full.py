"""The disk fills up mid-call: the quote stays in the capture line, nothing saved is harmed."""

from __future__ import annotations

from pathlib import Path

from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store.store import open_store
from tui.ui.launch import Launch, NewSession
from tui.ui.widgets.capture_input import CaptureInput

NOW = 1_700_000_000_000


async def test_a_full_disk_keeps_the_quote_and_recovers(tmp_path: Path) -> None:
    db = tmp_path / "earful.db"
    launch = Launch("start", new=NewSession("Ada", "Acme", "", 30, ClockState(NOW)))
    app = build_app(launch, db, Config(), now=lambda: NOW + 60_000)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.store_opened()
        await pilot.pause()
        capture = app.screen.query_one(CaptureInput)
        capture.value = "saved before the disk filled"
        await pilot.press("enter")
        await pilot.pause()
        store = app.store
        assert store is not None
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")

        long_quote = "the disk is full now " * 400  # needs new pages
        capture.value = long_quote
        await pilot.press("enter")
        await pilot.pause()
        assert capture.value == long_quote  # given back, not lost
        assert any("Not saved" in message for _, message in app.notices)

        store.conn.execute("PRAGMA max_page_count = 1073741823")  # space is back
        await pilot.press("enter")
        await pilot.pause()
        assert capture.value == ""

    check = open_store(db)
    texts = [e.text for e in check.entries(1)]
    assert texts == ["saved before the disk filled", long_quote]
    assert check.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
