"""Joining two note-takers' sessions of one call into one timeline, and undoing it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.store.guided import GUIDE, follow, question
from tests.store.helpers import edit_text, maintained, recount, save_clock
from tui.core.clock import ClockState
from tui.core.joining import joined_line
from tui.core.matching import match_transcript
from tui.core.transcript import read_transcript
from tui.store import editing, todos
from tui.store.guides import set_entry_question, tick_question
from tui.store.joining import JoinRefused, join_candidates, join_sessions, unjoin
from tui.store.store import Store
from tui.store.transcripts import attach_transcript, transcript_of, typed_entries

START_MS = 1_700_000_000_000
ZOOM = Path(__file__).parent.parent / "fixtures" / "transcripts" / "zoom.vtt"


def call(store: Store, bo_started_ms: int = 5_000) -> tuple[int, int]:
    """Ann and Bo take notes in the same call with Ada; Bo pressed start ``bo_started_ms``
    after Ann. Returns (Ann's session, Bo's)."""
    ada = store.participant_for("Ada Lovelace", "Acme")
    ann_clock = ClockState(START_MS, ended_at_ms=START_MS + 30 * 60_000)
    bo_clock = ClockState(START_MS + bo_started_ms, ended_at_ms=START_MS + 30 * 60_000)
    ann = store.create_session(ada.id, "sharing", 30, ann_clock)
    bo = store.create_session(ada.id, "sharing", 30, bo_clock)
    save_clock(store, ann.id, ann_clock)
    save_clock(store, bo.id, bo_clock)
    store.author = "ann"
    store.add_entry(ann.id, "quote", "Nobody reads our wiki", 10_000, ["wiki"], [])
    store.add_entry(ann.id, "note", "Uses Notion", 70_000)
    store.author = "bo"
    store.add_entry(bo.id, "quote", "I paste into Slack", 3_000, ["sharing"], ["frustrated"])
    store.add_entry(bo.id, "mark", "", 60_000)
    return ann.id, bo.id


def timeline(store: Store, session_id: int) -> list[tuple[int, str, str]]:
    return [(e.at_ms, e.author, e.text) for e in store.entries(session_id)]


def rows(store: Store, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in store.conn.execute(sql).fetchall()]


def columns(store: Store, table: str) -> str:
    """Every column but ``updated_at``, which an undo moves as any edit does."""
    found = [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]
    return ", ".join(c for c in found if c != "updated_at")


def everything(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row a join touches, as a user (or a merge) would see it."""
    return {
        "sessions": rows(store, f"SELECT {columns(store, 'sessions')} FROM sessions ORDER BY id"),
        "entries": rows(store, f"SELECT {columns(store, 'entries')} FROM entries ORDER BY id"),
        "entry_tags": rows(store, "SELECT * FROM entry_tags ORDER BY 1, 2"),
        "todos_done": rows(store, "SELECT * FROM todos_done ORDER BY 1, 2"),
        "questions_asked": rows(store, "SELECT * FROM questions_asked ORDER BY 1, 2"),
        "transcripts": rows(store, "SELECT * FROM transcripts ORDER BY id"),
        "cues": rows(
            store, "SELECT transcript_id, position, text FROM transcript_cues ORDER BY 1, 2"
        ),
        "matches": rows(store, "SELECT * FROM transcript_matches ORDER BY 1"),
        "tombstones": rows(store, "SELECT uuid FROM tombstones ORDER BY 1"),
        "tag_participants": rows(store, "SELECT * FROM tag_participants ORDER BY 1, 2"),
    }


def sessions_left(store: Store) -> list[int]:
    return [r[0] for r in store.conn.execute("SELECT id FROM sessions ORDER BY id")]


def test_without_recording_syncs_entries_are_aligned_by_start_time(store: Store) -> None:
    ann, bo = call(store, bo_started_ms=5_000)
    record = join_sessions(store, ann, bo)
    assert timeline(store, ann) == [
        (8_000, "bo", "I paste into Slack"),
        (10_000, "ann", "Nobody reads our wiki"),
        (65_000, "bo", ""),
        (70_000, "ann", "Uses Notion"),
    ]
    assert sessions_left(store) == [ann]
    assert joined_line(record.joined) == (
        f"joined session {bo} into {ann}: 2 entries from bo (aligned by start time, +5.0 s)"
    )


def test_with_both_sessions_synced_the_recording_aligns_them(store: Store) -> None:
    ann, bo = call(store, bo_started_ms=90_000)  # start times would be far off
    store.save_recording(ann, 20_000)  # the recording began at Ann's 00:20
    store.save_recording(bo, 7_600)  # and at Bo's 00:07.6
    record = join_sessions(store, ann, bo)
    assert [at for at, who, _ in timeline(store, ann) if who == "bo"] == [15_400, 72_400]
    assert "(aligned by the recording sync, +12.4 s)" in joined_line(record.joined)


def test_one_sync_is_not_enough_start_times_align_them(store: Store) -> None:
    ann, bo = call(store, bo_started_ms=5_000)
    store.save_recording(ann, 20_000)
    record = join_sessions(store, ann, bo)
    assert not record.joined.by_sync and record.joined.shift_ms == 5_000


def test_entries_from_before_the_kept_session_began_start_at_zero_and_it_is_said(
    store: Store,
) -> None:
    ann, bo = call(store, bo_started_ms=20_000)
    record = join_sessions(store, bo, ann)  # Bo's kept: Ann's times move back 20 s
    assert [at for at, who, _ in timeline(store, bo) if who == "ann"] == [0, 50_000]
    assert record.joined.clamped == 1
    assert f"; 1 entry from before session {bo} began put at 00:00" in joined_line(record.joined)
    unjoin(store, record)
    assert [at for at, _, _ in timeline(store, ann)] == [10_000, 70_000]


def test_pauses_that_differ_are_said_as_times_that_may_be_off(store: Store) -> None:
    ann, bo = call(store)
    store.conn.execute("UPDATE sessions SET paused_ms = 120000 WHERE id = ?", (bo,))
    store.conn.commit()
    record = join_sessions(store, ann, bo)
    assert "pauses differ by 02:00" in joined_line(record.joined)


def test_each_entry_keeps_its_author_uuid_tags_flags_verbatim_text_and_todos(
    store: Store,
) -> None:
    ann, bo = call(store)
    slack = next(e for e in store.entries(bo) if e.kind == "quote")
    store.toggle_flag(slack.id, "starred")
    store.toggle_flag(slack.id, "follow_up")
    edit_text(store, slack.id, "I paste quotes into Slack")
    todos.set_done(store, slack.id, "follow_up", True)
    uuid = store.conn.execute("SELECT uuid FROM entries WHERE id = ?", (slack.id,)).fetchone()[0]
    join_sessions(store, ann, bo)
    moved = store.entry(slack.id)
    assert moved.session_id == ann and moved.author == "bo"
    assert (moved.topics, moved.emotions) == (("sharing",), ("frustrated",))
    assert moved.starred and moved.follow_up
    assert (moved.text, moved.original_text) == ("I paste quotes into Slack", "I paste into Slack")
    assert todos.is_done(store, slack.id, "follow_up")
    row = store.conn.execute("SELECT uuid FROM entries WHERE id = ?", (slack.id,)).fetchone()
    assert row[0] == uuid
    assert maintained(store) == recount(store)


def test_opportunities_and_insights_are_added_each_once(store: Store) -> None:
    ann, bo = call(store)
    editing.set_list(store, ann, "opportunities", ["search the wiki", "share faster"])
    editing.set_list(store, bo, "opportunities", ["share faster", "tag in Slack"])
    editing.set_list(store, bo, "insights", ["docs go unread"])
    join_sessions(store, ann, bo)
    assert editing.get_list(store, ann, "opportunities") == [
        "search the wiki",
        "share faster",
        "tag in Slack",
    ]
    assert editing.get_list(store, ann, "insights") == ["docs go unread"]


def test_questions_of_the_same_guide_stay_linked_and_of_another_guide_go(store: Store) -> None:
    ann, bo = call(store)
    version = follow(store, ann)
    follow(store, bo)
    ann_quote, bo_quote = store.entries(ann)[0], store.entries(bo)[0]
    set_entry_question(store, bo_quote.id, question(version, 3))
    tick_question(store, bo, question(version, 3), 3_000)
    other = follow(store, bo, GUIDE.replace("How big is your team?", "Who reads it?"))
    bo_mark = store.entries(bo)[1]
    elsewhere = question(other, 2)
    store.conn.execute("UPDATE entries SET question_id = ? WHERE id = ?", (elsewhere, bo_mark.id))
    store.conn.execute("UPDATE sessions SET guide_version_id = ? WHERE id = ?", (version.id, bo))
    store.conn.commit()
    set_entry_question(store, ann_quote.id, question(version, 1))
    join_sessions(store, ann, bo)
    linked = dict(rows(store, f"SELECT id, question_id FROM entries WHERE session_id = {ann}"))
    assert linked[bo_quote.id] == question(version, 3)  # the same guide: kept
    assert linked[bo_mark.id] is None  # another guide's question: not this session's
    assert linked[ann_quote.id] == question(version, 1)
    ticked = rows(
        store, f"SELECT question_id, asked_at_ms FROM questions_asked WHERE session_id = {ann}"
    )
    assert ticked == [(question(version, 3), 8_000)]


def attach(store: Store, session_id: int, sync_ms: int) -> None:
    transcript = read_transcript(ZOOM.read_bytes())
    typed = typed_entries(store, session_id)
    matching = match_transcript(transcript.cues, typed, recording_at_ms=sync_ms)
    attach_transcript(store, session_id, ZOOM.name, transcript, matching)


def test_the_other_sessions_transcript_moves_when_the_kept_one_has_none(store: Store) -> None:
    ann, bo = call(store)
    attach(store, bo, 0)
    before = transcript_of(store, bo)
    assert before is not None
    record = join_sessions(store, ann, bo)
    moved = transcript_of(store, ann)
    assert moved is not None and moved.id == before.id
    # recording time = at_ms + offset: the same for every moved entry as before the join
    assert before.offset_ms is not None and moved.offset_ms == before.offset_ms - 5_000
    assert "its transcript moved too" in joined_line(record.joined)
    unjoin(store, record)
    back = transcript_of(store, bo)
    assert back is not None and back.offset_ms == before.offset_ms


def test_the_kept_sessions_transcript_stays_and_undo_brings_the_other_back(store: Store) -> None:
    ann, bo = call(store)
    attach(store, ann, 0)
    attach(store, bo, 0)
    before = everything(store)
    record = join_sessions(store, ann, bo)
    assert record.joined.transcript == "dropped"
    assert len(rows(store, "SELECT id FROM transcripts")) == 1
    unjoin(store, record)
    assert everything(store) == before


def test_sessions_with_different_participants_are_refused_and_nothing_changes(
    store: Store,
) -> None:
    ann, _ = call(store)
    bo_chen = store.participant_for("Bo Chen")
    clock = ClockState(START_MS)
    other = store.create_session(bo_chen.id, "pricing", 30, clock)
    store.add_entry(other.id, "quote", "Too expensive", 1_000)
    before = everything(store)
    with pytest.raises(JoinRefused) as refused:
        join_sessions(store, ann, other.id)
    assert str(refused.value) == (
        f"sessions {ann} and {other.id} are with different participants"
        " (Ada Lovelace, Bo Chen): join only the notes of one call"
    )
    assert everything(store) == before


def test_a_session_with_itself_or_one_that_does_not_exist_is_refused(store: Store) -> None:
    ann, _ = call(store)
    before = everything(store)
    with pytest.raises(JoinRefused, match="cannot be joined with itself"):
        join_sessions(store, ann, ann)
    with pytest.raises(KeyError):
        join_sessions(store, ann, 999)
    assert everything(store) == before


def test_a_join_is_one_transaction(store: Store) -> None:
    ann, bo = call(store)
    editing.set_list(store, bo, "insights", ["docs go unread"])
    before = everything(store)
    # The last step fails: the entries already moved go back with the rest.
    store.conn.execute(
        "CREATE TEMP TRIGGER refuse BEFORE DELETE ON sessions"
        " BEGIN SELECT RAISE(ABORT, 'disk'); END"
    )
    with pytest.raises(sqlite3.Error):
        join_sessions(store, ann, bo)
    assert everything(store) == before


def test_unjoin_puts_back_the_other_session_with_its_id_uuid_and_times(store: Store) -> None:
    ann, bo = call(store)
    editing.set_list(store, bo, "opportunities", ["tag in Slack"])
    editing.set_memorable(store, bo, store.entries(bo)[0].id)
    uuid = store.conn.execute("SELECT uuid FROM sessions WHERE id = ?", (bo,)).fetchone()[0]
    before = everything(store)
    record = join_sessions(store, ann, bo)
    assert rows(store, "SELECT uuid, table_name FROM tombstones") == [(uuid, "sessions")]
    unjoin(store, record)
    assert everything(store) == before  # ids, uuids, times; the tombstone gone
    assert rows(store, "SELECT uuid FROM tombstones") == []
    # and it can be joined again (redo)
    join_sessions(store, ann, bo)
    assert sessions_left(store) == [ann]


def test_unjoin_after_the_kept_session_was_deleted_elsewhere_says_so(store: Store) -> None:
    ann, bo = call(store)
    record = join_sessions(store, ann, bo)
    store.conn.execute("DELETE FROM sessions WHERE id = ?", (ann,))
    store.conn.commit()
    with pytest.raises(KeyError):
        unjoin(store, record)


def test_the_candidates_are_the_participants_other_sessions_newest_first(store: Store) -> None:
    ann, bo = call(store)
    ada = store.session(ann).participant.id
    later = store.create_session(ada, "again", 30, ClockState(START_MS + 86_400_000))
    store.create_session(store.participant_for("Bo Chen").id, "x", 30, ClockState(START_MS))
    found = join_candidates(store, ann, now=lambda: START_MS + 86_400_000 + 60_000)
    assert [c.id for c in found] == [later.id, bo]
    assert (found[1].entries, found[1].authors, found[1].duration_ms) == (2, ("bo",), 1_795_000)
    assert found[0].duration_ms == 60_000
