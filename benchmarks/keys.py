"""Typing a quote key by key, measured through Pilot."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input

from benchmarks.harness import Result, interleave
from benchmarks.started import started_app
from tui.core.clock import ClockState, wall_ms
from tui.core.config import Config
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch

QUOTE = (
    "Honestly the worst part is exporting everything to a spreadsheet every Friday "
    "just so my manager can see the numbers again"
)[:120]


class BareInput(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="earful-bench-"))


def _seed(db: Path, entries: int) -> None:
    store = open_store(db)
    participant = store.participant_for("Ada Lovelace", "Acme")
    session = store.create_session(participant.id, "", 60, ClockState(wall_ms()))
    with store.db.atomic():
        for n in range(entries):
            store.add_entry(session.id, "quote", f"{QUOTE} ({n})", n * 1500, ["pains"], [])
    store.close()


async def _type(app: App[None], text: str) -> float:
    async with app.run_test(size=(120, 40)) as pilot:
        if isinstance(app, EarfulApp):
            await app.store_opened()
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press(*text)
        return 1000 * (time.perf_counter() - start) / len(text)


def typing(runs: int, chars: int, logged: int = 100) -> Result:
    folder = _folder()
    db = folder / "e.db"
    _seed(db, logged)
    text = QUOTE[:chars]

    def ours() -> float:
        app = started_app(Launch("resume"), db, Config())
        return asyncio.run(_type(app, text))

    def floor() -> float:
        return asyncio.run(_type(BareInput(), text))

    mine, base = interleave(ours, floor, runs)
    result = Result(f"typing a quote, per key ({logged} entries in the log)", mine, base, "≤ 1.2×")
    result.ok = (result.ratio or 99) <= 1.2
    result.timed = (
        f"wall time of `pilot.press()` for {chars} characters of a quote, divided by {chars},"
        f" on the live screen with {logged} entries in its log; floor: a bare `Input` in Pilot"
    )
    return result
