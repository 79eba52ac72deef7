"""A tag raised by many people names the first of them and says how many more, everywhere
a person reads it (the board, its Markdown, the brief); the data exports keep every name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.helpers import run
from tests.ui.test_board import app_for, cells, open_screen
from tui.core.clock import ClockState
from tui.core.insights import NAMES_SHOWN, name_list
from tui.store import board as board_store
from tui.store.store import open_store

PEOPLE = 25  # more than NAMES_SHOWN
NAMES = [f"P{n:02}" for n in range(1, PEOPLE + 1)]


@pytest.fixture
def crowded(db_path: Path) -> Path:
    store = open_store(db_path)
    for name in NAMES:
        who = store.participant_for(name, "")
        session = store.create_session(who.id, "pricing", 30, ClockState(0)).id
        store.add_entry(session, "quote", f"{name} thinks it costs too much", 1000, ["pricing"], [])
    store.close()
    return db_path


def test_a_long_list_names_the_first_and_counts_the_rest() -> None:
    assert NAMES_SHOWN == 20
    assert name_list(NAMES) == ", ".join(NAMES[:20]) + ", and 5 more"
    assert name_list(NAMES[:20]) == ", ".join(NAMES[:20])  # all fit: nothing about more
    assert name_list(["Ann", "Bo"], total=3, sep="; ") == "Ann; Bo; and 1 more"
    assert name_list(["a&b"], show=str.upper) == "A&B"


def test_a_width_keeps_as_many_names_as_fit_with_the_count() -> None:
    assert name_list(NAMES, width=30) == "P01, P02, P03, and 22 more"  # a fourth: 31
    assert name_list(["A very long name indeed"], total=4, width=5).startswith("A very long")


def test_earful_board_markdown_caps_names_and_json_keeps_them_all(
    crowded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["board"], capsys)
    assert status == 0
    [row] = [line for line in out.splitlines() if line.startswith("| pricing")]
    assert row.endswith(f"| {', '.join(NAMES[:20])}, and 5 more |")
    assert "P21" not in row
    status, out, _ = run(["board", "--format", "json"], capsys)
    assert status == 0 and json.loads(out)[0]["names"] == NAMES


def test_earful_brief_caps_who_raised_it(crowded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["brief", "--tag", "pricing"], capsys)
    assert status == 0
    assert f"**Who:** {'; '.join(NAMES[:20])}; and 5 more.\n" in out


async def test_the_board_screen_shows_the_names_that_fit_and_how_many_more(
    crowded: Path,
) -> None:
    app = app_for(crowded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, "f2")
        [row] = cells(app.screen.query_one("#topics", DataTable))
        assert row[4].startswith("P01, P02, ") and row[4].endswith(" more")
        shown = row[4].count("P")
        assert row[4].endswith(f"and {PEOPLE - shown} more") and len(row[4]) <= 60


def _every_name_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading every name of every tag (~120 ms of a decade's board) fails the test."""

    def every_name(*_: object) -> None:
        raise AssertionError("read every name of every tag to show the first few")

    monkeypatch.setattr(board_store, "_board", every_name)


def test_earful_board_markdown_reads_only_the_names_it_prints(
    crowded: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _every_name_forbidden(monkeypatch)
    status, out, _ = run(["board"], capsys)
    assert status == 0
    [row] = [line for line in out.splitlines() if line.startswith("| pricing")]
    assert row.endswith(
        f"| 25 of 25 participants | 100% | 25 | {', '.join(NAMES[:20])}, and 5 more |"
    )


async def test_the_board_screen_reads_only_the_names_it_shows(
    crowded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _every_name_forbidden(monkeypatch)
    app = app_for(crowded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, "f2")
        [row] = cells(app.screen.query_one("#topics", DataTable))
        assert row[:4] == ["#pricing", "25 of 25", "100%", "25"]
        assert row[4].startswith("P01, P02, ") and row[4].endswith(" more")
