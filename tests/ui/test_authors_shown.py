"""Who typed each entry, on the live log and the snapshot's map: shown only when more than
one person typed in the session (one note-taker's log stays as it was)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.ui.test_live import FakeClock, live_app, log_lines, ready, save_line
from tests.ui.test_snapshot import make_app, open_snapshot, seed
from tui.cli import build_app
from tui.core.config import Config
from tui.store.store import open_store
from tui.ui.launch import Launch
from tui.ui.screens.live.screen import LiveScreen
from tui.ui.widgets.entry_log import EntryLog
from tui.ui.widgets.experience_map import ExperienceMap

SIZE = (80, 24)


def by(db_path: Path, author: str) -> None:
    """Mark every entry as typed by ``author``."""
    store = open_store(db_path)
    store.conn.execute("UPDATE entries SET author = ?", (author,))
    store.conn.commit()
    store.close()


async def saved(pilot: Pilot[None], screen: LiveScreen) -> None:
    """Wait for the writer to commit what the log shows as saving."""
    for _ in range(100):
        await pilot.pause(0.02)
        if not screen.query_one(EntryLog).saving:
            return
    raise AssertionError("never saved")


def map_text(screen: object) -> str:
    experience = screen.query_one(ExperienceMap)  # type: ignore[attr-defined]
    return "\n".join(experience.render_line(y).text for y in range(experience.size.height))


async def test_one_note_taker_sees_no_author_on_the_live_log(tmp_path: Path) -> None:
    clock = FakeClock()
    app = live_app(tmp_path / "e.db", clock, Config(author="ann"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await save_line(pilot, "nobody reads the wiki")
        await saved(pilot, screen)
        text = "\n".join(log_lines(screen))
        assert "nobody reads the wiki" in text and "· ann" not in text


async def test_a_second_note_taker_names_every_entrys_author_on_the_live_log(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    db = tmp_path / "e.db"
    async with live_app(db, clock, Config(author="bo")).run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await save_line(pilot, "first from bo")
        await saved(pilot, screen)
    app = build_app(Launch("resume"), db, Config(author="ann"), now=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "· bo" not in "\n".join(log_lines(screen))  # one author so far
        await save_line(pilot, "then ann")
        await saved(pilot, screen)
        lines = log_lines(screen)
        assert any("first from bo" in line and "· bo" in line for line in lines)
        assert any("then ann" in line and "· ann" in line for line in lines)


async def test_the_snapshot_names_authors_only_when_there_are_two(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    session = seed(db)
    by(db, "ann")
    async with make_app(db).run_test(size=SIZE) as pilot:
        text = map_text(await open_snapshot(pilot, session))
        assert "Nobody reads our wiki" in text and "· ann" not in text
    store = open_store(db)
    store.conn.execute("UPDATE entries SET author = 'bo' WHERE text LIKE 'I paste%'")
    store.conn.commit()
    store.close()
    async with make_app(db).run_test(size=SIZE) as pilot:
        text = map_text(await open_snapshot(pilot, session))
        assert text.count("· ann") == 3 and text.count("· bo") == 1
