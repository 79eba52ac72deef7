"""Every number typed on the command line is range-checked: one line and status 1."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.helpers import run
from tui.cli import build_parser
from tui.core.clock import ClockState
from tui.store.store import open_store

HUGE = "99999999999999999999999"  # more than SQLite's 2**63 - 1: was an OverflowError


@pytest.fixture
def one_session(db_path: Path) -> Path:
    store = open_store(db_path)
    who = store.participant_for("Ann Lee", "Acme")
    session = store.create_session(who.id, "pricing", 30, ClockState(0))
    store.add_entry(session.id, "quote", "the price is fine", 1000, ["pricing"])
    store.close()
    return db_path


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the app was opened")

    monkeypatch.setattr("tui.cli.build_app", refuse)


SESSION = (
    "earful: SESSION must be a session id (`earful sessions` lists them) or latest, not {!r}\n"
)


@pytest.mark.parametrize("typed", [HUGE, "9223372036854775808", "0", "-1", "²", "1_0", "abc"])
@pytest.mark.usefixtures("one_session")
def test_export_refuses_what_is_not_a_session_id_in_one_line(
    capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    assert run(["export", typed], capsys) == (1, "", SESSION.format(typed))


@pytest.mark.usefixtures("one_session")
def test_export_takes_the_largest_id_and_latest(capsys: pytest.CaptureFixture[str]) -> None:
    largest = str(2**63 - 1)
    no_such = f"earful: no session '{largest}'; `earful sessions` lists them\n"
    assert run(["export", largest], capsys) == (1, "", no_such)
    for ref in ("1", " LATEST "):
        status, out, err = run(["export", ref], capsys)
        assert (status, err) == (0, "") and "the price is fine" in out


@pytest.mark.parametrize("typed", [HUGE, "0", "-3", "1e3", ""])
@pytest.mark.usefixtures("one_session")
def test_search_limit_out_of_range_is_one_line(
    capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    expected = f"earful: --limit must be a whole number from 1 to 1,000,000, not {typed!r}\n"
    assert run(["search", "price", "--limit", typed], capsys) == (1, "", expected)


@pytest.mark.usefixtures("one_session")
def test_search_limit_at_its_bounds_works(capsys: pytest.CaptureFixture[str]) -> None:
    for limit in ("1", "1000000"):
        status, out, err = run(["search", "price", "--limit", limit], capsys)
        assert (status, err) == (0, "") and "the price is fine" in out


@pytest.mark.parametrize("typed", [HUGE, "601", "0", "-5", "thirty"])
@pytest.mark.usefixtures("no_app")
def test_start_minutes_out_of_range_is_one_line(
    db_path: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    expected = f"earful: --minutes must be a whole number from 1 to 600, not {typed!r}\n"
    assert run(["start", "Ann", "--minutes", typed], capsys) == (1, "", expected)
    assert not db_path.exists()


def _number_options(parser: argparse.ArgumentParser) -> list[tuple[str, object]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in dict.fromkeys(action.choices.values()):
                found += _number_options(command)
        elif action.type is int:
            found.append((parser.prog, action.dest))
    return found


def test_no_command_takes_an_unchecked_whole_number() -> None:
    # A plain ``type=int`` passes 10**30 to SQLite, which cannot hold it: use bounded().
    assert _number_options(build_parser()) == []


def test_plain_earful_skips_the_parser_but_means_what_the_parser_would() -> None:
    from tui.cli import NO_ARGUMENTS

    assert vars(build_parser().parse_args([])) == vars(NO_ARGUMENTS)
