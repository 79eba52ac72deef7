"""``earful merge`` killed (kill -9) in the middle: the database is exactly as it was, and
merging again brings everything over."""

from __future__ import annotations

from pathlib import Path

from benchmarks import corpus
from tests.faults.terminal import Terminal, earful_env, query
from tests.store.merging_helpers import everything, merged_into
from tui.core.clock import ClockState
from tui.store.store import open_store


def test_a_merge_killed_midway_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    theirs = corpus.build(tmp_path / "theirs", 200, 50)  # long enough to be caught midway
    mine = tmp_path / "mine.db"
    store = open_store(mine)
    who = store.participant_for("Ada", "Acme")
    session = store.create_session(who.id, "learn", 30, ClockState(0)).id
    store.add_entry(session, "quote", "mine alone", 0, ["wiki"])
    store.close()
    before = everything(mine)

    term = Terminal(["merge", str(theirs.path)], earful_env(mine, tmp_path))
    term.wait_for_output(b"merging ")  # its progress: sessions are being written
    assert b"merged " not in term.output
    term.kill()

    assert query(mine, "PRAGMA integrity_check") == [("ok",)]
    assert everything(mine) == before
    done = merged_into(mine, theirs.path)
    assert (done.new_sessions, done.new_entries) == (theirs.sessions, theirs.entries)
