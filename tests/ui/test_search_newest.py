"""Search (F3) for a word in more entries than are ranked lists the best of the newest and
says so in its status line; a rarer word's status is as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.test_search_transcript import app_for, prompts, search_for, status
from tui.core.clock import ClockState
from tui.store import insights
from tui.store.store import open_store

SIZE = (80, 24)


@pytest.fixture
def many(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """30 entries saying "pricing", the 10 oldest the strongest matches; 3 saying "seats";
    only the newest 20 matches of a word are ranked."""
    monkeypatch.setattr(insights, "NEWEST", 20)
    store = open_store(db_path)
    who = store.participant_for("Ann", "Acme")
    session = store.create_session(who.id, "pricing", 30, ClockState(0)).id
    for n in range(30):
        text = "pricing pricing pricing" if n < 10 else f"pricing came up, newer {n}"
        store.add_entry(session, "quote", text, n * 1000)
    for n in range(3):
        store.add_entry(session, "note", f"seats {n}", 40_000 + n)
    store.close()
    return db_path


async def test_a_common_word_lists_the_best_of_the_newest_and_says_so(many: Path) -> None:
    app = app_for(many)
    async with app.run_test(size=SIZE) as pilot:
        shown = prompts(await search_for(pilot, "pricing"))
        assert len(shown) == 20
        assert not any("pricing pricing pricing" in line for line in shown)  # all older
        assert status(app) == (
            "20 entries found. More than 20 entries match: these are the most relevant of"
            " the newest 20 (add words to reach older ones). Enter opens it in its session."
        )
        shown = prompts(await search_for(pilot, "seats"))
        assert len(shown) == 3
        assert status(app) == "3 entries found. Enter opens it in its session."
