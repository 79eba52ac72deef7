"""Who typed each entry: the config's author (the OS user by default), recorded on every
entry saved, by the live screen's writer as by the store itself."""

from __future__ import annotations

import getpass
import sqlite3
from pathlib import Path

import pytest

from tui.core.clock import ClockState
from tui.core.config import Config, load_config
from tui.store.store import Store, open_store
from tui.store.writer import Job, Writer


def authors(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT author FROM entries ORDER BY id")]


def test_the_author_defaults_to_the_os_user_and_the_config_can_name_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "ann")
    assert Config().author == "ann"
    path = tmp_path / "config.toml"
    path.write_text('author = "  Ann Lee "\n', encoding="utf-8")
    config = load_config(path)
    assert config.author == "Ann Lee" and config.problems == []


def test_no_os_user_gives_an_empty_author(monkeypatch: pytest.MonkeyPatch) -> None:
    def nobody() -> str:
        raise OSError("no username set in the environment")

    monkeypatch.setattr(getpass, "getuser", nobody)
    assert Config().author == ""


def test_an_author_that_is_not_a_name_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("author = 3\nminutes = 40\n", encoding="utf-8")
    config = load_config(path)
    assert config.minutes == 40
    assert any("author must be a name" in p for p in config.problems)


def test_every_entry_records_who_typed_it(store: Store) -> None:
    person = store.participant_for("Bo Chen")
    session = store.create_session(person.id, "", 30, ClockState(0)).id
    store.author = "ann"
    first = store.add_entry(session, "quote", "one", 0)
    store.author = "bo"
    second = store.add_entry(session, "note", "two", 10)
    assert (first.author, second.author) == ("ann", "bo")
    assert authors(store.path) == ["ann", "bo"]


def test_the_writer_records_its_author_on_entries_it_saves(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    store = open_store(db)
    session = store.create_session(store.participant_for("Cy").id, "", 30, ClockState(0)).id
    store.close()
    done: list[str] = []
    writer = Writer(db, lambda callback: callback(), author="ann")
    job = Job(lambda s: s.add_entry(session, "quote", "hi", 0).author, done.append, print)
    writer.submit(job)
    assert writer.wait_idle(10)
    writer.close()
    assert done == ["ann"] and authors(db) == ["ann"]
