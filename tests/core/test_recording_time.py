"""Recording time from the call's transcript: exports and copied quotes point at the moment
in the recording even when the recording sync (ctrl+r) was never pressed."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from tests.core.test_export import ADA, entry, snap
from tui.core.export import attribution, to_csv, to_markdown
from tui.core.export_json import read_json, to_json
from tui.core.session_transcript import MatchedWords, SessionTranscript, recording_ms
from tui.core.snapshot import Snapshot
from tui.core.transcript import Cue

CUES = (
    Cue(50_000, 56_000, "Ada", "Honestly nobody reads our wiki, ever."),
    Cue(180_000, 186_000, "Ada", "We keep it all in Notion now."),
)


def transcribed(offset_ms: int | None, *matches: MatchedWords, sync: int | None = None) -> Snapshot:
    """Quotes at 01:01 and 03:03 interview time, a note at 04:04, and the transcript."""
    plain = snap(
        entry(1, "Nobody reads our wiki"), entry(3, "All in Notion"), entry(4, "n", "note")
    )
    found = SessionTranscript("call.vtt", "vtt", "Ada", offset_ms, "estimated", CUES)
    return replace(
        plain,
        session=replace(plain.session, recording_at_ms=sync),
        transcript=found,
        matches={m.entry_id: m for m in matches},
    )


WIKI = MatchedWords(1, 52_000, 55_500, "nobody reads our wiki", "Ada", 93, "accepted")


def test_without_a_sync_the_transcript_gives_every_entry_its_recording_time() -> None:
    page_of = transcribed(-7_200, WIKI)
    page = to_markdown(page_of)
    assert "interview time in parentheses" in page
    assert "recording offset, -7.2 s (estimated)" in page
    assert "- `00:52` (01:01) “Nobody reads our wiki”" in page  # where its words were said
    assert "- `02:55` (03:03) “All in Notion”" in page  # 183.0 s - 7.2 s
    assert "- `03:56` (04:04) note: _n_" in page
    wiki = page_of.entries[0]
    assert "> “Nobody reads our wiki” — Ada Lovelace, Acme · 00:52" in page  # memorable
    copied = attribution(wiki, ADA, "{time} {interview_time}", None, page_of.recording_ms(wiki))
    assert copied == "00:52 01:01"
    rows = list(csv.DictReader(io.StringIO(to_csv(page_of))))
    assert [(r["time"], r["recording_time"]) for r in rows] == [
        ("01:01", "00:52"),
        ("03:03", "02:55"),
        ("04:04", "03:56"),
    ]


def test_a_rejected_match_places_its_entry_by_the_offset_instead() -> None:
    rejected = replace(WIKI, status="rejected")
    page_of = transcribed(-7_200, rejected)
    assert page_of.recording_ms(page_of.entries[0]) == 61_000 - 7_200
    confirm = transcribed(-7_200, replace(WIKI, status="confirm"))
    assert confirm.recording_ms(confirm.entries[0]) == 52_000


def test_with_no_offset_only_matched_entries_have_a_recording_time() -> None:
    page = to_markdown(transcribed(None, WIKI))
    assert "- `00:52` (01:01) “Nobody reads our wiki”" in page
    assert "- `—` (03:03) “All in Notion”" in page


def test_a_transcript_that_places_nothing_leaves_interview_time() -> None:
    page = to_markdown(transcribed(None))
    assert "interview time (the transcript's recording offset is unknown)" in page
    assert "- `03:03` “All in Notion”" in page


def test_a_match_is_more_exact_than_the_sync_and_the_sync_places_the_rest() -> None:
    page_of = transcribed(None, WIKI, sync=10_000)
    assert [page_of.recording_ms(e) for e in page_of.entries] == [52_000, 173_000, 234_000]
    assert "the rest by the sync at 00:10 interview time" in to_markdown(page_of)


def test_recording_time_is_none_when_nothing_places_it_and_floored_at_the_start() -> None:
    assert recording_ms(61_000) is None
    assert recording_ms(61_000, sync_ms=90_000) == 0
    assert recording_ms(1_000, offset_ms=-5_000) == 0
    assert recording_ms(1_000, offset_ms=5_000, sync_ms=90_000) == 6_000


def test_json_carries_the_transcript_and_each_match_and_reads_them_back() -> None:
    mark = MatchedWords(3, 180_000, 183_000, "We keep it all", "Ada", None, "confirm")
    original = transcribed(-7_200, WIKI, mark)
    data = json.loads(to_json(original))
    assert data["session"]["transcript"]["offset_from"] == "estimated"
    assert data["session"]["transcript"]["cues"][1]["text"] == "We keep it all in Notion now."
    assert data["entries"][0]["transcript"]["score"] == 93
    assert data["entries"][1]["transcript"]["score"] is None
    assert data["entries"][2]["transcript"] is None
    back = read_json(json.dumps(data))
    assert back.transcript == original.transcript
    assert back.matches == original.matches


def test_an_export_without_transcript_keys_reads_as_having_none() -> None:
    data = json.loads(to_json(transcribed(-7_200, WIKI)))
    data["version"] = 2
    del data["session"]["transcript"]
    for e in data["entries"]:
        del e["transcript"]
    back = read_json(json.dumps(data))
    assert back.transcript is None and back.matches == {}
