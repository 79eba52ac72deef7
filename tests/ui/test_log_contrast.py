"""Secondary text (times, notes, the transcript's line under a quote, asked questions)
reads in every bundled theme: 4.5:1 or better against what is behind it, on the live log,
the guide pane and the snapshot's map.

A Line API widget resolves its colours itself; a colour with alpha taken unblended came
out white on the light theme, so the live log's times all but vanished there."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from tests.ui.screen_text import screen_strips
from tests.ui.test_live import FakeClock, live_app, ready, save_line
from tests.ui.test_live_guide import WIDE, guided_app, settled
from tests.ui.test_snapshot import contrast
from tests.ui.test_snapshot_transcript import make_app, open_snapshot, seed
from tui.ui.app import EarfulApp
from tui.ui.widgets.entry_log import EntryLog
from tui.ui.widgets.experience_map import ExperienceMap
from tui.ui.widgets.guide_pane import GuidePane

THEMES = ["earful-dark", "earful-light", "earful-contrast"]


def lowest_contrast(app: EarfulApp, widget: Widget) -> tuple[float, str]:
    """The worst contrast of any text the widget shows (its border and scrollbar aside)."""
    worst = (99.0, "")
    inside = widget.content_region
    for strip in screen_strips(app)[inside.y : inside.bottom]:
        x = 0
        for segment in strip:
            fg, bg = segment.style.color, segment.style.bgcolor
            if inside.x <= x < inside.right and segment.text.strip():
                assert fg is not None and bg is not None, segment
                ratio = contrast(fg.get_truecolor(), bg.get_truecolor())
                worst = min(worst, (ratio, segment.text))
            x += segment.cell_length
    return worst


@pytest.mark.parametrize("theme", THEMES)
async def test_the_live_logs_times_and_notes_read_in_every_theme(
    tmp_path: Path, theme: str
) -> None:
    clock = FakeClock()
    app = live_app(tmp_path / "e.db", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await ready(pilot)
        for line in ("Nobody reads our wiki #wiki !frustrated", "/n uses Notion daily"):
            clock.advance(65)
            await save_line(pilot, line)
        await pilot.pause()
        log = app.screen.query_one(EntryLog)
        ratio, text = lowest_contrast(app, log)
        assert text and ratio >= 4.5, (theme, text, ratio)


@pytest.mark.parametrize("theme", THEMES)
async def test_the_transcript_line_under_a_quote_reads_in_every_theme(
    tmp_path: Path, theme: str
) -> None:
    session, _ = seed(tmp_path / "e.db")
    app = make_app(tmp_path / "e.db")
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await open_snapshot(pilot, session)
        timeline = app.screen.query_one(ExperienceMap)
        ratio, text = lowest_contrast(app, timeline)
        assert text and ratio >= 4.5, (theme, text, ratio)


@pytest.mark.parametrize("theme", THEMES)
async def test_the_guide_panes_asked_questions_and_times_read_in_every_theme(
    tmp_path: Path, theme: str
) -> None:
    clock = FakeClock()
    app = guided_app(tmp_path / "e.db", clock)
    async with app.run_test(size=WIDE) as pilot:
        app.theme = theme
        await ready(pilot)
        clock.advance(90)
        await pilot.press("ctrl+k")  # the first question asked: ticked, muted, with its time
        await settled(pilot)
        pane = app.screen.query_one(GuidePane)
        ratio, text = lowest_contrast(app, pane)
        assert text and ratio >= 4.5, (theme, text, ratio)
