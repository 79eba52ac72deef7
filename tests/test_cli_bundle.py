"""``earful export --all --format json`` and ``earful import`` of what it wrote: every
session moves to another database in one file, and importing it again adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.clock import ClockState
from tui.store.store import open_store


@pytest.fixture
def two_sessions(db_path: Path) -> Path:
    store = open_store(db_path)
    for name, texts in (("Ada", ["Nobody reads our wiki", "[/ trailing"]), ("Bo", ["=1+2"])):
        who = store.participant_for(name, "Acme")
        session = store.create_session(who.id, "learn", 30, ClockState(0)).id
        for n, text in enumerate(texts):
            store.add_entry(session, "quote", text, n * 1000)
    store.close()
    return db_path


def run(capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capfd.readouterr()
    return code, out, err


def test_a_bundle_moves_every_session_and_a_second_import_adds_nothing(
    two_sessions: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "team.json"
    code, out, err = run(capfd, "export", "--all", "--format", "json", "-o", str(bundle))
    assert (code, out) == (0, "")
    assert err == f"earful: wrote 2 sessions as a json bundle to {bundle}\n"
    data = json.loads(bundle.read_text(encoding="utf-8"))
    assert (data["format"], data["version"], len(data["sessions"])) == ("earful-bundle", 1, 2)
    assert all(s["version"] == 4 for s in data["sessions"])

    other = str(tmp_path / "other.db")
    code, out, err = run(capfd, "--db", other, "import", str(bundle))
    assert (code, out.split()) == (0, ["1", "2"])
    assert err == f"earful: imported {bundle}: 2 new sessions, 0 updated, 3 new entries\n"
    code, out, err = run(capfd, "--db", other, "import", str(bundle))
    assert (code, out.split()) == (0, ["1", "2"])
    assert err == f"earful: imported {bundle}: nothing new: 2 sessions already here as they are\n"
    code, listed, _ = run(capfd, "--db", other, "sessions")
    assert code == 0 and listed.count("Acme") == 2


def test_the_bundle_goes_to_standard_output_without_o(
    two_sessions: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capfd, "export", "--all", "-f", "json")
    assert (code, err) == (0, "")
    texts = [e["text"] for s in json.loads(out)["sessions"] for e in s["entries"]]
    assert texts == ["Nobody reads our wiki", "[/ trailing", "=1+2"]


def test_all_in_a_text_format_is_refused_in_one_line(
    two_sessions: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capfd, "export", "--all", "-f", "csv")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "--format json for a bundle" in err
