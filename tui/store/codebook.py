"""The codebook: rename, merge, delete and describe tags, and choose the hotkey tags.

Each change comes back as an undoable ``Change`` (already applied), so the board and
the command line share one implementation. Counts in ``tag_participants`` are kept by
the schema's triggers: every change here only inserts and deletes ``entry_tags`` rows
or renames ``tags`` rows, so the triggers see each link come and go exactly once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from tui.core.capture import normalise_tag
from tui.core.models import TagKind
from tui.core.text import one_line
from tui.core.undo import Change
from tui.store.store import Store

KINDS: tuple[TagKind, ...] = ("topic", "emotion")
SIGILS = {"topic": "#", "emotion": "!"}
HOTKEY_SLOTS = 4
_NAME = re.compile(r"^[^\W\d_][\w-]*$")  # what a typed #tag token may be, after normalising


class CodebookError(ValueError):
    """A codebook change that cannot be made, said in one line."""


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


def clean_name(written: str) -> str:
    """A new tag name, normalised as typed tags are; refuses what could never be typed."""
    name = normalise_tag(written.strip().lstrip("#!"))
    if not _NAME.match(name) and not written.strip():
        raise CodebookError("A tag name cannot be empty: use letters, digits and hyphens")
    if not _NAME.match(name):
        raise CodebookError(
            f"{one_line(written.strip())!r} is not a tag name:"
            " use letters, digits and hyphens, starting with a letter"
        )
    return name


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
            row = store.conn.execute(
                "SELECT id, name, kind, description FROM tags WHERE name = ? AND kind = ?",
                (spelled, candidate),
            ).fetchone()
            if row is not None:
                found.append(TagRef(*row))
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
        CodebookRow(
            TagRef(
                id=row["id"], name=row["name"], kind=row["kind"], description=row["description"]
            ),
            participants=row["participants"],
            entries=row["entries"],
        )
        for row in rows
    ]


def usage(store: Store, tag: TagRef) -> CodebookRow:
    """How many participants and entries carry ``tag``."""
    row = store.conn.execute(
        "SELECT (SELECT count(*) FROM tag_participants WHERE tag_id = ?),"
        " (SELECT count(*) FROM entry_tags WHERE tag_id = ?)",
        (tag.id, tag.id),
    ).fetchone()
    return CodebookRow(tag, row[0], row[1])


def descriptions(store: Store) -> dict[tuple[str, str], str]:
    """``(kind, name)`` → description, for tags that have one."""
    rows = store.conn.execute("SELECT kind, name, description FROM tags WHERE description <> ''")
    return {(kind, name): text for kind, name, text in rows}


def _existing(store: Store, kind: TagKind, name: str) -> TagRef | None:
    row = store.conn.execute(
        "SELECT id, name, kind, description FROM tags WHERE name = ? AND kind = ?", (name, kind)
    ).fetchone()
    return TagRef(*row) if row else None


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
    hotkeys = _hotkeys_row(store, tag.kind)

    def redo() -> None:
        with store.db.atomic():
            _set_name(store, tag.kind, tag.name, new)
            _replace_in_hotkeys(store, tag.kind, tag.name, new)

    def undo() -> None:
        with store.db.atomic():
            _set_name(store, tag.kind, new, tag.name)
            _put_hotkeys_row(store, tag.kind, hotkeys)

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
    hotkeys = _hotkeys_row(store, kind)

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
            _replace_in_hotkeys(store, kind, source.name, into.name)

    def undo() -> None:
        with store.db.atomic():
            into_id = _id(store, kind, into.name)
            _unlink(store, into_id, gained)
            _put_back(store, row, linked)
            _set_description(store, into_id, into_description)
            _put_hotkeys_row(store, kind, hotkeys)

    redo()
    return Change(f"merge {source.label} into {into.label}", redo=redo, undo=undo)


# --- delete ----------------------------------------------------------------------------


def delete_tag(store: Store, tag: TagRef) -> Change:
    """Remove a tag and every link to it; undo brings both back."""
    row = _tag_row(store, tag.id)
    linked = _linked(store, tag.id)
    hotkeys = _hotkeys_row(store, tag.kind)

    def redo() -> None:
        with store.db.atomic():
            _remove(store, _id(store, tag.kind, tag.name))
            _replace_in_hotkeys(store, tag.kind, tag.name, None)

    def undo() -> None:
        with store.db.atomic():
            _put_back(store, row, linked)
            _put_hotkeys_row(store, tag.kind, hotkeys)

    redo()
    return Change(f"delete {tag.label}", redo=redo, undo=undo)


def _tag_row(store: Store, tag_id: int) -> dict[str, Any]:
    cursor = store.conn.execute("SELECT * FROM tags WHERE id = ?", (tag_id,))
    found = cursor.fetchone()
    if found is None:
        raise CodebookError("That tag no longer exists")
    return dict(zip([c[0] for c in cursor.description], found, strict=True))


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


# --- hotkeys ---------------------------------------------------------------------------


def _key(kind: str) -> str:
    if kind not in KINDS:
        raise CodebookError(f"{kind!r} is not a kind of tag: topic or emotion")
    return f"hotkeys.{kind}"


def _hotkeys_row(store: Store, kind: str) -> str | None:
    row = store.conn.execute("SELECT value FROM settings WHERE key = ?", (_key(kind),)).fetchone()
    return None if row is None else str(row[0])


def _put_hotkeys_row(store: Store, kind: str, value: str | None) -> None:
    if value is None:
        store.conn.execute("DELETE FROM settings WHERE key = ?", (_key(kind),))
    else:
        store.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_key(kind), value),
        )


def _names(value: str | None) -> list[str] | None:
    try:
        names = json.loads(value) if value is not None else None
    except ValueError:
        return None  # a hand-edited setting that is not JSON: as if none were chosen
    if not isinstance(names, list):
        return None
    return [name for name in names if isinstance(name, str)][:HOTKEY_SLOTS]


def _replace_in_hotkeys(store: Store, kind: TagKind, old: str, new: str | None) -> None:
    """Keep the chosen hotkeys pointing at a renamed or merged tag; drop a deleted one."""
    names = _names(_hotkeys_row(store, kind))
    if names is None or old not in names:
        return
    moved = [new if name == old else name for name in names]
    kept = [name for name in dict.fromkeys(moved) if name is not None]
    _put_hotkeys_row(store, kind, json.dumps(kept))


def chosen_hotkeys(store: Store) -> dict[str, list[str]]:
    """The tags chosen for F2–F5 (``topic``) and F6–F9 (``emotion``), for kinds with a choice."""
    chosen: dict[str, list[str]] = {}
    for kind in KINDS:
        names = _names(_hotkeys_row(store, kind))
        if names is not None:
            chosen[kind] = names
    return chosen


def hotkey_names(written: Iterable[str]) -> list[str]:
    """Names for the hotkeys, normalised as typed tags, each once; at most four."""
    names = list(dict.fromkeys(clean_name(name) for name in written))
    if len(names) > HOTKEY_SLOTS:
        raise CodebookError(f"At most {HOTKEY_SLOTS} tags fit on the hotkeys; {len(names)} given")
    return names


def choose_hotkeys(store: Store, kind: str, names: list[str]) -> list[str] | None:
    """Save the tags on the hotkeys for ``kind``; returns the previous choice or None.

    Names are normalised as typed tags, unknown ones become tags of that kind. An empty
    list forgets the choice, so the configured defaults apply again.
    """
    _key(kind)
    cleaned = hotkey_names(names)
    previous = _names(_hotkeys_row(store, kind))
    with store.db.atomic():
        for name in cleaned:
            store.tag_id(cast(TagKind, kind), name)
        _put_hotkeys_row(store, kind, json.dumps(cleaned) if cleaned else None)
    return previous


def hotkeys_change(store: Store, kind: str, names: list[str]) -> Change:
    """``choose_hotkeys`` as an undoable change."""
    before = _hotkeys_row(store, kind)
    choose_hotkeys(store, kind, names)
    after = _hotkeys_row(store, kind)

    def put(value: str | None) -> None:
        with store.db.atomic():
            _put_hotkeys_row(store, kind, value)

    keys = "F2–F5" if kind == "topic" else "F6–F9"
    return Change(
        f"choose the {kind}s on {keys}", redo=lambda: put(after), undo=lambda: put(before)
    )
