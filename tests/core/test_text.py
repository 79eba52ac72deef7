"""User text on a terminal: controls made inert, everything else left alone."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.text import one_line, visible


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "\u241b[31mred\u241b[0m"),  # ESC → ␛
        ("a\x00b", "a\u2400b"),  # NUL → ␀
        ("ding\x07", "ding\u2407"),  # BEL → ␇
        ("del\x7f", "del\u2421"),  # DEL → ␡
        ("one\ntwo", "one\u240atwo"),  # LF → ␊
        ("back\rover", "back\u240dover"),  # CR → ␍
    ],
)
def test_control_characters_become_control_pictures(raw: str, shown: str) -> None:
    assert visible(raw) == shown


@pytest.mark.parametrize("c1", ["\x9b", "\x85", "\x90", "\x9d", "\x80", "\x9f"])
def test_c1_controls_become_an_inert_visible_symbol(c1: str) -> None:
    shown = visible(f"x{c1}[2Jy")
    assert c1 not in shown
    assert len(shown) == len(f"x{c1}[2Jy")
    assert shown.isprintable()
    assert shown[0] == "x" and shown[2:] == "[2Jy"


def test_tab_is_shown_as_a_space() -> None:
    assert visible("a\tb") == "a b"


@pytest.mark.parametrize(
    "text",
    [
        "👩\u200d💻 ships code",  # ZWJ sequence
        "👨\u200d👩\u200d👧\u200d👦",  # family
        "🇫🇷 🇯🇵",  # flags
        "👍🏽",  # skin tone modifier
        "cafe\u0301 nai\u0308ve",  # combining marks
        "שלום עולם",  # Hebrew
        "مرحبا بالعالم",  # Arabic
        "नमस्ते",  # Devanagari
        "日本語のテキスト",
        "[bold red]not markup[/]",
        "plain ascii, punctuation!?#",
        "",
    ],
)
def test_ordinary_text_is_left_untouched(text: str) -> None:
    assert visible(text) == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_property_visible_is_one_for_one_and_leaves_no_controls(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    assert not any(_is_control(c) for c in shown)
    for before, after in zip(text, shown, strict=True):
        if not _is_control(before):
            assert after == before


# --- joining pasted lines -----------------------------------------------------------


@pytest.mark.parametrize(
    ("pasted", "joined"),
    [
        ("one\ntwo", "one two"),
        ("one\r\ntwo", "one two"),
        ("one\rtwo", "one two"),
        ("a\r\nb\rc\nd", "a b c d"),
        ("trailing\n", "trailing "),
        ("\nleading", " leading"),
        ("blank\n\nline", "blank  line"),
        ("no breaks at all", "no breaks at all"),
        ("", ""),
    ],
)
def test_one_line_joins_lines_with_spaces(pasted: str, joined: str) -> None:
    assert one_line(pasted) == joined


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(["\r", "\n", "\r\n", " "]), st.characters())).map("".join)
)
def test_property_one_line_loses_no_characters(text: str) -> None:
    joined = one_line(text)
    assert "\r" not in joined and "\n" not in joined
    assert joined.replace(" ", "") == re.sub(r"[\r\n ]", "", text)
    if "\r" not in text and "\n" not in text:
        assert joined == text
