"""A session's transcript stored: cues in time order and searchable, the matches beside
the entries (never in them), one transcript per session, and nothing left behind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from tui.core.clock import ClockState
from tui.core.matching import Matching, match_transcript
from tui.core.models import EntryKind
from tui.core.transcript import Transcript, read_transcript
from tui.store.editing import delete_entry, delete_session
from tui.store.schema import migrations
from tui.store.store import Store, open_store
from tui.store.transcripts import (
    TranscriptExists,
    attach_transcript,
    entry_matches,
    recording_sync,
    set_match_status,
    transcript_cues,
    transcript_of,
    typed_entries,
)
from tui.store.versions import MIGRATIONS

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transcripts"
QUOTES: list[tuple[EntryKind, str, int]] = [
    ("quote", "I ran six interviews and wrote everything up in a doc", 14_400),
    ("quote", "nobody goes looking for a research doc", 46_200),
    ("quote", "we pay for three different tools", 50_000),
    ("mark", "", 58_800),
    ("note", "frustrated with docs", 70_000),
]  # in time order, as the store lists them


def session_with_quotes(store: Store) -> tuple[int, list[int]]:
    who = store.participant_for("Ada Okafor", "Acme")
    session = store.create_session(who.id, "learn", 30, ClockState(0)).id
    ids = [store.add_entry(session, kind, text, at).id for kind, text, at in QUOTES]
    return session, ids


def attach(store: Store, session: int, name: str = "zoom.vtt", replace: bool = False) -> Matching:
    transcript = read_transcript((FIXTURES / name).read_bytes())
    matching = match_transcript(transcript.cues, typed_entries(store, session))
    attach_transcript(store, session, name, transcript, matching, replace=replace)
    return matching


def counts(store: Store) -> tuple[int, ...]:
    tables = ("transcripts", "transcript_cues", "transcript_matches", "transcript_cues_fts")
    return tuple(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def test_the_transcript_its_cues_and_matches_are_stored(store: Store) -> None:
    session, (ran, nobody, _never, mark, _note) = session_with_quotes(store)
    attach(store, session)
    stored = transcript_of(store, session)
    assert stored is not None
    assert (stored.source, stored.format, stored.offset_from, stored.speaker) == (
        "zoom.vtt",
        "vtt",
        "estimated",
        "Ada Okafor",
    )
    assert stored.offset_ms is not None and abs(stored.offset_ms - 7200) < 1000
    assert (stored.cues, stored.speakers) == (16, 2)
    cues = transcript_cues(store, session)
    assert cues == list(read_transcript((FIXTURES / "zoom.vtt").read_bytes()).cues)
    matches = entry_matches(store, session)
    assert set(matches) == {ran, nobody, mark}
    assert matches[ran].words == "I ran like six interviews and I wrote everything up in a doc"
    assert (matches[ran].speaker, matches[ran].status) == ("Ada Okafor", "accepted")
    assert matches[mark].score is None and matches[mark].status == "confirm"
    # The typed text is exactly as it was typed.
    assert [e.text for e in store.entries(session)] == [text for _k, text, _a in QUOTES]


def test_cues_are_full_text_searchable_with_stemming(store: Store) -> None:
    session, _ids = session_with_quotes(store)
    attach(store, session)
    found = store.conn.execute(
        "SELECT c.speaker, c.text FROM transcript_cues_fts f JOIN transcript_cues c"
        " ON c.id = f.rowid WHERE transcript_cues_fts MATCH ? ORDER BY rank",
        ("pasting",),
    ).fetchall()
    assert found == [
        ("Ada Okafor", "I pasted the best quotes into Slack & tagged the PMs, which, um,")
    ]


def test_a_second_transcript_is_refused_unless_it_replaces_the_first(store: Store) -> None:
    session, (ran, *_rest) = session_with_quotes(store)
    attach(store, session)
    before = counts(store)
    with pytest.raises(TranscriptExists, match=r"session \d+ already has a transcript \(zoom"):
        attach(store, session, "call.txt")
    assert counts(store) == before
    assert transcript_of(store, session).format == "vtt"  # type: ignore[union-attr]
    set_match_status(store, ran, "rejected")
    attach(store, session, "call.txt", replace=True)
    replaced = transcript_of(store, session)
    assert replaced is not None and (replaced.source, replaced.format) == ("call.txt", "text")
    assert counts(store) == before  # the same call again: no cue or match of the old left
    assert entry_matches(store, session)[ran].status == "accepted"  # matched anew


@pytest.mark.parametrize("foreign_keys", ["ON", "OFF"])
def test_deleting_a_session_or_an_entry_leaves_nothing_behind(
    store: Store, foreign_keys: str
) -> None:
    store.conn.execute(f"PRAGMA foreign_keys = {foreign_keys}")
    session, (ran, nobody, *_rest) = session_with_quotes(store)
    other, _ids = session_with_quotes(store)
    attach(store, session)
    attach(store, other)
    delete_entry(store, ran)
    assert ran not in entry_matches(store, session) and nobody in entry_matches(store, session)
    delete_session(store, session)
    assert transcript_of(store, session) is None
    assert counts(store) == (1, 16, 3, 16)  # the other session's alone
    assert store.conn.execute(
        "SELECT count(*) FROM transcript_cues_fts WHERE transcript_cues_fts MATCH 'pasted'"
    ).fetchone() == (1,)


def test_an_unknown_session_writes_nothing(store: Store) -> None:
    transcript = read_transcript((FIXTURES / "zoom.vtt").read_bytes())
    matching = match_transcript(transcript.cues, [])
    with pytest.raises(KeyError):
        attach_transcript(store, 99, "zoom.vtt", transcript, matching)
    with pytest.raises(KeyError):
        recording_sync(store, 99)
    assert counts(store) == (0, 0, 0, 0)


def test_a_match_from_another_session_is_not_stored(store: Store) -> None:
    session, _ids = session_with_quotes(store)
    other, (theirs, *_rest) = session_with_quotes(store)
    transcript = read_transcript((FIXTURES / "zoom.vtt").read_bytes())
    matching = match_transcript(transcript.cues, typed_entries(store, other))
    attach_transcript(store, session, "zoom.vtt", transcript, matching)
    assert theirs not in entry_matches(store, session)


def test_match_status_can_be_changed_but_only_to_a_known_one(store: Store) -> None:
    session, (ran, _nobody, never, *_rest) = session_with_quotes(store)
    attach(store, session)
    assert set_match_status(store, ran, "rejected") is True
    assert entry_matches(store, session)[ran].status == "rejected"
    assert set_match_status(store, never, "accepted") is False  # it has no match
    with pytest.raises(ValueError, match="accepted, confirm, rejected"):
        set_match_status(store, ran, "maybe")  # type: ignore[arg-type]


def test_a_database_from_before_transcripts_upgrades_keeps_its_data_and_takes_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "earful.db"
    db = Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="0006_transcripts")
    db.execute("INSERT INTO participants (name, created_at) VALUES ('Ada Okafor', 'then')")
    db.execute(
        "INSERT INTO sessions (participant_id, created_at, started_at_ms) VALUES (1, 'then', 0)"
    )
    for kind, text, at in QUOTES:
        db.execute(
            "INSERT INTO entries (session_id, kind, text, at_ms, created_at)"
            " VALUES (1, ?, ?, ?, 'then')",
            (kind, text, at),
        )
    db.conn.commit()
    db.close()

    store = open_store(path)
    applied = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == list(MIGRATIONS) and "0006_transcripts" in applied
    assert [e.text for e in store.entries(1)] == [text for _k, text, _a in QUOTES]
    attach(store, 1)
    assert transcript_of(store, 1) is not None and len(entry_matches(store, 1)) == 3
    store.close()
    (backup,) = tmp_path.glob("earful.db.before-*.bak")
    names = [r[0] for r in sqlite3.connect(backup).execute("SELECT name FROM _sqlite_migrations")]
    assert names[-1] == "0005_guides"  # the copy from before the upgrade


def test_teams_cues_read_back_in_time_order(store: Store) -> None:
    session, _ids = session_with_quotes(store)
    attach(store, session, "teams.vtt")
    stored = transcript_cues(store, session)
    assert Transcript("vtt", tuple(stored)) == read_transcript(
        (FIXTURES / "teams.vtt").read_bytes()
    )


def test_undoing_a_delete_brings_back_the_transcript_and_the_matches(store: Store) -> None:
    from tui.store import editing

    session, (ran, *_rest) = session_with_quotes(store)
    attach(store, session)
    before = (transcript_of(store, session), transcript_cues(store, session))
    matches = entry_matches(store, session)
    assert ran in matches and counts(store)[2] > 0

    editing.restore_entry(store, editing.delete_entry(store, ran))
    assert entry_matches(store, session) == matches

    record = editing.delete_session(store, session)
    assert counts(store) == (0, 0, 0, 0)
    editing.restore_session(store, record)
    assert (transcript_of(store, session), transcript_cues(store, session)) == before
    assert entry_matches(store, session) == matches
    assert counts(store)[3] == counts(store)[1]  # every cue searchable again
