"""The tags chosen for the hotkeys: F2–F5 for topics, F6–F9 for emotions.

A choice is saved as a JSON list of names in ``settings``; renaming, merging and deleting
a tag in the codebook keep it pointing at the right names through ``follow_tag``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import cast

from tui.core.models import TagKind
from tui.core.undo import Change
from tui.store.store import Store
from tui.store.tag_names import KINDS, CodebookError, clean_name

HOTKEY_SLOTS = 4


def _key(kind: str) -> str:
    if kind not in KINDS:
        raise CodebookError(f"{kind!r} is not a kind of tag: topic or emotion")
    return f"hotkeys.{kind}"


def hotkeys_setting(store: Store, kind: str) -> str | None:
    """The saved choice for ``kind`` as stored (JSON text), or None when none was made."""
    row = store.conn.execute("SELECT value FROM settings WHERE key = ?", (_key(kind),)).fetchone()
    return None if row is None else str(row[0])


def put_hotkeys_setting(store: Store, kind: str, value: str | None) -> None:
    """Save ``value`` as read by ``hotkeys_setting`` (None forgets the choice); not committed."""
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


def follow_tag(store: Store, kind: TagKind, old: str, new: str | None) -> None:
    """Keep the chosen hotkeys pointing at a renamed or merged tag; drop a deleted one."""
    names = _names(hotkeys_setting(store, kind))
    if names is None or old not in names:
        return
    moved = [new if name == old else name for name in names]
    kept = [name for name in dict.fromkeys(moved) if name is not None]
    put_hotkeys_setting(store, kind, json.dumps(kept))


def chosen_hotkeys(store: Store) -> dict[str, list[str]]:
    """The tags chosen for F2–F5 (``topic``) and F6–F9 (``emotion``), for kinds with a choice."""
    chosen: dict[str, list[str]] = {}
    for kind in KINDS:
        names = _names(hotkeys_setting(store, kind))
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
    previous = _names(hotkeys_setting(store, kind))
    with store.db.atomic():
        for name in cleaned:
            store.tag_id(cast(TagKind, kind), name)
        put_hotkeys_setting(store, kind, json.dumps(cleaned) if cleaned else None)
    return previous


def hotkeys_change(store: Store, kind: str, names: list[str]) -> Change:
    """``choose_hotkeys`` as an undoable change."""
    before = hotkeys_setting(store, kind)
    choose_hotkeys(store, kind, names)
    after = hotkeys_setting(store, kind)

    def put(value: str | None) -> None:
        with store.db.atomic():
            put_hotkeys_setting(store, kind, value)

    keys = "F2–F5" if kind == "topic" else "F6–F9"
    return Change(
        f"choose the {kind}s on {keys}", redo=lambda: put(after), undo=lambda: put(before)
    )
