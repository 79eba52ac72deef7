"""``earful export``: each format parses back, hostile text is inert, failures are one line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.store.guided import run_the_guide
from tests.test_cli_transcript import FIXTURES, TYPED
from tui.cli import main
from tui.core.clock import ClockState, format_ms
from tui.store.store import open_store

HOSTILE = ["[@click=app.quit]x", "trailing [/", "ansi \x1b[31mred", "osc \x1b]52;c;aGk=\x07 end"]


@pytest.fixture
def session(db_path: Path) -> int:
    store = open_store(db_path)
    ada = store.participant_for("Ada Lovelace", "Acme")
    session = store.create_session(
        ada.id, "Sharing findings", 30, ClockState(0, ended_at_ms=1_800_000)
    )
    store.add_entry(
        session.id, "quote", "Nobody reads our wiki", 61_000, ["wiki"], ["frustrated"], ["starred"]
    )
    store.add_entry(session.id, "note", "Uses Notion daily", 90_000)
    store.add_entry(session.id, "quote", "=1+2", 120_000, ["pricing"])
    for n, text in enumerate(HOSTILE):
        store.add_entry(session.id, "quote", text, 200_000 + n)
    store.close()
    return session.id


def export(capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capfd.readouterr()
    return code, out, err


def test_markdown_holds_each_quote_with_its_attribution(
    session: int, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = export(capfd, str(session))
    assert code == 0
    assert "Interview snapshot: Ada Lovelace, Acme" in out  # who, said once
    assert "`01:01` “Nobody reads our wiki” ★ — #wiki !frustrated" in out
    assert "Uses Notion daily" in out and "## Experience map" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\[@click=app.quit\\]x" in out


def test_csv_parses_back_and_formulas_are_neutralised(
    session: int, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = export(capfd, "latest", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3 + len(HOSTILE)
    assert rows[0]["text"] == "Nobody reads our wiki" and rows[0]["starred"] == "true"
    assert rows[2]["text"] == "'=1+2"
    assert all("\x1b" not in r["text"] for r in rows)
    assert rows[-1]["text"] == "osc ␛]52;c;aGk=␇ end"


def test_json_has_every_entry_verbatim(session: int, capfd: pytest.CaptureFixture[str]) -> None:
    code, out, _ = export(capfd, str(session), "-f", "json")
    data = json.loads(out)
    assert code == 0 and data["version"] == 4 and data["session"]["transcript"] is None
    assert [e["text"] for e in data["entries"]][-len(HOSTILE) :] == HOSTILE
    assert data["participant"]["name"] == "Ada Lovelace"
    assert data["tags"]["topics"] == {"wiki": 1, "pricing": 1}


def test_csv_file_gets_a_byte_order_mark_for_spreadsheets(
    session: int, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    code, _, err = export(capfd, str(session), "-f", "csv", "-o", str(target))
    assert code == 0 and str(target) in err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "session"


def test_unknown_session_is_one_line_and_status_1(
    session: int, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, err = export(capfd, "999")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "999" in err


def test_unwritable_path_fails_cleanly_and_writes_nothing(
    session: int, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "out.md"
    code, out, err = export(capfd, str(session), "-o", str(target))
    assert code == 1 and out == ""
    assert "cannot write" in err and err.count("\n") == 1
    assert not target.parent.exists()


# earful import ---------------------------------------------------------------------------


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_import_refuses_in_one_line_naming_file_and_place_and_writes_nothing(
    session: int, db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = export(capfd, str(session), "-f", "json")
    data = json.loads(out)
    data["entries"][0]["starred"] = "false"
    bad = tmp_path / "export.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    before = folder_state(db_path.parent)
    code = main(["import", str(bad)])
    out, err = capfd.readouterr()
    assert (code, out) == (1, "")
    assert err == f'earful: {bad}: entries[0].starred: expected true or false, not "false"\n'
    assert folder_state(db_path.parent) == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[" * 100_000, "line 1 column 33: nested over 32 deep"),
        (b"\xff\xfe{}", "byte 0: not UTF-8 text, so not an export"),
        ('{"format": "earful-session", "version": true}', "top level: missing field 'session'"),
        (None, "cannot read: No such file or directory"),
    ],
)
def test_import_refusals_are_one_line_with_status_1(
    tmp_path: Path,
    db_path: Path,
    capfd: pytest.CaptureFixture[str],
    content: str | bytes | None,
    reason: str,
) -> None:
    path = tmp_path / "crafted.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    code = main(["import", str(path)])
    out, err = capfd.readouterr()
    assert (code, out, err) == (1, "", f"earful: {path}: {reason}\n")
    assert not db_path.exists()  # refused before the database was even opened


def test_import_of_an_export_into_its_own_database_finds_the_session_there(
    session: int, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    _, first, _ = export(capfd, str(session), "-f", "json")
    (tmp_path / "s.json").write_text(first, encoding="utf-8")
    assert main(["import", str(tmp_path / "s.json")]) == 0
    copied = int(capfd.readouterr().out)
    _, second, _ = export(capfd, str(copied), "-f", "json")
    before, after = json.loads(first), json.loads(second)
    for data in (before, after):
        del data["session"]["duration_ms"]  # still running: up to now
    assert copied == session and after == before


# a session that followed a guide ------------------------------------------------------------


@pytest.fixture
def guided(session: int, db_path: Path) -> int:
    """The session followed the guide: Q1 and Q3 asked, Q2 skipped; the wiki quote answered Q3."""
    store = open_store(db_path)
    wiki = next(e for e in store.entries(session) if e.text == "Nobody reads our wiki")
    run_the_guide(store, session, {wiki.id: 3})
    store.close()
    return session


def test_a_guided_session_moves_to_another_database_with_its_guide(
    guided: int, db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, first, _ = export(capfd, str(guided), "-f", "json")
    assert code == 0 and json.loads(first)["guide"]["name"] == "Onboarding discovery"
    (tmp_path / "s.json").write_text(first, encoding="utf-8")
    other = tmp_path / "other.db"
    assert main(["--db", str(other), "import", str(tmp_path / "s.json")]) == 0
    copied = capfd.readouterr().out.strip()
    assert main(["--db", str(other), "guide", "list"]) == 0
    assert "Onboarding discovery" in capfd.readouterr().out
    _, markdown, _ = export(capfd, "--db", str(other), copied)
    assert "- **Asked:** 2 of 4 questions" in markdown
    assert "- Q2 How big is your team? _(skipped)_" in markdown
    assert "**Q3 · Tell me about the last time you shared something you learned.**" in markdown
    _, table, _ = export(capfd, "--db", str(other), copied, "-f", "csv")
    rows = {r["text"]: r for r in csv.DictReader(io.StringIO(table))}
    assert rows["Nobody reads our wiki"]["question"] == "3"
    assert rows["Uses Notion daily"]["question"] == ""


def test_bad_guide_data_is_refused_in_one_line_and_nothing_is_written(
    guided: int, db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = export(capfd, str(guided), "-f", "json")
    data = json.loads(out)
    data["guide"]["ticks"][0]["question"] = 12
    bad = tmp_path / "export.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    before = folder_state(db_path.parent)
    code = main(["import", str(bad)])
    out, err = capfd.readouterr()
    assert (code, out) == (1, "")
    assert err == f"earful: {bad}: guide.ticks[0].question: the guide has no question 12\n"
    assert folder_state(db_path.parent) == before


# a session with the call's transcript ----------------------------------------------------


def test_the_transcript_and_its_matches_move_to_another_database(
    db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    store = open_store(db_path)
    who = store.participant_for("Ada Okafor", "Acme")
    session = store.create_session(who.id, "learn", 30, ClockState(0, ended_at_ms=90_000)).id
    for kind, text, at in TYPED:
        store.add_entry(session, kind, text, at)
    store.close()
    assert main(["transcript", str(session), str(FIXTURES / "zoom.vtt")]) == 0
    capfd.readouterr()
    _, first, _ = export(capfd, str(session), "-f", "json")
    (tmp_path / "s.json").write_text(first, encoding="utf-8")
    other = tmp_path / "other.db"
    assert main(["--db", str(other), "import", str(tmp_path / "s.json")]) == 0
    copied = capfd.readouterr().out.strip()
    _, second, _ = export(capfd, "--db", str(other), copied, "-f", "json")
    before, after = json.loads(first), json.loads(second)
    assert after["session"]["transcript"] == before["session"]["transcript"]
    assert len(after["session"]["transcript"]["cues"]) == 16
    matches = [e["transcript"] for e in before["entries"]]
    assert [e["transcript"] for e in after["entries"]] == matches
    assert sum(m is not None for m in matches) == 4  # three quotes and the mark
    # Never synced (ctrl+r), yet the Markdown points into the recording.
    _, markdown, _ = export(capfd, "--db", str(other), copied)
    assert "recording offset, +7." in markdown and "interview time in parentheses" in markdown
    said = next(e for e in after["entries"] if e["text"].startswith("Nobody goes"))
    start = format_ms(said["transcript"]["start_ms"])
    assert f"- `{start}` ({said['time']}) “Nobody goes looking for a research doc!”" in markdown
