"""A delete travels in a bundle as it does in a database: `earful merge bundle.json`
deletes here what was deleted there after it was last edited here."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.store.merging_helpers import copy_database, everything, merged_into, state_of
from tui.core.clock import ClockState
from tui.store.bundles import import_documents, load_bundle, write_bundle
from tui.store.editing import delete_entry, delete_session, edit_entry
from tui.store.opening import StoreError
from tui.store.store import Store, open_store


def interview(store: Store, name: str, texts: list[str]) -> int:
    who = store.participant_for(name, "Acme")
    session = store.create_session(who.id, "learn", 30, ClockState(0, ended_at_ms=60_000)).id
    for n, text in enumerate(texts):
        store.add_entry(session, "quote", text, n * 1000, topics=["pricing"])
    return session


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of one file: Ada's interview of three quotes, Grace's of two."""
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    store = open_store(mine)
    interview(store, "Ada Lovelace", ["the wiki is stale", "we paste into Slack", "no owner"])
    interview(store, "Grace Hopper", ["compilers", "bugs"])
    store.close()
    copy_database(mine, theirs)
    return mine, theirs


def bundle_of(path: Path, folder: Path) -> Path:
    store = open_store(path)
    out = io.StringIO()
    write_bundle(store, out)
    store.close()
    bundle = folder / f"{path.stem}.json"
    bundle.write_text(out.getvalue(), encoding="utf-8")
    return bundle


def texts(path: Path) -> list[str]:
    store = open_store(path, read_only=True)
    try:
        return [r[0] for r in store.conn.execute("SELECT text FROM entries ORDER BY id")]
    finally:
        store.close()


def test_an_entry_and_a_session_deleted_there_go_here_and_a_second_merge_does_nothing(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    mine, theirs = pair
    there = open_store(theirs)
    delete_entry(there, 2)  # "we paste into Slack"
    delete_session(there, 2)  # Grace's interview
    there.close()
    bundle = bundle_of(theirs, tmp_path)

    done = merged_into(mine, bundle)
    assert done.deleted >= 2
    assert texts(mine) == ["the wiki is stale", "no owner"]
    after = everything(mine)
    again = merged_into(mine, bundle)
    assert (again.new_sessions, again.new_entries, again.updated, again.deleted) == (0, 0, 0, 0)
    assert everything(mine) == after


def test_merging_the_bundle_leaves_what_merging_the_database_leaves(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    mine, theirs = pair
    other = tmp_path / "other.db"
    copy_database(mine, other)
    there = open_store(theirs)
    delete_entry(there, 1)
    delete_session(there, 2)
    interview(there, "Alan Turing", ["machines"])
    there.close()

    merged_into(mine, theirs)
    merged_into(other, bundle_of(theirs, tmp_path))
    assert state_of(mine) == state_of(other)


def test_an_entry_edited_here_after_the_delete_there_stays(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    mine, theirs = pair
    there = open_store(theirs)
    delete_entry(there, 3)
    there.conn.execute("UPDATE tombstones SET deleted_at = '2000-01-01T00:00:00.000Z'")
    there.conn.commit()
    there.close()
    here = open_store(mine)
    edit_entry(here, 3, text="no owner, really")
    here.close()

    assert merged_into(mine, bundle_of(theirs, tmp_path)).deleted == 0
    assert "no owner, really" in texts(mine)


def test_importing_a_bundle_adds_and_updates_but_deletes_nothing(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    mine, theirs = pair
    there = open_store(theirs)
    delete_entry(there, 2)
    there.close()
    bundle = bundle_of(theirs, tmp_path)
    assert load_bundle(bundle.read_text(encoding="utf-8")).deleted[0][1] == "entries"

    store = open_store(mine)
    import_documents(store, load_bundle(bundle.read_text(encoding="utf-8")).snapshots)
    store.close()
    assert "we paste into Slack" in texts(mine)


@pytest.mark.parametrize(
    ("deleted", "said"),
    [
        ({"uuid": "x"}, "deleted: expected a list of deleted rows"),
        (["x"], "deleted[0]: expected an object with uuid, table and deleted_at"),
        ([{"table": "entries", "deleted_at": "2026-01-01T00:00:00.000Z"}], "deleted[0].uuid"),
        ([{"uuid": "u", "table": "tags", "deleted_at": "2026-01-01T00:00:00.000Z"}], "table"),
        ([{"uuid": "u", "table": "entries", "deleted_at": "yesterday"}], "deleted[0].deleted_at"),
    ],
)
def test_a_bad_list_of_deletes_is_refused_in_one_line_and_nothing_is_written(
    pair: tuple[Path, Path], tmp_path: Path, deleted: object, said: str
) -> None:
    mine, theirs = pair
    there = open_store(theirs)
    interview(there, "Alan Turing", ["machines"])
    there.close()
    bundle = bundle_of(theirs, tmp_path)
    data = json.loads(bundle.read_text(encoding="utf-8"))
    data["deleted"] = deleted
    bundle.write_text(json.dumps(data), encoding="utf-8")
    before = everything(mine)

    with pytest.raises(StoreError) as raised:
        merged_into(mine, bundle)
    assert said in str(raised.value) and "\n" not in str(raised.value)
    assert everything(mine) == before
