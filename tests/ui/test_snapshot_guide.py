"""The snapshot of an interview that followed a guide: coverage, and the map by question."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.ui.screen_text import screen_lines
from tests.ui.test_snapshot import contrast, make_app, open_snapshot, seed
from tui.core.guide import Guide, Question, Section
from tui.store.guides import (
    add_guide,
    set_entry_question,
    set_session_guide,
    skip_question,
    tick_question,
)
from tui.store.store import open_store
from tui.ui.widgets.experience_map import ExperienceMap

SMALL = (80, 24)
HOSTILE_Q = "[b]x[/b] and \x1b[31mred and \u202eevil"
GUIDE = Guide(
    "Discovery",
    "Learn",
    (
        Section(
            "Warm-up", (Question("Tell me about your role."), Question("How big is the team?"))
        ),
        Section("Work", (Question(HOSTILE_Q), Question("Who else should we talk to?"))),
    ),
)


def follow_guide(db_path: Path, session_id: int) -> None:
    """Q1 asked with the first two entries, Q2 skipped, Q3 and Q4 never reached; the fourth
    entry answers Q4 all the same (typed while it was current, never ticked)."""
    store = open_store(db_path)
    version = add_guide(store, GUIDE).version
    set_session_guide(store, session_id, version.id)
    q1, q2, _q3, q4 = (q.id for q in version.questions)
    tick_question(store, session_id, q1, 100_000)
    skip_question(store, session_id, q2, 200_000)
    entries = [e.id for e in store.entries(session_id)]
    for entry in entries[:2]:
        set_entry_question(store, entry, q1)
    set_entry_question(store, entries[3], q4)
    store.close()


def side_text(pilot: Pilot[None]) -> str:
    """What the side column shows at 80 columns (right of the map's border)."""
    lines = screen_lines(pilot.app)
    return "\n".join(line.split("▏", 1)[1] if "▏" in line else "" for line in lines)


def map_lines(log: ExperienceMap) -> list[str]:
    return [log.render_line(y).text.rstrip() for y in range(log.size.height)]


async def test_coverage_lists_what_was_not_asked_at_80x24(db_path: Path) -> None:
    session_id = seed(db_path)
    follow_guide(db_path, session_id)
    async with make_app(db_path).run_test(size=SMALL) as pilot:
        await open_snapshot(pilot, session_id)
        side = " ".join(side_text(pilot).split())
        assert "Guide: asked 1 of 4" in side
        assert "– Q2 How big is the team? (skipped)" in side
        assert "○ Q3 [b]x[/b] and ␛[31mred" in side  # markup and escapes, literal
        assert "○ Q4 Who else should we talk to?" in side
        assert "Tell me about your role" not in side  # asked: not listed
        # still on screen: the side column's own parts above it
        for heading in ("Memorable quote", "Quick facts", "Opportunities", "Insights"):
            assert heading in side
        shown = "".join(screen_lines(pilot.app))
        assert "\x1b" not in shown and "\u202e" not in shown


async def test_a_session_without_a_guide_shows_no_coverage_and_g_says_why(
    db_path: Path,
) -> None:
    session_id = seed(db_path)
    async with make_app(db_path).run_test(size=SMALL) as pilot:
        screen = await open_snapshot(pilot, session_id)
        assert "Guide:" not in side_text(pilot)
        before = [e.id for e in screen.query_one(ExperienceMap).entries]
        await pilot.press("g")
        await pilot.pause()
        assert "followed no guide" in pilot.app.notices[-1][1]  # type: ignore[attr-defined]
        assert [e.id for e in screen.query_one(ExperienceMap).entries] == before


async def test_g_groups_the_map_by_question_and_back(db_path: Path) -> None:
    session_id = seed(db_path)
    follow_guide(db_path, session_id)
    async with make_app(db_path).run_test(size=SMALL) as pilot:
        screen = await open_snapshot(pilot, session_id)
        log = screen.query_one(ExperienceMap)
        in_time = [e.text for e in log.entries]
        assert "g: by question" in " ".join(screen_lines(pilot.app))
        await pilot.press("g")
        await pilot.pause()
        lines = map_lines(log)
        text = "\n".join(lines)
        at = [
            text.index(part)
            for part in (
                "Q1 Tell me about your role. · ✓ 01:40",
                "Nobody reads our wiki",
                "Uses Notion daily",
                "Q2 How big is the team? · skipped",
                "Q3 [b]x[/b] and ␛[31mred",
                "Q4 Who else should we talk to? · not asked",
                "I paste quotes into Slack by hand",
                "Not linked to a question",
                "moment marked",
            )
        ]
        assert at == sorted(at), text  # questions in guide order, answers under each
        assert "\x1b" not in text and "\u202e" not in text
        # the selection walks entries, never a heading
        await pilot.press("down", "down", "down")
        selected = log.selected_entry
        assert selected is not None and selected.kind == "mark"
        await pilot.press("g")
        await pilot.pause()
        assert [e.text for e in log.entries] == in_time
        assert "Q1 " not in "\n".join(map_lines(log))


@pytest.mark.parametrize("theme", ["earful-dark", "earful-light", "earful-contrast"])
async def test_question_headings_are_readable_in_every_theme(db_path: Path, theme: str) -> None:
    session_id = seed(db_path)
    follow_guide(db_path, session_id)
    app = make_app(db_path)
    async with app.run_test(size=SMALL) as pilot:
        app.theme = theme
        screen = await open_snapshot(pilot, session_id)
        await pilot.press("g")
        await pilot.pause()
        log = screen.query_one(ExperienceMap)
        checked = 0
        for y in range(log.size.height):
            strip = log.render_line(y)
            if not strip.text.lstrip().startswith(("Q", "Not linked")):
                continue
            for segment in strip:
                if segment.text.strip():
                    fg, bg = segment.style.color, segment.style.bgcolor
                    assert fg is not None and bg is not None, segment
                    ratio = contrast(fg.get_truecolor(), bg.get_truecolor())
                    assert ratio >= 4.5, (theme, segment.text, ratio)
                    checked += 1
        assert checked >= 4  # asked, skipped and not-asked headings all seen
