"""``earful join SESSION SESSION``: one line saying what was joined, or one line saying why
not, with nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.helpers import run
from tests.store.helpers import save_clock
from tui.core.clock import ClockState
from tui.store.store import open_store

START_MS = 1_700_000_000_000


@pytest.fixture
def call(db_path: Path) -> tuple[int, int, int]:
    """Ann's and Bo's sessions of one call with Ada (both synced), and one with Bo Chen."""
    store = open_store(db_path)
    ada = store.participant_for("Ada Lovelace", "Acme")
    ann = store.create_session(ada.id, "sharing", 30, ClockState(START_MS)).id
    bo = store.create_session(ada.id, "sharing", 30, ClockState(START_MS + 90_000)).id
    save_clock(store, bo, ClockState(START_MS + 90_000))
    store.save_recording(ann, 20_000)
    store.save_recording(bo, 7_600)
    store.author = "ann"
    store.add_entry(ann, "quote", "Nobody reads our wiki", 30_000)
    store.author = "bo"
    for n in range(37):
        store.add_entry(bo, "note", f"note {n}", 10_000 + n * 1_000)
    other = store.participant_for("Bo Chen")
    chen = store.create_session(other.id, "pricing", 30, ClockState(START_MS)).id
    store.close()
    return ann, bo, chen


def digest(db_path: Path) -> str:
    return hashlib.sha256(db_path.read_bytes()).hexdigest()


def test_joining_prints_one_line(
    call: tuple[int, int, int], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ann, bo, chen = call
    status, out, err = run(["join", str(ann), str(bo)], capsys)
    assert (status, err) == (0, "")
    assert out == (
        f"joined session {bo} into {ann}: 37 entries from bo"
        " (aligned by the recording sync, +12.4 s)\n"
    )
    store = open_store(db_path)
    try:
        assert sorted(s.id for s in store.sessions()) == [ann, chen]
        assert {e.author for e in store.entries(ann)} == {"ann", "bo"}
    finally:
        store.close()


@pytest.mark.parametrize(
    ("which", "said"),
    [
        ("same", "earful: session {ann} cannot be joined with itself\n"),
        ("unknown", "earful: no session '99'; `earful sessions` lists them\n"),
        (
            "people",
            "earful: sessions {ann} and {chen} are with different participants"
            " (Ada Lovelace, Bo Chen): join only the notes of one call\n",
        ),
    ],
)
def test_a_join_that_cannot_be_is_one_line_exit_1_and_nothing_written(
    call: tuple[int, int, int],
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    which: str,
    said: str,
) -> None:
    ann, _, chen = call
    other = {"same": str(ann), "unknown": "99", "people": str(chen)}[which]
    before = digest(db_path)
    status, out, err = run(["join", str(ann), other], capsys)
    assert (status, out) == (1, "")
    assert err == said.format(ann=ann, chen=chen)
    assert digest(db_path) == before


def test_latest_twice_is_the_same_session(
    call: tuple[int, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(["join", "latest", "latest"], capsys)
    assert status == 1 and "cannot be joined with itself" in err


def test_no_database_yet_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "none.db"
    status, _, err = run(["--db", str(path), "join", "1", "2"], capsys)
    assert status == 1 and err == "earful: no session '1'; `earful sessions` lists them\n"
    assert not path.exists()
