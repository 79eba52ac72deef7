"""``earful board``, ``brief``, ``search`` and ``demo`` on the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import run
from tui.core.clock import ClockState
from tui.store.store import open_store


@pytest.fixture
def filled(db_path: Path) -> Path:
    store = open_store(db_path)
    for name, text, topics in (
        ("Ann", "Pricing is \x1b[31mconfusing", ["pricing"]),
        ("Ann", "Seats cost too much", ["pricing"]),
        ("Bo", "The export breaks", ["exports", "pricing"]),
    ):
        who = store.participant_for(name, "Acme")
        session = store.create_session(who.id, "pricing", 30, ClockState(0)).id
        store.add_entry(session, "quote", text, 1000, topics, ["frustrated"])
    store.close()
    return db_path


def test_board_markdown_ranks_by_participants_and_shows_names(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["board"], capsys)
    assert status == 0
    lines = [line for line in out.splitlines() if line.startswith("| ")]
    assert lines[1].startswith("| pricing | topic | 2 of 2 participants | 100% | 3 |")
    assert "Ann" in lines[1] and "Bo" in lines[1]
    assert any(line.startswith("| exports | topic | 1 of 2 participants") for line in lines)


def test_board_csv_and_json_carry_the_same_counts(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(["board", "--format", "csv"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    pricing = next(r for r in rows if r["tag"] == "pricing")
    assert (pricing["participants"], pricing["of"], pricing["entries"]) == ("2", "2", "3")
    _, out, _ = run(["board", "--format", "json"], capsys)
    data = {row["tag"]: row for row in json.loads(out)}
    assert data["exports"]["participants"] == 1 and data["exports"]["names"] == ["Bo"]


def test_board_filter_that_matches_nothing_says_so(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["board", "--company", "Globex"], capsys)
    assert status == 0 and "No tagged entries match these filters" in out
    status, _, err = run(["board", "--from", "yesterday"], capsys)
    assert status == 1 and "date like" in err


def test_brief_prints_evidence_and_quotes_with_control_characters_inert(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["brief", "--tag", "pricing", "--finding", "Seats cost too much"], capsys)
    assert status == 0
    assert out.startswith("## Seats cost too much\n")
    assert "2 of 2 participants (100%)" in out
    assert "\x1b" not in out and "␛\\[31mconfusing" in out  # Markdown: [ escaped
    assert out.count("> “") == 2  # one key quote per participant
    status, _, err = run(["brief", "--tag", "nope"], capsys)
    assert status == 1 and "no tag called 'nope'" in err and "pricing" in err


def test_search_finds_plain_words_and_survives_syntax(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["search", "export"], capsys)
    assert status == 0 and "Bo, Acme: The export breaks" in out and "00:01" in out
    for hostile in ["AND(", '"', "NEAR( seats", "col:x"]:
        status, out, err = run(["search", hostile], capsys)
        assert status in (0, 1) and "Traceback" not in err and "syntax" not in err
    status, out, _ = run(["search", "seats", "--tag", "exports"], capsys)
    assert out == "Nothing found.\n"
    status, _, err = run(["search", "*"], capsys)
    assert status == 1 and "at least one word" in err


def test_demo_fills_an_empty_database_and_refuses_one_with_data(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["demo"], capsys)
    assert status == 0 and "12 participants, 15 sessions" in out
    status, _, err = run(["demo"], capsys)
    assert status == 1 and "already has interviews" in err and "--force" in err
    store = open_store(db_path)
    assert store.conn.execute("SELECT count(*) FROM participants").fetchone()[0] == 12
    store.close()
    status, out, _ = run(["demo", "--force"], capsys)
    assert status == 0
    _, out, _ = run(["board"], capsys)
    assert "of 24 participants" in out


def test_empty_repository_board_is_helpful(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["board"], capsys)
    assert status == 0 and "earful demo" in out
