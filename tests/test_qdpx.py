"""``earful export --format qdpx``: a REFI-QDA project that the standard's schema accepts,
whose selections cut each quote back out of its session's text exactly."""

from __future__ import annotations

import sys
import uuid
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
import xmlschema

from tui.cli import main
from tui.core.clock import ClockState
from tui.core.qdpx import NAMESPACE, derived_guid, qda_text
from tui.store.editing import edit_entry, set_facts, set_list
from tui.store.store import open_store

XSD = Path(__file__).parent / "fixtures" / "refi-qda" / "Project.xsd"
Q = "{urn:QDA-XML:project:1.0}"

# What XML forbids, what it would parse, astral code points (two UTF-16 units each, so
# offsets counted any other way than by code point go wrong), and line breaks.
HOSTILE = [
    "bell\x07 nul\x00 esc\x1b[31m del\x7f c1\x85 end",
    "<b>bold</b> & &amp; ]]> \"quoted\" 'single' <!-- x -->",
    "👩‍💻 typed 𝄞 then 🎉🎉 and more",
    "first line\r\nsecond line\rthird\tand a tab",
    "\ufffe\uffff not characters",
]


@pytest.fixture
def team(db_path: Path) -> dict[str, int]:
    store = open_store(db_path)
    ada = store.participant_for("Ada <Okafor> & co", "Acme")
    set_facts(store, ada.id, ["role: PM", "Team of 23", "tools:\x1b Notion"])
    ben = store.participant_for("Ben Carter", "")
    one = store.create_session(ada.id, "Sharing <findings>", 30, ClockState(0)).id
    store.add_entry(one, "quote", "Nobody reads our wiki", 61_000, ["wiki"], ["frustrated"])
    for n, text in enumerate(HOSTILE):
        store.add_entry(one, "quote", text, 70_000 + n, ["pricing"], (), ["starred"])
    store.add_entry(one, "note", "Uses Notion <daily> 🎉", 90_000, ["tools"])
    store.add_entry(one, "mark", "", 95_000)
    # A topic and an emotion with one name, and a topic named like a flag.
    store.add_entry(
        one, "quote", "It drives me mad", 99_000, ["frustrated", "starred"], ["frustrated"]
    )
    edited = store.add_entry(one, "quote", "typo'd quoet", 100_000, (), (), ["testimonial"])
    edit_entry(store, edited.id, text="typo'd quote")
    set_list(store, one, "opportunities", ["Find things \x00 faster", "Share <notes>"])
    set_list(store, one, "insights", ["Wikis rot 🎉"])
    two = store.create_session(ben.id, "", 30, ClockState(1_000)).id
    store.add_entry(two, "quote", "Search is fine", 5_000, ["search"], (), ["follow_up"])
    three = store.create_session(ada.id, "Again", 30, ClockState(2_000)).id
    store.close()
    return {"one": one, "two": two, "three": three}


def export(capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capfd.readouterr()
    return code, out, err


def project(path: Path) -> tuple[ElementTree.Element, dict[str, str]]:
    """The parsed ``project.qde`` (checked against the schema) and every file in sources/."""
    with zipfile.ZipFile(path) as archive:
        qde = archive.read("project.qde").decode("utf-8")
        sources = {
            name.removeprefix("sources/"): archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("sources/")
        }
    xmlschema.XMLSchema(XSD).validate(qde)
    return ElementTree.fromstring(qde), sources


def rows(db_path: Path, sql: str) -> list[tuple]:
    store = open_store(db_path)
    try:
        return store.conn.execute(sql).fetchall()
    finally:
        store.close()


def all_exported(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> tuple[ElementTree.Element, dict[str, str]]:
    target = tmp_path / "team.qdpx"
    code, _, err = export(capfd, "--all", "--format", "qdpx", "-o", str(target))
    assert code == 0, err
    return project(target)


def test_the_project_is_valid_against_the_standard_schema(
    team: dict[str, int], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    root, sources = all_exported(tmp_path, capfd)
    assert root.tag == f"{Q}Project" and root.get("name") == "team"
    assert len(root.findall(f"{Q}Sources/{Q}TextSource")) == 3
    for text in sources.values():
        assert "\r" not in text and "\x00" not in text


def test_every_selection_cuts_its_quote_back_out_of_the_session_text(
    team: dict[str, int], db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    root, sources = all_exported(tmp_path, capfd)
    quotes = dict(rows(db_path, "SELECT uuid, text FROM entries WHERE kind = 'quote'"))
    cut = {}
    for source in root.iter(f"{Q}TextSource"):
        text = sources[source.get("plainTextPath").removeprefix("internal://")]
        for selection in source.findall(f"{Q}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            cut[selection.get("guid")] = text[start:end]
    assert cut == {guid: qda_text(text) for guid, text in quotes.items()}
    # The mapping, spelled out: one visible symbol per control character, LF for a break.
    assert "bell␇ nul␀ esc␛[31m del␡ c1\ufffd end" in cut.values()
    assert "first line\nsecond line\nthird\tand a tab" in cut.values()
    assert "\ufffd\ufffd not characters" in cut.values()
    assert "👩‍💻 typed 𝄞 then 🎉🎉 and more" in cut.values()


def test_a_session_is_one_line_per_entry_with_its_time(
    team: dict[str, int], db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    _, sources = all_exported(tmp_path, capfd)
    (guid,) = rows(db_path, f"SELECT uuid FROM sessions WHERE id = {team['two']}")[0]
    assert sources[f"{guid}.txt"] == "[00:05] Search is fine\n"
    (ada,) = rows(db_path, f"SELECT uuid FROM sessions WHERE id = {team['one']}")[0]
    lines = sources[f"{ada}.txt"].split("\n")
    assert lines[0] == "[01:01] Nobody reads our wiki"
    assert "[01:30] Note: Uses Notion <daily> 🎉" in lines and "[01:35] Mark" in lines


def test_codes_sit_under_three_parents_with_unique_names(
    team: dict[str, int], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    root, _ = all_exported(tmp_path, capfd)
    parents = root.findall(f"{Q}CodeBook/{Q}Codes/{Q}Code")
    assert [(p.get("name"), p.get("isCodable")) for p in parents] == [
        ("Topics", "false"),
        ("Emotions", "false"),
        ("Flags", "false"),
    ]
    names = {p.get("name"): [c.get("name") for c in p.findall(f"{Q}Code")] for p in parents}
    assert {"#frustrated", "#starred", "#wiki", "#tools"} <= set(names["Topics"])
    assert names["Emotions"] == ["!frustrated"]
    assert names["Flags"] == ["★ starred", "⚑ follow up", "♥ testimonial"]
    every = [c.get("name") for c in root.iter(f"{Q}Code")]
    assert len(every) == len(set(every))
    assert all(c.get("isCodable") == "true" for p in parents for c in p.findall(f"{Q}Code"))


def test_each_quote_is_coded_with_its_topics_emotions_and_flags(
    team: dict[str, int], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    root, sources = all_exported(tmp_path, capfd)
    code_names = {c.get("guid"): c.get("name") for c in root.iter(f"{Q}Code")}
    coded = {}
    for source in root.iter(f"{Q}TextSource"):
        text = sources[source.get("plainTextPath").removeprefix("internal://")]
        for selection in source.findall(f"{Q}PlainTextSelection"):
            quote = text[int(selection.get("startPosition")) : int(selection.get("endPosition"))]
            refs = selection.findall(f"{Q}Coding/{Q}CodeRef")
            coded[quote] = sorted(code_names[r.get("targetGUID")] for r in refs)
    assert coded["Nobody reads our wiki"] == ["!frustrated", "#wiki"]
    assert coded["It drives me mad"] == ["!frustrated", "#frustrated", "#starred"]
    assert coded["typo'd quote"] == ["♥ testimonial"]
    assert coded["Search is fine"] == ["#search", "⚑ follow up"]
    assert coded[qda_text(HOSTILE[2])] == ["#pricing", "★ starred"]
    edited = next(s for s in root.iter(f"{Q}PlainTextSelection") if s.get("name") == "01:40")
    assert edited.findtext(f"{Q}Description") == "As typed: typo'd quoet"


def test_participants_are_cases_with_their_facts_and_sessions(
    team: dict[str, int], db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    root, _ = all_exported(tmp_path, capfd)
    variables = {v.get("guid"): v.get("name") for v in root.iter(f"{Q}Variable")}
    cases = {c.get("name"): c for c in root.iter(f"{Q}Case")}
    assert set(cases) == {"Ada <Okafor> & co, Acme", "Ben Carter"}
    ada = cases["Ada <Okafor> & co, Acme"]
    assert ada.findtext(f"{Q}Description") == "role: PM\nTeam of 23\ntools:␛ Notion"
    values = {
        variables[v.find(f"{Q}VariableRef").get("targetGUID")]: v.findtext(f"{Q}TextValue")
        for v in ada.findall(f"{Q}VariableValue")
    }
    assert values == {"Company": "Acme", "role": "PM", "tools": "␛ Notion"}
    sessions = dict(rows(db_path, "SELECT id, uuid FROM sessions"))
    assert [r.get("targetGUID") for r in ada.findall(f"{Q}SourceRef")] == [
        sessions[team["one"]],
        sessions[team["three"]],
    ]
    people = dict(rows(db_path, "SELECT name, uuid FROM participants"))
    assert ada.get("guid") == people["Ada <Okafor> & co"]


def test_notes_opportunities_and_insights_are_notes(
    team: dict[str, int], db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    root, sources = all_exported(tmp_path, capfd)
    notes = root.findall(f"{Q}Notes/{Q}Note")
    (note_guid,) = rows(db_path, "SELECT uuid FROM entries WHERE kind = 'note'")[0]
    note = next(n for n in notes if n.get("guid") == note_guid)
    assert note.findtext(f"{Q}PlainTextContent") == "Uses Notion <daily> 🎉"
    refs = [r.get("targetGUID") for r in root.iter(f"{Q}NoteRef")]
    assert refs == [note_guid]  # from its session's source, on its line there
    span = note.find(f"{Q}PlainTextSelection")
    (ada,) = rows(db_path, f"SELECT uuid FROM sessions WHERE id = {team['one']}")[0]
    start, end = int(span.get("startPosition")), int(span.get("endPosition"))
    assert sources[f"{ada}.txt"][start:end] == "Uses Notion <daily> 🎉"
    written = {
        n.get("name").split(" · ")[0]: sources[n.get("plainTextPath").removeprefix("internal://")]
        for n in notes
        if n.get("plainTextPath")
    }
    assert written == {
        "Opportunity 1": "Find things ␀ faster",
        "Opportunity 2": "Share <notes>",
        "Insight 1": "Wikis rot 🎉",
    }
    assert all(n.get("creationDateTime") for n in notes)  # QualCoder needs a date


def test_guids_are_the_rows_uuids_and_the_same_in_every_export(
    team: dict[str, int], db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    first, _ = all_exported(tmp_path, capfd)
    again = tmp_path / "again.qdpx"
    assert export(capfd, "--all", "-f", "qdpx", "-o", str(again))[0] == 0
    second, _ = project(again)

    def guids(root: ElementTree.Element) -> Counter[str]:
        return Counter(e.get("guid") for e in root.iter() if e.get("guid"))

    assert guids(first) == guids(second)
    assert all(count == 1 for count in guids(first).values())
    uuids = {u for (u,) in rows(db_path, "SELECT uuid FROM entries WHERE kind != 'mark'")}
    uuids |= {u for (u,) in rows(db_path, "SELECT uuid FROM sessions")}
    assert uuids <= set(guids(first))


def test_one_session_holds_only_it_and_its_participant(
    team: dict[str, int], db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "ben.qdpx"
    code, _, err = export(capfd, str(team["two"]), "-f", "qdpx", "-o", str(target))
    assert code == 0
    assert err == f"earful: wrote 1 session (1 quote coded) as qdpx to {target}\n"
    root, sources = project(target)
    (guid,) = rows(db_path, f"SELECT uuid FROM sessions WHERE id = {team['two']}")[0]
    assert [s.get("guid") for s in root.iter(f"{Q}TextSource")] == [guid]
    assert [c.get("name") for c in root.iter(f"{Q}Case")] == ["Ben Carter"]
    assert root.find(f"{Q}Notes") is None and list(sources) == [f"{guid}.txt"]


def test_an_empty_database_is_still_a_valid_project(
    db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    open_store(db_path).close()
    root, sources = all_exported(tmp_path, capfd)
    assert root.find(f"{Q}Sources") is None and sources == {}


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--all", "-f", "qdpx"], "qdpx is a zip file, not text: give -o FILE"),
        (["-f", "qdpx", "-o", "x.qdpx"], "which session? give its id, latest, or --all"),
        (["1", "--all", "-f", "qdpx", "-o", "x.qdpx"], "give SESSION or --all, not both"),
        (["--all", "-o", "x.md"], "--all writes a REFI-QDA project: add --format qdpx -o FILE"),
        (["99", "-f", "qdpx", "-o", "x.qdpx"], "no session '99'; `earful sessions` lists them"),
    ],
)
def test_a_wrong_request_is_one_line_and_writes_nothing(
    team: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    args: list[str],
    line: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = export(capfd, *args)
    assert code == 1 and out == ""
    assert err.startswith(f"earful: {line}") and err.count("\n") == 1
    assert not list(tmp_path.glob("x.*"))


def test_an_unwritable_file_is_one_line_and_leaves_nothing_behind(
    team: dict[str, int], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no such folder" / "team.qdpx"
    code, _, err = export(capfd, "--all", "-f", "qdpx", "-o", str(missing))
    assert code == 1 and err.startswith(f"earful: cannot write {missing}") and err.count("\n") == 1
    folder = tmp_path / "a folder"
    folder.mkdir()
    code, _, err = export(capfd, "--all", "-f", "qdpx", "-o", str(folder))
    assert code == 1 and err == f"earful: cannot write {folder}: it is a folder\n"
    assert list(folder.iterdir()) == []
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_control_characters_map_one_for_one_and_line_breaks_to_lf() -> None:
    assert qda_text("a\x00b\x1fc\x7fd\x9fe") == "a␀b␟c␡d\ufffde"
    assert qda_text("x\r\ny\rz\n") == "x\ny\nz\n"
    assert qda_text("tab\there 👩‍💻") == "tab\there 👩‍💻"


def test_derived_guids_are_uuid5_in_the_earful_namespace() -> None:
    assert derived_guid("code", "topic", "wiki") == str(
        uuid.uuid5(NAMESPACE, "code\x1ftopic\x1fwiki")
    )


def test_a_time_the_schema_cannot_read_is_left_out_not_written(
    team: dict[str, int], db_path: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    store = open_store(db_path)
    store.conn.execute("UPDATE entries SET created_at = '2026-02-31 25:00' WHERE at_ms = 61000")
    store.conn.execute("UPDATE entries SET created_at = '2026-11-28 10:00:00' WHERE at_ms = 5000")
    store.conn.commit()
    store.close()
    root, _ = all_exported(tmp_path, capfd)  # still valid
    times = {s.get("name"): s.get("creationDateTime") for s in root.iter(f"{Q}PlainTextSelection")}
    assert times["01:01"] is None and times["00:05"] == "2026-11-28T10:00:00"


def test_progress_shows_on_a_terminal_only(
    team: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    target = str(tmp_path / "team.qdpx")
    assert export(capfd, "--all", "-f", "qdpx", "-o", target)[2].count("exporting") == 0
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, _, err = export(capfd, "--all", "-f", "qdpx", "-o", target)
    assert code == 0 and "\rexporting 3 of 3 sessions\n" in err
