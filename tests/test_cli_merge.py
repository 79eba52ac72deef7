"""``earful merge OTHER``: one line saying what came over, ``--dry-run`` saying the same
and writing nothing, and every file that cannot be merged refused in one line, exit 1,
with nothing written to either file."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tests.store.merging_helpers import copy_database
from tui.cli import main
from tui.core.clock import ClockState
from tui.store.store import open_store


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two databases from one ancestor; the other has one more interview and a note."""
    folder = tmp_path / "team"
    folder.mkdir()
    mine, theirs = folder / "mine.db", folder / "theirs.db"
    store = open_store(mine)
    who = store.participant_for("Ada", "Acme")
    session = store.create_session(who.id, "learn", 30, ClockState(0)).id
    store.add_entry(session, "quote", "Nobody reads our wiki", 0, ["wiki"])
    store.close()
    copy_database(mine, theirs)
    store = open_store(theirs)
    store.add_entry(session, "note", "[/ uses Notion", 1000)
    who = store.participant_for("Grace", "Navy")
    other = store.create_session(who.id, "learn", 30, ClockState(0)).id
    store.add_entry(other, "quote", "compilers", 0)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return mine, theirs


def run(capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capfd.readouterr()
    return code, out, err


def files(folder: Path) -> dict[str, str]:
    """Every file in the folder and a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_merge_says_what_came_over_in_one_line_and_again_nothing(
    pair: tuple[Path, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    mine, theirs = pair
    line = (
        f"merged {theirs}: 1 new session, 2 new entries, 0 updated, 0 deleted,"
        " 0 participants matched"
    )
    code, out, err = run(capfd, "--db", str(mine), "merge", str(theirs), "--dry-run")
    assert (code, out, err) == (0, f"{line} (dry run: nothing written)\n", "")
    code, out, err = run(capfd, "--db", str(mine), "merge", str(theirs))
    assert (code, out, err) == (0, f"{line}\n", "")
    code, out, _ = run(capfd, "--db", str(mine), "merge", str(theirs))
    assert (
        out == line.replace("1 new session, 2 new entries", "0 new sessions, 0 new entries") + "\n"
    )
    code, listed, _ = run(capfd, "--db", str(mine), "sessions")
    assert code == 0 and "Navy" in listed


def test_a_dry_run_writes_nothing(
    pair: tuple[Path, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    mine, theirs = pair
    code, _, _ = run(capfd, "--db", str(mine), "merge", str(theirs))  # the file as used
    copy_database(mine, mine.parent / "other.db")
    store = open_store(theirs)
    store.add_entry(1, "note", "one more", 2000)
    store.close()
    before = files(mine.parent)
    code, out, _ = run(capfd, "--db", str(mine), "merge", "--dry-run", str(theirs))
    assert code == 0 and "1 new entry" in out
    assert files(mine.parent) == before


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('earful', '9999_from_the_future', '2099-01-01')"
        )
    conn.close()


def _damaged(path: Path) -> None:
    store = open_store(path)
    who = store.participant_for("Ada", "Acme")
    session = store.create_session(who.id, "", 30, ClockState(0)).id
    with store.db.atomic():
        for n in range(2000):
            store.add_entry(session, "quote", f"quote {n} " * 20, n, ["pricing"])
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    start = len(data) // 2 - (len(data) // 2) % 4096
    data[start : start + 8 * 4096] = b"\xff" * (8 * 4096)
    path.write_bytes(bytes(data))


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    conn.close()


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.write_text("name,company\nAda,Acme\n"), "not an Earful database"),
        (lambda p: p.write_text('{"format": "something else"}'), "not an Earful database"),
        (_foreign, "not an Earful database"),
        (_newer, "newer Earful (schema 9999_from_the_future)"),
        (_damaged, "damaged"),
        (lambda p: None, "does not exist"),
    ],
    ids=["text", "other-json", "other-sqlite", "newer", "damaged", "missing"],
)
def test_a_file_that_cannot_be_merged_is_refused_in_one_line_and_nothing_is_written(
    pair: tuple[Path, Path], capfd: pytest.CaptureFixture[str], make: object, said: str
) -> None:
    mine, _theirs = pair
    other = mine.parent / "other.db"
    if make is not _newer:
        assert callable(make)
        make(other)
    else:
        copy_database(mine, other)
        _newer(other)
    before = files(mine.parent)
    code, out, err = run(capfd, "--db", str(mine), "merge", str(other))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith(f"earful: {other}: ") and said in err
    assert files(mine.parent) == before


def test_merging_a_database_into_itself_is_refused_by_any_path(
    pair: tuple[Path, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    mine, _theirs = pair
    link = mine.parent / "link.db"
    link.symlink_to(mine)
    before = files(mine.parent)
    for other in (mine, link, mine.parent / "." / ".." / mine.parent.name / "mine.db"):
        code, out, err = run(capfd, "--db", str(mine), "merge", str(other))
        assert (code, out) == (1, "")
        assert err == f"earful: {other}: is the database being merged into; nothing to merge\n"
    assert files(mine.parent) == before
