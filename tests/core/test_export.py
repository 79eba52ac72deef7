"""Exports and copied text: readable, parseable back, hostile text inert, no CSV formulas."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from tui.core.clock import ClockState
from tui.core.export import attribution, csv_cell, md_escape, to_csv, to_markdown
from tui.core.export_json import read_json, to_json
from tui.core.guide import parse_guide
from tui.core.models import Entry, Participant, Session
from tui.core.session_guide import Asked, SessionGuide
from tui.core.snapshot import Snapshot, journey, sparkline

HOSTILE = ["[@click=app.quit]x", "trailing [/", "ansi \x1b[31mred", "osc \x1b]52;c;aGk=\x07 end"]
ADA = Participant(1, "Ada Lovelace", "Acme", facts=("role: PM",))


def entry(n: int, text: str, kind: str = "quote", **kw: object) -> Entry:
    return Entry(id=n, session_id=7, kind=kind, text=text, at_ms=n * 61_000, **kw)  # type: ignore[arg-type]


def snap(*entries: Entry, who: Participant = ADA) -> Snapshot:
    session = Session(
        7,
        who,
        "Learn how teams share",
        30,
        "2024-03-04T09:30:00+00:00",
        ClockState(0, ended_at_ms=30 * 60_000),
    )
    return Snapshot(
        session,
        entries,
        entries[0] if entries else None,
        ("Faster sharing",),
        ("Wikis go stale",),
        {"frustrated": -1, "delighted": 1},
    )


def test_attribution_default_and_custom_formats() -> None:
    quote = entry(12, "Nobody reads our wiki")
    assert attribution(quote, ADA) == "“Nobody reads our wiki” — Ada Lovelace, Acme · 12:12"
    assert (
        attribution(quote, ADA, "{name}: {text} ({time})")
        == "Ada Lovelace: Nobody reads our wiki (12:12)"
    )
    assert attribution(quote, ADA, "{text} {unknown}") == "Nobody reads our wiki "
    assert attribution(quote, ADA, "{text} {") == attribution(quote, ADA)  # broken → default


def test_attribution_shows_control_characters_inert() -> None:
    copied = attribution(entry(1, "osc \x1b]52;c;aGk=\x07 end"), ADA)
    assert "\x1b" not in copied and "\x07" not in copied
    assert "␛]52;c;aGk=␇" in copied


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_start_a_formula_are_neutralised(value: str) -> None:
    assert csv_cell(value) == "'" + value


def test_csv_parses_back_one_row_per_entry() -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(
                to_csv(
                    snap(
                        entry(
                            1,
                            'Plain, with "quotes"',
                            topics=("pricing",),
                            emotions=("frustrated",),
                            starred=True,
                        ),
                        entry(2, '=HYPERLINK("http://evil")', kind="note", original_text="x"),
                    )
                )
            )
        )
    )
    assert [r["text"] for r in rows] == ['Plain, with "quotes"', '\'=HYPERLINK("http://evil")']
    assert rows[0]["participant"] == "Ada Lovelace" and rows[0]["company"] == "Acme"
    assert rows[0]["topics"] == "pricing" and rows[0]["emotions"] == "frustrated"
    assert rows[0]["starred"] == "true" and rows[1]["edited"] == "true"
    assert rows[1]["time"] == "02:02" and rows[1]["kind"] == "note"


def test_json_round_trips_every_field() -> None:
    original = snap(
        entry(
            1,
            HOSTILE[3],
            topics=("pricing",),
            emotions=("delighted",),
            starred=True,
            follow_up=True,
            original_text="was",
        ),
        entry(2, "", kind="mark"),
    )
    text = to_json(original)
    data = json.loads(text)
    assert data["format"] == "earful-session" and data["version"] == 4
    assert "\x1b" not in text  # JSON escapes control characters
    back = read_json(text)
    assert back.entries == original.entries
    assert back.session == original.session
    assert back.memorable == original.memorable
    assert (back.opportunities, back.insights) == (original.opportunities, original.insights)


def test_read_json_explains_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="not JSON"):
        read_json("{")
    with pytest.raises(ValueError, match="not an Earful"):
        read_json('{"format": "other"}')
    with pytest.raises(ValueError, match="malformed"):
        read_json('{"format": "earful-session", "version": 1}')


def test_markdown_has_each_quote_and_the_lists_and_says_who_once() -> None:
    quotes = [entry(1, "Nobody reads our wiki"), entry(3, "I paste quotes into Slack")]
    page = to_markdown(snap(*quotes, entry(4, "my own words", kind="note")))
    assert "- `03:03` “I paste quotes into Slack”" in page
    assert "## Opportunities" in page and "Faster sharing" in page and "Wikis go stale" in page
    assert "role: PM" in page and "my own words" in page
    # the title and the memorable quote (made to be lifted out) name her; no entry line does
    assert page.count("Ada Lovelace") == 2
    assert attribution(quotes[0], ADA) in page.split("## Memorable quote")[1]


def test_markdown_and_csv_show_follow_ups_and_testimonials() -> None:
    flagged = snap(
        entry(1, "Call me about SSO", follow_up=True),
        entry(2, "You saved my week", testimonial=True, topics=("wiki",)),
        entry(3, "plain"),
    )
    page = to_markdown(flagged)
    assert "“Call me about SSO” · ⚑ follow up" in page
    assert "“You saved my week” — #wiki · ♥ testimonial" in page
    after = page.split("## After the call")[1].split("##")[0]
    assert "⚑ Follow up: `01:01` “Call me about SSO”" in after
    assert "♥ Ask permission to quote: `02:02` “You saved my week”" in after
    assert "plain" not in after
    rows = list(csv.DictReader(io.StringIO(to_csv(flagged))))
    assert [(r["follow_up"], r["testimonial"]) for r in rows] == [
        ("true", "false"),
        ("false", "true"),
        ("false", "false"),
    ]


def synced(at_ms: int | None, *entries: Entry) -> Snapshot:
    plain = snap(*entries)
    return replace(plain, session=replace(plain.session, recording_at_ms=at_ms))


def test_after_a_sync_people_see_recording_time_and_the_data_keeps_interview_time() -> None:
    page_of = synced(90_000, entry(1, "Before the recording"), entry(3, "Later on"))
    page = to_markdown(page_of)
    assert "recording time, synced at 01:30 interview time" in page
    assert "- `00:00` (01:01) “Before the recording”" in page  # floored at the start
    assert "- `01:33` (03:03) “Later on”" in page
    later = page_of.entries[1]
    assert attribution(later, ADA, recording_at_ms=90_000).endswith("· 01:33")
    assert attribution(later, ADA, "{time} {interview_time}", 90_000) == "01:33 03:03"
    rows = list(csv.DictReader(io.StringIO(to_csv(page_of))))
    assert [(r["time"], r["recording_time"]) for r in rows] == [
        ("01:01", "00:00"),
        ("03:03", "01:33"),
    ]
    data = json.loads(to_json(page_of))
    assert [e["at_ms"] for e in data["entries"]] == [61_000, 183_000]
    assert data["session"]["recording_at_ms"] == 90_000


def test_without_a_sync_times_are_interview_time_and_say_so() -> None:
    unsynced = synced(None, entry(3, "Later on"))
    assert "interview time (no recording synced)" in to_markdown(unsynced)
    assert "- `03:03` “Later on”" in to_markdown(unsynced)
    assert next(csv.DictReader(io.StringIO(to_csv(unsynced))))["recording_time"] == ""


def test_exported_markdown_renders_as_separate_list_items() -> None:
    from markdown_it import MarkdownIt

    page = to_markdown(
        synced(
            90_000,
            entry(1, "One", topics=("wiki",), follow_up=True),
            entry(2, "", kind="mark"),
            entry(3, "Two", kind="note"),
        )
    )
    tokens = MarkdownIt().parse(page)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:2] == ["Interview snapshot: Ada Lovelace, Acme", "Quick facts"]
    assert "Experience map" in headings and "After the call" in headings
    start = next(
        i for i, t in enumerate(tokens) if t.type == "inline" and t.content == "Experience map"
    )
    items = []
    for token in tokens[start:]:
        if token.type == "heading_open":
            break
        if token.type == "inline" and token.level == 3:  # the paragraph inside a list item
            items.append(token.content)
    assert len(items) == 3
    assert items[0].startswith("`00:00` (01:01) “One” — #wiki")


def test_markdown_shows_hostile_text_literally() -> None:
    page = to_markdown(
        snap(
            *(entry(n, t) for n, t in enumerate(HOSTILE, 1)),
            who=Participant(2, "[b]Eve[/b]", "\x1b[2J"),
        )
    )
    assert "\x1b" not in page and "\x07" not in page
    for text in HOSTILE:
        assert md_escape(text) in page
    assert md_escape("[b]Eve[/b]") in page
    assert md_escape("[@click=app.quit]x") == "\\[@click=app.quit\\]x"


def test_journey_averages_valence_per_slice_of_time() -> None:
    entries = [
        entry(0, "a", emotions=("frustrated",)),
        entry(1, "b", emotions=("delighted", "frustrated")),
        entry(20, "c", emotions=("delighted",)),
    ]
    values = journey(entries, {"frustrated": -1, "delighted": 1}, 30 * 60_000, 3)
    assert values == [pytest.approx(-1 / 3), None, 1.0]  # three emotions: -1, +1, -1
    assert sparkline(values) == "▃·█"


def test_a_hash_in_typed_text_never_turns_into_a_heading_in_markdown() -> None:
    from markdown_it import MarkdownIt

    hashy = "# not a heading #"
    who = Participant(1, "Ann #", "", facts=(hashy,))
    page = to_markdown(replace(snap(entry(1, hashy), who=who), opportunities=(hashy,)))
    html = MarkdownIt().render(page)
    assert "<h1>Interview snapshot: Ann #</h1>" in html  # a closing # is not eaten
    assert "<h1>not a heading</h1>" not in html
    assert html.count("# not a heading #") == 4  # fact, memorable quote, opportunity, log


def test_bidi_controls_stay_verbatim_in_the_json_export() -> None:
    # Shown as ⇄ on a terminal and in Markdown; the data keeps exactly what was typed.
    text = "Ann \u202eevil.exe \u2066isolated\u2069"
    who = Participant(1, text, "Acme", facts=(text,))
    back = read_json(to_json(snap(entry(1, text), who=who)))
    assert (back.participant.name, back.participant.facts) == (text, (text,))
    assert [e.text for e in back.entries] == [text]
    assert "\u21c4evil.exe" in to_markdown(snap(entry(1, text), who=who))


# the guide the session followed ----------------------------------------------------------

GUIDE_TEXT = """# Onboarding [discovery]
## Warm-up (5 min)
- Tell me about your role. @ada
- How big is your *team*?
## The last time (15 min)
- Tell me about the last time you shared a finding. #sharing
- Where did it end up?
"""


def guided(*entries: Entry, answers: dict[int, int]) -> Snapshot:
    """Q1 asked, Q2 skipped, Q3 asked, Q4 not reached."""
    ticks = {1: Asked(30_000), 2: Asked(40_000, skipped=True), 3: Asked(60_000)}
    found = SessionGuide(parse_guide(GUIDE_TEXT), 2, ticks, answers)
    return replace(snap(*entries), guide=found)


def test_markdown_says_what_of_the_guide_was_asked_and_groups_answers_by_question() -> None:
    from markdown_it import MarkdownIt

    page = to_markdown(
        guided(
            entry(1, "I run research"),
            entry(2, "between two questions", kind="note"),
            entry(3, "Nobody reads our wiki", topics=("wiki",)),
            entry(4, "In Slack, then lost"),
            answers={1: 1, 3: 3, 4: 3},
        )
    )
    tokens = MarkdownIt().parse(page)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings.index("Guide") == headings.index("Experience map") - 1
    part = page.split("## Guide")[1].split("## Experience map")[0]
    assert "- **Guide:** Onboarding \\[discovery\\], version 2" in part
    assert "- **Asked:** 2 of 4 questions" in part
    assert "- Q2 How big is your \\*team\\*? _(skipped)_" in part
    assert "- Q4 Where did it end up?" in part and "Q1" not in part and "Q3" not in part
    # In the map, each question heads the entries typed while it was being asked.
    inline = [t.content for t in tokens if t.type == "inline"]
    map_start = inline.index("Experience map")
    assert inline[map_start + 1 : map_start + 9] == [
        "**Q1 · Tell me about your role.**",
        "`01:01` “I run research”",
        "_Between questions_",
        "`02:02` note: _between two questions_",
        "**Q3 · Tell me about the last time you shared a finding.**",
        "`03:03` “Nobody reads our wiki” — #wiki",
        "`04:04` “In Slack, then lost”",
        "Emotional journey",
    ]


def test_markdown_without_a_guide_has_no_guide_part_and_a_fully_asked_one_says_so() -> None:
    plain = to_markdown(snap(entry(1, "One")))
    assert "## Guide" not in plain and "**Q" not in plain
    everything = guided(entry(1, "One"), answers={})
    ticks = {n: Asked(n * 1000) for n in range(1, 5)}
    assert everything.guide is not None
    page = to_markdown(replace(everything, guide=replace(everything.guide, ticks=ticks)))
    assert "- **Asked:** 4 of 4 questions\n\nEvery question was asked." in page


def test_csv_adds_the_question_at_the_end_and_keeps_every_older_column_in_place() -> None:
    text = to_csv(guided(entry(1, "I run research"), entry(2, "=aside"), answers={1: 1}))
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header[:14] == [
        "session", "date", "participant", "company", "time", "kind", "text", "topics",
        "emotions", "starred", "edited", "follow_up", "testimonial", "recording_time",
    ]  # fmt: skip
    assert header[14:16] == ["question", "question_text"]
    assert [row[14:16] for row in rows] == [["1", "Tell me about your role."], ["", ""]]
    plain = list(csv.reader(io.StringIO(to_csv(snap(entry(1, "One"))))))
    assert plain[1][14:16] == ["", ""]


def test_json_carries_the_guide_its_ticks_and_each_entrys_question_and_reads_back() -> None:
    original = guided(entry(1, "I run research"), entry(2, "aside"), answers={1: 1})
    data = json.loads(to_json(original))
    assert data["guide"]["name"] == "Onboarding [discovery]" and data["guide"]["version"] == 2
    assert data["guide"]["sections"][0]["questions"][0] == {
        "text": "Tell me about your role.",
        "asker": "ada",
        "topic": "",
        "probes": [],
    }
    assert data["guide"]["ticks"] == [
        {"question": 1, "asked_at_ms": 30_000, "skipped": False},
        {"question": 2, "asked_at_ms": 40_000, "skipped": True},
        {"question": 3, "asked_at_ms": 60_000, "skipped": False},
    ]
    assert [e["question"] for e in data["entries"]] == [1, None]
    assert read_json(to_json(original)).guide == original.guide
    assert json.loads(to_json(snap(entry(1, "One"))))["guide"] is None
