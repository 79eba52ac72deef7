"""The Store: what is written survives closing, and the public schema stays as documented."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.store.helpers import edit_text, maintained, recount, save_clock
from tui.core.clock import ClockState
from tui.store.editing import get_list, set_facts, set_list
from tui.store.opening import use_wal
from tui.store.participants import update_profile
from tui.store.reach import reach
from tui.store.store import Store, open_store
from tui.store.versions import MIGRATIONS


def _reopened(store: Store) -> Store:
    """Close the store and open the same file again from scratch."""
    store.close()
    return open_store(store.path)


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _session(store: Store, name: str = "Ann Lee", company: str = "Acme") -> int:
    participant = store.participant_for(name, company)
    return store.create_session(participant.id, "learn about exports", 30, ClockState(0)).id


# --- schema ----------------------------------------------------------------------------


def test_migrations_create_the_public_tables(db_path: Path) -> None:
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        assert {"participants", "sessions", "entries", "tags", "entry_tags"} <= tables
        assert {"id", "name", "company"} <= _columns(conn, "participants")
        assert {"id", "participant_id", "goal", "planned_minutes"} <= _columns(conn, "sessions")
        assert {"id", "session_id", "kind", "text", "at_ms"} <= _columns(conn, "entries")
        assert {"id", "name", "kind"} <= _columns(conn, "tags")
        assert {"entry_id", "tag_id"} <= _columns(conn, "entry_tags")
    finally:
        conn.close()


def test_entry_and_tag_kinds_are_restricted_to_the_documented_values(store: Store) -> None:
    session_id = _session(store)
    for kind in ("quote", "note", "mark"):
        store.add_entry(session_id, kind, f"a {kind}", 0)
    with pytest.raises(sqlite3.IntegrityError), store.db.atomic():
        store.conn.execute(
            "INSERT INTO entries (session_id, kind, text, at_ms, created_at)"
            " VALUES (?, 'thought', 'x', 0, '')",
            (session_id,),
        )
    with pytest.raises(sqlite3.IntegrityError), store.db.atomic():
        store.conn.execute("INSERT INTO tags (name, kind) VALUES ('x', 'colour')")
    kinds = {row[0] for row in store.conn.execute("SELECT kind FROM entries")}
    assert kinds == {"quote", "note", "mark"}


def _open_together(path: Path, windows: int) -> list[Exception]:
    """Open ``path`` from ``windows`` threads released at the same moment; what failed."""
    together = threading.Barrier(windows)
    failures: list[Exception] = []

    def open_it() -> None:
        together.wait()
        try:
            open_store(path).close()
        except Exception as error:  # any failure at all is the finding
            failures.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(windows)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_windows_opening_a_new_file_at_once_all_open_it(tmp_path: Path) -> None:
    """Two windows started together on a file that does not exist yet (or one started
    while the last one's first opening was still making the tables): each opens it, and
    it is made once."""
    for attempt in range(5):
        path = tmp_path / f"new{attempt}.db"
        assert _open_together(path, 4) == []
        store = open_store(path)
        try:
            names = store.conn.execute("SELECT name FROM _sqlite_migrations").fetchall()
            assert len(names) == len(set(names)) == len(MIGRATIONS)
        finally:
            store.close()


def _reading(path: Path) -> sqlite3.Connection:
    """Another program in the middle of reading ``path`` (a transaction left open)."""
    reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM sqlite_master").fetchall()
    return reader


def _new_file_in_rollback_mode(path: Path) -> sqlite3.Connection:
    """A file not yet in WAL mode, and a connection to it without SQLite's own busy wait:
    switching then fails at once while anyone reads, as it did for one window in twenty
    when four opened a new file together (the busy wait is not used for that switch)."""
    with contextlib.closing(sqlite3.connect(path)) as maker:
        maker.execute("CREATE TABLE t (x)")
        maker.commit()
    return sqlite3.connect(path, timeout=0)


def test_the_switch_to_wal_waits_until_a_reader_is_done(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = _new_file_in_rollback_mode(path)
    reader = _reading(path)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        conn.execute("PRAGMA journal_mode = WAL")  # what the store used to run, once
    done = threading.Timer(0.2, reader.execute, ["COMMIT"])
    done.start()
    use_wal(conn)
    done.join()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    reader.close()


def test_the_switch_to_wal_says_locked_when_the_reader_outlasts_the_wait(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = _new_file_in_rollback_mode(path)
    reader = _reading(path)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        use_wal(conn, wait_s=0.1)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    reader.close()


def test_journal_mode_is_wal(store: Store, db_path: Path) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    conn = sqlite3.connect(db_path)
    try:  # WAL is a property of the file, so any other program sees it too
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


# --- durability ------------------------------------------------------------------------


def test_every_write_is_visible_after_reopening(store: Store) -> None:
    ann = store.participant_for("Ann Lee", "Acme")
    session = store.create_session(ann.id, "  understand exports  ", 45, ClockState(1_000))
    quote = store.add_entry(
        session.id,
        "quote",
        "Exporting takes forever",
        12_000,
        topics=["export", "performance"],
        emotions=["frustrated"],
        flags=["starred", "testimonial"],
    )
    note = store.add_entry(session.id, "note", "she uses CSV daily", 15_000)
    mark = store.add_entry(session.id, "mark", "", 20_000, flags=["follow_up"])
    store.toggle_tag(note.id, "topic", "csv")
    store.toggle_tag(quote.id, "topic", "performance")  # removes it
    store.toggle_tag(quote.id, "emotion", "annoyed")
    store.toggle_flag(quote.id, "starred")  # off again
    store.toggle_flag(note.id, "follow_up")
    save_clock(store, session.id, ClockState(1_000, 5_000, 60_000, None))
    store.save_draft(session.id, "half typed quo", "note", 61_000, ["#pricing", "!sad"])
    store.save_recording(session.id, 3_000)

    store = _reopened(store)
    try:
        again = store.session(session.id)
        assert again.participant.name == "Ann Lee"
        assert again.participant.company == "Acme"
        assert again.goal == "understand exports"
        assert again.planned_minutes == 45
        assert again.clock == ClockState(1_000, 5_000, 60_000, None)
        assert (again.draft_text, again.draft_kind, again.draft_at_ms) == (
            "half typed quo",
            "note",
            61_000,
        )
        assert again.draft_tags == ("#pricing", "!sad")
        assert again.recording_at_ms == 3_000

        entries = {e.id: e for e in store.entries(session.id)}
        assert set(entries) == {quote.id, note.id, mark.id}
        q = entries[quote.id]
        assert (q.kind, q.text, q.at_ms) == ("quote", "Exporting takes forever", 12_000)
        assert set(q.topics) == {"export"}
        assert set(q.emotions) == {"frustrated", "annoyed"}
        assert (q.starred, q.follow_up, q.testimonial) == (False, False, True)
        n = entries[note.id]
        assert (n.kind, n.topics, n.emotions) == ("note", ("csv",), ())
        assert (n.starred, n.follow_up, n.testimonial) == (False, True, False)
        m = entries[mark.id]
        assert (m.kind, m.text, m.follow_up) == ("mark", "", True)
    finally:
        store.close()


def test_clearing_the_recording_and_ending_the_clock_survive_reopening(store: Store) -> None:
    session_id = _session(store)
    store.save_recording(session_id, 9_000)
    store.save_recording(session_id, None)
    save_clock(store, session_id, ClockState(0, 0, None, 1_800_000))
    store = _reopened(store)
    try:
        session = store.session(session_id)
        assert session.recording_at_ms is None
        assert session.clock.ended_at_ms == 1_800_000
        assert store.latest_unfinished() is None
    finally:
        store.close()


def test_latest_unfinished_session_is_found_after_a_crash(store: Store) -> None:
    first = _session(store, "Ann")
    save_clock(store, first, ClockState(0, 0, None, 60_000))
    bob = store.participant_for("Bob")
    second = store.create_session(bob.id, "", 30, ClockState(5_000)).id
    store = _reopened(store)
    try:
        unfinished = store.latest_unfinished()
        assert unfinished is not None
        assert unfinished.id == second
    finally:
        store.close()


def test_session_list_length_stops_at_a_running_pause(store: Store) -> None:
    # Started at 1 s, 5 s of earlier pauses, paused again at 61 s and still paused: 55 s long,
    # however long ago that pause began.
    session_id = _session(store)
    save_clock(store, session_id, ClockState(1_000, 5_000, 61_000, None))
    [listed] = store.sessions()
    assert (listed.duration_ms, listed.ended) == (55_000, False)
    save_clock(store, session_id, ClockState(1_000, 5_000, None, 91_000))
    assert store.sessions()[0].duration_ms == 85_000


def test_session_list_length_of_a_running_session_counts_up_to_now(store: Store) -> None:
    session_id = _session(store)
    save_clock(store, session_id, ClockState(1_000, 5_000, None, None))
    assert store.sessions(now=lambda: 61_000)[0].duration_ms == 55_000
    assert store.sessions(now=lambda: 121_000)[0].duration_ms == 115_000


# --- participants ----------------------------------------------------------------------


def test_participant_for_reuses_the_same_name_and_company_in_any_case(store: Store) -> None:
    ann = store.participant_for("Ann Lee", "Acme")
    assert store.participant_for("ann lee", "ACME").id == ann.id
    assert store.participant_for("  ANN LEE ", " acme  ").id == ann.id
    assert store.participant_for("Ann Lee", "Globex").id != ann.id
    assert store.participant_for("Ann Lee", "").id != ann.id
    count = store.conn.execute("SELECT count(*) FROM participants").fetchone()[0]
    assert count == 3


def test_participant_for_keeps_the_name_as_first_typed(store: Store) -> None:
    store.participant_for("Ann Lee", "Acme")
    assert store.participant_for("ann lee", "acme").name == "Ann Lee"


def test_participant_for_ignores_case_of_non_ascii_names(store: Store) -> None:
    zoe = store.participant_for("Zoë", "Ærø")
    assert store.participant_for("ZOË", "ÆRØ").id == zoe.id


# --- text is data ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[bold red]not markup[/] [link=http://x]y[/link]",
        "\x1b[31mred\x1b[0m\x1b]0;title\x07",
        "nul\x00inside\x00",
        "x" * 100_000 + "é",
        "line one\nline two\r\nline three\r",
        "  padded with spaces and a tab\t ",
        "👩\u200d💻 cafe\u0301 שלום",
        "'); DROP TABLE entries; --",
        "\x9b2J C1 and \x7f DEL",
        "\u202egnp.exe \u2066isolated\u2069 \u202aembedded\u202c",  # bidi controls stay as typed
    ],
)
def test_text_is_stored_byte_exact(store: Store, text: str) -> None:
    session_id = _session(store)
    entry = store.add_entry(session_id, "quote", text, 0, topics=["t"])
    store.save_draft(session_id, text, "quote", None, [])
    store = _reopened(store)
    try:
        assert store.entry(entry.id).text == text
        assert store.session(session_id).draft_text == text
        raw = store.conn.execute(
            "SELECT CAST(text AS BLOB) FROM entries WHERE id = ?", (entry.id,)
        ).fetchone()[0]
        assert raw == text.encode("utf-8")
    finally:
        store.close()


LONE = "caf\udcff \ud800"  # byte 0xff from a Latin-1 terminal, and broken UTF-16
KEPT = "caf\ufffd \ufffd"


def test_text_utf8_cannot_hold_is_kept_with_a_replacement_character(store: Store) -> None:
    ann = store.participant_for(f"Ann {LONE}", LONE)
    assert store.participant_for(f"Ann {LONE}", LONE).id == ann.id  # found again, not a twin
    session = store.create_session(ann.id, LONE, 30, ClockState(0)).id
    store.add_entry(session, "quote", LONE, 0, topics=[f"t{LONE}"], emotions=[LONE])
    note = store.add_entry(session, "note", "plain", 1)
    edit_text(store, note.id, f"edited {LONE}")
    store.toggle_tag(note.id, "topic", f"x{LONE}")
    store.save_draft(session, f"draft {LONE}", "quote", 5, [f"#{LONE}"])
    set_facts(store, ann.id, [LONE])
    set_list(store, session, "insights", [LONE])
    set_list(store, session, "opportunities", [LONE])

    store = _reopened(store)
    try:
        again = store.session(session)
        assert (again.participant.name, again.participant.company) == (f"Ann {KEPT}", KEPT)
        assert (again.goal, again.participant.facts) == (KEPT, (KEPT,))
        assert (again.draft_text, again.draft_tags) == (f"draft {KEPT}", (f"#{KEPT}",))
        q, n = store.entries(session)
        assert (q.text, q.topics, q.emotions) == (KEPT, (f"t{KEPT}",), (KEPT,))
        assert (n.text, n.original_text, n.topics) == (f"edited {KEPT}", "plain", (f"x{KEPT}",))
        assert get_list(store, session, "insights") == get_list(store, session, "opportunities")
        assert get_list(store, session, "insights") == [KEPT]
        who = update_profile(store, ann.id, LONE, LONE, "", LONE, [LONE])
        assert (who.name, who.company, who.segment, who.facts) == (KEPT, KEPT, KEPT, (KEPT,))
    finally:
        store.close()


def test_entries_come_back_in_interview_time_order(store: Store) -> None:
    session_id = _session(store)
    for at in (50_000, 1_000, 30_000, 1_000, 0, 99_999):
        store.add_entry(session_id, "quote", f"at {at}", at)
    entries = store.entries(session_id)
    assert [e.at_ms for e in entries] == [0, 1_000, 1_000, 30_000, 50_000, 99_999]
    ties = [e.id for e in entries if e.at_ms == 1_000]
    assert ties == sorted(ties)


def test_entries_of_other_sessions_are_not_mixed_in(store: Store) -> None:
    first = _session(store, "Ann")
    second = _session(store, "Bob")
    store.add_entry(first, "quote", "ann says", 1)
    store.add_entry(second, "quote", "bob says", 1)
    assert [e.text for e in store.entries(first)] == ["ann says"]
    assert [e.text for e in store.entries(second)] == ["bob says"]


# --- the per-participant tag counts ------------------------------------------------------

_TOPICS = ["pricing", "export", "onboarding", "speed"]
_EMOTIONS = ["frustrated", "delighted"]


@pytest.mark.parametrize("seed", range(6))
def test_tag_counts_match_a_plain_recount_after_random_edits(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    people = [store.participant_for(f"Person {i}", "Co").id for i in range(4)]
    sessions = [
        store.create_session(rng.choice(people), "", 30, ClockState(0)).id for _ in range(3)
    ]

    def entry_ids() -> list[int]:
        return [row[0] for row in store.conn.execute("SELECT id FROM entries ORDER BY id")]

    for step in range(150):
        op = rng.choices(
            ["add", "toggle", "delete_entry", "delete_session", "reassign", "new_session"],
            weights=[10, 8, 3, 1, 2, 1],
        )[0]
        if op == "add" and sessions:
            store.add_entry(
                rng.choice(sessions),
                rng.choice(["quote", "note", "mark"]),
                f"step {step}",
                rng.randrange(3_600_000),
                topics=rng.sample(_TOPICS, rng.randrange(3)),
                emotions=rng.sample(_EMOTIONS, rng.randrange(2)),
            )
        elif op == "toggle" and entry_ids():
            if rng.random() < 0.7:
                store.toggle_tag(rng.choice(entry_ids()), "topic", rng.choice(_TOPICS))
            else:
                store.toggle_tag(rng.choice(entry_ids()), "emotion", rng.choice(_EMOTIONS))
        elif op == "delete_entry" and entry_ids():
            with store.db.atomic():
                store.conn.execute("DELETE FROM entries WHERE id = ?", (rng.choice(entry_ids()),))
        elif op == "delete_session" and len(sessions) > 1:
            gone = sessions.pop(rng.randrange(len(sessions)))
            with store.db.atomic():
                store.conn.execute("DELETE FROM sessions WHERE id = ?", (gone,))
        elif op == "reassign" and sessions:
            with store.db.atomic():
                store.conn.execute(
                    "UPDATE sessions SET participant_id = ? WHERE id = ?",
                    (rng.choice(people), rng.choice(sessions)),
                )
        elif op == "new_session":
            sessions.append(store.create_session(rng.choice(people), "", 30, ClockState(0)).id)
        assert maintained(store) == recount(store), f"seed {seed}, step {step}, after {op}"

    distinct = dict(
        store.conn.execute(
            """SELECT t.name, count(DISTINCT s.participant_id)
            FROM entry_tags et JOIN tags t ON t.id = et.tag_id
            JOIN entries e ON e.id = et.entry_id JOIN sessions s ON s.id = e.session_id
            WHERE t.kind = 'topic' GROUP BY t.name"""
        ).fetchall()
    )
    assert reach(store, "topic", _TOPICS) == {name: distinct.get(name, 0) for name in _TOPICS}


def test_tag_counts_follow_an_entry_moved_to_another_session(store: Store) -> None:
    ann_session = _session(store, "Ann")
    bob_session = _session(store, "Bob")
    entry = store.add_entry(ann_session, "quote", "x", 0, topics=["pricing"])
    with store.db.atomic():
        store.conn.execute(
            "UPDATE entries SET session_id = ? WHERE id = ?", (bob_session, entry.id)
        )
    assert maintained(store) == recount(store)


def test_reach_counts_distinct_participants(store: Store) -> None:
    ann = store.participant_for("Ann", "Acme").id
    bob = store.participant_for("Bob", "Globex").id
    ann_1 = store.create_session(ann, "", 30, ClockState(0)).id
    ann_2 = store.create_session(ann, "", 30, ClockState(0)).id
    bob_1 = store.create_session(bob, "", 30, ClockState(0)).id
    store.add_entry(ann_1, "quote", "a", 0, topics=["pricing"])
    store.add_entry(ann_1, "quote", "b", 1, topics=["pricing"])
    store.add_entry(ann_2, "quote", "c", 0, topics=["pricing", "export"])
    bobs = store.add_entry(bob_1, "quote", "d", 0, topics=["pricing"], emotions=["pricing"])
    store.ensure_vocabulary(["unused"], {})

    assert reach(store, "topic", ["pricing", "export", "unused", "never-seen"]) == {
        "pricing": 2,
        "export": 1,
        "unused": 0,
        "never-seen": 0,
    }
    assert reach(store, "emotion", ["pricing"]) == {"pricing": 1}
    assert reach(store, "topic", []) == {}

    store.toggle_tag(bobs.id, "topic", "pricing")
    assert reach(store, "topic", ["pricing"]) == {"pricing": 1}
    store = _reopened(store)
    try:
        assert reach(store, "topic", ["pricing", "export"]) == {"pricing": 1, "export": 1}
    finally:
        store.close()


def test_a_failed_tag_toggle_does_not_break_later_captures(store: Store) -> None:
    session_id = _session(store)
    gone = store.add_entry(session_id, "quote", "deleted elsewhere", 0)
    with store.db.atomic():
        store.conn.execute("DELETE FROM entries WHERE id = ?", (gone.id,))
    with pytest.raises(sqlite3.IntegrityError):
        store.toggle_tag(gone.id, "topic", "brand-new-tag")
    entry = store.add_entry(session_id, "quote", "must be saved", 1, topics=["brand-new-tag"])
    assert store.entry(entry.id).topics == ("brand-new-tag",)


def test_creating_a_tag_on_its_own_does_not_leave_later_writes_uncommitted(
    store: Store, db_path: Path
) -> None:
    session_id = _session(store)
    store.tag_id("topic", "pricing")
    entry = store.add_entry(session_id, "quote", "saved for sure", 0, topics=["pricing"])
    other = sqlite3.connect(db_path)  # another reader, or the app after a crash
    try:
        found = other.execute("SELECT text FROM entries WHERE id = ?", (entry.id,)).fetchone()
    finally:
        other.close()
    assert found == ("saved for sure",)


# --- full-text search --------------------------------------------------------------------


def _search(store: Store, word: str) -> list[int]:
    rows = store.conn.execute(
        "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid", (word,)
    )
    return [row[0] for row in rows]


def test_full_text_search_finds_words_until_the_entry_is_deleted(store: Store) -> None:
    session_id = _session(store)
    kept = store.add_entry(session_id, "quote", "The onboarding wizard was confusing", 0)
    doomed = store.add_entry(session_id, "quote", "Onboarding took a whole afternoon", 1)
    assert _search(store, "onboarding") == [kept.id, doomed.id]
    assert _search(store, "afternoon") == [doomed.id]
    with store.db.atomic():
        store.conn.execute("DELETE FROM entries WHERE id = ?", (doomed.id,))
    assert _search(store, "onboarding") == [kept.id]
    assert _search(store, "afternoon") == []


def test_full_text_search_follows_edited_text_and_session_deletes(store: Store) -> None:
    session_id = _session(store)
    entry = store.add_entry(session_id, "quote", "pricing is opaque", 0)
    with store.db.atomic():
        store.conn.execute(
            "UPDATE entries SET text = 'billing is opaque' WHERE id = ?", (entry.id,)
        )
    assert _search(store, "pricing") == []
    assert _search(store, "billing") == [entry.id]
    with store.db.atomic():
        store.conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
    assert _search(store, "billing") == []
    assert _search(store, "opaque") == []


_NAMES = st.lists(st.sampled_from(["pricing", "Pricing", "wiki", "ä", LONE, "", "zz"]), max_size=5)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.sampled_from(["plain", LONE, "", "x\ny"]),
    topics=_NAMES,
    emotions=_NAMES,
    flags=st.sets(st.sampled_from(["starred", "follow_up", "testimonial"])),
)
def test_a_saved_entry_is_what_reading_it_back_gives(
    store: Store, text: str, topics: list[str], emotions: list[str], flags: set[str]
) -> None:
    """The live screen shows the entry add_entry returns without reading it again: the
    text, tags (each once, in the order a read gives them), flags and author must be
    what the file holds."""
    store.author = "Kim"
    session_id = _session(store)
    saved = store.add_entry(session_id, "note", text, 7, topics, emotions, flags)
    assert saved == store.entry(saved.id)
