"""The ``earful`` command line: help, the session list, which files it uses, and bad files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hatchling.build import build_wheel

from tests.helpers import run
from tests.store.helpers import save_clock
from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import load_config
from tui.core.paths import config_path
from tui.store.store import open_store
from tui.ui.launch import Launch

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOUR_AGO_MS = 1_700_000_000_000


def add_session(db_path: Path, name: str, company: str, entries: int = 0) -> int:
    store = open_store(db_path)
    try:
        person = store.participant_for(name, company)
        session = store.create_session(person.id, "exports", 30, ClockState(HOUR_AGO_MS))
        for n in range(entries):
            store.add_entry(session.id, "quote", f"quote {n}", n * 1000)
        return session.id
    finally:
        store.close()


# help and the session list ------------------------------------------------------------


def test_help_explains_the_database_options(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["--help"], capsys)
    assert status == 0
    for needle in ("--db", "EARFUL_DB", "--config", "EARFUL_CONFIG", "start", "resume", "sessions"):
        assert needle in out


def test_sessions_on_an_empty_database(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["sessions"], capsys)
    assert (status, err) == (0, "")
    assert "No interviews yet" in out


def test_sessions_lists_each_interview(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_session(db_path, "Ada Lovelace", "Acme", entries=3)
    add_session(db_path, "Grace \x1b[31mHopper", "")
    status, out, _ = run(["sessions"], capsys)
    assert status == 0
    header, newest, oldest = out.splitlines()
    assert "participant" in header and "entries" in header
    assert "Grace ␛[31mHopper" in newest  # an escape code in a name is shown inert
    assert "\x1b" not in out
    assert "Ada Lovelace, Acme" in oldest and " 3 " in oldest


def test_python_dash_m_tui_sessions_in_a_real_process(db_path: Path) -> None:
    add_session(db_path, "Ada Lovelace", "Acme", entries=1)
    result = subprocess.run(
        [sys.executable, "-m", "tui", "sessions"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "Ada Lovelace, Acme" in result.stdout


def _never_open_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the app was opened")

    monkeypatch.setattr("tui.cli.build_app", refuse)


def test_start_rejects_a_non_positive_length(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _never_open_the_app(monkeypatch)
    for minutes in ("0", "-5"):
        status, _, err = run(["start", "Ada", "--minutes", minutes], capsys)
        assert status == 1
        assert "--minutes" in err


def test_start_rejects_a_blank_name(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _never_open_the_app(monkeypatch)
    status, _, err = run(["start", "   "], capsys)
    assert status == 1 and "name" in err


# resume ----------------------------------------------------------------------------------


def test_resume_with_nothing_to_resume_prints_one_line_and_never_starts_the_ui(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _never_open_the_app(monkeypatch)
    finished = add_session(db_path, "Ada Lovelace", "Acme")
    store = open_store(db_path)
    save_clock(store, finished, ClockState(HOUR_AGO_MS, ended_at_ms=HOUR_AGO_MS + 60_000))
    store.close()
    status, out, err = run(["resume"], capsys)
    assert (status, out, err) == (1, "", "earful: no unfinished session to resume\n")


def test_resume_with_an_unfinished_session_starts_the_ui(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_session(db_path, "Ada Lovelace", "Acme")
    launched: list[Launch] = []

    class NoUI:
        return_code = 0

        def run(self) -> None:
            pass

    def record(launch: Launch, *args: object, **kwargs: object) -> NoUI:
        launched.append(launch)
        return NoUI()

    monkeypatch.setattr("tui.cli.build_app", record)
    status, _, err = run(["resume"], capsys)
    assert (status, err) == (0, "")
    assert [launch.screen for launch in launched] == ["resume"]


@pytest.mark.parametrize(
    "command", [["sessions"], ["board"], ["search", "wiki"], ["export", "--help"]]
)
def test_db_and_config_work_after_the_command_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    chosen = tmp_path / "after.db"
    config = tmp_path / "after.toml"
    config.write_text("minutes = [unclosed\n", encoding="utf-8")
    if command[-1] == "--help":  # the options are listed in every command's help
        status, out, _ = run(command, capsys)
        assert status == 0 and "--db PATH" in out and "--config PATH" in out
        return
    open_store(chosen).close()
    # Were the default file used by mistake, the command would refuse it and fail.
    (tmp_path / "earful.db").write_text("not the database asked for", encoding="utf-8")
    status, _, err = run([*command, "--db", str(chosen), "--config", str(config)], capsys)
    assert status == 0, err
    assert str(config) in err  # the bad config named is the one given after the command


def test_resume_db_after_the_command_reads_that_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _never_open_the_app(monkeypatch)
    chosen = tmp_path / "other.db"
    add_session(chosen, "Ada Lovelace", "Acme")
    store = open_store(chosen)
    save_clock(store, 1, ClockState(HOUR_AGO_MS, ended_at_ms=HOUR_AGO_MS + 60_000))
    store.close()
    add_session(tmp_path / "earful.db", "Grace Hopper", "")  # unfinished, but not asked about
    status, _, err = run(["resume", "--db", str(chosen)], capsys)
    assert (status, err) == (1, "earful: no unfinished session to resume\n")


def test_resume_with_no_database_yet_creates_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _never_open_the_app(monkeypatch)
    missing = tmp_path / "not-yet.db"
    status, _, err = run(["resume", "--db", str(missing)], capsys)
    assert (status, err) == (1, "earful: no unfinished session to resume\n")
    assert not missing.exists()


def test_an_option_after_the_command_wins_over_one_before_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = tmp_path / "before.db", tmp_path / "after.db"
    add_session(before, "Bea Before", "")
    add_session(after, "Al After", "")
    status, out, _ = run(["--db", str(before), "sessions", "--db", str(after)], capsys)
    assert status == 0 and "Al After" in out and "Bea Before" not in out
    status, out, _ = run(["--db", str(before), "sessions"], capsys)
    assert status == 0 and "Bea Before" in out


# which files -----------------------------------------------------------------------------


def test_db_option_wins_over_earful_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chosen, from_env = tmp_path / "chosen.db", tmp_path / "env.db"
    os.environ["EARFUL_DB"] = str(from_env)  # restored by conftest's monkeypatch
    add_session(chosen, "Cy Chosen", "")
    add_session(from_env, "Eve Env", "")
    status, out, _ = run(["--db", str(chosen), "sessions"], capsys)
    assert status == 0 and "Cy Chosen" in out and "Eve Env" not in out
    status, out, _ = run(["sessions"], capsys)
    assert status == 0 and "Eve Env" in out


def test_default_database_is_in_the_platform_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("EARFUL_DB")
    data_home = Path(os.environ["XDG_DATA_HOME"])
    add_session(data_home / "earful" / "earful.db", "Dee Default", "")
    status, out, _ = run(["sessions"], capsys)
    assert status == 0 and "Dee Default" in out
    assert not (tmp_path / "earful.db").exists()


# bad files -------------------------------------------------------------------------------


def _one_line_naming(err: str, path: Path) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0]
    return lines[0]


def test_a_file_of_random_bytes_is_refused_and_left_alone(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = os.urandom(8192)
    db_path.write_bytes(content)
    status, out, err = run(["sessions"], capsys)
    assert (status, out) == (1, "")
    assert "not an SQLite file" in _one_line_naming(err, db_path)
    assert db_path.read_bytes() == content
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith("earful")) == [
        "earful.db"
    ]


def test_a_folder_is_refused(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path.mkdir()
    status, _, err = run(["sessions"], capsys)
    assert status == 1
    assert "folder" in _one_line_naming(err, db_path)
    assert list(db_path.iterdir()) == []


def test_a_database_from_a_newer_earful_is_refused_and_left_alone(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_session(db_path, "Ada", "Acme", entries=2)
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('earful', '9999_from_the_future', '2099-01-01')"
        )
    conn.close()
    content = db_path.read_bytes()
    status, _, err = run(["sessions"], capsys)
    assert status == 1
    assert "newer Earful" in _one_line_naming(err, db_path)
    assert db_path.read_bytes() == content


def test_another_programs_sqlite_file_is_refused(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.close()
    content = db_path.read_bytes()
    status, _, err = run(["sessions"], capsys)
    assert status == 1
    assert "not an Earful database" in _one_line_naming(err, db_path)
    assert db_path.read_bytes() == content


def test_a_locked_database_is_refused_with_one_line(db_path: Path) -> None:
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    content = db_path.read_bytes()
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO invoices VALUES (1)")
    try:
        # Another process: closing any handle on the file in this one would drop the lock.
        result = subprocess.run(
            [sys.executable, "-m", "tui", "sessions"],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            timeout=30,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert "locked" in _one_line_naming(result.stderr, db_path)
    assert db_path.read_bytes() == content


# config ----------------------------------------------------------------------------------


def _write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_config_is_named_and_the_command_still_works(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_session(db_path, "Ada Lovelace", "Acme")
    path = _write_config("minutes = [unclosed\n")
    status, out, err = run(["sessions"], capsys)
    assert status == 0
    assert "Ada Lovelace" in out
    assert str(path) in _one_line_naming(err, path)


def test_a_key_bound_twice_in_the_keymap_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    path = _write_config('[keys]\n"live.star" = "ctrl+g"\n"live.mark" = "ctrl+g"\n')
    status, _, err = run(["sessions"], capsys)
    assert status == 0
    line = _one_line_naming(err, path)
    assert "ctrl+g" in line and "live.mark" in line


async def test_a_bad_config_is_shown_in_the_app_which_still_starts(db_path: Path) -> None:
    path = _write_config('[keys]\n"live.star" = "f12"\n"live.end" = "f12"\n')
    app = build_app(Launch("home"), db_path, load_config(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = [message for _, message in app.notices]
        assert any(str(path) in m and "f12" in m for m in messages)
        assert app.is_running


@pytest.mark.parametrize(
    ("keys", "clash"),
    [('"live.star" = "f2"', "live.topic-1"), ('"live.topic-2" = "ctrl+n"', "live.toggle-note")],
)
async def test_a_key_taken_from_another_live_action_is_reported(
    db_path: Path, keys: str, clash: str
) -> None:
    path = _write_config(f"[keys]\n{keys}\n")
    app = build_app(Launch("home"), db_path, load_config(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = [message for _, message in app.notices]
        assert any(str(path) in m and clash in m for m in messages), messages


# themes ----------------------------------------------------------------------------------


async def test_the_theme_chosen_is_remembered_for_the_next_run(db_path: Path) -> None:
    config = load_config(config_path())
    first = build_app(Launch("home"), db_path, config)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert first.theme == "earful-dark"
        first.theme = "earful-light"
        await pilot.pause()
    second = build_app(Launch("home"), db_path, load_config(config_path()))
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert second.theme == "earful-light"


async def test_the_config_theme_is_used_and_an_unknown_one_is_reported(db_path: Path) -> None:
    path = _write_config('theme = "no-such-theme"\n')
    app = build_app(Launch("home"), db_path, load_config(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "earful-dark"
        assert any("no-such-theme" in message for _, message in app.notices)


def test_the_wheel_ships_the_themes_inside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PROJECT_ROOT)
    wheel = tmp_path / build_wheel(str(tmp_path))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for theme in ("earful-dark", "earful-light", "earful-contrast"):
        assert f"tui/themes/{theme}.toml" in names
    assert "tui/ui/screens/snapshot.tcss" in names
    assert not any(name.startswith("themes/") for name in names)
