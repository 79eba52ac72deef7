"""``earful search`` for a word in more entries than are ranked says so in its last line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run
from tui.core.clock import ClockState
from tui.store import insights
from tui.store.store import open_store


@pytest.fixture
def many(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(insights, "NEWEST", 20)
    store = open_store(db_path)
    who = store.participant_for("Ann", "Acme")
    session = store.create_session(who.id, "pricing", 30, ClockState(0)).id
    for n in range(30):
        text = "pricing pricing pricing" if n < 10 else f"pricing came up, newer {n}"
        store.add_entry(session, "quote", text, n * 1000)
    store.add_entry(session, "note", "seats", 40_000)
    store.close()
    return db_path


def test_a_common_word_says_only_the_newest_were_ranked(
    many: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["search", "pricing", "--limit", "5"], capsys)
    lines = out.splitlines()
    assert status == 0 and len(lines) == 6
    assert all(line.startswith("session ") and "newer" in line for line in lines[:5])
    assert lines[5] == (
        "More than 20 entries match: these are the most relevant of the newest 20"
        " (add words to reach older ones)."
    )


def test_a_rarer_word_prints_its_entries_alone(
    many: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["search", "seats"], capsys)
    assert status == 0 and len(out.splitlines()) == 1 and out.startswith("session ")
