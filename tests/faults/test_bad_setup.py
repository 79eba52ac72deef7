"""A broken config, theme or clipboard, or a folder that cannot exist: told, and carry on."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyperclip
import pytest

from tui.cli import build_app
from tui.core.clock import ClockState
from tui.core.config import load_config
from tui.store.store import open_store
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch
from tui.ui.screens.home import HomeScreen

SIZE = (100, 30)


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def started(path: Path, db_path: Path) -> tuple[EarfulApp, list[str], int]:
    """Start the app on ``path``; returns it with its notifications and home minutes."""
    app = build_app(Launch("home"), db_path, load_config(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.is_running
        notes = [message for _, message in app.notices]
        minutes = int(app.screen.query_one("#minutes").value)  # type: ignore[attr-defined]
    return app, notes, minutes


@pytest.mark.parametrize(
    ("text", "problem", "minutes"),
    [
        ("minutes = [\n", "config.toml", 30),  # invalid TOML: the defaults
        ("minutes = 45\ncolour = 'red'\n", "unknown setting 'colour'", 45),
        (
            "minutes = 45\n[keys]\n'live.star' = 'f2'\n'live.mark' = 'f2'\n",
            "key 'f2' is bound to both",
            45,
        ),
    ],
    ids=["invalid-toml", "unknown-key", "key-twice"],
)
async def test_a_bad_config_is_named_and_the_rest_is_used(
    tmp_path: Path, db_path: Path, text: str, problem: str, minutes: int
) -> None:
    path = config_file(tmp_path, text)
    _, notes, shown_minutes = await started(path, db_path)
    assert any(str(path) in n and problem in n for n in notes), notes
    assert shown_minutes == minutes  # the good settings of the same file still apply


async def test_a_theme_with_a_bad_colour_is_named_and_the_app_starts(
    tmp_path: Path, db_path: Path
) -> None:
    path = config_file(tmp_path, "minutes = 40\n")
    themes = path.parent / "themes"
    themes.mkdir()
    (themes / "broken.toml").write_text(
        'name = "broken"\nprimary = "not-a-colour"\n', encoding="utf-8"
    )
    app, notes, minutes = await started(path, db_path)
    assert any("broken.toml" in n for n in notes), notes
    assert minutes == 40 and app.theme == "earful-dark"


async def test_no_clipboard_at_all_is_a_message_not_a_crash(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.test_snapshot import open_snapshot, seed

    def raises(*_args: object) -> None:
        raise pyperclip.PyperclipException("no copy tool")

    monkeypatch.setattr(pyperclip, "copy", raises)
    monkeypatch.setattr(EarfulApp, "copy_to_clipboard", raises)
    session_id = seed(db_path)
    app = build_app(Launch("home"), db_path, load_config(db_path.parent / "none.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await open_snapshot(pilot, session_id)
        await pilot.press("c")
        await pilot.pause()
        assert app.is_running
        notes = [message for _, message in app.notices]
        assert any("no clipboard is reachable" in n for n in notes), notes


def test_a_database_folder_that_cannot_exist_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    for command in (["sessions"], []):
        done = subprocess.run(
            [sys.executable, "-m", "tui", "--db", str(blocker / "earful.db"), *command],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1, done
        assert done.stderr.count("\n") == 1 and str(blocker) in done.stderr, done.stderr
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


def test_a_damaged_database_is_refused_in_one_line_and_left_unchanged(tmp_path: Path) -> None:
    # The command line only does the cheap checks before the first frame; the page
    # scan runs when the store opens. Either way the user gets one line and status 1.
    import hashlib

    from tests.faults.terminal import Terminal, earful_env

    db = tmp_path / "earful.db"
    store = open_store(db)
    person = store.participant_for("Ada", "Acme")
    session = store.create_session(person.id, "", 30, ClockState(1_700_000_000_000))
    with store.db.atomic():
        for n in range(3000):
            store.add_entry(session.id, "quote", f"quote {n} " * 20, n, ["pricing"])
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    # Pages in the middle overwritten: the header and schema still read, so only the
    # page scan when the store opens (after the first frame) can find it.
    data = bytearray(db.read_bytes())
    start = len(data) // 2 - (len(data) // 2) % 4096
    data[start : start + 8 * 4096] = b"\xff" * (8 * 4096)
    db.write_bytes(bytes(data))
    before = hashlib.sha256(db.read_bytes()).hexdigest()

    term = Terminal(["start", "Bob"], earful_env(db, tmp_path))
    assert term.process.wait(20) == 1
    term.kill()
    assert b"earful.db" in term.output and b"damaged" in term.output
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


# --db: what cannot be a database is refused in one line, before any screen ---------------


def _earful(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``earful ARGV`` in this process, failing (not hanging) if it waits 10 s."""
    from tui.cli import main

    def waited(signum: int, frame: object) -> None:
        raise AssertionError(f"earful {argv} was still waiting after 10 s")

    previous = signal.signal(signal.SIGALRM, waited)
    signal.alarm(10)
    try:
        status = main(argv)
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the app was opened")

    monkeypatch.setattr("tui.cli.build_app", refuse)


def _everything_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


COMMANDS = [[], ["start", "Ann"], ["resume"], ["sessions"], ["export", "latest"], ["board"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "home")
@pytest.mark.usefixtures("no_app")
def test_an_empty_db_option_is_refused_not_read_as_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    before = _everything_in(tmp_path)
    status, out, err = _earful(["--db", "", *command], capsys)
    assert (status, out) == (1, "")
    assert err == "earful: --db was given an empty path; name a file, or leave --db out\n"
    assert _everything_in(tmp_path) == before  # neither $EARFUL_DB nor the default made


@pytest.mark.usefixtures("no_app")
def test_an_empty_earful_db_variable_is_refused_not_read_as_unset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EARFUL_DB", "")
    before = _everything_in(tmp_path)
    for command in COMMANDS:
        status, out, err = _earful(command, capsys)
        assert (status, out) == (1, ""), command
        assert err == "earful: EARFUL_DB is set but empty; name a file, or unset it\n"
    assert _everything_in(tmp_path) == before


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe")
    return folder / "pipe"


def _socket(folder: Path) -> Path:
    path = folder / "sock"
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    listener.close()  # the socket file stays
    return path


def _loop(folder: Path) -> Path:
    (folder / "a.db").symlink_to(folder / "b.db")
    (folder / "b.db").symlink_to(folder / "a.db")
    return folder / "a.db"


def _dangling(folder: Path) -> Path:
    (folder / "link.db").symlink_to(folder / "gone.db")
    return folder / "link.db"


def _dangling_into_nowhere(folder: Path) -> Path:
    (folder / "link.db").symlink_to(folder / "unmounted" / "earful.db")
    return folder / "link.db"


SPECIAL = {
    "fifo": (_fifo, "is a named pipe (FIFO), not a database file"),
    "socket": (_socket, "is a socket, not a database file"),
    "symlink-loop": (_loop, "is a symbolic link that leads back to itself"),
    "dangling-link": (_dangling, "is a link to {folder}/gone.db, which does not exist"),
    "link-to-no-folder": (
        _dangling_into_nowhere,
        "is a link to {folder}/unmounted/earful.db, which does not exist",
    ),
}


@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "home")
@pytest.mark.usefixtures("no_app")
def test_a_path_that_cannot_be_a_database_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, command: list[str]
) -> None:
    folder = tmp_path / "place"
    folder.mkdir()
    make, problem = SPECIAL[kind]
    path = make(folder)
    before = _everything_in(folder)
    status, out, err = _earful(["--db", str(path), *command], capsys)
    assert (status, out) == (1, "")
    assert err == f"earful: {path}: {problem.format(folder=folder)}\n"
    assert _everything_in(folder) == before  # no link followed to a new file, no -wal


@pytest.mark.usefixtures("no_app")
def test_a_device_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for command in COMMANDS:
        status, out, err = _earful(["--db", os.devnull, *command], capsys)
        assert (status, out) == (1, ""), command
        assert err == f"earful: {os.devnull}: is a device, not a database file\n"


# A database no one may write: every command that only reads still works -----------------


@pytest.fixture
def shared_database(tmp_path: Path) -> Path:
    """A database with one tagged, followed-up interview, in a folder of its own."""
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "earful.db"
    store = open_store(path)
    person = store.participant_for("Ada Okafor", "Northwind")
    session = store.create_session(person.id, "pricing", 30, ClockState(1_700_000_000_000))
    entry = store.add_entry(session.id, "quote", "the per-seat price hurts", 61_000, ["pricing"])
    store.toggle_flag(entry.id, "follow_up")
    store.close()
    return path


READERS = {
    "sessions": (["sessions"], "Ada Okafor, Northwind"),
    "export": (["export", "latest"], "the per-seat price hurts"),
    "board": (["board"], "| pricing | topic | 1 of 1 participant |"),
    "brief": (["brief", "--tag", "pricing"], "the per-seat price hurts"),
    "search": (["search", "per-seat"], "the per-seat price hurts"),
    "todo": (["todo"], "the per-seat price hurts"),
    "tags list": (["tags", "list"], "#pricing"),
}


@pytest.mark.parametrize("name", READERS)
def test_commands_that_only_read_work_on_a_database_no_one_may_write(
    shared_database: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    from tests.read_only import nobody_can_write

    folder = shared_database.parent
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    command, expected = READERS[name]
    with nobody_can_write(folder):
        status, out, err = _earful(["--db", str(shared_database), *command], capsys)
    assert (status, err) == (0, "")
    assert expected in out
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.parametrize(
    "command", [["start", "Bo"], ["tags", "rename", "pricing", "price"], []], ids=str
)
@pytest.mark.usefixtures("no_app")
def test_commands_that_write_refuse_a_database_no_one_may_write_in_one_line(
    shared_database: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    from tests.read_only import nobody_can_write

    with nobody_can_write(shared_database.parent):
        status, out, err = _earful(["--db", str(shared_database), *command], capsys)
    assert (status, out) == (1, "")
    assert err == f"earful: {shared_database}: is read-only; Earful needs to write to it\n"


def test_reading_commands_see_what_the_running_app_has_saved(tmp_path: Path) -> None:
    """The app still open on the file (its -wal in use): export and search read its entries."""
    from tests.faults.terminal import Terminal, earful_env, query, wait_until

    def saved() -> bool:
        try:
            return bool(query(db, "SELECT 1 FROM entries"))
        except sqlite3.Error:  # the app makes the file after its first frame
            return False

    db = tmp_path / "earful.db"
    env = earful_env(db, tmp_path)
    term = Terminal(["start", "Ada"], env)
    try:
        term.wait_for_output(b"Ada")
        term.type("the export is too slow #exports\r")
        wait_until(saved, what="the entry saved")
        assert Path(f"{db}-wal").exists()
        for command, expected in (
            (["export", "latest"], "the export is too slow"),
            (["search", "slow"], "the export is too slow"),
            (["board"], "| exports | topic |"),
        ):
            done = subprocess.run(
                [sys.executable, "-m", "tui", *command],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert (done.returncode, done.stderr) == (0, ""), command
            assert expected in done.stdout, command
    finally:
        term.kill()
