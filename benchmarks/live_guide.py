"""The guide on the live screen: what a tick costs the screen, a tick from the screen's
writer to durable beside raw SQL, and typing with a 60-question guide beside typing
without one."""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.harness import Result, interleave
from tui.core.clock import ClockState, wall_ms
from tui.core.guide import Guide, Question, Section
from tui.store.guides import Tick, add_guide, set_entry_question, set_tick
from tui.store.store import open_store
from tui.store.writer import Job, Writer

QUOTE = "Honestly the worst part is exporting everything to a spreadsheet every Friday"


def _guide(questions: int = 60) -> Guide:
    sections = tuple(
        Section(
            f"Part {s + 1}",
            tuple(
                Question(
                    f"Tell me about the last time you did thing {s}.{n}, step by step?",
                    "ada" if n % 2 else "",
                    "pains" if n % 3 == 0 else "",
                    ("What happened next?", "Who else was there?"),
                )
                for n in range(10)
            ),
            10,
        )
        for s in range(questions // 10)
    )
    return Guide("Benchmark live guide", "Learn", sections)


def _session(db: Path, guided: bool, entries: int = 100) -> tuple[int, list[int]]:
    """A session with ``entries`` entries, following a 60-question guide (each entry
    linked to a question, a third of the questions ticked) when ``guided``."""
    store = open_store(db)
    participant = store.participant_for("Ada Lovelace", "Acme")
    version = add_guide(store, _guide()).version
    session = store.create_session(
        participant.id, "", 60, ClockState(wall_ms()), version.id if guided else None
    )
    ids = [q.id for q in version.questions]
    with store.db.atomic():
        for n in range(entries):
            entry = store.add_entry(session.id, "quote", f"{QUOTE} ({n})", n * 1500, ["pains"])
            if guided:
                set_entry_question(store, entry.id, ids[n * len(ids) // (entries * 2)])
        if guided:
            for n in range(len(ids) // 3):
                set_tick(store, session.id, ids[n], Tick(ids[n], n * 60_000))
    store.close()
    return session.id, ids


def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="earful-bench-"))


def tick_ui(runs: int) -> Result:
    """CPU time of the live screen's handling of ctrl+k, a 60-question guide, 120×40."""
    from benchmarks.started import started_app
    from tui.core.config import Config
    from tui.ui.launch import Launch
    from tui.ui.screens.live.screen import LiveScreen

    db = _folder() / "earful.db"
    _session(db, guided=True)
    app = started_app(Launch("resume"), db, Config())

    redraws: list[float] = []

    async def measure() -> list[float]:
        samples = []
        async with app.run_test(size=(120, 40)) as pilot:
            await app.store_opened()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, LiveScreen)
            progress = screen.guide.progress
            assert progress is not None
            pane = screen.guide.pane
            settle = pane.settle

            def timed_settle() -> None:  # the pane's redraw, run after the key's handler
                start = time.thread_time()
                settle()
                redraws.append(1000 * (time.thread_time() - start))

            pane.settle = timed_settle  # type: ignore[method-assign]
            for _ in range(runs + 5):
                if progress.next_open(-1) is None:  # all asked: start over, unmeasured
                    progress.ticks.clear()
                    progress.enter(0, 0)
                    screen.guide.show()
                    await pilot.pause()
                start = time.thread_time()
                screen.guide.asked()
                samples.append(1000 * (time.thread_time() - start))
                await pilot.pause()
            await asyncio.to_thread(app.writer.wait_idle, 30)
        return samples[5:]

    result = Result(
        "ticking a question, the screen's own cost", asyncio.run(measure()), [], "< 1 ms"
    )
    result.ok = result.earful_median < 1
    redraw = sorted(redraws)[len(redraws) // 2] if redraws else 0.0
    result.note = f"then the pane's changed lines redrawn: {redraw:.2f} ms, after the key"
    result.timed = (
        "CPU time (of the UI thread) of the live screen's ctrl+k: tick the current question of"
        " a 60-question guide, make the next open one current, mark the pane's changed lines"
        " for redrawing, update the one-line form, enqueue the write and record the undo;"
        " 120×40; the write itself is the next row"
    )
    return result


def tick_durable(runs: int) -> Result:
    """A tick submitted to the live screen's writer until committed, against raw SQL."""
    folder = _folder()
    session, ids = _session(folder / "earful.db", guided=True)
    raw_session, raw_ids = _session(folder / "raw.db", guided=True)
    raw = sqlite3.connect(folder / "raw.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")
    writer = Writer(folder / "earful.db", deliver=lambda callback: callback())
    at = [0]

    def ours() -> float:
        at[0] += 1
        question, when = ids[at[0] % len(ids)], at[0]
        durable = threading.Event()
        start = time.perf_counter()
        writer.submit(
            Job(
                lambda store: set_tick(store, session, question, Tick(question, when)),
                lambda _: durable.set(),
            )
        )
        durable.wait(10)
        return 1000 * (time.perf_counter() - start)

    def floor() -> float:
        at[0] += 1
        start = time.perf_counter()
        raw.execute(
            "INSERT OR REPLACE INTO questions_asked (session_id, question_id, asked_at_ms)"
            " VALUES (?, ?, ?)",
            (raw_session, raw_ids[at[0] % len(raw_ids)], at[0]),
        )
        return 1000 * (time.perf_counter() - start)

    mine, base = interleave(ours, floor, runs, warmup=5)
    writer.close()
    raw.close()
    result = Result("ctrl+k → tick committed (WAL, FULL)", mine, base, "< 2 ms")
    result.ok = result.earful_median < 2
    result.timed = (
        "from submitting a tick to the live screen's writer thread until it reports it"
        " committed (the question checked against the session's guide, the state before"
        " kept for undo); floor: one INSERT OR REPLACE in autocommit on the calling thread"
    )
    return result


async def _type(db: Path, text: str) -> float:
    from benchmarks.started import started_app
    from tui.core.config import Config
    from tui.ui.launch import Launch

    app = started_app(Launch("resume"), db, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.store_opened()
        await pilot.pause()
        start = time.thread_time()
        await pilot.press(*text)
        return 1000 * (time.thread_time() - start) / len(text)


def typing(runs: int, chars: int) -> Result:
    """Per-key CPU of typing a quote with a 60-question guide shown, against no guide."""
    folder = _folder()
    _session(folder / "guided.db", guided=True)
    _session(folder / "plain.db", guided=False)
    text = QUOTE[:chars]
    mine, base = interleave(
        lambda: asyncio.run(_type(folder / "guided.db", text)),
        lambda: asyncio.run(_type(folder / "plain.db", text)),
        runs,
    )
    result = Result("typing a quote, per key, with a 60-question guide", mine, base, "≤ 1.1×")
    result.ok = (result.ratio or 99) <= 1.1
    result.timed = (
        f"CPU time (of the UI thread) of `pilot.press()` for {len(text)} characters of a quote,"
        " divided by their number, on the live screen at 120×40 with 100 entries in the log"
        " and a 60-question guide beside it; floor: the same session without a guide"
    )
    return result


def rows(ticks: int, typing_runs: int, chars: int) -> list[Result]:
    """Every row of this file, for ``python -m benchmarks``."""
    return [tick_ui(ticks), tick_durable(ticks), typing(typing_runs, chars)]
