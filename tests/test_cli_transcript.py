"""``earful transcript SESSION FILE``: one line saying what was matched, or one line saying
what is wrong, with nothing written."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import run
from tui.core.clock import ClockState
from tui.core.models import EntryKind
from tui.store.store import open_store
from tui.store.transcripts import entry_matches

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
LATE = 7_200  # the recording started 7.2 s before the interview clock
TYPED: list[
    tuple[EntryKind, str, int]
] = [  # what the note-taker typed in the fixture call, at its interview time
    ("quote", "I ran six interviews and wrote everything up in a doc", 21_700 - LATE),
    ("quote", "pasted the best quotes into slack and tagged the PMs", 36_100 - LATE),
    ("quote", "Nobody goes looking for a research doc!", 53_400 - LATE),
    ("quote", "we pay for three different tools and hate all of them", 62_000 - LATE),
    ("note", "she seems frustrated with docs", 30_000),
    ("mark", "", 66_000 - LATE),
]


@pytest.fixture
def session(db_path: Path) -> int:
    store = open_store(db_path)
    who = store.participant_for("Ada Okafor", "Acme")
    session_id = store.create_session(who.id, "learn", 30, ClockState(0)).id
    for kind, text, at in TYPED:
        store.add_entry(session_id, kind, text, at)
    store.close()
    return session_id


def stored(db_path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT (SELECT count(*) FROM transcripts), (SELECT count(*) FROM transcript_cues),"
            " (SELECT count(*) FROM transcript_matches)"
        ).fetchone()
    finally:
        conn.close()


def test_attaching_prints_one_line_of_what_matched(
    session: int, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = run(["transcript", str(session), str(FIXTURES / "zoom.vtt")], capsys)
    assert said[0] == 0 and said[2] == ""
    line = said[1]
    assert line.startswith("3 of 4 quotes matched · recording offset +7.")
    assert line.endswith(
        " s (estimated) · 16 cues, 2 speakers · participant: Ada Okafor (guessed: --speaker"
        " NAME to correct) · words suggested for 1 mark\n"
    )
    assert stored(db_path) == (1, 16, 4)
    store = open_store(db_path)
    assert {e.text for e in store.entries(session)} == {t for _k, t, _a in TYPED}  # as typed
    store.close()


def test_the_sync_or_a_given_offset_and_a_named_speaker(
    session: int, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(db_path)
    store.save_recording(session, 3_000)  # ctrl+r three seconds into the interview
    store.close()
    teams = str(FIXTURES / "teams.vtt")
    line = run(["transcript", "latest", teams], capsys)[1]
    assert line.startswith("3 of 4 quotes matched · recording offset -3.0 s (sync) · 16 cues")
    line = run(["transcript", "latest", teams, "--replace", "--offset", "-1.5"], capsys)[1]
    assert "recording offset -1.5 s (given)" in line
    line = run(["transcript", "latest", teams, "--replace", "--speaker", "maya CHEN"], capsys)[1]
    # The quotes are another speaker's words now: each is kept, to be confirmed.
    assert line.startswith("3 of 4 quotes matched (3 to confirm)")
    assert "participant: Maya Chen · " in line  # as given: not "guessed"


def test_a_second_transcript_needs_replace(
    session: int, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["transcript", str(session), str(FIXTURES / "call.srt")], capsys)[0] == 0
    before = stored(db_path)
    said = run(["transcript", str(session), str(FIXTURES / "call.txt")], capsys)
    assert said == (
        1,
        "",
        f"earful: session {session} already has a transcript (call.srt);"
        " add --replace to replace it\n",
    )
    assert stored(db_path) == before
    said = run(["transcript", str(session), str(FIXTURES / "call.txt"), "--replace"], capsys)
    assert said[0] == 0 and stored(db_path) == before


def bad_files(folder: Path) -> dict[str, tuple[bytes, str]]:
    """Each bad file, and the end of the line that refuses it."""
    return {
        "binary.vtt": (b"WEBVTT\n\n\x00\x01\xff", "line 3: holds a NUL byte: a binary file"),
        "empty.srt": (b"", ": is empty: no cues"),
        "export.json": (b'{"format": "earful-session"}', "line 1: is not a transcript"),
        "backwards.txt": (b"[00:00:05] a\n[00:00:01] b\n", "line 2: the cue starts at 00:00:01"),
        "blank.vtt": (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<b> </b>\n", "a cue with no text"),
    }


@pytest.mark.parametrize("name", list(bad_files(Path())))
def test_a_bad_file_is_one_line_naming_it_and_nothing_is_written(
    name: str, session: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, says = bad_files(tmp_path)[name]
    path = tmp_path / name
    path.write_bytes(data)
    status, out, err = run(["transcript", str(session), str(path)], capsys)
    assert (status, out) == (1, "")
    assert err.startswith(f"earful: {path}") and says in err and err.count("\n") == 1
    assert stored(db_path) == (0, 0, 0)


def test_a_huge_file_is_refused_by_its_size_without_being_read(
    session: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    huge = tmp_path / "huge.vtt"
    with huge.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB long, nothing on disk

    def never(self: Path) -> bytes:
        raise AssertionError("read a file that was too big")

    monkeypatch.setattr(Path, "read_bytes", never)
    said = run(["transcript", str(session), str(huge)], capsys)
    assert said == (1, "", f"earful: {huge}: is 50.0 MB; a transcript is at most 10 MB\n")


def test_a_missing_file_a_folder_or_an_unknown_session(
    session: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zoom = str(FIXTURES / "zoom.vtt")
    said = run(["transcript", str(session), str(tmp_path / "nope.vtt")], capsys)
    assert said[:2] == (1, "") and said[2].endswith(
        "nope.vtt: cannot read: No such file or directory\n"
    )
    said = run(["transcript", str(session), str(tmp_path)], capsys)
    assert said == (1, "", f"earful: {tmp_path}: cannot read: not a file\n")
    said = run(["transcript", "99", zoom], capsys)
    assert said == (1, "", "earful: no session '99'; `earful sessions` lists them\n")
    said = run(["transcript", str(session), zoom, "--speaker", "Grace"], capsys)
    assert said[2] == (
        f"earful: {zoom}: no speaker 'Grace' in the transcript"
        " (its speakers: Ada Okafor, Maya Chen)\n"
    )
    assert stored(db_path) == (0, 0, 0)


def test_no_database_is_created_for_an_unknown_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = tmp_path / "fresh.db"
    said = run(["--db", str(fresh), "transcript", "latest", str(FIXTURES / "zoom.vtt")], capsys)
    assert said == (1, "", "earful: no session 'latest'; `earful sessions` lists them\n")
    assert not fresh.exists()


@pytest.mark.parametrize("offset", ["abc", "nan", "inf", "1e9", "1" * 50])
def test_a_bad_offset_is_one_line(
    offset: str, session: int, capsys: pytest.CaptureFixture[str]
) -> None:
    said = run(["transcript", str(session), str(FIXTURES / "zoom.vtt"), "--offset", offset], capsys)
    assert said[:2] == (1, "")
    assert said[2].startswith("earful: --offset must be a number of seconds from -86,400 to 86,400")


def test_matches_are_kept_beside_the_entries(
    session: int, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "Call recording (1).vtt"
    shutil.copy(FIXTURES / "zoom.vtt", copy)
    assert run(["transcript", str(session), str(copy)], capsys)[0] == 0
    store = open_store(db_path)
    matches = entry_matches(store, session)
    source = store.conn.execute("SELECT source FROM transcripts").fetchone()[0]
    store.close()
    assert source == "Call recording (1).vtt"
    words = sorted(m.words for m in matches.values() if m.score is not None)
    assert words[0] == "I ran like six interviews and I wrote everything up in a doc"
