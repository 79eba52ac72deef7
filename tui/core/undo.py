"""Undo and redo: a stack of changes that each know how to apply and reverse themselves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class Change:
    """One reversible change, already applied when it is recorded."""

    label: str
    redo: Callable[[], object]
    undo: Callable[[], object]


class UndoStack:
    """Changes in the order they were made; recording a new one clears what could be redone."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = limit
        self._done: list[Change] = []
        self._undone: list[Change] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def record(self, change: Change) -> None:
        """Remember a change that has just been made."""
        self._done.append(change)
        del self._done[: -self.limit]
        self._undone.clear()

    def apply(self, change: Change) -> None:
        """Make the change now, then remember it."""
        change.redo()
        self.record(change)

    def undo(self) -> Change | None:
        """Reverse the latest change; if reversing fails the stacks are left as they were."""
        if not self._done:
            return None
        change = self._done[-1]
        change.undo()
        self._undone.append(self._done.pop())
        return change

    def redo(self) -> Change | None:
        """Make the latest undone change again."""
        if not self._undone:
            return None
        change = self._undone[-1]
        change.redo()
        self._done.append(self._undone.pop())
        return change

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
