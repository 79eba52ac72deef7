"""Reading call transcripts: the shapes Zoom, Teams, SRT tools and text exports write, and
one clear refusal, with its line, for everything else."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tui.core.transcript import MAX_BYTES, Cue, TranscriptError, read_transcript, too_big

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transcripts"
ADA, MAYA = "Ada Okafor", "Maya Chen"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def refusal(text: str | bytes) -> TranscriptError:
    with pytest.raises(TranscriptError) as raised:
        read_transcript(text.encode() if isinstance(text, str) else text)
    return raised.value


@pytest.mark.parametrize("name", ["zoom.vtt", "teams.vtt", "call.srt", "call.txt"])
def test_each_tools_file_gives_the_call_with_its_speakers(name: str) -> None:
    transcript = read_transcript(fixture(name))
    assert len(transcript.cues) == 16
    assert transcript.speakers == [ADA, MAYA]  # most words first: the participant talked most
    first = transcript.cues[0]
    assert (first.speaker, first.text) == (MAYA, "Okay, I think we're recording now.")
    assert [c.start_ms for c in transcript.cues] == sorted(c.start_ms for c in transcript.cues)
    slack = transcript.cues[7]
    assert slack.speaker == ADA
    assert slack.text == "I pasted the best quotes into Slack & tagged the PMs, which, um,"


def test_zoom_teams_and_srt_agree_to_the_millisecond() -> None:
    zoom = read_transcript(fixture("zoom.vtt"))
    teams = read_transcript(fixture("teams.vtt"))  # UTF-16, CRLF, voice tags, shuffled
    srt = read_transcript(fixture("call.srt"))  # CRLF, an <i> tag
    assert (zoom.format, teams.format, srt.format) == ("vtt", "vtt", "srt")
    assert zoom.cues == teams.cues == srt.cues
    assert zoom.cues[14].text.endswith("that'd be huge.")
    assert zoom.cues[7] == Cue(35_900, 41_200, ADA, zoom.cues[7].text)


def test_plain_text_lines_last_until_the_next() -> None:
    transcript = read_transcript(fixture("call.txt"))
    assert transcript.format == "text"
    assert [(c.start_ms, c.end_ms) for c in transcript.cues[:2]] == [(2000, 5000), (5000, 10_000)]
    last = transcript.cues[-1]
    assert last.end_ms > last.start_ms


def test_bracketed_times_with_and_without_names_and_lines_that_go_on() -> None:
    text = (
        "[00:00:03] Maya: So tell me.\n"
        "[00:00:07] Ada: We use a wiki,\nbut nobody reads it.\n\n"
        "[01:02:03.5] Maya: Thanks!\n"
    )
    cues = read_transcript(text.encode()).cues
    assert [(c.start_ms, c.speaker, c.text) for c in cues] == [
        (3000, "Maya", "So tell me."),
        (7000, "Ada", "We use a wiki, but nobody reads it."),
        (3_723_500, "Maya", "Thanks!"),
    ]
    unnamed = read_transcript(b"[00:03] hello there\n[00:09] the thing is: it broke\n").cues
    assert [(c.speaker, c.text) for c in unnamed] == [
        ("", "hello there"),
        ("", "the thing is: it broke"),
    ]


def test_plain_vtt_has_no_speakers_and_a_colon_in_speech_is_not_one() -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nthe thing is: we never\nread the doc\n\n"
        "00:00:04.000 --> 00:00:06.000\n<c.yellow>tom &lt;3 jerry</c>\n"
    )
    cues = read_transcript(text.encode()).cues
    assert [(c.speaker, c.text) for c in cues] == [
        ("", "the thing is: we never read the doc"),
        ("", "tom <3 jerry"),
    ]


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: codecs.BOM_UTF8 + s.encode(),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: codecs.BOM_UTF16_LE + s.replace("\n", "\r\n").encode("utf-16-le"),
        lambda s: s.replace("\n", "\r").encode(),
    ],
)
def test_encodings_and_line_ends(encode: object) -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAda: Olá, ça va\n"
    assert callable(encode)
    (cue,) = read_transcript(encode(text)).cues
    assert (cue.speaker, cue.text) == ("Ada", "Olá, ça va")


def test_teams_order_is_by_time_but_a_plain_file_going_backwards_is_refused() -> None:
    backwards = (
        "WEBVTT\n\n1\n00:00:05.000 --> 00:00:06.000\nlater\n\n"
        "2\n00:00:01.000 --> 00:00:02.000\nearlier\n"
    )
    error = refusal(backwards)
    assert error.line == 8
    assert "00:00:01.000" in error.reason and "backwards" in error.reason


def test_cues_may_touch_but_not_overlap_unless_two_speakers_talk_at_once() -> None:
    touching = "1\n00:00:01,000 --> 00:00:03,000\nhi\n\n2\n00:00:03,000 --> 00:00:05,000\nyo\n"
    assert len(read_transcript(touching.encode()).cues) == 2
    overlap = "1\n00:00:01,000 --> 00:00:06,000\nhi\n\n2\n00:00:03,000 --> 00:00:08,000\nyo\n"
    error = refusal(overlap)
    assert error.line == 6 and "3.0 s before" in error.reason and "touch" in error.reason
    crosstalk = overlap.replace("\nhi", "\nAda Okafor: hi").replace("\nyo", "\nMaya Chen: yo")
    assert [c.speaker for c in read_transcript(crosstalk.encode()).cues] == [ADA, MAYA]


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n&nbsp;<b></b>\n", 4, "no text"),
        ("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nx\n", 2, "no text"),
        ("WEBVTT\n\n00:00:04.000 --> 00:00:02.000\nhi\n", 3, "before it starts"),
        ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nok\n\n2\n00:0x:03 --> 4\nbad\n", 7, "cue"),
        ("1\n00:00:01,000 --> 00:00:02,000\nok\n\n\n2\n00:00:0x,000 --> 1\nyo\n", 6, "'2'"),
        ("[00:00:01] hi\n[00:00:00] earlier\n", 2, "backwards"),
        ("[00:00:01] hi\n[00:00:99] oops\n", 2, "not a time"),
        ('{"format": "earful-session"}\n', 1, "not a transcript"),
        ("\n\n# Notes\n- a list\n", 3, "not a transcript"),
        (b"WEBVTT\n\n\x00\x01\x02", 3, "binary"),
        (b"[00:00:01] caf\xe9\n", 1, "not UTF-8"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", 1, "not UTF-16"),
    ],
)
def test_bad_input_is_one_reason_with_its_line(text: str | bytes, line: int, says: str) -> None:
    error = refusal(text)
    assert error.line == line
    assert says in error.reason
    assert str(error).startswith(f"line {line}: ")


@pytest.mark.parametrize("text", [b"", b"  \n\r\n\t", codecs.BOM_UTF8, "WEBVTT\n\nNOTE x\n"])
def test_empty_files_say_so(text: str | bytes) -> None:
    error = refusal(text)
    assert "empty" in error.reason or "no cues" in error.reason


def test_a_file_over_the_limit_is_refused_by_its_size_alone() -> None:
    assert too_big(MAX_BYTES) is None
    error = too_big(50_000_000)
    assert error is not None and "50.0 MB" in error.reason and "at most 10 MB" in error.reason
    assert "at most 10 MB" in refusal(b"[00:00:01] " + b"x" * MAX_BYTES).reason
