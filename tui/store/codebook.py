"""The codebook: rename, merge, delete and describe tags.

Each change comes back as an undoable ``Change`` (already applied), so the board and
the command line share one implementation. Counts in ``tag_participants`` are kept by
the schema's triggers: every change here only inserts and deletes ``entry_tags`` rows
or renames ``tags`` rows, so the triggers see each link come and go exactly once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tui.core.capture import normalise_tag
from tui.core.models import TagKind
from tui.core.text import SIGILS, one_line
from tui.core.undo import Change
from tui.store.hotkeys import follow_tag, hotkeys_setting, put_hotkeys_setting
from tui.store.store import Store
from tui.store.tag_names import KINDS, CodebookError, clean_name


class WouldMerge(CodebookError):
    """Renaming onto a name the same kind already has: that is a merge, and must be asked."""

    def __init__(self, source: TagRef, into: TagRef) -> None:
        super().__init__(
            f"{into.label} already exists: renaming {source.label} to it merges the two"
        )
        self.source, self.into = source, into


@dataclass(frozen=True)
class TagRef:
    id: int
    name: str
    kind: TagKind
    description: str = ""

    @property
    def label(self) -> str:
        return SIGILS[self.kind] + self.name


@dataclass(frozen=True)
class CodebookRow:
    tag: TagRef
    participants: int
    entries: int


def _kind_of(written: str, kind: TagKind | None) -> tuple[str, list[TagKind]]:
    """The bare name and the kinds it may be: a # or ! in front says which."""
    text = written.strip()
    if text[:1] in ("#", "!"):
        said: TagKind = "topic" if text[0] == "#" else "emotion"
        if kind is not None and kind != said:
            raise CodebookError(f"{text!r} is written as a {said}, not as a {kind}")
        return text[1:], [said]
    return text, [kind] if kind else list(KINDS)


def find_tag(store: Store, written: str, kind: TagKind | None = None) -> TagRef:
    """The tag a person means by ``written`` (``name``, ``#topic`` or ``!emotion``)."""
    name, kinds = _kind_of(written, kind)
    found: list[TagRef] = []
    for candidate in kinds:
        # The name as stored first (names from older files may hold anything), then typed.
        for spelled in dict.fromkeys((name, normalise_tag(name))):
            tag = _existing(store, candidate, spelled)
            if tag is not None:
                found.append(tag)
                break
    if len(found) > 1:
        raise CodebookError(
            f"{one_line(name)!r} is both a topic and an emotion: say which"
            f" (#{one_line(name)} or !{one_line(name)}, or --kind)"
        )
    if not found:
        what = " or ".join(kinds)
        raise CodebookError(f"No {what} tag called {one_line(written.strip())!r}")
    return found[0]


def codebook(store: Store, kind: TagKind | None = None) -> list[CodebookRow]:
    """Every tag with its distinct participants and entries: topics first, most raised first."""
    rows = store.named(
        """SELECT t.id, t.name, t.kind, t.description,
            (SELECT count(*) FROM tag_participants tp WHERE tp.tag_id = t.id) AS participants,
            (SELECT count(*) FROM entry_tags et WHERE et.tag_id = t.id) AS entries
        FROM tags t WHERE ? IS NULL OR t.kind = ?
        ORDER BY t.kind = 'emotion', 5 DESC, 6 DESC, t.name""",
        (kind, kind),
    ).fetchall()
    return [
        CodebookRow(_tag_ref(row), participants=row["participants"], entries=row["entries"])
        for row in rows
    ]


def usage(store: Store, tag: TagRef) -> CodebookRow:
    """How many participants and entries carry ``tag``."""
    row = store.named(
        "SELECT (SELECT count(*) FROM tag_participants WHERE tag_id = ?) AS participants,"
        " (SELECT count(*) FROM entry_tags WHERE tag_id = ?) AS entries",
        (tag.id, tag.id),
    ).fetchone()
    return CodebookRow(tag, participants=row["participants"], entries=row["entries"])


def descriptions(store: Store) -> dict[tuple[str, str], str]:
    """``(kind, name)`` → description, for tags that have one."""
    rows = store.conn.execute("SELECT kind, name, description FROM tags WHERE description <> ''")
    return {(kind, name): text for kind, name, text in rows}


def _tag_ref(row: sqlite3.Row) -> TagRef:
    return TagRef(id=row["id"], name=row["name"], kind=row["kind"], description=row["description"])


def _existing(store: Store, kind: TagKind, name: str) -> TagRef | None:
    row = store.named(
        "SELECT id, name, kind, description FROM tags WHERE name = ? AND kind = ?", (name, kind)
    ).fetchone()
    return _tag_ref(row) if row else None


# --- rename ----------------------------------------------------------------------------
# Undo and redo find a tag by kind and name, never by id: a tag deleted and brought back
# may come back under another id, and the changes recorded before must still find it.


def _id(store: Store, kind: TagKind, name: str) -> int:
    tag = _existing(store, kind, name)
    if tag is None:
        raise CodebookError(f"{SIGILS[kind]}{name} no longer exists")
    return tag.id


def rename_tag(store: Store, tag: TagRef, new_name: str) -> Change:
    """Give ``tag`` a new name (its links stay); onto an existing name raises WouldMerge."""
    new = clean_name(new_name)
    if new == tag.name:
        raise CodebookError(f"{tag.label} is already called that")
    other = _existing(store, tag.kind, new)
    if other is not None:
        raise WouldMerge(tag, other)
    hotkeys = hotkeys_setting(store, tag.kind)

    def redo() -> None:
        with store.db.atomic():
            _set_name(store, tag.kind, tag.name, new)
            follow_tag(store, tag.kind, tag.name, new)

    def undo() -> None:
        with store.db.atomic():
            _set_name(store, tag.kind, new, tag.name)
            put_hotkeys_setting(store, tag.kind, hotkeys)

    redo()
    return Change(f"rename {tag.label} to {SIGILS[tag.kind]}{new}", redo=redo, undo=undo)


def _set_name(store: Store, kind: TagKind, old: str, new: str) -> None:
    if _existing(store, kind, new) is not None:
        raise CodebookError(f"{SIGILS[kind]}{new} exists already")
    store.conn.execute("UPDATE tags SET name = ? WHERE id = ?", (new, _id(store, kind, old)))


# --- merge -----------------------------------------------------------------------------


def merge_tags(store: Store, source: TagRef, into: TagRef) -> Change:
    """Move every link of ``source`` onto ``into`` and remove ``source``.

    An entry carrying both ends with one link, so nothing is counted twice.
    """
    if source.kind != into.kind:
        raise CodebookError(f"{source.label} and {into.label} are different kinds of tag")
    if source.id == into.id:
        raise CodebookError(f"{source.label} cannot be merged into itself")
    kind = source.kind
    row = _tag_row(store, source.id)
    linked = _linked(store, source.id)
    gained = sorted(set(linked) - set(_linked(store, into.id)))
    into_description = _tag_row(store, into.id)["description"]
    hotkeys = hotkeys_setting(store, kind)

    def redo() -> None:
        with store.db.atomic():
            source_id, into_id = _id(store, kind, source.name), _id(store, kind, into.name)
            store.conn.execute(
                "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id)"
                " SELECT entry_id, ? FROM entry_tags WHERE tag_id = ?",
                (into_id, source_id),
            )
            if not into_description and row["description"]:
                _set_description(store, into_id, row["description"])
            _remove(store, source_id)
            follow_tag(store, kind, source.name, into.name)

    def undo() -> None:
        with store.db.atomic():
            into_id = _id(store, kind, into.name)
            _unlink(store, into_id, gained)
            _put_back(store, row, linked)
            _set_description(store, into_id, into_description)
            put_hotkeys_setting(store, kind, hotkeys)

    redo()
    return Change(f"merge {source.label} into {into.label}", redo=redo, undo=undo)


# --- delete ----------------------------------------------------------------------------


def delete_tag(store: Store, tag: TagRef) -> Change:
    """Remove a tag and every link to it; undo brings both back."""
    row = _tag_row(store, tag.id)
    linked = _linked(store, tag.id)
    hotkeys = hotkeys_setting(store, tag.kind)

    def redo() -> None:
        with store.db.atomic():
            _remove(store, _id(store, tag.kind, tag.name))
            follow_tag(store, tag.kind, tag.name, None)

    def undo() -> None:
        with store.db.atomic():
            _put_back(store, row, linked)
            put_hotkeys_setting(store, tag.kind, hotkeys)

    redo()
    return Change(f"delete {tag.label}", redo=redo, undo=undo)


def _tag_row(store: Store, tag_id: int) -> dict[str, Any]:
    found = store.named("SELECT * FROM tags WHERE id = ?", (tag_id,)).fetchone()
    if found is None:
        raise CodebookError("That tag no longer exists")
    return dict(zip(found.keys(), found, strict=True))


def _linked(store: Store, tag_id: int) -> list[int]:
    rows = store.conn.execute("SELECT entry_id FROM entry_tags WHERE tag_id = ?", (tag_id,))
    return [row[0] for row in rows]


def _remove(store: Store, tag_id: int) -> None:
    # Links first, each through the trigger, so the counts follow exactly.
    store.conn.execute("DELETE FROM entry_tags WHERE tag_id = ?", (tag_id,))
    store.conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))


def _unlink(store: Store, tag_id: int, entries: Sequence[int]) -> None:
    store.conn.executemany(
        "DELETE FROM entry_tags WHERE entry_id = ? AND tag_id = ?",
        [(entry, tag_id) for entry in entries],
    )


def _put_back(store: Store, row: dict[str, Any], entries: Sequence[int]) -> None:
    """Recreate a removed tag and link it again to the entries that still exist.

    It keeps its old id unless a new tag has taken it meanwhile.
    """
    if _existing(store, row["kind"], row["name"]) is not None:
        raise CodebookError(f"{SIGILS[row['kind']]}{row['name']} exists again; not restored")
    values = dict(row)
    if store.conn.execute("SELECT 1 FROM tags WHERE id = ?", (row["id"],)).fetchone():
        del values["id"]
    marks = ", ".join("?" * len(values))
    cursor = store.conn.execute(
        f"INSERT INTO tags ({', '.join(values)}) VALUES ({marks})", list(values.values())
    )
    store.conn.executemany(
        "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id)"
        " SELECT id, ? FROM entries WHERE id = ?",
        [(cursor.lastrowid, entry) for entry in entries],
    )


# --- describe --------------------------------------------------------------------------


def describe_tag(store: Store, tag: TagRef, text: str) -> Change:
    """Say what a tag means (one line; empty clears it)."""
    new = " ".join(one_line(text).split())
    old = _tag_row(store, tag.id)["description"]
    if new == old:
        raise CodebookError(f"{tag.label} already says that")

    def put(description: str) -> None:
        with store.db.atomic():
            _set_description(store, _id(store, tag.kind, tag.name), description)

    put(new)
    what = "describe" if new else "clear the description of"
    return Change(f"{what} {tag.label}", redo=lambda: put(new), undo=lambda: put(old))


def _set_description(store: Store, tag_id: int, description: str) -> None:
    store.conn.execute("UPDATE tags SET description = ? WHERE id = ?", (description, tag_id))
