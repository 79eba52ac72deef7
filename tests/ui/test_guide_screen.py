"""The guide screen across interviews, and the home form's guide field, at 80×24."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList

from tests.ui.screen_text import screen_lines
from tests.ui.test_home import home_app, loaded
from tui.core.clock import ClockState
from tui.core.guide import Guide, Question, Section
from tui.store.guides import add_answer, add_guide, skip_question, tick_question
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.screens.guide import GuideScreen, QuestionAnswersScreen
from tui.ui.screens.guide.grid import LEGEND
from tui.ui.screens.snapshot import SnapshotScreen

START_MS = 1_700_000_000_000
SMALL = (80, 24)
HOSTILE_NAME = "[b]x[/b] guide"
HOSTILE_Q = "[@click=app.quit]Why? trailing [/"
ESCAPE_Q = "ansi \x1b[31mred\x1b[0m and \u202eevil bidi"
GUIDE = Guide(
    HOSTILE_NAME,
    "Learn [red]how[/red] teams share",
    (
        Section("Warm-up", (Question("Tell me about your role."), Question(HOSTILE_Q))),
        Section("Sharing [i]x", (Question(ESCAPE_Q), Question("Where did it end up?"))),
    ),
)
PEOPLE = ["Ada Okafor", "Ben Carter", "Chen Wei", "Dana Ruiz", "Elif Demir", "Farah Haddad"]


def seed(db_path: Path, guide: Guide = GUIDE, sessions: int = 6) -> dict[str, int]:
    """``sessions`` interviews following ``guide``, each a day apart: question 1 asked with
    n+1 answers, question 2 skipped in even sessions, question 3 asked in the first only."""
    store = open_store(db_path)
    version = add_guide(store, guide).version
    ids: dict[str, int] = {}
    for n in range(sessions):
        who = store.participant_for(PEOPLE[n % len(PEOPLE)], "Acme")
        session = store.create_session(who.id, "g", 30, ClockState(START_MS), version.id).id
        store.conn.execute(
            "UPDATE sessions SET created_at = ? WHERE id = ?",
            (f"2024-03-{n + 4:02d}T09:30:00+00:00", session),
        )
        store.conn.commit()
        q1, q2, q3, _ = (q.id for q in version.questions)
        tick_question(store, session, q1, 60_000)
        for k in range(n + 1):
            entry = add_answer(store, session, q1, "quote", f"answer {n}.{k}", 70_000 + k)
            ids.setdefault(f"first-answer-{n}", entry.id)
        if n % 2 == 0:
            skip_question(store, session, q2, 90_000)
        if n == 0:
            tick_question(store, session, q3, 120_000)
        ids[f"session-{n}"] = session
    store.close()
    return ids


async def guide_screen(pilot: Pilot[None]) -> GuideScreen:
    await loaded(pilot)
    await pilot.press("f7")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GuideScreen)
    return screen


def text_of(pilot: Pilot[None]) -> str:
    return "\n".join(screen_lines(pilot.app))


async def test_no_guides_says_how_to_add_one(db_path: Path) -> None:
    async with home_app(db_path).run_test(size=SMALL) as pilot:
        await guide_screen(pilot)
        shown = " ".join(text_of(pilot).split())
        assert "No interview guides yet" in shown and "earful guide add FILE" in shown


async def test_the_grid_shows_every_question_with_the_counts_the_database_holds(
    db_path: Path,
) -> None:
    seed(db_path)
    async with home_app(db_path).run_test(size=SMALL) as pilot:
        screen = await guide_screen(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 4
        store = open_store(db_path)
        sessions = [r[0] for r in store.conn.execute("SELECT id FROM sessions ORDER BY id")]
        for row, (qid,) in enumerate(
            store.conn.execute("SELECT id FROM guide_questions ORDER BY number").fetchall()
        ):
            cells = [str(c) for c in table.get_row_at(row)]
            asked = store.conn.execute(
                "SELECT count(*) FROM questions_asked WHERE question_id = ? AND skipped = 0",
                (qid,),
            ).fetchone()[0]
            assert cells[2] == f"{asked}/{len(sessions)}"
            for column, sid in enumerate(sessions, start=3):
                tick = store.conn.execute(
                    "SELECT skipped FROM questions_asked WHERE session_id = ? AND question_id = ?",
                    (sid, qid),
                ).fetchone()
                count = store.conn.execute(
                    "SELECT count(*) FROM entries WHERE session_id = ? AND question_id = ?",
                    (sid, qid),
                ).fetchone()[0]
                mark = "·" if tick is None else "–" if tick[0] else "✓"
                assert cells[column] == mark + (str(count) if count else ""), (row, column)
        store.close()
        lines = screen_lines(pilot.app)
        assert LEGEND in lines[2]  # the legend on one line at 80 columns
        header = " ".join(lines)
        assert "Ada O." in header and "4 Mar" in header  # the first session's column
        assert "Farah" not in header  # the sixth is off to the right…
        for _ in range(12):
            await pilot.press("right")
        await pilot.wait_for_scheduled_animations()
        assert "Farah" in " ".join(screen_lines(pilot.app))  # …until scrolled to
        assert "Tell me about your role." in " ".join(screen_lines(pilot.app))  # still there


async def test_enter_lists_every_answer_by_participant_and_opens_its_snapshot(
    db_path: Path,
) -> None:
    ids = seed(db_path, sessions=3)
    async with home_app(db_path).run_test(size=SMALL) as pilot:
        await guide_screen(pilot)
        await pilot.press("enter")  # question 1
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, QuestionAnswersScreen)
        shown = text_of(pilot)
        assert "Tell me about your role." in shown
        assert "6 entries from 3 participants" in shown  # 1 + 2 + 3 answers
        listed = screen.query_one(OptionList)
        headings = [str(o.prompt) for o in listed.options if o.disabled]
        assert headings == [
            "Ada Okafor, Acme · 1 entry",
            "Ben Carter, Acme · 2 entries",
            "Chen Wei, Acme · 3 entries",
        ]
        await pilot.press("down", "enter")  # Ben's first answer
        await pilot.pause()
        await pilot.pause()
        snapshot = pilot.app.screen
        assert isinstance(snapshot, SnapshotScreen)
        assert snapshot.session_id == ids["session-1"]
        from tui.ui.widgets.experience_map import ExperienceMap

        selected = snapshot.query_one(ExperienceMap).selected_entry
        assert selected is not None and selected.id == ids["first-answer-1"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, QuestionAnswersScreen)  # back where it was


async def test_hostile_guide_text_is_shown_literally(db_path: Path) -> None:
    seed(db_path, sessions=1)
    async with home_app(db_path).run_test(size=SMALL) as pilot:
        screen = await guide_screen(pilot)
        shown = text_of(pilot)
        assert HOSTILE_NAME in shown and "[red]how[/red]" in shown
        table = screen.query_one(DataTable)
        cells = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert cells[1].startswith("[@click=app.quit]Why?")
        assert "\x1b" not in "".join(cells) and "\u202e" not in "".join(cells)
        assert "␛[31mred" in cells[2]  # the escape shown as a symbol, not obeyed
        await pilot.press("down", "down", "enter")  # the question with escapes
        await pilot.pause()
        answers = text_of(pilot)
        assert "\x1b" not in answers and "␛[31mred" in answers
        assert pilot.app.is_running


async def test_a_guide_no_interview_followed_shows_its_questions_and_says_so(
    db_path: Path,
) -> None:
    store = open_store(db_path)
    add_guide(store, GUIDE)
    store.close()
    async with home_app(db_path).run_test(size=SMALL) as pilot:
        screen = await guide_screen(pilot)
        assert screen.query_one(DataTable).row_count == 4
        shown = " ".join(text_of(pilot).split())
        assert "No interview has followed this guide yet" in shown
        assert "followed in 0 sessions" in shown


async def test_several_guides_are_picked_from_and_p_picks_again(db_path: Path) -> None:
    seed(db_path, sessions=1)
    other = Guide("Another guide", "", (Section("Only", (Question("Anything else?"),)),))
    store = open_store(db_path)
    add_guide(store, other)
    store.close()
    async with home_app(db_path).run_test(size=SMALL) as pilot:
        screen = await guide_screen(pilot)
        picker = screen.query_one("#guides", OptionList)
        assert picker.display and picker.option_count == 2
        assert not screen.query_one(DataTable).display
        assert [o.id for o in picker.options] == [HOSTILE_NAME, "Another guide"]  # A–Z
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.query_one(DataTable).display
        assert "Anything else?" in text_of(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert picker.display and picker.has_focus


async def test_the_palette_opens_the_guide_screen(db_path: Path) -> None:
    async with home_app(db_path).run_test(size=SMALL) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Interview guides")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, GuideScreen)


# the home form's guide field ---------------------------------------------------------------


async def test_the_home_form_starts_an_interview_following_a_guide(db_path: Path) -> None:
    seed(db_path, sessions=1)
    async with home_app(db_path).run_test(size=SMALL) as pilot:
        screen = await loaded(pilot)
        screen.query_one("#name", Input).value = "Zed"
        field = screen.query_one("#guide", Input)
        assert field.region.width >= 10 and field.region.right <= 80  # on screen at 80
        field.value = "[B]X[/B] GUIDE"  # any case
        field.focus()
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.02)
            if pilot.app.screen is not screen:
                break
    store = open_store(db_path)
    goal, version = store.conn.execute(
        "SELECT goal, guide_version_id FROM sessions ORDER BY id DESC LIMIT 1"
    ).fetchone()
    latest = store.conn.execute("SELECT max(id) FROM guide_versions").fetchone()[0]
    store.close()
    assert (goal, version) == ("Learn [red]how[/red] teams share", latest)  # goal was empty


async def test_an_unknown_guide_is_one_line_and_starts_nothing(db_path: Path) -> None:
    async with home_app(db_path).run_test(size=SMALL) as pilot:
        screen = await loaded(pilot)
        screen.query_one("#name", Input).value = "Zed"
        screen.query_one("#goal", Input).value = "my own goal"
        field = screen.query_one("#guide", Input)
        field.value = "nope"
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        app: EarfulApp = pilot.app  # type: ignore[assignment]
        assert app.screen is screen and field.has_focus
        assert app.notices[-1][1].startswith("No guide named 'nope'")
        assert screen.query_one("#name", Input).value == "Zed"  # nothing typed is lost
    store = open_store(db_path)
    assert store.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    store.close()


async def test_the_guide_field_suggests_stored_guides(db_path: Path) -> None:
    seed(db_path, sessions=1)
    async with home_app(db_path).run_test(size=SMALL) as pilot:
        screen = await loaded(pilot)
        await pilot.pause()
        field = screen.query_one("#guide", Input)
        assert field.suggester is not None
        assert await field.suggester.get_suggestion("[b]") == HOSTILE_NAME
