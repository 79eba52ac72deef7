"""The entry editor's fields: times and tags as typed, read back exactly or refused clearly."""

from __future__ import annotations

import pytest

from tui.core.entry_fields import format_tags, parse_tags, parse_time


def test_parse_time_and_tags() -> None:
    assert parse_time("12:34") == 754_000 and parse_time("1:02:03") == 3_723_000
    for bad in ("12", "1:75", "ab:cd"):
        with pytest.raises(ValueError):
            parse_time(bad)
    assert parse_tags("#Pricing #wiki !frustrated") == (("pricing", "wiki"), ("frustrated",))
    assert parse_tags("  ") == ((), ())
    with pytest.raises(ValueError, match="not a tag"):
        parse_tags("#pricing oops")


def test_the_edit_box_shows_tags_that_parse_back_to_the_same_tags() -> None:
    shown = format_tags(("pricing", "wiki"), ("frustrated",))
    assert shown == "#pricing #wiki !frustrated"
    assert parse_tags(shown) == (("pricing", "wiki"), ("frustrated",))
