"""User text on a terminal: controls made inert, everything else left alone."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.text import BIDI_SYMBOL, encodable, one_line, visible

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS


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


@pytest.mark.parametrize("control", list(BIDI_CONTROLS))
def test_bidi_controls_become_a_visible_symbol(control: str) -> None:
    # U+202E would draw "evil.exe" as "exe.live" on a terminal, and everything after it too.
    assert visible(f"Ann{control}evil.exe") == f"Ann{BIDI_SYMBOL}evil.exe"


def test_a_lone_surrogate_is_shown_as_a_replacement_character() -> None:
    # Text from before the store replaced them, or straight from a paste: never written raw.
    assert visible("Ann \udcff\ud800!") == "Ann \ufffd\ufffd!"
    visible("Ann \udcff").encode("utf-8")


def test_bidi_marks_that_only_nudge_neutral_characters_are_left_alone() -> None:
    # LRM, RLM and ALM reorder nothing on their own; right-to-left names need them.
    assert visible("שלום\u200e (Dana)\u200f \u061c") == "שלום\u200e (Dana)\u200f \u061c"


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


@given(st.text(st.characters() | st.sampled_from(BIDI_CONTROLS + "\ud800\udcff")))
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


@given(
    st.lists(st.one_of(st.sampled_from(["\r", "\n", "\r\n", " "]), st.characters())).map("".join)
)
def test_property_one_line_loses_no_characters(text: str) -> None:
    joined = one_line(text)
    assert "\r" not in joined and "\n" not in joined
    assert joined.replace(" ", "") == re.sub(r"[\r\n ]", "", text)
    if "\r" not in text and "\n" not in text:
        assert joined == text


# --- text that UTF-8 cannot hold ----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("caf\udcff", "caf\ufffd"),  # byte 0xff of a Latin-1 argument, via surrogateescape
        ("\ud800", "\ufffd"),
        ("a\ud800b\udfffc", "a\ufffdb\ufffdc"),
        ("\udc00\ud800", "\ufffd\ufffd"),  # low then high is not a pair
        ("\ud83d\ude00 ok", "😀 ok"),  # a pair is the character it encodes
        ("plain, 👩\u200d💻 and \u202e stay", "plain, 👩\u200d💻 and \u202e stay"),
        ("", ""),
    ],
)
def test_encodable_replaces_lone_surrogates_visibly(raw: str, kept: str) -> None:
    assert encodable(raw) == kept


def _decoded_by_hand(text: str) -> str:
    """What a UTF-16 reader makes of the code units: pairs joined, anything else lone."""
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if len(pair) == 2 and "\ud800" <= pair[0] <= "\udbff" and "\udc00" <= pair[1] <= "\udfff":
            out.append(chr(0x10000 + (ord(pair[0]) - 0xD800) * 0x400 + ord(pair[1]) - 0xDC00))
            i += 2
            continue
        out.append("\ufffd" if "\ud800" <= text[i] <= "\udfff" else text[i])
        i += 1
    return "".join(out)


@given(st.text(st.characters(codec=None) | st.sampled_from("\ud800\udbff\udc00\udfff")))
def test_property_encodable_text_is_utf8_and_changes_only_surrogates(text: str) -> None:
    kept = encodable(text)
    kept.encode("utf-8")  # never raises
    assert kept == _decoded_by_hand(text)
