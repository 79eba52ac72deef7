"""What the first frame must not wait for."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import DataTable

from tui.cli import build_app, main
from tui.core import collector
from tui.core.config import Config
from tui.ui.launch import Launch


def printed(code: str, *args: str) -> str:
    """What ``code`` prints, run in a fresh Python: what a command loads is per process."""
    run = [sys.executable, "-c", code, *args]
    return subprocess.run(run, capture_output=True, text=True, check=True).stdout.strip()


def test_the_app_modules_do_not_load_sqlite_utils_before_the_first_frame() -> None:
    # sqlite-utils costs ~100 ms to import; the store opens in a worker after the
    # first frame, so nothing imported to draw that frame may pull it in.
    code = (
        "import sys, tui.cli, tui.ui.app; "
        "print(sorted(m for m in sys.modules if m.startswith('sqlite_utils')))"
    )
    out = printed(code)
    assert out == "[]"


def test_the_home_screen_does_not_load_the_live_screen() -> None:
    # `earful` opens on the home screen; the live screen's modules (~40 ms of imports and
    # class creation) load only when an interview is started or continued.
    code = (
        "import sys, tui.cli, tui.ui.app, tui.ui.screens.home; "
        "print(sorted(m for m in sys.modules if m.startswith('tui.ui.screens.live.')))"
    )
    out = printed(code)
    assert out == "[]"


def test_starting_an_interview_loads_no_other_command_group() -> None:
    # `earful start NAME` parses with the groups up to `live` only: the others (csv, json,
    # shlex and their parsers) cost its first frame about 5%.
    code = (
        "import sys; from tui.cli import build_parser, command_named; "
        "argv = ['--db', 'x.db', 'start', 'Ada', '--company', 'Acme']; "
        "build_parser(command_named(argv)).parse_args(argv); "
        "print(sorted(m for m in sys.modules if m.startswith('tui.cli.')))"
    )
    out = printed(code)
    assert out == "['tui.cli.common', 'tui.cli.live']"


@pytest.mark.parametrize(
    "argv",
    [
        ["start", "Ada", "--company", "Acme", "--minutes", "20"],
        ["--db", "x.db", "start", "Ada", "--db", "y.db"],
        ["--db=start", "resume"],
        ["--d", "x.db", "--conf", "c.toml", "sessions"],
        ["search", "word"],
        ["--db", "x.db", "board"],
        ["--db", "start", "board"],
    ],
)
def test_a_command_parses_alike_with_only_the_groups_up_to_its_own(argv: list[str]) -> None:
    from tui.cli import build_parser, command_named

    assert vars(build_parser(command_named(argv)).parse_args(argv)) == vars(
        build_parser().parse_args(argv)
    )


@pytest.mark.parametrize("argv", [["-h", "start"], ["--version"], ["--db"], ["--x", "start"]])
def test_anything_else_before_the_command_is_left_to_the_whole_parser(argv: list[str]) -> None:
    from tui.cli import command_named

    assert command_named(argv) is None


def test_a_mistyped_command_is_told_every_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tui", "sta", "Ada"], capture_output=True, text=True
    )
    assert out.returncode == 2
    assert "invalid choice: 'sta'" in out.stderr
    from tui.cli import build_parser

    every = next(a for a in build_parser()._actions if a.dest == "command").choices
    assert every and all(f"'{name}'" in out.stderr for name in every)


def test_a_command_that_prints_runs_with_the_garbage_collector_on(tmp_path: Path) -> None:
    # Start-up pauses the collector until the first frame; a command that prints (a long
    # merge, a scale demo) must not run without it.
    code = (
        "import gc, tui.cli.merge as merge; from tui.cli import main; "
        "merge.run = lambda *args: print('collecting:', gc.isenabled()) or 0; "
        f"main(['--db', {str(tmp_path / 'e.db')!r}, 'merge', 'other.db'])"
    )
    out = printed(code)
    assert out == "collecting: True"


def test_the_app_collects_again_once_its_first_frame_is_shown(tmp_path: Path) -> None:
    # In its own process: pausing the collector is for the whole program.
    code = (
        "import asyncio, gc; from pathlib import Path; from tui.cli import build_app; "
        "from tui.core import collector; from tui.core.config import Config; "
        "from tui.ui.launch import Launch\n"
        "async def main():\n"
        "    collector.pause(); paused = not gc.isenabled()\n"
        f"    app = build_app(Launch('home'), Path({str(tmp_path / 'e.db')!r}), Config())\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print(paused, gc.isenabled(), gc.get_freeze_count() > 0)\n"
        "asyncio.run(main())"
    )
    out = printed(code)
    assert out.splitlines()[-1] == "True True True"


def test_what_a_screen_loaded_is_set_aside_only_when_the_command_started_the_app(
    tmp_path: Path,
) -> None:
    # A test or a benchmark that builds the App itself collects as Python does; the
    # `earful` command's process sets start-up and the loaded interview aside.
    main(["--db", str(tmp_path / "e.db"), "sessions"])  # a command run in this process
    before = gc.get_freeze_count()
    collector.settled()
    assert gc.get_freeze_count() == before
    code = (
        "import gc; from tui.core import collector; collector.pause(); collector.resume(); "
        "collector.settled(); print(gc.get_freeze_count() > 0, gc.isenabled())"
    )
    out = printed(code)
    assert out == "True True"


# What the home screen's first frame loads: the modules seen when it is on screen.
FIRST_FRAME = """
import asyncio, sys
from pathlib import Path
from tui.core import collector
from tui.cli import build_app
from tui.core.config import Config
from tui.ui.launch import Launch

loaded = []
# The app resumes the collector once its first frame is shown (tui/core/collector.py).
collector.resume = lambda **_: loaded.extend(sys.modules)


async def main() -> None:
    app = build_app(Launch("home"), Path(sys.argv[1]), Config())
    async with app.run_test(size=(80, 24)) as pilot:
        while not loaded:
            await pilot.pause()
        print(app.screen.query_one("DataTable").row_count)


asyncio.run(main())
print(" ".join(sorted(loaded)))
"""


@pytest.fixture(scope="module")
def home_first_frame(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, set[str]]:
    """Rows listed and modules loaded when the home screen's first frame (one session) is shown."""
    from tui.core.clock import ClockState
    from tui.store.store import open_store

    db = tmp_path_factory.mktemp("home") / "e.db"
    store = open_store(db)
    store.create_session(store.participant_for("Ada", "Acme").id, "goal", 30, ClockState(0))
    store.close()
    out = printed(FIRST_FRAME, str(db)).split("\n")
    return int(out[0]), set(out[1].split())


def test_the_home_list_loads_no_emoji_names_for_its_first_frame(
    home_first_frame: tuple[int, set[str]],
) -> None:
    # A str cell in a DataTable is parsed as markup, which loads rich's table of emoji
    # names (~13 M instructions); the list's cells are Text.
    rows, loaded = home_first_frame
    assert rows == 1
    assert "rich._emoji_codes" not in loaded


def test_the_bundled_themes_are_found_without_importlib_resources(
    home_first_frame: tuple[int, set[str]],
) -> None:
    rows, loaded = home_first_frame
    assert rows == 1 and "tui.ui.themes" in loaded
    assert "importlib.resources" not in loaded


@pytest.mark.parametrize("theme", ["earful-dark", "earful-light", "earful-contrast"])
async def test_the_first_theme_is_as_if_chosen_later(tmp_path: Path, theme: str) -> None:
    # The theme the app starts in is set without Textual's reaction to a change (which
    # parses every stylesheet again); it must come out as a change to it would.
    def seen(app: App[None]) -> tuple[object, ...]:
        classes = sorted(name for name in app.classes if name.startswith("-"))
        table = app.screen.query_one(DataTable)
        return (
            app.theme,
            classes,
            app.theme_variables,
            app.screen.styles.background,
            table.styles.color,
            table.get_component_rich_style("datatable--header"),
        )

    first = build_app(Launch("home"), tmp_path / "e.db", Config(theme=theme))
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        started = seen(first)
    later = build_app(Launch("home"), tmp_path / "e.db", Config(theme="textual-dark"))
    async with later.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        later.theme = theme
        await pilot.pause()
        assert seen(later) == started


def test_the_home_keys_are_built_after_the_list_is_shown(
    home_first_frame: tuple[int, set[str]],
) -> None:
    # The footer (its module and its widget) costs the first frame ~1.3%; it comes with
    # the form, one frame later (tests/ui/test_home.py shows its keys).
    rows, loaded = home_first_frame
    assert rows == 1 and "tui.ui.screens.home.screen" in loaded
    assert "tui.ui.widgets.screen_footer" not in loaded
