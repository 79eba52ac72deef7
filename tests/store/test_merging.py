"""Merging another note-taker's database: rows by uuid, people by name and company, the
newer edit wins, verbatim text kept, deletes travel (and lose to a later edit), and a
bundle merges exactly as it imports."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.store.merging_helpers import copy_database, everything, merged_into, state_of
from tui.core.clock import ClockState
from tui.store import importing, importing_entries, merging
from tui.store.bundles import import_documents, load_documents, write_bundle
from tui.store.editing import delete_entry, delete_session, edit_entry, set_facts
from tui.store.schema import migrations
from tui.store.store import Store, open_store

EARLY, LATE, LATER = (f"2030-01-0{day}T00:00:00.000Z" for day in (1, 2, 3))
LONG_AGO = "2020-01-01T00:00:00.000Z"  # before any edit made now


def interview(store: Store, name: str, texts: list[str], company: str = "Acme") -> int:
    who = store.participant_for(name, company)
    session = store.create_session(who.id, "learn", 30, ClockState(0, ended_at_ms=60_000)).id
    for n, text in enumerate(texts):
        store.add_entry(session, "quote", text, n * 1000, topics=["pricing"])
    return session


def stamp(store: Store, table: str, row_id: int, when: str) -> None:
    store.conn.execute(f"UPDATE {table} SET updated_at = ? WHERE id = ?", (when, row_id))
    store.conn.commit()


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two databases from a common ancestor: one interview of three quotes."""
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    store = open_store(mine)
    interview(store, "Ada Lovelace", ["the wiki is stale", "we paste into Slack", "no owner"])
    store.close()
    copy_database(mine, theirs)
    return mine, theirs


def texts(path: Path) -> list[str]:
    store = open_store(path, read_only=True)
    try:
        return [r[0] for r in store.conn.execute("SELECT text FROM entries ORDER BY at_ms, id")]
    finally:
        store.close()


def test_new_sessions_and_entries_come_over_and_a_second_merge_changes_nothing(
    pair: tuple[Path, Path],
) -> None:
    mine, theirs = pair
    store = open_store(theirs)
    store.add_entry(1, "note", "uses Notion", 5000, topics=["tools"])
    interview(store, "Grace Hopper", ["compilers", "bugs"], company="Navy")
    store.close()

    done = merged_into(mine, theirs)
    assert done.line("theirs.db") == (
        "merged theirs.db: 1 new session, 3 new entries, 0 updated, 0 deleted,"
        " 0 participants matched"
    )
    assert state_of(mine) == state_of(theirs)
    before = everything(mine)
    again = merged_into(mine, theirs)
    assert again.line("t") == (
        "merged t: 0 new sessions, 0 new entries, 0 updated, 0 deleted, 0 participants matched"
    )
    assert everything(mine) == before


def test_a_dry_run_says_the_same_and_writes_nothing(pair: tuple[Path, Path]) -> None:
    mine, theirs = pair
    store = open_store(theirs)
    store.add_entry(1, "note", "uses Notion", 5000)
    delete_entry(store, 2)
    store.close()
    before = everything(mine)
    dry = merged_into(mine, theirs, keep=False)
    assert everything(mine) == before
    assert merged_into(mine, theirs) == dry
    assert (dry.new_entries, dry.deleted) == (1, 1)


def test_the_newer_edit_wins_and_the_verbatim_text_is_kept(pair: tuple[Path, Path]) -> None:
    mine, theirs = pair
    here, there = open_store(mine), open_store(theirs)
    edit_entry(here, 1, text="the wiki is always stale")
    stamp(here, "entries", 1, LATE)
    edit_entry(there, 1, text="the wiki is stale and slow", topics=["wiki"])
    stamp(there, "entries", 1, LATER)
    edit_entry(here, 2, text="we paste everything into Slack")
    stamp(here, "entries", 2, LATER)
    edit_entry(there, 2, text="older edit there")
    stamp(there, "entries", 2, LATE)
    here.close(), there.close()

    done = merged_into(mine, theirs)
    assert done.updated == 1
    merged_into(theirs, mine)
    for path in (mine, theirs):
        store = open_store(path, read_only=True)
        wiki, slack = store.entry(1), store.entry(2)
        assert (wiki.text, wiki.original_text, wiki.topics) == (
            "the wiki is stale and slow",
            "the wiki is stale",
            ("wiki",),
        )
        assert (slack.text, slack.original_text) == (
            "we paste everything into Slack",
            "we paste into Slack",
        )
        store.close()
    assert state_of(mine) == state_of(theirs)


def test_a_delete_there_after_the_last_edit_here_travels_with_its_tombstone(
    pair: tuple[Path, Path],
) -> None:
    mine, theirs = pair
    store = open_store(theirs)
    uuid = store.conn.execute("SELECT uuid FROM entries WHERE id = 3").fetchone()[0]
    delete_entry(store, 3)
    store.close()
    assert merged_into(mine, theirs).deleted == 1
    assert texts(mine) == ["the wiki is stale", "we paste into Slack"]
    store = open_store(mine, read_only=True)
    found = store.conn.execute("SELECT table_name FROM tombstones WHERE uuid = ?", (uuid,))
    assert found.fetchall() == [("entries",)]
    store.close()
    assert merged_into(mine, theirs).deleted == 0  # a second time: nothing more


def test_a_tombstone_older_than_a_later_edit_here_loses(pair: tuple[Path, Path]) -> None:
    mine, theirs = pair
    there = open_store(theirs)
    delete_entry(there, 3)
    there.conn.execute("UPDATE tombstones SET deleted_at = ?", (LATE,))
    there.conn.commit()
    there.close()
    here = open_store(mine)
    edit_entry(here, 3, text="no owner at all")
    stamp(here, "entries", 3, LATER)
    here.close()

    assert merged_into(mine, theirs).deleted == 0
    assert "no owner at all" in texts(mine)
    assert merged_into(theirs, mine).new_entries == 1  # the edit brings it back there
    assert state_of(mine) == state_of(theirs)


def test_a_session_deleted_there_is_deleted_here_unless_edited_here_since(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    mine, theirs = pair
    kept = tmp_path / "kept.db"
    copy_database(mine, kept)
    there = open_store(theirs)
    delete_session(there, 1)
    there.conn.execute("UPDATE tombstones SET deleted_at = ?", (LATE,))
    there.conn.commit()
    there.close()

    assert merged_into(mine, theirs).deleted == 4  # the session and its three quotes
    assert texts(mine) == []

    here = open_store(kept)
    here.add_entry(1, "note", "added after", 9000)
    here.conn.execute("UPDATE entries SET updated_at = ? WHERE text = 'added after'", (LATER,))
    here.conn.commit()
    here.close()
    assert merged_into(kept, theirs).deleted == 3  # the three older quotes, not the session
    assert texts(kept) == ["added after"]
    merged_into(theirs, kept)
    assert state_of(kept) == state_of(theirs)


def test_a_session_kept_for_a_later_entry_loses_the_entries_edited_before_its_delete(
    pair: tuple[Path, Path],
) -> None:
    mine, theirs = pair
    here = open_store(mine)
    here.add_entry(1, "note", "added before the delete", 8000)
    here.conn.execute("UPDATE entries SET updated_at = ? WHERE id = 4", (EARLY,))
    here.add_entry(1, "note", "added after the delete", 9000)
    here.conn.execute("UPDATE entries SET updated_at = ? WHERE id = 5", (LATER,))
    here.conn.commit()
    here.close()
    there = open_store(theirs)
    delete_session(there, 1)
    there.conn.execute("UPDATE tombstones SET deleted_at = ?", (LATE,))
    there.conn.commit()
    there.close()

    assert merged_into(mine, theirs).deleted == 4  # the three quotes and the early note
    assert texts(mine) == ["added after the delete"]
    merged_into(theirs, mine)
    assert state_of(mine) == state_of(theirs)


def test_a_tag_put_on_or_taken_off_alone_travels_with_a_merge(pair: tuple[Path, Path]) -> None:
    mine, theirs = pair
    there = open_store(theirs)
    there.toggle_tag(1, "topic", "wiki")
    there.toggle_tag(2, "topic", "pricing")
    there.close()

    assert merged_into(mine, theirs).updated == 2
    store = open_store(mine, read_only=True)
    assert (store.entry(1).topics, store.entry(2).topics) == (("pricing", "wiki"), ())
    store.close()
    assert state_of(mine) == state_of(theirs)


def test_an_entry_merged_with_its_tags_keeps_its_edit_time(pair: tuple[Path, Path]) -> None:
    mine, theirs = pair
    there = open_store(theirs)
    there.add_entry(1, "note", "uses Notion", 5000, topics=["tools"], emotions=["calm"])
    stamp(there, "entries", 4, LONG_AGO)
    there.close()

    merged_into(mine, theirs)
    store = open_store(mine, read_only=True)
    assert store.conn.execute("SELECT updated_at FROM entries WHERE id = 4").fetchone() == (
        LONG_AGO,
    )
    store.close()
    assert merged_into(mine, theirs).updated == 0


def test_a_participant_is_matched_by_name_and_company_in_any_case_and_spacing(
    tmp_path: Path,
) -> None:
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    here, there = open_store(mine), open_store(theirs)
    interview(here, "Ada Lovelace", ["mine"], company="Acme Corp")
    set_facts(here, 1, ["runs ops"])
    interview(there, "  ada   LOVELACE ", ["theirs"], company="acme  corp")
    set_facts(there, 1, ["runs ops", "uses Notion"])
    there.conn.execute("UPDATE participants SET email = 'ada@acme.test'")
    there.conn.commit()
    here.close(), there.close()

    done = merged_into(mine, theirs)
    assert (done.matched, done.new_sessions) == (1, 1)
    store = open_store(mine, read_only=True)
    (person,) = store.conn.execute("SELECT name, email, facts FROM participants").fetchall()
    assert json.loads(person[2]) == ["runs ops", "uses Notion"]
    assert person[1] == "ada@acme.test"  # their edit is the newer one
    assert len(store.sessions()) == 2  # both interviews, one person
    store.close()


def test_tags_merge_by_name_and_kind_with_the_newer_description(pair: tuple[Path, Path]) -> None:
    mine, theirs = pair
    there = open_store(theirs)
    there.conn.execute("UPDATE tags SET description = 'money talk', updated_at = ?", (LATER,))
    there.conn.execute("INSERT INTO tags (name, kind, valence) VALUES ('calm', 'emotion', 1)")
    there.conn.commit()
    there.close()
    merged_into(mine, theirs)
    store = open_store(mine, read_only=True)
    rows = dict(store.conn.execute("SELECT name, description FROM tags").fetchall())
    assert rows["pricing"] == "money talk" and "calm" in rows
    store.close()


def test_a_bundle_merges_exactly_as_it_imports(
    pair: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = pair
    # A person first added here is stamped with the time they were added: merge and import
    # add Grace at different moments, so both read one fixed clock.
    for module in (importing, importing_entries):
        monkeypatch.setattr(module, "now_iso", lambda: "2026-11-29T10:00:00+00:00")
    other = tmp_path / "other.db"
    copy_database(mine, other)
    there = open_store(theirs)
    there.add_entry(1, "note", "uses Notion", 5000)
    edit_entry(there, 1, text="fixed there")
    interview(there, "Grace Hopper", ["compilers"])
    out = io.StringIO()
    write_bundle(there, out)
    there.close()
    bundle = tmp_path / "bundle.json"
    bundle.write_text(out.getvalue(), encoding="utf-8")

    done = merged_into(mine, bundle)
    assert (done.new_sessions, done.new_entries, done.updated) == (1, 2, 1)
    store = open_store(other)
    import_documents(store, load_documents(out.getvalue()))
    store.close()
    assert everything(mine) == everything(other)


def test_an_older_database_is_read_from_an_upgraded_copy_and_merges_once(
    tmp_path: Path,
) -> None:
    old, mine = tmp_path / "old.db", tmp_path / "mine.db"
    db = Database(sqlite3.connect(old))
    migrations.apply(db, stop_before="0008_identity")
    db.execute("INSERT INTO participants (name, created_at) VALUES ('Ada', '2026-01-05')")
    db.execute(
        "INSERT INTO sessions (participant_id, created_at, started_at_ms)"
        " VALUES (1, '2026-01-05T10:00:00', 0)"
    )
    db.execute(
        "INSERT INTO entries (session_id, kind, text, at_ms, created_at)"
        " VALUES (1, 'quote', 'from an old file', 0, 'then')"
    )
    db.conn.commit()
    db.close()
    before = old.read_bytes()
    first = merged_into(mine, old)
    assert (first.new_sessions, first.new_entries) == (1, 1)
    again = merged_into(mine, old)
    assert (again.new_sessions, again.new_entries, again.updated) == (0, 0, 0)
    assert old.read_bytes() == before
    assert not list(tmp_path.glob("old.db?*"))  # nothing made beside it


@pytest.mark.parametrize("stage", ["_merge_participants", "import_session", "apply_tombstones"])
def test_a_failure_mid_merge_leaves_the_target_as_it_was(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    mine, theirs = pair
    there = open_store(theirs)
    there.add_entry(1, "note", "uses Notion", 5000)
    edit_entry(there, 1, text="fixed there")
    interview(there, "Grace Hopper", ["compilers"])
    delete_entry(there, 3)
    there.close()
    before = everything(mine)
    real = getattr(merging, stage)
    calls = []

    def failing(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 2 or stage != "import_session":
            real(*args, **kwargs)  # part of the work is done when it fails
            raise sqlite3.OperationalError("disk I/O error")
        return real(*args, **kwargs)

    monkeypatch.setattr(merging, stage, failing)
    with pytest.raises(sqlite3.OperationalError):
        merged_into(mine, theirs)
    assert everything(mine) == before
    monkeypatch.undo()
    assert merged_into(mine, theirs).new_sessions == 1


def test_a_verbatim_text_only_there_is_kept_here_though_our_edit_is_newer(
    pair: tuple[Path, Path],
) -> None:
    mine, theirs = pair
    there = open_store(theirs)
    edit_entry(there, 2, text="we paste it all into Slack")
    stamp(there, "entries", 2, LATE)
    there.close()
    here = open_store(mine)
    here.toggle_flag(2, "starred")
    stamp(here, "entries", 2, LATER)
    here.close()

    assert merged_into(mine, theirs).updated == 1
    store = open_store(mine, read_only=True)
    kept = store.entry(2)
    assert (kept.text, kept.original_text, kept.starred) == (
        "we paste into Slack",
        "we paste into Slack",
        True,
    )
    assert store.conn.execute("SELECT updated_at FROM entries WHERE id = 2").fetchone() == (LATER,)
    store.close()
    merged_into(theirs, mine)
    assert state_of(mine) == state_of(theirs)
