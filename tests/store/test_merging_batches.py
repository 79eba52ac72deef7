"""Merging many new sessions at once: their entries are written many sessions at a time,
and still arrive whole, linked to their tags, their transcript's words and their session's
memorable quote, beside a session brought up to date between them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.merging_helpers import everything, merged_into, state_of
from tui.core.clock import ClockState
from tui.core.matching import Match, Matching
from tui.core.transcript import Cue, Transcript
from tui.store.editing import set_memorable
from tui.store.importing import import_session
from tui.store.importing_entries import EntryBatch
from tui.store.snapshots import session_export_data
from tui.store.store import Store, open_store
from tui.store.transcripts import entry_matches

CALL = Transcript("vtt", (Cue(50_000, 56_000, "Ada", "nobody reads our wiki"),))


def interview(store: Store, name: str, texts: list[str], topic: str) -> int:
    who = store.participant_for(name, "Acme")
    session = store.create_session(who.id, "learn", 30, ClockState(0, ended_at_ms=90_000)).id
    for n, text in enumerate(texts):
        entry = store.add_entry(session, "quote", text, n * 1000, [topic], ["frustrated"])
        if n == 1:
            set_memorable(store, session, entry.id)
    return session


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path]:
    """Theirs: four interviews, the second also here (imported earlier) and edited there
    since, the third with its transcript's words matched to a quote. Ours: that one."""
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    other = open_store(theirs)
    interview(other, "Ada Lovelace", ["the wiki is stale", "we paste into Slack"], "wiki")
    shared = interview(other, "Grace Hopper", ["compilers", "bugs", "manuals"], "tools")
    called = interview(other, "Ada Lovelace", ["nobody reads our wiki", "search"], "search")
    quote = other.conn.execute(
        "SELECT id FROM entries WHERE text = 'nobody reads our wiki'"
    ).fetchone()[0]
    said = Match(quote, 50_000, 56_000, "nobody reads our wiki", "Ada", 91, "accepted")
    from tui.store.transcripts import attach_transcript

    attach_transcript(other, called, "call.vtt", CALL, Matching("Ada", 0, "given", 1, (said,)))
    interview(other, "Alan Turing", ["machines", "tapes", "halting"], "theory")
    here = open_store(mine)
    import_session(here, session_export_data(other, shared))
    here.conn.commit()
    here.close()
    other.add_entry(shared, "note", "reads the manual twice", 9000, ["tools"])
    other.close()
    return mine, theirs


@pytest.mark.parametrize("limit", [1, 4, 20_000])
def test_new_sessions_written_together_arrive_whole(
    two: tuple[Path, Path], limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = two
    monkeypatch.setattr(EntryBatch, "limit", limit)  # written after each session, mid-way, once
    done = merged_into(mine, theirs)
    assert (done.new_sessions, done.new_entries, done.updated) == (3, 8, 0)
    assert state_of(mine) == state_of(theirs)  # entries, tags, board, counts, full-text index
    store = open_store(mine)
    try:
        memorable = store.conn.execute(
            "SELECT e.text FROM sessions s JOIN entries e ON e.id = s.memorable_entry_id"
            " ORDER BY s.id"
        ).fetchall()
        assert [text for (text,) in memorable] == [
            "bugs",
            "we paste into Slack",
            "search",
            "tapes",
        ]
        called = store.conn.execute(
            "SELECT session_id FROM entries WHERE text = 'nobody reads our wiki'"
        ).fetchone()[0]
        matched = entry_matches(store, called)
        assert [store.entry(e).text for e in matched] == ["nobody reads our wiki"]
        found = store.conn.execute(
            "SELECT e.text FROM entries_fts f JOIN entries e ON e.id = f.rowid"
            " WHERE entries_fts MATCH 'halting'"
        ).fetchall()
        assert found == [("halting",)]
    finally:
        store.close()
    before = everything(mine)
    assert merged_into(mine, theirs).new_entries == 0
    assert everything(mine) == before
