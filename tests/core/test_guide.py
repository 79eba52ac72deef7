"""The interview guide file: what it means, what is refused (and where), and the round trip."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tui.core.capture import normalise_tag
from tui.core.guide import (
    Guide,
    GuideError,
    Question,
    Section,
    fingerprint,
    guide_json,
    parse_guide,
    read_guide,
    render_guide,
)

EXAMPLE = """\
# Onboarding discovery
Goal: How do teams share what they learn from customers?

## Warm-up (5 min)
- Tell me about your role. @ada
- How big is your team?

## The last time you shared a finding (15 min)
Keep it concrete: ask for the last time,
not the usual time.

Let them talk.
- Tell me about the last time you shared something you learned from a customer. #sharing
  - What happened next?
  - Who read it?
- Where did it end up? #Wiki
"""


def test_the_example_from_the_format_reads_as_meant() -> None:
    guide = parse_guide(EXAMPLE)
    assert guide.name == "Onboarding discovery"
    assert guide.goal == "How do teams share what they learn from customers?"
    warm, story = guide.sections
    assert (warm.title, warm.minutes, warm.notes) == ("Warm-up", 5, "")
    assert warm.questions == (
        Question("Tell me about your role.", asker="ada"),
        Question("How big is your team?"),
    )
    assert (story.title, story.minutes) == ("The last time you shared a finding", 15)
    assert story.notes == (
        "Keep it concrete: ask for the last time,\nnot the usual time.\n\nLet them talk."
    )
    first, second = story.questions
    assert first.topic == "sharing" and first.probes == ("What happened next?", "Who read it?")
    assert first.text.endswith("from a customer.")
    assert second == Question("Where did it end up?", topic="wiki")  # as the capture line does
    assert len(guide.questions) == 4


def test_markdown_habits_are_understood() -> None:
    guide = parse_guide(
        "\ufeffintro line before the name\n"
        "# Pricing\r\n"
        "* Who decides what you pay?\r\n"
        "1. Walk me through the last\n"
        "   approval. @bo #approvals\n"
        "    + a deeper probe\n"
        "## Wrap (10 minutes)\n"
        "### a sub-heading is a note\n"
        "Goal: inside a section this is a note\n"
        "- Anything else?\n",
        name="  Renamed  ",
    )
    assert guide.name == "Renamed"  # --name wins over the `# ` line
    opening, wrap = guide.sections
    assert opening.title == "" and opening.notes == "\ufeffintro line before the name"
    assert opening.questions[1] == Question(
        "Walk me through the last approval.", "bo", "approvals", ("a deeper probe",)
    )
    assert wrap.minutes == 10
    assert wrap.notes == "### a sub-heading is a note\nGoal: inside a section this is a note"
    assert guide.goal == ""


def test_text_is_kept_literally() -> None:
    hostile = "[@click=app.quit]x[/] \x1b[31mred \u202egnp.exe [/ #1 wow! @ 50% #½"
    guide = parse_guide(f"# [b]{hostile}\n## S [/]\n- {hostile}\n  - {hostile} @x #y\n{hostile}")
    section = guide.sections[0]
    assert guide.name == f"[b]{hostile}" and section.title == "S [/]"
    assert section.questions[0] == Question(hostile, probes=(f"{hostile} @x #y",))
    assert section.notes == hostile


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("# G\nGoal: g\n## S (5 min)\njust notes\n", None, "has no questions"),
        ("# G\n\n## Warm-up (five min)\n- q\n", 3, "not 'five'"),
        ("# G\n## Warm-up (0 min)\n- q\n", 2, "1 to 600 minutes"),
        ("# G\n## Warm-up (2.5 mins)\n- q\n", 2, "whole number"),
        ("# G\n## (5 min)\n- q\n", 2, "needs a title"),
        ("# G\n- q\n## S\n# H\n", 4, "one `# name` line"),
        ("# G\n## S\n  - a probe first\n- q\n", 3, "needs a question above it"),
        ("# G\n- q\n-\n", 3, "empty list item"),
        ("# G\n- q @ada @bo\n", 2, "one asker"),
        ("# G\n- q #a #b\n", 2, "one topic"),
        ("# G\n\n- @ada #pricing\n", 3, "no words"),
        ("# G\nGoal: a\nGoal: b\n- q\n", 3, "one `Goal:` line"),
        ("#\n- q\n", 1, "no name"),
        ("- q\n", None, "has no name"),
    ],
)
def test_bad_guides_are_refused_at_their_line(text: str, line: int | None, says: str) -> None:
    with pytest.raises(GuideError) as refused:
        parse_guide(text)
    assert refused.value.line == line
    assert says in str(refused.value)
    assert str(refused.value).startswith(f"line {line}: " if line else "has no")


def test_binary_non_utf8_and_huge_files_are_refused() -> None:
    with pytest.raises(GuideError, match="binary") as binary:
        read_guide(b"# G\n- q\n\x89PNG\x00\x00")
    assert binary.value.line == 3
    with pytest.raises(GuideError, match="not UTF-8") as latin:
        read_guide("# G\n\n- Qu'est-ce que c'est ?\n- Déjà vu\n".encode("latin-1"))
    assert latin.value.line == 4
    with pytest.raises(GuideError, match=r"10\.0 MB; a guide file is at most 1 MB"):
        read_guide(b"# G\n" + b"- question\n" * 909_090)
    assert read_guide("# Ü\n- q\n".encode()).name == "Ü"


def test_rendering_reads_back_and_fingerprints_ignore_the_name_and_layout() -> None:
    guide = parse_guide(EXAMPLE)
    assert parse_guide(render_guide(guide)) == guide
    relaid = EXAMPLE.replace("\n- ", "\n\n* ").replace("# Onboarding", "# Other name")
    assert fingerprint(parse_guide(relaid)) == fingerprint(guide)
    changed = EXAMPLE.replace("(5 min)", "(6 min)")
    assert fingerprint(parse_guide(changed)) != fingerprint(guide)
    assert guide_json(guide)["sections"][1]["questions"][0]["probes"] == [
        "What happened next?",
        "Who read it?",
    ]


# Round trip -----------------------------------------------------------------------------

_CHARS = st.one_of(
    st.sampled_from(list("ab Z9#@-*+().:[]/!\t\x1b\u202e👩é")),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
)
_LINE = st.text(_CHARS, min_size=1, max_size=20).filter(lambda t: t.strip() == t and t != "")
_STRUCTURE = (
    re.compile(r"#(?:\s+.*)?"),
    re.compile(r"##(?:\s+.*)?"),
    re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])(?:\s+.*)?"),
)
_WORD = re.compile(r"(?:^|\s)[@#][^\W\d_][\w.\-]*$")


def _note_line(opening: bool) -> st.SearchStrategy[str]:
    indented = st.tuples(st.sampled_from(["", "  ", "\t"]), _LINE).map("".join)
    return indented.filter(
        lambda t: (
            not any(p.fullmatch(t) for p in _STRUCTURE)
            and not (opening and re.match(r"goal\s*:", t, re.IGNORECASE))
        )
    )


def _notes(opening: bool) -> st.SearchStrategy[str]:
    paragraphs = st.lists(st.lists(_note_line(opening), min_size=1, max_size=3), max_size=2)
    return paragraphs.map(lambda ps: "\n\n".join("\n".join(p) for p in ps))


_TOKEN = st.from_regex(r"[^\W\d_][\w.\-]{0,6}", fullmatch=True).filter(lambda t: t[0].isalpha())
_QUESTION = st.builds(
    Question,
    text=_LINE.filter(lambda t: not _WORD.search(t)),
    asker=st.one_of(st.just(""), _TOKEN),
    topic=st.one_of(st.just(""), _TOKEN.filter(lambda t: normalise_tag(t) == t)),
    probes=st.lists(_LINE, max_size=2).map(tuple),
)


@st.composite
def guides(draw: st.DrawFn) -> Guide:
    sections = []
    if draw(st.booleans()):
        opening = Section(
            "", tuple(draw(st.lists(_QUESTION, max_size=2))), None, draw(_notes(opening=True))
        )
        if opening.questions or opening.notes:
            sections.append(opening)
    for _ in range(draw(st.integers(0, 3))):
        title = draw(_LINE.filter(lambda t: not re.fullmatch(r".*\(\s*\S+\s*min\w*\s*\)", t)))
        sections.append(
            Section(
                title,
                tuple(draw(st.lists(_QUESTION, max_size=3))),
                draw(st.one_of(st.none(), st.integers(1, 600))),
                draw(_notes(opening=False)),
            )
        )
    guide = Guide(draw(_LINE), draw(st.one_of(st.just(""), _LINE)), tuple(sections))
    assume(guide.questions)
    return guide


@given(guides())
def test_any_guide_renders_to_markdown_that_reads_back_equal(guide: Guide) -> None:
    assert parse_guide(render_guide(guide)) == guide


_FRAGMENTS = st.sampled_from(
    [
        "# Name",
        "## Section (5 min)",
        "## Section",
        "- question @ada #topic",
        "- #1 is a fine way to start",
        "* question",
        "2) numbered",
        "  - probe @not-parsed",
        "    wrapped on",
        "Goal: learn",
        "",
        "",
        "a note [b]",
        "\tindented note",
        "### deeper",
    ]
)


@given(st.lists(st.one_of(_FRAGMENTS, _LINE), max_size=14))
def test_any_file_that_reads_renders_back_to_the_same_guide(lines: list[str]) -> None:
    try:
        guide = parse_guide("\n".join([*lines, "- a last question"]), name="Given")
    except GuideError:
        assume(False)
        raise
    assert parse_guide(render_guide(guide)) == guide
