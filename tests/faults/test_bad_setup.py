"""A broken config, theme or clipboard, or a folder that cannot exist: told, and carry on."""

from __future__ import annotations

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
        notes = [str(n.message) for n in app._notifications]
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
        notes = [str(n.message) for n in app._notifications]
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
