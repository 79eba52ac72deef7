"""The board, briefs and search: counted by distinct participants, safe with any input."""

from __future__ import annotations

import pytest

from tests.store.helpers import maintained, recount
from tui.core.clock import ClockState
from tui.core.demo import generate
from tui.core.insights import BoardFilter, FilterError, parse_filter, priorities_grid
from tui.core.matching import Matching
from tui.core.transcript import Cue, Transcript
from tui.store import insights
from tui.store.codebook import codebook
from tui.store.demo import has_data, write_corpus
from tui.store.participants import directory, merge
from tui.store.reach import participant_count, reach
from tui.store.store import Store
from tui.store.transcripts import attach_transcript


def _session(store: Store, name: str, company: str = "", goal: str = "learn") -> int:
    who = store.participant_for(name, company)
    return store.create_session(who.id, goal, 30, ClockState(0)).id


def _row(store: Store, tag: str, filters: BoardFilter = insights.NO_FILTER) -> insights.BoardRow:
    return next(r for r in insights.board(store, filters) if r.tag == tag)


# --- ranking ---------------------------------------------------------------------------


def test_board_ranks_by_distinct_participants_not_by_quotes(store: Store) -> None:
    chatty = _session(store, "Ann", "Acme")
    for n in range(5):
        store.add_entry(chatty, "quote", f"exports hurt {n}", n, topics=["exports"])
    for name in ("Bo", "Cy"):
        store.add_entry(_session(store, name), "quote", "pricing is odd", 0, topics=["pricing"])
    rows = [r for r in insights.board(store) if r.kind == "topic"]
    assert [(r.tag, r.participants, r.of, r.entries) for r in rows] == [
        ("pricing", 2, 3, 2),
        ("exports", 1, 3, 5),
    ]
    assert rows[0].evidence == "2 of 3 participants"
    assert set(rows[0].names) == {"Bo", "Cy"}


def test_a_participant_with_two_sessions_counts_once(store: Store) -> None:
    for _ in range(2):
        store.add_entry(_session(store, "Ann", "Acme"), "quote", "slow", 0, topics=["speed"])
    row = _row(store, "speed")
    assert (row.participants, row.of, row.entries, row.names) == (1, 1, 2, ("Ann",))


def test_merged_participants_count_once_and_the_aggregate_matches_a_recount(
    store: Store,
) -> None:
    first = _session(store, "Ann Lee", "Acme")
    second = _session(store, "ann lee", "ACME Inc")
    store.add_entry(first, "quote", "too slow", 0, topics=["speed"], emotions=["annoyed"])
    store.add_entry(second, "quote", "so slow", 0, topics=["speed"])
    assert _row(store, "speed").participants == 2
    keep = store.session(first).participant.id
    merge(store, keep, store.session(second).participant.id)
    row = _row(store, "speed")
    assert (row.participants, row.of, row.entries) == (1, 1, 2)
    assert maintained(store) == recount(store)


def test_aggregate_matches_recount_after_deletes_and_untagging(store: Store) -> None:
    write_corpus(store, generate(seed=3, participants=5, sessions=9))
    entry = store.conn.execute("SELECT entry_id FROM entry_tags LIMIT 1").fetchone()[0]
    with store.db.atomic():
        store.conn.execute("DELETE FROM entries WHERE id = ?", (entry,))
        store.conn.execute("DELETE FROM sessions WHERE id = 2")
    tagged = store.entry(store.conn.execute("SELECT max(entry_id) FROM entry_tags").fetchone()[0])
    store.toggle_tag(tagged.id, "topic", tagged.topics[0])
    assert maintained(store) == recount(store)


def test_filters_narrow_both_the_counts_and_the_total(store: Store) -> None:
    store.add_entry(_session(store, "Ann", "Acme", "pricing approval"), "quote", "a", 0, ["p"])
    store.add_entry(_session(store, "Bo", "Globex", "onboarding"), "quote", "b", 0, ["p"])
    store.add_entry(_session(store, "Cy", "Acme Labs", "onboarding"), "quote", "c", 0, ["q"])
    acme = _row(store, "p", parse_filter(company="acme"))
    assert (acme.participants, acme.of, acme.names) == (1, 2, ("Ann",))
    onboarding = insights.board(store, parse_filter(goal="Onboarding"))
    assert {(r.tag, r.participants, r.of) for r in onboarding} == {("p", 1, 2), ("q", 1, 2)}
    assert insights.board(store, parse_filter(company="nobody")) == []
    assert insights.participants_in(store, parse_filter(company="nobody")) == 0
    # LIKE wildcards typed by the user are literal characters
    assert insights.board(store, parse_filter(company="%")) == []


def test_date_filters_are_inclusive_days_and_bad_dates_are_explained(store: Store) -> None:
    write_corpus(store, generate(participants=4, sessions=6))
    days = [r[0] for r in store.conn.execute("SELECT substr(created_at,1,10) FROM sessions")]
    only = insights.participants_in(store, parse_filter(days[0], days[0]))
    assert only == 1
    with pytest.raises(FilterError, match="date like"):
        parse_filter("31/12/2024")
    with pytest.raises(FilterError, match="after"):
        parse_filter("2024-05-02", "2024-05-01")


# --- drill-down and brief --------------------------------------------------------------


def test_tag_quotes_are_grouped_by_participant_with_session_and_time(store: Store) -> None:
    ann = _session(store, "Ann", "Acme")
    store.add_entry(ann, "quote", "one", 1000, ["exports"])
    store.add_entry(ann, "quote", "two", 2000, ["exports"])
    store.add_entry(_session(store, "Bo"), "quote", "three", 3000, ["exports"])
    groups = insights.tag_quotes(store, ["#exports"])
    assert [(g.label, [q.text for q in g.quotes]) for g in groups] == [
        ("Ann, Acme", ["one", "two"]),
        ("Bo", ["three"]),
    ]
    assert (groups[0].quotes[1].session_id, groups[0].quotes[1].at_ms) == (ann, 2000)


def test_brief_picks_starred_then_strongest_emotion_from_different_people(store: Store) -> None:
    store.ensure_vocabulary([], {"furious": -1, "curious": 0})
    ann, bo, cy, di = (_session(store, n) for n in ("Ann", "Bo", "Cy", "Di"))
    store.add_entry(ann, "quote", "plain from Ann", 0, ["pricing"])
    store.add_entry(ann, "quote", "starred from Ann", 1, ["pricing"], flags=["starred"])
    store.add_entry(bo, "quote", "calm from Bo", 0, ["pricing"], ["curious"])
    store.add_entry(cy, "quote", "furious from Cy", 0, ["pricing"], ["furious"])
    store.add_entry(di, "note", "our note, not a quote", 0, ["pricing"], ["furious"])
    made = insights.brief(store, ["pricing"])
    assert [k.quote.text for k in made.quotes] == [
        "starred from Ann",
        "furious from Cy",
        "calm from Bo",
    ]
    assert made.evidence == "4 of 4 participants (100%)"
    assert made.finding == "Participants raised #pricing"
    assert insights.brief(store, ["#pricing"], "Pricing blocks rollout").finding == (
        "Pricing blocks rollout"
    )


def test_brief_of_an_unknown_tag_names_the_known_ones(store: Store) -> None:
    store.add_entry(_session(store, "Ann"), "quote", "x", 0, ["pricing"])
    with pytest.raises(insights.UnknownTag, match=r"known tags: .*pricing"):
        insights.brief(store, ["nope"])


# --- search ------------------------------------------------------------------------------

# Operators are plain words; what has no word in it finds nothing.
FINDS = ["AND(", "NEAR(", "col:", "-x", '"gate', "gate\udcff"]  # \udcff: byte 0xff in an argument
FINDS_NOTHING = ["*", '"', "", "   ", "!!", '"unclosed', "a OR", "^", "\ud800"]


@pytest.mark.parametrize("query", FINDS + FINDS_NOTHING)
def test_search_never_raises_whatever_is_typed(store: Store, query: str) -> None:
    store.add_entry(_session(store, "Ann"), "quote", "near the AND gate; col: x", 0)
    hits = insights.search(store, query)
    expected = ["near the AND gate; col: x"] if query in FINDS else []
    assert [(h.text, h.participant) for h in hits] == [(t, "Ann") for t in expected]


def test_search_treats_operators_as_plain_words(store: Store) -> None:
    session = _session(store, "Ann", "Acme")
    store.add_entry(session, "quote", "We export NEAR the end AND start", 5000, ["exports"])
    store.add_entry(session, "quote", "Nothing here", 6000)
    hits = insights.search(store, 'AND( "near"')
    assert [(h.text, h.participant, h.at_ms) for h in hits] == [
        ("We export NEAR the end AND start", "Ann", 5000)
    ]
    assert insights.search(store, "export -nothing") == []  # "-" is not NOT
    assert insights.search(store, "exports", tag="#exports")[0].session_id == session
    assert insights.search(store, "nothing", tag="exports") == []


def test_search_ranks_the_better_match_first(store: Store) -> None:
    session = _session(store, "Ann")
    store.add_entry(session, "quote", "pricing " * 1 + "and many other unrelated words here", 0)
    store.add_entry(session, "quote", "pricing pricing pricing", 1)
    assert insights.search(store, "pricing")[0].text == "pricing pricing pricing"


def _transcript(
    store: Store, session: int, *said: tuple[int, str, str], who: str = "", offset: int | None = 0
) -> None:
    """Attach a transcript of ``(start_ms, speaker, text)`` cues; ``who`` is the participant."""
    cues = tuple(Cue(at, at + 4000, speaker, text) for at, speaker, text in said)
    matching = Matching(who, offset, "given" if offset is not None else "estimated", 0, ())
    attach_transcript(store, session, "call.vtt", Transcript("vtt", cues), matching)


def test_search_finds_transcript_cues_apart_from_entries(store: Store) -> None:
    ann = _session(store, "Ann", "Acme")
    store.add_entry(ann, "quote", "exports are slow", 5000)
    _transcript(
        store,
        ann,
        (61_000, "Ann Lee", "honestly the exports are painfully slow"),
        (62_000, "Interviewer", "why do exports matter"),
        (63_000, "", "nothing about that"),
        who="Ann Lee",
    )
    found = insights.search_all(store, "exports")
    assert [h.text for h in found.entries] == ["exports are slow"]
    assert sorted(
        (h.start_ms, h.speaker_label, h.text, h.participant, h.company, h.session_id)
        for h in found.transcript
    ) == [
        (
            61_000,
            "Ann Lee (participant)",
            "honestly the exports are painfully slow",
            "Ann",
            "Acme",
            ann,
        ),
        (62_000, "Interviewer", "why do exports matter", "Ann", "Acme", ann),
    ]
    assert found.transcript[0].session_date == found.entries[0].session_date != ""
    assert insights.search(store, "honestly") == []  # entry search alone never holds cues
    plain = insights.search_transcripts(store, "EXPORT* slow(")  # operators are plain words
    assert [h.start_ms for h in plain] == [61_000]
    assert [h.speaker_label for h in insights.search_transcripts(store, "about")] == [
        "unnamed speaker"
    ]
    for nothing in FINDS_NOTHING:
        assert insights.search_transcripts(store, nothing) == []


def test_a_transcript_hit_knows_its_interview_time_when_the_offset_is_known(
    store: Store,
) -> None:
    given, synced, unknown = (_session(store, n) for n in ("Ann", "Bo", "Cy"))
    _transcript(store, given, (67_000, "Ann", "pricing"), offset=7_000)  # the transcript's
    _transcript(store, synced, (67_000, "Bo", "pricing"), offset=None)
    store.save_recording(synced, 5_000)  # the recording began at 0:05 interview time
    _transcript(store, unknown, (67_000, "Cy", "pricing"), offset=None)
    at = {h.session_id: h.at_ms for h in insights.search_transcripts(store, "pricing")}
    assert at == {given: 62_000, synced: 74_000, unknown: None}  # the cue's middle: 69 s


def test_a_long_transcript_never_pushes_entries_out(store: Store) -> None:
    ann = _session(store, "Ann")
    store.add_entry(ann, "quote", "a long rambling answer about pricing and then some more", 0)
    _transcript(store, ann, *((n * 1000, "Ann", "pricing pricing pricing") for n in range(300)))
    found = insights.search_all(store, "pricing", limit=5, transcript_limit=20)
    assert len(found.entries) == 1  # the weaker match still listed: cues have their own limit
    assert len(found.transcript) == 20
    assert len(insights.search_all(store, "pricing", limit=5).transcript) == 5


def test_a_tag_filter_searches_entries_only(store: Store) -> None:
    ann = _session(store, "Ann")
    store.add_entry(ann, "quote", "exports hurt", 0, ["exports"])
    _transcript(store, ann, (0, "Ann", "exports hurt"))
    found = insights.search_all(store, "exports", tag="#exports")
    assert ([h.text for h in found.entries], found.transcript) == (["exports hurt"], [])


def test_transcript_text_is_never_counted(store: Store) -> None:
    """The board, briefs, priorities, reach, the codebook and the directory count what was
    typed and tagged: a transcript full of tag-like words and new names adds nothing."""
    ann, bo = _session(store, "Ann", "Acme"), _session(store, "Bo")
    store.add_entry(ann, "quote", "pricing hurts", 0, ["pricing"], ["annoyed"])
    store.add_entry(bo, "quote", "exports", 0, ["exports"])

    def counts() -> tuple[object, ...]:
        return (
            insights.board(store),
            insights.board(store, parse_filter(company="acme")),
            insights.participants_in(store),
            insights.priorities(store),
            insights.brief(store, ["pricing", "!annoyed"]),
            reach(store, "topic", ["pricing", "exports", "onboarding"]),
            participant_count(store),
            store.tag_names("topic"),
            codebook(store),
            directory(store),
        )

    before = counts()
    said = "pricing #pricing #onboarding !annoyed exports"
    _transcript(store, ann, *((n, "Cy Newname", said) for n in range(50)), who="Ann")
    _transcript(store, bo, (0, "Di Other", said), (1, "Bo", said), who="Bo")
    assert len(insights.search_transcripts(store, "onboarding", 100)) == 52  # words are there
    assert counts() == before
    assert maintained(store) == recount(store)


# --- priorities and demo ---------------------------------------------------------------


def test_priorities_measure_pain_as_share_of_negative_entries(store: Store) -> None:
    store.ensure_vocabulary([], {"frustrated": -1, "delighted": 1})
    session = _session(store, "Ann")
    store.add_entry(session, "quote", "a", 0, ["pricing"], ["frustrated"])
    store.add_entry(session, "quote", "b", 0, ["pricing"], ["delighted"])
    [point] = insights.priorities(store)
    assert (point.tag, point.participants, point.painful, point.entries) == ("pricing", 1, 1, 2)
    picture = "\n".join(priorities_grid([point], 1))
    assert "A  pricing: 1 of 1 participant, 50% painful" in picture


def test_demo_corpus_is_deterministic_and_fills_every_table(store: Store) -> None:
    assert generate() == generate()
    assert not has_data(store)
    people, sessions, entries = write_corpus(store, generate())
    assert (people, sessions) == (12, 15) and entries > 100
    assert has_data(store)
    counts = {
        t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("participants", "sessions", "entries", "entry_tags")
    }
    assert counts["entries"] == entries and counts["entry_tags"] > entries / 2
    starred = store.conn.execute("SELECT count(*) FROM entries WHERE starred").fetchone()[0]
    assert starred > 0
    assert maintained(store) == recount(store)


def test_reach_counts_distinct_participants_across_sessions(store: Store) -> None:
    for name in ("Ann", "Ann", "Bo"):
        store.add_entry(_session(store, name), "quote", "x", 0, ["pricing"])
    assert reach(store, "topic", ["pricing", "unused"]) == {"pricing": 2, "unused": 0}
