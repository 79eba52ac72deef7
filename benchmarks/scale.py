"""A decade of a team's interviews (``earful demo --scale``): the board, search, a
participant's page, the session list, the live counter, the home screen and its memory,
each beside a floor. Built once per run and shared by every measure here."""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import counter
from benchmarks.corpus import COMMON_WORD, RARE_WORD, Corpus, connect_raw
from benchmarks.harness import Result, in_ms, interleave
from benchmarks.pty_start import rss_when_idle, time_to_text
from benchmarks.startup import FLOOR_APP, started_env
from tui.core.demo_scale import Shape, participants, sessions
from tui.core.insights import NAMES_SHOWN
from tui.store import insights
from tui.store import participants as directory
from tui.store.demo import write_scale
from tui.store.peek import peek_sessions
from tui.store.rows import session_list
from tui.store.store import open_store

PAGE = 50  # sessions: more than a screenful at any terminal size


def build(folder: Path, entries: int) -> Corpus:
    """``earful demo --scale entries`` into ``folder`` (what the command writes), plus one
    rare word; the busiest participant's id is kept for the page."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "scale.db"
    store = open_store(path)
    shape = Shape.of(entries)
    write_scale(store, participants(shape), sessions(shape))
    first = store.conn.execute("SELECT min(id) FROM sessions").fetchone()[0]
    store.add_entry(first, "quote", f"It felt like a {RARE_WORD} moment", 1000, ["pricing"])
    busiest, newest = store.conn.execute(
        """SELECT (SELECT session_id FROM entries GROUP BY 1 ORDER BY count(*) DESC LIMIT 1),
            (SELECT p.name FROM sessions s JOIN participants p ON p.id = s.participant_id
             ORDER BY s.started_at_ms DESC, s.id DESC LIMIT 1)"""
    ).fetchone()
    total = store.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return Corpus(path, shape.sessions, total, shape.participants, busiest, newest)


def _label(corpus: Corpus) -> str:
    return (
        f"{corpus.entries:,} entries ({corpus.sessions:,} sessions,"
        f" {corpus.participants:,} participants)"
    )


def _row(
    measure: str,
    ours: Callable[[], float],
    floor: Callable[[], float],
    runs: int,
    target_ms: float | None,
    timed: str,
) -> Result:
    mine, base = interleave(ours, floor, runs)
    result = Result(measure, mine, base, f"< {target_ms:g} ms" if target_ms else "—")
    result.ok = result.earful_median < target_ms if target_ms else None
    result.timed = timed
    return result


def queries(corpus: Corpus, runs: int) -> list[Result]:
    """The board, search, a participant's page and the session list at this scale."""
    store = open_store(corpus.path)
    raw = connect_raw(corpus.path)
    label = _label(corpus)
    slow = max(3, runs // 4)  # the measures that take most of a second each
    rows = []
    rows.append(
        _row(
            f"board, {label}, first {NAMES_SHOWN} names a tag",
            in_ms(lambda: insights.board(store, names=NAMES_SHOWN)),
            in_ms(lambda: raw.execute(RAW_COUNTS).fetchall()),
            runs,
            30,
            f"`insights.board(names={NAMES_SHOWN})`, what the board shows: every tag ranked"
            f" by distinct participants, naming the first {NAMES_SHOWN} (most entries"
            " first); floor: the per-tag counts alone from tag_participants",
        )
    )
    rows.append(
        _row(
            f"board, {label}, every name",
            in_ms(lambda: insights.board(store)),
            in_ms(lambda: raw.execute(RAW_COUNTS).fetchall()),
            slow,
            None,
            "`insights.board()` naming everyone (what the CSV and JSON exports need);"
            " floor: the per-tag counts alone",
        )
    )
    query = insights.fts_query(COMMON_WORD)
    hits = raw.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", (query,))
    found = hits.fetchone()[0]
    ranked = insights.search_all(store, COMMON_WORD, limit=50).entries_newest
    what = (
        f"the best 50 by bm25 of the newest {ranked:,} hits (the word is in more entries"
        " than that; the screen says so)"
        if ranked
        else "the best 50 of every hit by bm25"
    )
    rows.append(
        _row(
            f"search, common word ({found:,} hits), {label}",
            in_ms(lambda: insights.search_all(store, COMMON_WORD, limit=50)),
            in_ms(lambda: raw.execute(RAW_SEARCH, (query,)).fetchall()),
            slow,
            50,
            f"`insights.search_all({COMMON_WORD!r})`: {what}, with participant and date (and"
            " transcript lines: none here); floor: the bare FTS5 MATCH … ORDER BY rank"
            " LIMIT 50, ranking every hit",
        )
    )
    newest = insights.NEWEST
    rows.append(
        _row(
            f"search, common word ({found:,} hits), {label}, beside the newest {newest:,} ranked",
            in_ms(lambda: insights.search_all(store, COMMON_WORD, limit=50)),
            in_ms(lambda: raw.execute(RAW_NEWEST, (query, newest)).fetchall()),
            runs,
            None,
            f"the row above again, against a fairer floor: the bare FTS5 query ranking only"
            f" the newest {newest:,} hits (MATCH … ORDER BY rowid DESC LIMIT {newest:,}, then"
            " the best 50 of those by rank), what Earful runs for a word in more entries than"
            f" {newest:,}",
        )
    )
    rows.append(
        _row(
            f"search, rare word, {label}",
            in_ms(lambda: insights.search_all(store, RARE_WORD, limit=50)),
            in_ms(lambda: raw.execute(RAW_SEARCH, (insights.fts_query(RARE_WORD),)).fetchall()),
            runs,
            5,
            f"`insights.search_all({RARE_WORD!r})` (one hit); floor: the bare FTS5 query",
        )
    )
    (busiest,) = raw.execute(
        "SELECT participant_id FROM sessions s JOIN entries e ON e.session_id = s.id"
        " GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    said = len(directory.page(store, busiest).said)
    rows.append(
        _row(
            f"participant page ({said} entries), {label}",
            in_ms(lambda: directory.page(store, busiest)),
            in_ms(lambda: raw.execute(RAW_PAGE, (busiest,)).fetchall()),
            runs,
            100,
            "`participants.page()` for the participant with the most entries: their"
            " profile, sessions and every entry with its tags, newest session first; floor:"
            " the same entries' rows with raw sqlite3, without tags",
        )
    )
    now = lambda: int(time.time() * 1000)  # noqa: E731
    rows.append(
        _row(
            f"session list, first {PAGE} of {corpus.sessions:,}",
            in_ms(lambda: session_list(store.conn, now, limit=PAGE)),
            in_ms(lambda: raw.execute(RAW_FIRST_PAGE, (PAGE,)).fetchall()),
            runs,
            None,
            f"`rows.session_list(limit={PAGE})`: the newest {PAGE} sessions with participant,"
            " entry count and length, as the home screen lists them; floor: their ids in"
            " the same order",
        )
    )
    rows.append(
        _row(
            f"peek: first {PAGE} sessions before the store opens, of {corpus.sessions:,}",
            in_ms(lambda: peek_sessions(corpus.path, now, limit=PAGE)),
            in_ms(lambda: _raw_peek(corpus.path)),
            runs,
            None,
            f"`peek_sessions(limit={PAGE})`: connect read-only and list the newest {PAGE}"
            " sessions; floor: connect with raw sqlite3 and read their ids",
        )
    )
    rows.append(
        _row(
            f"session list, all {corpus.sessions:,}",
            in_ms(lambda: session_list(store.conn, now)),
            in_ms(lambda: raw.execute(RAW_FIRST_PAGE, (-1,)).fetchall()),
            slow,
            None,
            "`rows.session_list()`, every session (what `Store.sessions` and the home"
            " screen read today); floor: every session's id in order, no entry counts",
        )
    )
    store.close()
    raw.close()
    return rows


def live_counter(corpus: Corpus, runs: int) -> Result:
    """The live screen's counter after a save, on this corpus (see benchmarks/counter.py);
    fewer runs than the queries: its floor, a COUNT(DISTINCT) over every tag link, takes
    most of two seconds at a million entries."""
    result = counter.live_counter(corpus, max(5, runs // 3))
    result.measure = f"live counter refresh after a save, {_label(corpus)}"
    return result


def home_and_memory(
    corpus: Corpus, runs: int, memory_runs: int, settle: float = 1.5
) -> list[Result]:
    """``earful`` on this corpus in a pty: time until the newest participant is on the
    list (``runs`` pairs, as many as the other first frames: a start's wall time moves
    by a sixth from one to the next), then resident memory once idle (``memory_runs``
    pairs: it hardly moves); each against the bare Textual app."""
    folder = corpus.path.parent / "home"
    folder.mkdir(exist_ok=True)
    env = started_env(folder, corpus.path)
    ours, floor = [sys.executable, "-m", "tui"], [sys.executable, str(FLOOR_APP)]
    needle = corpus.newest_participant
    shown = _row(
        f"home screen's list, {corpus.sessions:,} sessions (pty)",
        lambda: 1000 * time_to_text(ours, needle.encode(), env),
        lambda: 1000 * time_to_text([*floor, needle], needle.encode(), env),
        runs,
        None,
        "wall time from spawning `earful` in a 120x40 pty on this corpus until the newest"
        " participant's name is in its output; floor: benchmarks/floor_app.py showing it",
    )
    shown.target = "≤ 1.25×"
    shown.ok = shown.ratio is not None and shown.ratio <= 1.25
    memory = Result(f"resident memory, idle, {_label(corpus)}", [], [], "< 300 MB", unit="MB")
    memory.earful, memory.floor = interleave(
        lambda: rss_when_idle(ours, needle.encode(), env, settle),
        lambda: rss_when_idle([*floor, needle], needle.encode(), env, settle),
        memory_runs,
        warmup=0,
    )
    memory.ok = memory.earful_median < 300
    memory.timed = (
        f"VmRSS of `earful` (the home screen on this corpus) in a pty, {settle:g} s after"
        " the newest participant's name is on screen; floor: the bare Textual app"
    )
    return [shown, memory]


def _raw_peek(path: Path) -> object:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(RAW_FIRST_PAGE, (PAGE,)).fetchall()
    finally:
        conn.close()


RAW_COUNTS = "SELECT tag_id, count(*), sum(entries) FROM tag_participants GROUP BY tag_id"
RAW_SEARCH = "SELECT rowid, text FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rank LIMIT 50"
# The same 50 texts, from only the newest hits ranked (what search runs for a common word).
RAW_NEWEST = """SELECT f.rowid, e.text FROM (SELECT rowid, rank FROM (SELECT rowid, rank
    FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
    ORDER BY rank LIMIT 50) f JOIN entries e ON e.id = f.rowid ORDER BY f.rank"""
RAW_PAGE = """SELECT e.id, e.session_id, e.at_ms, e.kind, e.text FROM sessions s
    JOIN entries e ON e.session_id = s.id WHERE s.participant_id = ?
    ORDER BY s.started_at_ms DESC, s.id DESC, e.at_ms, e.id"""
RAW_FIRST_PAGE = "SELECT id FROM sessions ORDER BY started_at_ms DESC, id DESC LIMIT ?"
