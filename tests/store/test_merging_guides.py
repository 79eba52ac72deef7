"""Guides nobody has followed yet merge too: a team shares its guides before its calls."""

from __future__ import annotations

from pathlib import Path

from tests.store.guided import GUIDE, follow
from tests.store.merging_helpers import everything, merged_into
from tui.core.clock import ClockState
from tui.core.guide import parse_guide
from tui.store.guides import add_guide, all_guides, find_guide
from tui.store.store import open_store

PRICING = """# Pricing interviews
Goal: What makes a plan worth paying for?

## Today (10 min)
- What do you pay for now?
- Who signs off on it?
"""


def guides(path: Path) -> list[tuple[str, int, int]]:
    store = open_store(path, read_only=True)
    try:
        return [(g.name, g.version, g.questions) for g in all_guides(store)]
    finally:
        store.close()


def test_a_guide_added_there_and_never_used_comes_over_once(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    open_store(mine).close()
    there = open_store(theirs)
    add_guide(there, parse_guide(PRICING))
    there.close()

    merged_into(mine, theirs)
    assert guides(mine) == [("Pricing interviews", 1, 2)]
    after = everything(mine)
    merged_into(mine, theirs)
    assert everything(mine) == after
    here, there = open_store(mine), open_store(theirs)
    assert (
        here.conn.execute("SELECT uuid FROM guides").fetchall()
        == there.conn.execute("SELECT uuid FROM guides").fetchall()
    )
    here.close()
    there.close()


def test_a_new_version_there_becomes_the_next_version_of_the_guide_here(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    for path in (mine, theirs):
        store = open_store(path)
        add_guide(store, parse_guide(GUIDE))
        store.close()
    there = open_store(theirs)
    add_guide(there, parse_guide(GUIDE + "\n## Wrap (5 min)\n- Anything else?\n"))
    there.close()

    merged_into(mine, theirs)
    assert guides(mine) == [("Onboarding discovery", 2, 5)]
    store = open_store(mine, read_only=True)
    assert [q.text for q in find_guide(store, "onboarding discovery").questions][-1] == (
        "Anything else?"
    )
    store.close()


def test_a_guide_a_merged_session_follows_is_not_added_twice(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    open_store(mine).close()
    there = open_store(theirs)
    who = there.participant_for("Ada Lovelace", "Acme")
    session = there.create_session(who.id, "learn", 30, ClockState(0)).id
    follow(there, session)
    add_guide(there, parse_guide(PRICING))
    there.close()

    merged_into(mine, theirs)
    assert guides(mine) == [("Onboarding discovery", 1, 4), ("Pricing interviews", 1, 2)]
