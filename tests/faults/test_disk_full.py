"""The disk fills up mid-call: the quote waits, shown as saving, and goes in when space is back."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store import writer
from tui.store.store import Store, connect_writer, open_store
from tui.ui.launch import Launch, NewSession
from tui.ui.widgets.capture_input import CaptureInput

NOW = 1_700_000_000_000


async def test_a_full_disk_keeps_the_quote_and_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "earful.db"
    connections: list[Store] = []

    def connect(path: Path) -> Store:
        connections.append(connect_writer(path))
        return connections[-1]

    monkeypatch.setattr(writer, "_connect_writer", connect)
    launch = Launch("start", new=NewSession("Ada", "Acme", "", 30, ClockState(NOW)))
    app = build_app(launch, db, Config(), now=lambda: NOW + 60_000)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.store_opened()
        await pilot.pause()
        capture = app.screen.query_one(CaptureInput)
        capture.value = "saved before the disk filled"
        await pilot.press("enter")
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        conn = connections[0].conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")

        long_quote = "the disk is full now " * 400  # needs new pages
        capture.value = long_quote
        await pilot.press("enter")
        for _ in range(200):
            await pilot.pause(0.02)
            if any("disk is full" in message for _, message in app.notices):
                break
        assert capture.value == ""  # typing goes on
        assert any("disk is full" in message for _, message in app.notices)
        assert app.writer.pending >= 1  # the quote (and perhaps a draft save) waits

        conn.execute("PRAGMA max_page_count = 1073741823")  # space is back
        assert await asyncio.to_thread(app.writer.wait_idle, 10)

    check = open_store(db)
    texts = [e.text for e in check.entries(1)]
    assert texts == ["saved before the disk filled", long_quote]
    assert check.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
