"""The codebook from the board: rename, merge, delete or describe a tag; choose hotkey tags.

Each question checks what is typed before it closes; each change is recorded on the
app's undo stack, and tells the app the hotkey tags may have changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.core.text import SIGILS, tag_mark
from tui.core.undo import Change
from tui.ui import edits
from tui.ui.widgets.dialogs import Confirm, TextPrompt

if TYPE_CHECKING:
    from types import ModuleType

    from tui.store.codebook import TagRef
    from tui.store.store import Store
    from tui.ui.app import EarfulApp

# Called with the label of the tag to keep the cursor on (None: wherever it was).
Done = Callable[[str | None], None]
TagAction = Callable[["EarfulApp", "Store", "TagRef", Done], None]
KEYS = {"topic": "F2–F5", "emotion": "F6–F9"}


def _codebook() -> ModuleType:
    # Loaded when first used, as every store module the board needs.
    from tui.store import codebook

    return codebook


def _uses(store: Store, tag: TagRef) -> str:
    row = _codebook().usage(store, tag)
    entries = "1 entry" if row.entries == 1 else f"{row.entries} entries"
    people = "1 participant" if row.participants == 1 else f"{row.participants} participants"
    return f"{entries}, {people}"


def record(app: EarfulApp, change: Change, done: Done, keep: str | None) -> str:
    """Remember an applied change so ctrl+z takes it back; the board and hotkeys follow."""

    def follow() -> None:
        hotkeys_changed = getattr(app, "hotkeys_changed", None)
        if callable(hotkeys_changed):
            hotkeys_changed()

    def redo() -> None:
        change.redo()
        follow()

    def undo() -> None:
        change.undo()
        follow()

    app.undo.record(Change(change.label, redo=redo, undo=undo))
    follow()
    done(keep)
    return f"Done: {change.label} (ctrl+z undoes)."


def _problem(attempt: Callable[[], object]) -> str | None:
    """What is wrong with the typed text, in one line, or None."""
    try:
        attempt()
    except ValueError as error:  # CodebookError
        return str(error)
    return None


def rename(app: EarfulApp, store: Store, tag: TagRef, done: Done) -> None:
    cb = _codebook()

    def check(text: str) -> str | None:
        problem = _problem(lambda: cb.clean_name(text))
        if problem:
            return problem
        if cb.clean_name(text) == tag.name:
            return f"{tag.label} is already called that: type another name, or Escape"
        return None

    def answered(text: str | None) -> None:
        if text is None:
            return

        def run() -> str | None:
            try:
                change = cb.rename_tag(store, tag, text)
            except cb.WouldMerge as would:
                _ask_merge(app, store, would.source, would.into, done, renaming=True)
                return None
            return record(app, change, done, tag_mark(tag.kind, cb.clean_name(text)))

        edits.attempt(app, run)

    title = f"Rename {tag.label} to (an existing name merges the two):"
    app.push_screen(TextPrompt(title, tag.name, check=check), answered)


def merge(app: EarfulApp, store: Store, tag: TagRef, done: Done) -> None:
    cb = _codebook()

    def check(text: str) -> str | None:
        try:
            into = cb.find_tag(store, text, tag.kind)
        except cb.CodebookError as error:
            return str(error)
        return f"That is {tag.label} itself" if into.id == tag.id else None

    def answered(text: str | None) -> None:
        if text is not None:
            _ask_merge(app, store, tag, cb.find_tag(store, text, tag.kind), done)

    title = f"Merge {tag.label} into which {tag.kind}? {tag.label} goes away, its entries move."
    app.push_screen(TextPrompt(title, placeholder="the tag that stays", check=check), answered)


def _ask_merge(
    app: EarfulApp, store: Store, source: TagRef, into: TagRef, done: Done, renaming: bool = False
) -> None:
    cb = _codebook()
    already = f"{into.label} already exists. " if renaming else ""
    question = (
        f"{already}Merge {source.label} ({_uses(store, source)}) into {into.label}"
        f" ({_uses(store, into)})? An entry with both keeps one {into.label}."
    )

    def answered(yes: bool | None) -> None:
        if yes:
            edits.attempt(
                app, lambda: record(app, cb.merge_tags(store, source, into), done, into.label)
            )

    app.push_screen(Confirm(question, "Merge"), answered)


def delete(app: EarfulApp, store: Store, tag: TagRef, done: Done) -> None:
    cb = _codebook()
    question = f"Delete {tag.label} from {_uses(store, tag)}? ctrl+z brings it back."

    def answered(yes: bool | None) -> None:
        if yes:
            edits.attempt(app, lambda: record(app, cb.delete_tag(store, tag), done, None))

    app.push_screen(Confirm(question, "Delete"), answered)


def describe(app: EarfulApp, store: Store, tag: TagRef, done: Done) -> None:
    cb = _codebook()

    def answered(text: str | None) -> None:
        if text is None:
            return

        def run() -> str:
            try:
                change = cb.describe_tag(store, tag, text)
            except cb.CodebookError:
                return "Nothing changed."
            return record(app, change, done, tag.label)

        edits.attempt(app, run)

    title = f"What {tag.label} means, in one line (empty clears it):"
    app.push_screen(TextPrompt(title, tag.description), answered)


def split_names(text: str) -> list[str]:
    """Tag names typed in one line: separated by spaces or commas, with or without # or !."""
    return [name for name in re.split(r"[\s,]+", text) if name]


def choose_keys(app: EarfulApp, store: Store, kind: str, done: Done) -> None:
    from tui.store import hotkeys as cb  # loaded when first used

    config = app.config
    current = cb.chosen_hotkeys(store).get(kind)
    if current is None:
        current = (config.topics if kind == "topic" else list(config.emotions))[:4]
    keys, sigil = KEYS[kind], SIGILS[kind]

    def check(text: str) -> str | None:
        return _problem(lambda: cb.hotkey_names(split_names(text)))

    def answered(text: str | None) -> None:
        if text is None:
            return

        def run() -> str:
            names = cb.hotkey_names(split_names(text))
            record(app, cb.hotkeys_change(store, kind, names), done, None)
            shown = " ".join(sigil + name for name in names) or f"the config's {kind}s"
            return f"{keys} now: {shown} (ctrl+z undoes)."

        edits.attempt(app, run)

    title = f"The {kind}s on {keys}, in order, up to four (empty: the config's):"
    value = " ".join(sigil + name for name in current)
    app.push_screen(TextPrompt(title, value, check=check), answered)
