"""Importing a session that is already here brings it up to date: entries matched by uuid,
the newer edit kept, nothing doubled, nothing verbatim lost; and a bundle of every session
imports as one, as often as you like."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

from tests.store.helpers import recount
from tui.core.clock import ClockState
from tui.core.export_json import to_json
from tui.store.bundles import import_documents, load_documents, write_bundle
from tui.store.editing import delete_entry, edit_entry
from tui.store.importing import import_json
from tui.store.reach import participant_count
from tui.store.snapshots import session_export_data
from tui.store.store import Store, open_store

TABLES = ("participants", "sessions", "entries", "tags", "entry_tags", "tag_participants")
TABLES += ("tombstones", "transcripts", "questions_asked", "guides")
EARLY, LATE, LATER = (
    "2020-01-01T00:00:00.000Z",
    "2020-01-02T00:00:00.000Z",
    "2020-01-03T00:00:00.000Z",
)
FUTURE = "2099-01-01T00:00:00.000Z"  # later than any edit a test makes now


def interview(store: Store, name: str, texts: list[str], author: str = "ann") -> int:
    store.author = author
    who = store.participant_for(name, "Acme")
    session = store.create_session(who.id, "learn", 30, ClockState(0, ended_at_ms=60_000)).id
    for n, text in enumerate(texts):
        store.add_entry(session, "quote", text, n * 1000, topics=["pricing"])
    return session


def everything(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, every column (uuids and edit times too)."""
    return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}


def stamp_all(store: Store, when: str) -> None:
    for table in ("participants", "sessions", "entries"):
        store.conn.execute(f"UPDATE {table} SET updated_at = ?", (when,))
    store.conn.commit()


def same(document: str) -> dict[str, object]:
    """An export without what differs between databases anyway: ids, and a running
    session's length so far."""
    data = json.loads(document)
    del data["session"]["duration_ms"]
    for part in (data["session"], data["participant"], *data["entries"]):
        del part["id"]
    return data


def exported(store: Store, session: int) -> str:
    return to_json(session_export_data(store, session))


def test_importing_the_same_export_twice_changes_nothing(tmp_path: Path) -> None:
    here, there = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    session = interview(here, "Ada", ["the wiki is stale", "we paste into Slack"])
    document = exported(here, session)
    first = import_json(there, document)
    after_first = everything(there)
    assert import_json(there, document) == first
    assert everything(there) == after_first
    assert len(there.sessions()) == 1 and participant_count(there) == 1
    # The copy is the same session: the same uuids, edit times and authors.
    assert same(exported(there, first)) == same(document)
    here.close(), there.close()


def test_a_session_already_here_takes_the_newer_edit_of_each_entry(tmp_path: Path) -> None:
    mine, theirs = open_store(tmp_path / "mine.db"), open_store(tmp_path / "theirs.db")
    session = interview(theirs, "Ada", ["the wiki is stale", "we paste into Slack"], "bo")
    stamp_all(theirs, EARLY)
    copied = import_json(mine, exported(theirs, session))
    slack = mine.entries(copied)[1].id
    # Here, later: the Slack quote fixed. There, later still: the wiki quote fixed, a new one.
    edit_entry(mine, slack, text="we paste quotes into Slack")
    mine.conn.execute("UPDATE entries SET updated_at = ? WHERE id = ?", (LATE, slack))
    mine.conn.commit()
    first = theirs.entries(session)[0].id
    edit_entry(theirs, first, text="the wiki is always stale", topics=["wiki"])
    theirs.conn.execute("UPDATE entries SET updated_at = ? WHERE id = ?", (LATER, first))
    theirs.author = "cy"
    theirs.add_entry(session, "note", "uses Notion", 5000)
    theirs.conn.commit()

    done = import_documents(mine, load_documents(exported(theirs, session)))
    (result,) = done.results
    assert (result.session_id, result.new, result.new_entries, result.updated_entries) == (
        copied,
        False,
        1,
        1,
    )
    assert done.line() == "0 new sessions, 1 updated, 1 new entry, 1 entry changed"
    entries = {e.text: e for e in mine.entries(copied)}
    assert set(entries) == {"the wiki is always stale", "we paste quotes into Slack", "uses Notion"}
    assert entries["the wiki is always stale"].original_text == "the wiki is stale"
    assert entries["the wiki is always stale"].topics == ("wiki",)
    assert entries["we paste quotes into Slack"].original_text == "we paste into Slack"
    assert [entries[t].author for t in sorted(entries)] == ["bo", "cy", "bo"]
    assert len(mine.sessions()) == 1 and participant_count(mine) == 1
    assert recount(mine) == dict(
        ((tag, who), n)
        for tag, who, n in mine.conn.execute(
            "SELECT tag_id, participant_id, entries FROM tag_participants"
        )
    )
    mine.close(), theirs.close()


def test_the_verbatim_text_kept_here_is_never_lost(tmp_path: Path) -> None:
    mine, theirs = open_store(tmp_path / "mine.db"), open_store(tmp_path / "theirs.db")
    session = interview(theirs, "Ada", ["typed in the call"])
    stamp_all(theirs, EARLY)
    copied = import_json(mine, exported(theirs, session))
    entry = mine.entries(copied)[0].id
    edit_entry(mine, entry, text="fixed here")
    # There, a later change made without an edit's record (a Datasette edit, say).
    theirs.conn.execute("UPDATE entries SET text = 'changed there', updated_at = ?", (FUTURE,))
    theirs.conn.commit()
    import_json(mine, exported(theirs, session))
    (kept,) = mine.entries(copied)
    assert (kept.text, kept.original_text) == ("changed there", "typed in the call")
    mine.close(), theirs.close()


def test_an_entry_deleted_here_after_its_last_edit_there_stays_deleted(tmp_path: Path) -> None:
    mine, theirs = open_store(tmp_path / "mine.db"), open_store(tmp_path / "theirs.db")
    session = interview(theirs, "Ada", ["keep me", "delete me"])
    stamp_all(theirs, EARLY)
    document = exported(theirs, session)
    copied = import_json(mine, document)
    delete_entry(mine, mine.entries(copied)[1].id)
    before = everything(mine)
    import_json(mine, document)
    assert everything(mine) == before
    assert [e.text for e in mine.entries(copied)] == ["keep me"]
    mine.close(), theirs.close()


def test_a_bundle_imports_every_session_once(tmp_path: Path) -> None:
    here, there = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    interview(here, "Ada", ["one", "two"])
    interview(here, "Bo", ["three"])
    out = io.StringIO()
    assert write_bundle(here, out) == 2
    snapshots = load_documents(out.getvalue())
    first = import_documents(there, snapshots)
    assert first.line() == "2 new sessions, 0 updated, 3 new entries"
    before = everything(there)
    again = import_documents(there, load_documents(out.getvalue()))
    assert again.line() == "nothing new: 2 sessions already here as they are"
    assert everything(there) == before and again.session_ids == first.session_ids
    here.close(), there.close()


def test_an_empty_database_writes_an_empty_bundle(store: Store) -> None:
    out = io.StringIO()
    assert write_bundle(store, out) == 0
    assert load_documents(out.getvalue()) == []


def test_a_bad_session_in_a_bundle_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    here = open_store(tmp_path / "a.db")
    interview(here, "Ada", ["one"])
    interview(here, "Bo", ["two"])
    out = io.StringIO()
    write_bundle(here, out)
    here.close()
    text = out.getvalue()
    last = text.rfind('"starred": false')  # in the second session, Bo's
    broken = text[:last] + '"starred": "no"' + text[last + len('"starred": false') :]
    try:
        load_documents(broken)
    except ValueError as error:
        assert str(error).startswith("sessions[1].entries[0].starred: expected true or false")
    else:
        raise AssertionError("a bad bundle was read")
    assert not sqlite3.connect(tmp_path / "b.db").execute("PRAGMA user_version").fetchone()[0]


def test_an_export_carries_uuids_edit_times_and_authors_and_reads_them_back(
    store: Store,
) -> None:
    session = interview(store, "Ada", ["one"], author="ann")
    snap = session_export_data(store, session)
    data = json.loads(to_json(snap))
    uuid, updated, author = store.conn.execute(
        "SELECT uuid, updated_at, author FROM entries"
    ).fetchone()
    assert (data["entries"][0]["uuid"], data["entries"][0]["author"]) == (uuid, "ann")
    assert data["entries"][0]["updated_at"] == updated and author == "ann"
    assert data["session"]["uuid"] == store.conn.execute("SELECT uuid FROM sessions").fetchone()[0]
    (back,) = load_documents(to_json(snap))
    assert back.identity == snap.identity and back.entries[0].author == "ann"
