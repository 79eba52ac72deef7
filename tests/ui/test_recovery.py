"""Changes a run could not save come back, after asking, the next time Earful starts."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.store.recovery import recovery_files, write_recovery
from tui.store.store import open_store
from tui.ui.launch import Launch


def seed(db: Path) -> int:
    store = open_store(db)
    participant = store.participant_for("Ada Lovelace", "Acme")
    session = store.create_session(participant.id, "", 30, ClockState(1_700_000_000_000))
    store.close()
    return session.id


async def answer_and_wait(db: Path, key: str) -> list[str]:
    app = build_app(Launch("home"), db, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.store_opened()
        for _ in range(100):
            await pilot.pause(0.02)
            words = " ".join(str(w.render()) for w in app.screen.query("Static"))
            if "could not be saved" in words:
                break
        await pilot.press(key)
        await pilot.pause()
        assert await asyncio.to_thread(app.writer.wait_idle, 10)
        await pilot.pause()
        notices = [message for _, message in app.notices]
    return notices


async def test_unsaved_entries_are_offered_back_and_added_once(tmp_path: Path) -> None:
    db = tmp_path / "earful.db"
    session_id = seed(db)
    change = {
        "session_id": session_id,
        "kind": "quote",
        "text": "typed while the disk was gone",
        "at_ms": 65_000,
        "topics": ["pains"],
        "emotions": [],
        "flags": ["starred"],
    }
    write_recovery(db, [change, {"draft": "half a", "session_id": session_id}])

    notices = await answer_and_wait(db, "n")  # not now: kept for next time
    assert recovery_files(db) and not any("Added back" in n for n in notices)

    notices = await answer_and_wait(db, "y")
    assert any("Added back 1 entry" in n for n in notices)
    assert recovery_files(db) == []  # renamed, never added twice
    store = open_store(db)
    [entry] = store.entries(session_id)
    assert (entry.text, entry.at_ms, entry.topics, entry.starred) == (
        "typed while the disk was gone",
        65_000,
        ("pains",),
        True,
    )
