"""The board and search on the corpus, each against the same answer from raw SQL."""

from __future__ import annotations

from benchmarks.corpus import COMMON_WORD, RARE_WORD, Corpus, connect_raw
from benchmarks.harness import Result, in_ms, interleave
from tui.store import insights
from tui.store.store import open_store

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
            in_ms(lambda w=word: insights.search(store, w, limit=50)),  # type: ignore[misc]
            in_ms(lambda q=query: raw.execute(RAW_SEARCH, (q,)).fetchall()),  # type: ignore[misc]
            runs,
        )
        hits_label = f"{found} hit" + ("" if found == 1 else "s")
        result = Result(f"search, {kind} word ({hits_label})", mine, base, f"< {target} ms")
        result.ok = result.earful_median < target
        result.timed = (
            f"`insights.search({word!r})`: the first 50 hits by bm25 with participant and date;"
            " floor: the bare FTS5 MATCH … ORDER BY rank LIMIT 50"
        )
        results.append(result)
    store.close()
    raw.close()
    return results
