"""``earful tags``: the codebook on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run
from tests.store.helpers import maintained, recount
from tui.core.clock import ClockState
from tui.store.codebook import codebook
from tui.store.hotkeys import chosen_hotkeys
from tui.store.store import open_store


@pytest.fixture
def filled(db_path: Path) -> Path:
    store = open_store(db_path)
    for name, text, topics, emotions in (
        ("Ann", "call me", ["followup"], ["curious"]),
        ("Ann", "both", ["followup", "follow-up"], []),
        ("Bo", "ping me", ["follow-up"], ["followup"]),  # also an emotion of that name
        ("Cy", "costs", ["pricing"], []),
    ):
        who = store.participant_for(name, "Acme")
        session = store.create_session(who.id, "learn", 30, ClockState(0)).id
        store.add_entry(session, "quote", text, 1000, topics, emotions)
    store.close()
    return db_path


def tags(db_path: Path) -> dict[str, tuple[int, int, str]]:
    store = open_store(db_path)
    try:
        assert maintained(store) == recount(store)
        return {
            r.tag.label: (r.participants, r.entries, r.tag.description) for r in codebook(store)
        }
    finally:
        store.close()


def test_list_shows_counts_and_descriptions_by_kind(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["tags", "describe", "pricing", "What it \x1b[31mcosts"], capsys)
    assert status == 0 and "\x1b" not in out
    status, out, _ = run(["tags", "list"], capsys)
    lines = out.splitlines()
    assert status == 0 and lines[0].split() == [
        "tag",
        "kind",
        "participants",
        "entries",
        "description",
    ]
    assert lines[1].split() == ["#follow-up", "topic", "2", "2"]  # most participants first
    pricing = next(line for line in lines if line.startswith("#pricing"))
    assert pricing.split()[:4] == ["#pricing", "topic", "1", "1"]
    assert pricing.endswith("What it ␛[31mcosts")
    _, out, _ = run(["tags", "list", "--kind", "emotion"], capsys)
    assert "#" not in out and "!curious" in out


def test_rename_merge_and_their_refusals(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["tags", "rename", "followup", "follow-up"], capsys)
    assert status == 1 and "both a topic and an emotion" in err and err.count("\n") == 1
    status, _, err = run(["tags", "rename", "followup", "Follow Up", "--kind", "topic"], capsys)
    assert status == 1 and "merges the two" in err
    assert "earful tags merge followup follow-up --kind topic" in err
    status, out, _ = run(["tags", "merge", "followup", "follow-up", "--kind", "topic"], capsys)
    assert status == 0
    assert out == "Merged #followup into #follow-up: 3 entries from 2 participants.\n"
    after = tags(filled)
    assert "#followup" not in after and after["#follow-up"][:2] == (2, 3)
    assert "!followup" in after  # the emotion of that name is untouched
    status, out, _ = run(["tags", "rename", "#pricing", "Price Points"], capsys)
    assert status == 0 and out == "Renamed #pricing to #price-points.\n"


def test_delete_and_unknown_or_bad_names_fail_in_one_line(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["tags", "delete", "!curious"], capsys)
    assert status == 0 and out == "Deleted !curious; it was on 1 entry from 1 participant.\n"
    assert "!curious" not in tags(filled)
    for argv in (
        ["tags", "delete", "nope"],
        ["tags", "describe", "#nope", "x"],
        ["tags", "rename", "pricing", "!!!"],
        ["tags", "rename", "pricing", ""],
        ["tags", "merge", "pricing", "!followup"],
    ):
        status, _, err = run(argv, capsys)
        assert status == 1 and err.startswith("earful: ") and err.count("\n") == 1, argv
    assert tags(filled)["#pricing"][:2] == (1, 1)


def test_keys_choose_show_and_forget(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["tags", "keys", "--kind", "topic"], capsys)
    assert status == 0 and out.startswith("F2–F5: the config's first four topics (#pains")
    status, out, _ = run(["tags", "keys", "--kind", "topic", "Pricing", "New Thing"], capsys)
    assert status == 0 and out == "F2–F5: #pricing #new-thing\n"
    status, _, err = run(["tags", "keys", "--kind", "emotion", *"abcde"], capsys)
    assert status == 1 and "At most 4" in err
    store = open_store(filled)
    assert chosen_hotkeys(store) == {"topic": ["pricing", "new-thing"]}
    store.close()
    status, out, _ = run(["tags", "keys", "--kind", "topic", "--default"], capsys)
    assert status == 0 and "config's first four" in out
