"""The board and search on the corpus, each against the same answer from raw SQL."""

from __future__ import annotations

import random

from benchmarks.corpus import COMMON_WORD, RARE_WORD, Corpus, connect_raw
from benchmarks.harness import Result, in_ms, interleave
from tui.core.matching import Matching
from tui.core.transcript import Cue, Transcript
from tui.store import insights
from tui.store.store import Store, open_store
from tui.store.transcripts import attach_transcript

# The ranking the board shows, computed from the tag links themselves in one statement.
RAW_BOARD = """
SELECT t.name, t.kind, count(DISTINCT s.participant_id) AS people, count(*) AS links,
    group_concat(DISTINCT p.name) AS who
FROM entry_tags et JOIN tags t ON t.id = et.tag_id JOIN entries e ON e.id = et.entry_id
JOIN sessions s ON s.id = e.session_id JOIN participants p ON p.id = s.participant_id
GROUP BY t.id ORDER BY people DESC, links DESC, t.kind <> 'topic', t.name
"""

RAW_SEARCH = """
SELECT rowid, text FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rank LIMIT 50
"""
RAW_CUES = """
SELECT rowid, text FROM transcript_cues_fts WHERE transcript_cues_fts MATCH ?
ORDER BY rank LIMIT 50
"""


def board(corpus: Corpus, runs: int) -> Result:
    """The ranked board against one raw join computing the same ranking."""
    store = open_store(corpus.path)
    raw = connect_raw(corpus.path)
    ours = [(r.tag, r.kind, r.participants, r.entries) for r in insights.board(store)]
    floor = [row[:4] for row in raw.execute(RAW_BOARD)]
    if ours != floor:
        raise AssertionError(f"the board and the raw ranking differ: {ours[:3]} vs {floor[:3]}")
    mine, base = interleave(
        in_ms(lambda: insights.board(store)), in_ms(lambda: raw.execute(RAW_BOARD).fetchall()), runs
    )
    store.close()
    raw.close()
    result = Result(f"board, {corpus.label}", mine, base, "< 30 ms")
    result.ok = result.earful_median < 30
    result.timed = (
        "`insights.board()`: every tag ranked by distinct participants, with their names"
        " (reads the trigger-kept tag_participants); floor: the same ranking from one"
        " COUNT(DISTINCT) join over every tag link"
    )
    return result


def search(corpus: Corpus, runs: int) -> list[Result]:
    """A common and a rare word, first page ranked, against a raw FTS5 query."""
    store = open_store(corpus.path)
    raw = connect_raw(corpus.path)
    results = []
    for word, kind, target in ((COMMON_WORD, "common", 50), (RARE_WORD, "rare", 5)):
        query = insights.fts_query(word)
        hits = raw.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", (query,))
        found = hits.fetchone()[0]
        if not found:
            raise AssertionError(f"{word!r} is not in the corpus")
        mine, base = interleave(
            in_ms(lambda w=word: insights.search_all(store, w, limit=50)),  # type: ignore[misc]
            in_ms(lambda q=query: raw.execute(RAW_SEARCH, (q,)).fetchall()),  # type: ignore[misc]
            runs,
        )
        hits_label = f"{found} hit" + ("" if found == 1 else "s")
        result = Result(f"search, {kind} word ({hits_label})", mine, base, f"< {target} ms")
        result.ok = result.earful_median < target
        result.timed = (
            f"`insights.search_all({word!r})`: the first 50 entries by bm25{_of_newest(found)}"
            " with participant and date, and the first 50 transcript lines (this corpus has"
            " no transcript); floor: the bare FTS5 MATCH … ORDER BY rank LIMIT 50 over"
            " entries, ranking every hit"
        )
        results.append(result)
    store.close()
    raw.close()
    return results


def search_with_transcripts(corpus: Corpus, runs: int) -> Result:
    """The common word when a fifth of the sessions have an hour's transcript, against the
    two bare FTS5 queries (entries, then cues) it runs."""
    store = open_store(corpus.copy("transcripts.db"))
    with_transcripts = max(1, corpus.sessions // 5)
    cues = _attach_transcripts(store, with_transcripts)
    query = insights.fts_query(COMMON_WORD)
    said = store.conn.execute(
        "SELECT count(*) FROM transcript_cues_fts WHERE transcript_cues_fts MATCH ?", (query,)
    ).fetchone()[0]
    if not said:
        raise AssertionError(f"{COMMON_WORD!r} is in no transcript")
    found = store.conn.execute(
        "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", (query,)
    ).fetchone()[0]
    raw = connect_raw(store.path)

    def floor() -> object:
        raw.execute(RAW_SEARCH, (query,)).fetchall()
        return raw.execute(RAW_CUES, (query,)).fetchall()

    mine, base = interleave(
        in_ms(lambda: insights.search_all(store, COMMON_WORD, limit=50)), in_ms(floor), runs
    )
    store.close()
    raw.close()
    result = Result(
        f"search, common word, {with_transcripts} transcripts ({cues:,} cues, {said:,} hits)",
        mine,
        base,
        "< 50 ms",
    )
    result.ok = result.earful_median < 50
    result.timed = (
        f"`insights.search_all({COMMON_WORD!r})` on a copy of the corpus where a fifth of the"
        " sessions have an hour's transcript (~1,500 cues of 4-8 words): the first 50"
        f" entries{_of_newest(found)} and the first 50 transcript lines{_of_newest(said)} by"
        " bm25, with participant, date and speaker; floor: the two bare FTS5 MATCH … ORDER"
        " BY rank LIMIT 50 queries, ranking every hit"
    )
    return result


def _of_newest(hits: int) -> str:
    """How search ranks this many hits: all, or only the newest (a word this common)."""
    if hits <= insights.NEWEST:
        return ""
    return f" of the newest {insights.NEWEST:,} hits (of {hits:,})"


def _attach_transcripts(store: Store, sessions: int, seed: int = 5) -> int:
    """An hour of speech for each of the first ``sessions``: Zipf-weighted words, the
    participant three cues in four; returns the cues stored."""
    rng = random.Random(seed)
    made = {
        "".join(rng.choice("bdfgklmnpst") + rng.choice("aeiou") for _ in range(3))
        for _ in range(1000)
    }
    speech = [
        "the",
        "and",
        "i",
        "to",
        "a",
        "it",
        "we",
        "that",
        "you",
        "so",
        COMMON_WORD,
        *sorted(made),
    ]
    weights = [1 / rank for rank in range(1, len(speech) + 1)]
    ids = [
        row[0]
        for row in store.conn.execute("SELECT id FROM sessions ORDER BY id LIMIT ?", (sessions,))
    ]
    stored = 0
    for session in ids:
        cues, at = [], 2_000
        while at < 3_600_000:
            words = rng.choices(speech, weights, k=rng.randint(4, 8))
            end = at + 380 * len(words)
            cues.append(Cue(at, end, "Ada" if rng.random() < 0.75 else "Host", " ".join(words)))
            at = end + rng.randint(0, 300)
        matching = Matching("Ada", None, "estimated", 0, ())
        attach_transcript(store, session, "call.vtt", Transcript("vtt", tuple(cues)), matching)
        stored += len(cues)
    return stored
