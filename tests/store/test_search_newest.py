"""A word in more entries (or transcript lines) than ``newest`` is ranked among the newest
that many only, and the search says so; a rarer word is found exactly as before."""

from __future__ import annotations

from tui.core.clock import ClockState
from tui.core.matching import Matching
from tui.core.transcript import Cue, Transcript
from tui.store import insights
from tui.store.store import Store
from tui.store.transcripts import attach_transcript

NEWEST = 20

# The query search ran before any cap: every hit ranked by bm25.
EVERY_HIT_RANKED = """SELECT rowid FROM (SELECT rowid, rank FROM entries_fts
    WHERE entries_fts MATCH ?) ORDER BY rank LIMIT ?"""


def _session(store: Store, name: str) -> int:
    who = store.participant_for(name, "Acme")
    return store.create_session(who.id, "pricing", 30, ClockState(0)).id


def _entries(store: Store, count: int, word: str = "pricing") -> list[int]:
    """``count`` entries holding ``word``, the oldest the strongest matches (the word
    repeated, in short texts): ranking every one would list the oldest first."""
    session = _session(store, "Ann")
    ids = []
    for n in range(count):
        strong = n < count // 2
        text = f"{word} {word} {word}" if strong else f"{word} came up among other things {n}"
        entry = store.add_entry(session, "quote", text, n * 1000, ["exports"] if n % 2 else [])
        ids.append(entry.id)
    return ids


def _every_hit_ranked(store: Store, word: str, limit: int) -> list[int]:
    query = insights.fts_query(word)
    return [row[0] for row in store.conn.execute(EVERY_HIT_RANKED, (query, limit))]


def test_a_word_in_fewer_entries_than_newest_is_found_as_before(store: Store) -> None:
    _entries(store, NEWEST, "pricing")  # exactly as many as are ranked: none left out
    _entries(store, 30, "exports")
    for limit in (5, 50):
        found = insights.search_all(store, "pricing", limit=limit, newest=NEWEST)
        expected = _every_hit_ranked(store, "pricing", limit)
        assert [hit.entry_id for hit in found.entries] == expected
        assert (found.entries_newest, found.transcript_newest) == (0, 0)


def test_a_common_word_lists_the_best_of_the_newest_and_says_how_many(store: Store) -> None:
    ids = _entries(store, 60)
    found = insights.search_all(store, "pricing", limit=50, newest=NEWEST)
    newest = set(ids[-NEWEST:])
    shown = [hit.entry_id for hit in found.entries]
    assert found.entries_newest == NEWEST
    assert set(shown) == newest  # the 30 strongest matches are older: none listed
    # ...in the order the whole index ranks them.
    assert shown == [n for n in _every_hit_ranked(store, "pricing", 100) if n in newest]
    best = insights.search_all(store, "pricing", limit=3, newest=NEWEST)
    assert [hit.entry_id for hit in best.entries] == shown[:3]
    assert best.entries_newest == NEWEST
    assert insights.search(store, "pricing") == insights.search_all(store, "pricing").entries


def test_with_a_tag_the_newest_tagged_matches_are_ranked(store: Store) -> None:
    ids = _entries(store, 60)  # every second entry tagged: 30 tagged matches
    tagged = [n for i, n in enumerate(ids) if i % 2]
    found = insights.search_all(store, "pricing", "#exports", limit=50, newest=NEWEST)
    assert found.entries_newest == NEWEST
    assert {hit.entry_id for hit in found.entries} == set(tagged[-NEWEST:])
    few = insights.search_all(store, "pricing", "#exports", limit=50, newest=30)
    assert few.entries_newest == 0  # 30 tagged: every one ranked
    assert {hit.entry_id for hit in few.entries} == set(tagged)


def test_transcript_lines_of_a_common_word_are_ranked_among_the_newest(store: Store) -> None:
    session = _session(store, "Ann")
    cues = tuple(
        Cue(n * 1000, n * 1000 + 900, "Ann", "pricing pricing" if n < 30 else f"pricing {n}")
        for n in range(60)
    )
    matching = Matching("Ann", 0, "given", 0, ())
    attach_transcript(store, session, "call.vtt", Transcript("vtt", cues), matching)
    found = insights.search_all(store, "pricing", limit=50, newest=NEWEST)
    assert (found.entries_newest, found.transcript_newest) == (0, NEWEST)
    assert sorted(hit.start_ms for hit in found.transcript) == [n * 1000 for n in range(40, 60)]
    every = insights.search_all(store, "pricing", limit=50, newest=60)
    assert every.transcript_newest == 0
    assert every.transcript[0].text == "pricing pricing"  # the strongest, once all are ranked
