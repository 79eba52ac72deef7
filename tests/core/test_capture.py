"""The capture line: a trailing run of #topic / !emotion tokens tags the entry."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.capture import CaptureLine, normalise_tag, parse_capture, tag_prefix_at_end

# --- the trailing run ----------------------------------------------------------------


def test_trailing_run_is_removed_and_becomes_tags() -> None:
    line = parse_capture("It takes forever to export #export #Performance !frustrated")
    assert line.text == "It takes forever to export"
    assert line.topics == ("export", "performance")
    assert line.emotions == ("frustrated",)
    assert line.has_tags


def test_order_of_tokens_is_kept_within_each_kind() -> None:
    line = parse_capture("quote #zebra !calm #apple !angry #mango")
    assert line.topics == ("zebra", "apple", "mango")
    assert line.emotions == ("calm", "angry")


@pytest.mark.parametrize(
    ("token", "tag"),
    [
        ("#Pricing", "pricing"),
        ("#ONBOARDING", "onboarding"),
        ("#Feature_Requests", "feature-requests"),
        ("#feature-requests", "feature-requests"),
        ("#Café", "café"),
    ],
)
def test_topic_names_are_normalised(token: str, tag: str) -> None:
    assert parse_capture(f"a quote {token}").topics == (tag,)


def test_emotion_names_are_normalised() -> None:
    assert parse_capture("so good !Super_Happy").emotions == ("super-happy",)


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Feature Requests", "feature-requests"),
        ("  Two   Words  ", "two-words"),
        ("snake_case_name", "snake-case-name"),
        ("mixed_and spaced", "mixed-and-spaced"),
        ("Tabs\there", "tabs-here"),
        ("_leading_and_trailing_", "leading-and-trailing"),
        ("already-fine", "already-fine"),
    ],
)
def test_normalise_tag(name: str, normalised: str) -> None:
    assert normalise_tag(name) == normalised


def test_duplicate_tags_differing_only_in_case_or_separator_are_dropped() -> None:
    line = parse_capture("quote #Pricing #pricing #PRICING !Sad !sad")
    assert line.topics == ("pricing",)
    assert line.emotions == ("sad",)
    assert parse_capture("quote #team_size #Team-Size").topics == ("team-size",)


def test_duplicates_keep_the_first_occurrence_order() -> None:
    assert parse_capture("quote #a #b #a").topics == ("a", "b")


def test_same_name_may_be_a_topic_and_an_emotion() -> None:
    line = parse_capture("quote #happy !happy")
    assert line.topics == ("happy",)
    assert line.emotions == ("happy",)


# --- what stays text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "text", "topics", "emotions"),
    [
        ("we were #1 #ranking", "we were #1", ("ranking",), ()),
        ("wow! #delight", "wow!", ("delight",), ()),
        ("that's great!!! !happy", "that's great!!!", (), ("happy",)),
        ("the # key is broken #keyboard", "the # key is broken", ("keyboard",), ()),
        ("I love #tags in the middle !happy", "I love #tags in the middle", (), ("happy",)),
        ("  indented  and  spaced  #a", "  indented  and  spaced", ("a",), ()),
        ("tab separated\t#tag\t!mood", "tab separated", ("tag",), ("mood",)),
        ("it is #1! #pricing", "it is #1!", ("pricing",), ()),
        ("mail a@b.com #follow-up", "mail a@b.com", ("follow-up",), ()),
        ("ends with spaces #a   ", "ends with spaces", ("a",), ()),
    ],
)
def test_text_before_the_run_is_kept_exactly(
    typed: str, text: str, topics: tuple[str, ...], emotions: tuple[str, ...]
) -> None:
    line = parse_capture(typed)
    assert (line.text, line.topics, line.emotions) == (text, topics, emotions)


@pytest.mark.parametrize(
    "typed",
    [
        "we were #1",
        "wow!",
        "!!!",
        "#",
        "!",
        "price went up #2024",
        "#pricing is what they kept mentioning",
        "a #tag then more words",
        "the tag #tag!",
        "question #why?",
        "path #a/b",
        "#_underscore_start",
        "#-hyphen-start",
        "trailing space ",
        "",
    ],
)
def test_lines_without_a_trailing_run_come_back_unchanged(typed: str) -> None:
    assert parse_capture(typed) == CaptureLine(typed)
    assert not parse_capture(typed).has_tags


@pytest.mark.parametrize("typed", ["we paid #½", "squared #²"])
def test_tokens_must_start_with_a_letter_not_a_number_sign(typed: str) -> None:
    assert parse_capture(typed) == CaptureLine(typed)


@pytest.mark.parametrize("typed", ["#a !b", "  #a   !b  ", "#one", "!only"])
def test_a_line_of_only_tokens_has_empty_text(typed: str) -> None:
    line = parse_capture(typed)
    assert line.text == ""
    assert line.has_tags


# --- properties --------------------------------------------------------------------

_word_char = st.characters(codec="utf-8").filter(lambda c: not c.isspace())
_plain_word = st.text(_word_char, min_size=1, max_size=12).filter(lambda w: w[0] not in "#!")
_sigil = st.sampled_from("#!")
# A sigil alone, or followed by a digit, punctuation or an underscore/hyphen: not a token.
# (Non-letter word characters such as "²" are covered by the test above.)
_sigil_then_non_letter = st.one_of(
    _sigil,
    st.builds(
        lambda s, head, rest: s + head + rest,
        _sigil,
        st.sampled_from(["1", "9", "0", "!", "#", "?", ".", "_", "-", "(", "'"]),
        st.text(_word_char, max_size=6),
    ),
)
# A sigil and a letter, but with a character no tag may contain.
_sigil_then_bad_char = st.builds(
    lambda s, name, bad, rest: s + name + bad + rest,
    _sigil,
    st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,5}", fullmatch=True),
    st.sampled_from(list("!#?.,:;/'\"()[]@")),
    st.text(_word_char, max_size=4),
)
_non_token = st.one_of(_plain_word, _sigil_then_non_letter, _sigil_then_bad_char)
_separator = st.sampled_from([" ", "  ", "\t", " \t "])


@given(prefix=st.text(max_size=40), sep=_separator, last=_non_token)
def test_property_line_without_trailing_tokens_is_unchanged(
    prefix: str, sep: str, last: str
) -> None:
    line = prefix + sep + last
    assert parse_capture(line) == CaptureLine(line)


@given(line=st.text(max_size=60))
def test_property_arbitrary_line_with_plain_last_word_is_unchanged(line: str) -> None:
    words = line.split()
    if words and words[-1][0] in "#!":
        line = line + " end."
    assert parse_capture(line) == CaptureLine(line)


_tag_name = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,8}(-[A-Za-z0-9]{1,5})?", fullmatch=True)


@given(
    prefix=st.text(max_size=40),
    sep=_separator,
    last=_non_token,
    tail=st.sampled_from(["", " ", "   ", "\t"]),
    topic=_tag_name,
    emotion=_tag_name,
)
def test_property_appended_tokens_are_parsed_and_text_restored(
    prefix: str, sep: str, last: str, tail: str, topic: str, emotion: str
) -> None:
    text = prefix + sep + last + tail
    line = parse_capture(f"{text} #{topic} !{emotion}")
    assert line.text == text.rstrip()
    assert line.topics == (topic.lower(),)
    assert line.emotions == (emotion.lower(),)


@given(text=st.text(st.sampled_from(" \t"), max_size=5), topic=_tag_name, emotion=_tag_name)
def test_property_only_whitespace_before_tokens_gives_empty_text(
    text: str, topic: str, emotion: str
) -> None:
    line = parse_capture(f"{text} #{topic} !{emotion}")
    assert line.text == ""
    assert (line.topics, line.emotions) == ((topic.lower(),), (emotion.lower(),))


# --- autocomplete prefix -----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "prefix"),
    [
        ("I said #pri", ("#", "pri")),
        ("so annoying !fru", ("!", "fru")),
        ("#a", ("#", "a")),
        ("tab\t!ang", ("!", "ang")),
        ("quote #done #feat", ("#", "feat")),
        ("quote #Feature_Req", ("#", "Feature_Req")),
        ("quote #", None),
        ("quote !", None),
        ("quote #1", None),
        ("quote #pri ", None),
        ("quote", None),
        ("wow!", None),
        ("!!!", None),
        ("", None),
    ],
)
def test_tag_prefix_at_end(typed: str, prefix: tuple[str, str] | None) -> None:
    assert tag_prefix_at_end(typed) == prefix
