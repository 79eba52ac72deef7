"""The to-do list after the call: what is on it, ticking off, and ``earful todo``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main
from tui.core.clock import ClockState
from tui.store.editing import delete_entry
from tui.store.store import Store
from tui.store.todos import after_call, set_done, todo_items


def _session(store: Store, name: str, company: str = "", started: int = 0) -> int:
    who = store.participant_for(name, company)
    return store.create_session(who.id, "learn", 30, ClockState(started)).id


def _fill(store: Store) -> tuple[int, int, int]:
    old = _session(store, "Ann", "Acme", started=0)
    new = _session(store, "Bo", started=10_000_000)
    ask = store.add_entry(old, "quote", "Call me about SSO", 61_000, flags=["follow_up"]).id
    both = store.add_entry(new, "quote", "Love it [b]", 5_000, flags=["testimonial", "follow_up"])
    store.add_entry(old, "quote", "plain, nothing to do", 1_000)
    mark = store.add_entry(old, "mark", "", 90_000).id
    return ask, both.id, mark


def test_items_come_from_flags_and_marks_newest_interview_first(store: Store) -> None:
    ask, both, mark = _fill(store)
    items = [(i.entry_id, i.item, i.participant, i.time) for i in todo_items(store)]
    assert items == [
        (both, "follow_up", "Bo", "00:05"),
        (both, "testimonial", "Bo", "00:05"),
        (ask, "follow_up", "Ann, Acme", "01:01"),
        (mark, "mark", "Ann, Acme", "01:30"),
    ]


def test_ticked_items_are_hidden_unless_asked_and_can_be_unticked(store: Store) -> None:
    ask, both, _mark = _fill(store)
    assert set_done(store, ask, "follow_up", True) is False
    assert set_done(store, ask, "follow_up", True) is True  # twice is harmless
    assert ask not in {i.entry_id for i in todo_items(store)}
    done = [i for i in todo_items(store, include_done=True) if i.done]
    assert [(i.entry_id, i.item) for i in done] == [(ask, "follow_up")]
    after = after_call(store, [ask, both])
    assert (after[ask].flags, after[both].flags) == ("⚑✓", "⚑ ♥")
    assert set_done(store, ask, "follow_up", False) is True
    assert ask in {i.entry_id for i in todo_items(store)}
    assert after_call(store, [ask])[ask].flags == "⚑"


def test_a_deleted_entry_leaves_the_list_and_cannot_be_ticked(store: Store) -> None:
    ask, _both, _mark = _fill(store)
    set_done(store, ask, "follow_up", True)
    delete_entry(store, ask)
    assert ask not in {i.entry_id for i in todo_items(store, include_done=True)}
    with pytest.raises(KeyError, match="no longer exists"):
        set_done(store, ask, "follow_up", True)
    with pytest.raises(ValueError, match="unknown"):
        set_done(store, _mark, "starred", True)  # type: ignore[arg-type]


def test_synced_interviews_list_recording_time(store: Store) -> None:
    _ask, both, _mark = _fill(store)
    store.save_recording(2, 2_000)
    assert {i.time for i in todo_items(store) if i.entry_id == both} == {"00:03"}


def test_earful_todo_prints_open_items_and_all_with_done(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    ask, _both, _mark = _fill(store)
    store.save_recording(2, 2_000)
    set_done(store, ask, "follow_up", True)
    assert main(["todo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("To do after the call: 3 open.")
    assert "Bo  (session 2; times are recording time, synced at 00:02 interview time)" in out
    assert "[ ]    00:03  ⚑ ask the follow-up: Love it [b]" in out
    assert "♥ get permission to quote" in out and "▍ fill in the mark" in out
    assert "Call me about SSO" not in out
    assert main(["todo", "--all"]) == 0
    out = capsys.readouterr().out
    assert "3 open, 1 done." in out and "[x]    01:01  ⚑ ask the follow-up: Call me" in out


def test_earful_todo_with_nothing_to_do(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["todo"]) == 0
    assert "Nothing to do after the calls." in capsys.readouterr().out
