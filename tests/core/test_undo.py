"""Undo and redo go back and forth through changes in order."""

from __future__ import annotations

import pytest

from tui.core.undo import Change, UndoStack


def setter(state: list[int], value: int) -> Change:
    old = state[0]
    return Change(
        f"set {value}",
        redo=lambda: state.__setitem__(0, value),
        undo=lambda: state.__setitem__(0, old),
    )


def test_undo_and_redo_walk_the_changes_in_order() -> None:
    state, stack = [0], UndoStack()
    for value in (1, 2, 3):
        stack.apply(setter(state, value))
    assert state == [3]
    assert stack.undo().label == "set 3"  # type: ignore[union-attr]
    stack.undo()
    assert state == [1]
    stack.redo()
    assert state == [2]
    stack.undo()
    stack.undo()
    assert state == [0] and not stack.can_undo
    assert stack.undo() is None


def test_a_new_change_clears_redo() -> None:
    state, stack = [0], UndoStack()
    stack.apply(setter(state, 1))
    stack.undo()
    assert stack.can_redo
    stack.apply(setter(state, 5))
    assert not stack.can_redo and stack.redo() is None
    assert state == [5]


def test_record_does_not_apply_again() -> None:
    calls: list[str] = []
    stack = UndoStack()
    stack.record(Change("x", redo=lambda: calls.append("redo"), undo=lambda: calls.append("undo")))
    assert calls == []
    stack.undo()
    stack.redo()
    assert calls == ["undo", "redo"]


def test_a_failing_undo_leaves_the_stack_as_it_was() -> None:
    def broken() -> None:
        raise RuntimeError("disk full")

    stack = UndoStack()
    stack.record(Change("x", redo=lambda: None, undo=broken))
    with pytest.raises(RuntimeError):
        stack.undo()
    assert stack.can_undo and not stack.can_redo


def test_only_the_latest_changes_are_kept() -> None:
    state, stack = [0], UndoStack(limit=2)
    for value in (1, 2, 3):
        stack.apply(setter(state, value))
    assert stack.undo() and stack.undo()
    assert stack.undo() is None and state == [1]
