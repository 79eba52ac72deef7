"""``earful search`` lists transcript lines after the entries, marked and made inert."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import run
from tui.core.clock import ClockState
from tui.core.matching import Matching
from tui.core.transcript import Cue, Transcript
from tui.store.store import open_store
from tui.store.transcripts import attach_transcript

RAW = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def said(db_path: Path) -> Path:
    store = open_store(db_path)
    who = store.participant_for("Ann", "Acme")
    session = store.create_session(who.id, "pricing", 30, ClockState(0)).id
    store.add_entry(session, "quote", "The export breaks", 1000, ["exports"])
    cues = [
        Cue(3_723_000 + n, 3_724_000 + n, "Ann", "exports \x1b[31m[b]hurt\u202e") for n in range(80)
    ]
    attach_transcript(
        store,
        session,
        "call.vtt",
        Transcript("vtt", tuple(cues)),
        Matching("Ann", 0, "given", 0, ()),
    )
    store.close()
    return db_path


def test_transcript_lines_follow_the_entries_marked_with_recording_time(
    said: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["search", "exports", "--limit", "3"], capsys)
    lines = out.splitlines()
    assert status == 0 and len(lines) == 4  # one entry, and three of the 80 lines said
    assert lines[0].endswith("Ann, Acme: The export breaks")
    said_line = "  1:02:03  transcript · Ann, Acme · Ann (participant): exports ␛[31m[b]hurt⇄"
    assert all(line.endswith(said_line) for line in lines[1:]), lines
    assert not any(RAW.search(line) for line in lines)


def test_a_tag_searches_entries_only(said: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["search", "exports", "--tag", "#exports"], capsys)
    assert status == 0 and "transcript" not in out and "The export breaks" in out
    status, out, _ = run(["search", "hurt"], capsys)
    assert status == 0 and out.count("transcript · ") == 50  # the default limit
