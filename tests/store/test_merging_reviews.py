"""What a note-taker does after the call travels with a merge like any other edit: a
quote's match to the transcript confirmed, rejected or moved, and a to-do ticked off or
back on. The newer edit wins, both ways, and merging again changes nothing."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest

from tests.store.merging_helpers import copy_database, everything, merged_into
from tests.store.test_transcripts import attach, session_with_quotes
from tui.core.session_transcript import MatchedWords
from tui.store import editing
from tui.store.bundles import import_documents, load_documents, write_bundle
from tui.store.editing import entry_record
from tui.store.match_review import match_of, next_place, set_match
from tui.store.store import open_store
from tui.store.todos import is_done, set_done
from tui.store.transcripts import set_match_status

LATE, LATER = "2031-01-02T00:00:00.000Z", "2031-01-03T00:00:00.000Z"
RAN, NOBODY = 1, 2  # the session's first two quotes, both matched to the transcript


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of one database: a session with its transcript attached and matched,
    the second quote's match waiting to be confirmed."""
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    store = open_store(mine)
    session, ids = session_with_quotes(store)
    assert ids[:2] == [RAN, NOBODY]
    attach(store, session)
    set_match_status(store, NOBODY, "confirm")
    store.close()
    copy_database(mine, theirs)
    return mine, theirs


def match(path: Path, entry_id: int) -> MatchedWords | None:
    store = open_store(path, read_only=True)
    try:
        return match_of(store, entry_id)
    finally:
        store.close()


def review(path: Path, entry_id: int, how: str, when: str | None = None) -> MatchedWords | None:
    """Confirm, reject or move (``later``) the entry's match, as the snapshot's keys do;
    ``when``: the time the review is said to have been made."""
    store = open_store(path)
    try:
        found = match_of(store, entry_id)
        assert found is not None
        if how == "later":
            moved = next_place(store, entry_id, forward=True)
            assert moved is not None
            set_match(store, entry_id, moved)
        else:
            set_match(store, entry_id, replace(found, status=how))
        if when is not None:
            store.conn.execute("UPDATE entries SET updated_at = ? WHERE id = ?", (when, entry_id))
            store.conn.commit()
        return match_of(store, entry_id)
    finally:
        store.close()


@pytest.mark.parametrize("how", ["accepted", "rejected", "later"])
def test_a_reviewed_match_travels_both_ways_and_a_second_merge_changes_nothing(
    pair: tuple[Path, Path], how: str
) -> None:
    mine, theirs = pair
    before = match(mine, NOBODY)
    reviewed = review(theirs, NOBODY, how)
    assert reviewed != before
    merged = merged_into(mine, theirs)
    assert merged.updated == 1
    assert match(mine, NOBODY) == reviewed
    once = everything(mine)
    merged_into(mine, theirs)
    assert everything(mine) == once

    back = review(mine, RAN, "rejected")
    merged_into(theirs, mine)
    assert (match(theirs, RAN), match(theirs, NOBODY)) == (back, reviewed)
    assert everything(theirs)["transcript_matches"] == everything(mine)["transcript_matches"]


def test_a_review_is_an_edit_of_its_entry(pair: tuple[Path, Path]) -> None:
    mine, _theirs = pair
    store = open_store(mine)
    try:
        store.conn.execute("UPDATE entries SET updated_at = ?", ("2020-01-01T00:00:00.000Z",))
        store.conn.commit()
        found = match_of(store, NOBODY)
        assert found is not None
        set_match(store, NOBODY, replace(found, status="rejected"))
        times = dict(store.conn.execute("SELECT id, updated_at FROM entries").fetchall())
    finally:
        store.close()
    assert times[NOBODY] > "2026" and times[RAN] == "2020-01-01T00:00:00.000Z"


@pytest.mark.parametrize("later_side", ["mine", "theirs"])
def test_the_newer_review_of_the_same_match_wins_whichever_way_they_merge(
    pair: tuple[Path, Path], later_side: str
) -> None:
    mine, theirs = pair
    mine_review = review(mine, NOBODY, "rejected", LATE if later_side == "theirs" else LATER)
    their_review = review(theirs, NOBODY, "later", LATER if later_side == "theirs" else LATE)
    winner = their_review if later_side == "theirs" else mine_review
    merged_into(mine, theirs)
    merged_into(theirs, mine)
    assert match(mine, NOBODY) == match(theirs, NOBODY) == winner
    assert everything(mine) == everything(theirs)


def test_an_edit_where_there_is_no_transcript_leaves_the_match_here(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    store = open_store(mine)
    session, _ids = session_with_quotes(store)
    store.close()
    copy_database(mine, theirs)
    store = open_store(mine)
    attach(store, session)
    store.close()
    kept = match(mine, NOBODY)
    store = open_store(theirs)
    store.conn.execute("UPDATE entries SET text = 'nobody reads the doc' WHERE id = ?", (NOBODY,))
    store.conn.commit()
    store.close()
    merged_into(mine, theirs)
    assert match(mine, NOBODY) == kept is not None


def test_a_reviewed_match_comes_with_its_entry_in_a_bundle(pair: tuple[Path, Path]) -> None:
    mine, theirs = pair
    reviewed = review(theirs, NOBODY, "later")
    store = open_store(theirs)
    out = io.StringIO()
    write_bundle(store, out)
    store.close()
    store = open_store(mine)
    try:
        import_documents(store, load_documents(out.getvalue()))
        assert match_of(store, NOBODY) == reviewed
    finally:
        store.close()


# To-dos ---------------------------------------------------------------------------------


def tick(path: Path, entry_id: int, done: bool) -> None:
    store = open_store(path)
    try:
        set_done(store, entry_id, "follow_up", done)
    finally:
        store.close()


def done(path: Path, entry_id: int = RAN) -> bool:
    store = open_store(path, read_only=True)
    try:
        return is_done(store, entry_id, "follow_up")
    finally:
        store.close()


@pytest.fixture
def ticked(pair: tuple[Path, Path]) -> tuple[Path, Path]:
    """The pair, with the first quote's follow-up ticked off in both."""
    mine, theirs = pair
    tick(mine, RAN, True)
    merged_into(theirs, mine)
    assert done(mine) and done(theirs)
    return mine, theirs


def test_a_todo_ticked_back_on_stays_so_through_merges_both_ways(
    ticked: tuple[Path, Path],
) -> None:
    mine, theirs = ticked
    tick(theirs, RAN, False)
    merged_into(mine, theirs)
    assert not done(mine)
    once = everything(mine)
    merged_into(mine, theirs)
    merged_into(theirs, mine)
    assert everything(mine) == once
    assert not done(theirs) and not done(mine)
    assert everything(mine) == everything(theirs)


def test_ticking_it_off_again_later_wins_over_the_untick(ticked: tuple[Path, Path]) -> None:
    mine, theirs = ticked
    tick(theirs, RAN, False)
    merged_into(mine, theirs)
    tick(mine, RAN, True)
    store = open_store(mine)  # ticked a second after the untick: no tie on the clock
    store.conn.execute("UPDATE todos_done SET done_at = '2099-01-01T00:00:00+00:00'")
    store.conn.commit()
    store.close()
    merged_into(theirs, mine)
    merged_into(mine, theirs)
    assert done(mine) and done(theirs)
    assert everything(mine) == everything(theirs)


def test_an_untick_older_than_the_tick_there_loses(ticked: tuple[Path, Path]) -> None:
    mine, theirs = ticked
    tick(theirs, RAN, False)
    store = open_store(theirs)
    store.conn.execute("UPDATE tombstones SET deleted_at = '2000-01-01T00:00:00.000Z'")
    store.conn.commit()
    store.close()
    merged_into(mine, theirs)
    merged_into(theirs, mine)
    assert done(mine) and done(theirs)
    assert everything(mine) == everything(theirs)


def test_an_untick_reaches_a_file_that_never_ticked_it(pair: tuple[Path, Path]) -> None:
    """Ticked and unticked here before the other file ever saw the tick: it stays undone
    there too, and later ticking it off there (after the untick) wins."""
    mine, theirs = pair
    tick(mine, RAN, True)
    tick(mine, RAN, False)
    merged_into(theirs, mine)
    assert not done(theirs)
    assert everything(mine)["tombstones"] == everything(theirs)["tombstones"]
    tick(theirs, RAN, True)
    store = open_store(theirs)
    store.conn.execute("UPDATE todos_done SET done_at = '2099-01-01T00:00:00+00:00'")
    store.conn.commit()
    store.close()
    merged_into(mine, theirs)
    assert done(mine)


def test_a_bundle_still_loads_after_an_untick(ticked: tuple[Path, Path]) -> None:
    mine, _theirs = ticked
    tick(mine, RAN, False)
    store = open_store(mine)
    out = io.StringIO()
    try:
        write_bundle(store, out)
        import_documents(store, load_documents(out.getvalue()))
    finally:
        store.close()
    assert not done(mine)


def test_undoing_a_review_is_an_edit_made_when_undone(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Here: a review, then (after one made there) its undo. The undo is the newer edit.
    mine, theirs = pair
    before = match(mine, NOBODY)
    store = open_store(mine)
    record = entry_record(store, NOBODY)
    store.close()
    review(mine, NOBODY, "rejected", when=LATE)
    review(theirs, NOBODY, "later", when=LATER)
    monkeypatch.setattr(editing, "now_utc", lambda: "2031-01-04T00:00:00.000Z", raising=False)
    store = open_store(mine)
    editing.put_back(store, record)
    store.close()

    merged_into(mine, theirs)
    merged_into(theirs, mine)
    assert match(mine, NOBODY) == match(theirs, NOBODY) == before
