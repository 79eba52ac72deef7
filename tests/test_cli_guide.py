"""``earful guide`` and ``earful start --guide``: what a user types and sees."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import run
from tui.cli import build_parser
from tui.cli import live as live_commands
from tui.core.clock import ClockState
from tui.core.config import Config
from tui.core.guide import parse_guide
from tui.store.guides import add_answer, find_guide, tick_question
from tui.store.store import open_store
from tui.ui.launch import Launch

GUIDE = """\
# Onboarding discovery
Goal: How do teams share what they learn?

## Warm-up (5 min)
- Tell me about your role. @ada
- How big is your team?

## Sharing (15 min)
- Tell me about the last time you shared a finding. #sharing
  - What happened next?
"""


@pytest.fixture
def guide_file(tmp_path: Path) -> Path:
    path = tmp_path / "onboarding.md"
    path.write_text(GUIDE, encoding="utf-8")
    return path


def test_add_stores_a_version_only_when_the_file_changed(
    guide_file: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = run(["guide", "add", str(guide_file)], capsys)
    assert said == (0, "guide Onboarding discovery version 1: 2 sections, 3 questions\n", "")
    said = run(["guide", "add", str(guide_file)], capsys)
    assert said[1] == "guide Onboarding discovery version 1: 2 sections, 3 questions (unchanged)\n"
    guide_file.write_text(GUIDE + "\n## Wrap\n- Anything else?\n", encoding="utf-8")
    said = run(["guide", "add", str(guide_file)], capsys)
    assert said == (0, "guide Onboarding discovery version 2: 3 sections, 4 questions\n", "")
    said = run(["guide", "add", str(guide_file), "--name", "Short"], capsys)
    assert said == (0, "guide Short version 1: 3 sections, 4 questions\n", "")
    lines = run(["guide", "list"], capsys)[1].splitlines()
    assert lines[0].split() == ["guide", "version", "sections", "questions", "sessions", "goal"]
    assert lines[1].split()[:6] == ["Onboarding", "discovery", "2", "3", "4", "0"]
    assert lines[2].startswith("Short")


def _big(path: Path) -> Path:
    with path.open("wb") as handle:
        handle.write(b"# Big\n" + b"- question\n" * 1_000_000)
    return path


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"# G\nGoal: g\n## Only notes\nNothing to ask.\n", "g.md has no questions"),
        (b"# G\n\n## Warm-up (five min)\n- q\n", "g.md line 3: the section's time budget"),
        (b"# G\n- q\n\x89PNG\x00\x01", "g.md line 3: holds a NUL byte"),
        ("# G\n- Déjà vu\n".encode("latin-1"), "g.md line 2: is not UTF-8 text"),
        (None, "g.md is 11.0 MB; a guide file is at most 1 MB"),
        (b"- q\n", "g.md has no name"),
    ],
)
def test_a_bad_file_is_one_line_naming_it_and_nothing_is_written(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None,
    says: str,
) -> None:  # fmt: skip
    path = tmp_path / "g.md"
    if content is None:
        _big(path)
    else:
        path.write_bytes(content)
    status, out, err = run(["guide", "add", str(path)], capsys)
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith("earful: ") and says in err
    assert not db_path.exists()


def test_a_missing_file_or_a_folder_is_one_line(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for given in (tmp_path / "nope.md", tmp_path):
        status, _, err = run(["guide", "add", str(given)], capsys)
        assert status == 1 and err.count("\n") == 1 and "cannot read" in err
    assert not db_path.exists()


def test_show_prints_markdown_that_reads_back_and_json(
    guide_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["guide", "add", str(guide_file)], capsys)
    status, out, _ = run(["guide", "show", "onboarding DISCOVERY"], capsys)
    assert status == 0 and parse_guide(out) == parse_guide(GUIDE)
    status, out, _ = run(["guide", "show", "Onboarding discovery", "--format", "json"], capsys)
    shown = json.loads(out)
    assert shown["version"] == 1 and shown["goal"] == "How do teams share what they learn?"
    assert shown["sections"][1]["questions"][0] == {
        "text": "Tell me about the last time you shared a finding.",
        "asker": "",
        "topic": "sharing",
        "probes": ["What happened next?"],
    }
    status, out, err = run(["guide", "show", "Nope"], capsys)
    assert (status, out) == (1, "")
    assert err == "earful: no guide named 'Nope' (`earful guide list` shows them)\n"


def test_hostile_guide_text_reaches_the_terminal_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "x \x1b[31mred\x1b]52;c;aGk=\x07 \u202egnp.exe \x9b [b]"
    path = tmp_path / "h.md"
    path.write_text(f"# {hostile}\n## {hostile}\n- {hostile}\n", encoding="utf-8")
    outputs = [run(["guide", "add", str(path)], capsys)[1]]
    for command in (["list"], ["show", hostile], ["coverage", hostile]):
        for fmt in ([], ["--format", "json"]) if command != ["list"] else ([],):
            status, out, _ = run(["guide", *command, *fmt], capsys)
            assert status == 0
            outputs.append(out)
    for out in outputs:
        assert not any(c in out for c in "\x1b\x07\u202e\x9b"), out
    assert json.loads(outputs[-1])["guide"] == hostile  # JSON escapes it, keeping the text


def test_coverage_in_every_format(
    guide_file: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["guide", "add", str(guide_file)], capsys)
    store = open_store(db_path)
    version = find_guide(store, "Onboarding discovery")
    first, _, third = (q.id for q in version.questions)
    for n, name in enumerate(("Ann", "Bo", "Ann")):
        who = store.participant_for(name).id
        session = store.create_session(who, "g", 30, ClockState(n), version.id).id
        tick_question(store, session, first, 1_000)
        add_answer(store, session, first, "quote", f"I run ops {n}", 2_000)
        if n == 0:
            tick_question(store, session, third, 3_000)
    store.close()

    status, out, _ = run(["guide", "coverage", "Onboarding discovery", "--format", "json"], capsys)
    assert status == 0
    assert json.loads(out) == {
        "guide": "Onboarding discovery",
        "sessions": 3,
        "questions": [
            {"section": "Warm-up", "text": "Tell me about your role.", "asked": 3,
             "sessions": 3, "entries": 3, "participants": 2},
            {"section": "Warm-up", "text": "How big is your team?", "asked": 0,
             "sessions": 3, "entries": 0, "participants": 0},
            {"section": "Sharing", "text": "Tell me about the last time you shared a finding.",
             "asked": 1, "sessions": 3, "entries": 0, "participants": 0},
        ],
    }  # fmt: skip
    out = run(["guide", "coverage", "Onboarding discovery", "--format", "csv"], capsys)[1]
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["section", "question", "asked", "sessions", "entries", "participants"]
    assert rows[1] == ["Warm-up", "Tell me about your role.", "3", "3", "3", "2"]
    out = run(["guide", "coverage", "Onboarding discovery"], capsys)[1]
    assert "Version 1; followed in 3 sessions." in out
    assert "## Sharing" in out
    assert "- Tell me about your role. — asked in 3 of 3; 3 entries from 2 participants" in out
    assert "- How big is your team? — asked in 0 of 3; 0 entries from 0 participants" in out


def _launch(argv: list[str], db_path: Path) -> Launch | int:
    args = build_parser().parse_args(argv)
    return live_commands.launch(args, db_path, Config())


def test_start_with_a_guide_follows_its_latest_version_and_takes_its_goal(
    guide_file: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["guide", "add", str(guide_file)], capsys)
    opened = _launch(["start", "Ann", "--guide", "onboarding discovery"], db_path)
    assert isinstance(opened, Launch) and opened.new is not None
    store = open_store(db_path)
    latest = find_guide(store, "Onboarding discovery").id
    store.close()
    assert opened.new.guide_version_id == latest
    assert opened.new.goal == "How do teams share what they learn?"
    given = _launch(["start", "Ann", "--guide", "Onboarding discovery", "--goal", "Mine"], db_path)
    assert isinstance(given, Launch) and given.new is not None and given.new.goal == "Mine"
    plain = _launch(["start", "Ann"], db_path)
    assert isinstance(plain, Launch) and plain.new is not None
    assert plain.new.guide_version_id is None


def test_start_with_an_unknown_guide_is_one_line_and_opens_nothing(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _launch(["start", "Ann", "--guide", "Nope"], db_path) == 1
    err = capsys.readouterr().err
    assert err == "earful: no guide named 'Nope' (`earful guide list` shows them)\n"
    assert not db_path.exists()
