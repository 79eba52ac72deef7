"""Briefs: tags combined as "all of" or "any of", the codebook's words, recording time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tui.cli import main
from tui.core.brief import render_brief
from tui.core.clock import ClockState
from tui.store import insights
from tui.store.store import Store, open_store


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(db_path)
    ann = _session(opened, "Ann", "Acme")
    bo = _session(opened, "Bo")
    cy = _session(opened, "Cy")
    opened.add_entry(ann, "quote", "The price scares me", 61_000, ["pricing"], ["anxious"])
    opened.add_entry(bo, "quote", "Pricing is fine", 5_000, ["pricing"], [])
    opened.add_entry(bo, "quote", "I worry about the export", 9_000, ["exports"], ["anxious"])
    opened.add_entry(cy, "quote", "Exports work", 1_000, ["exports"], [])
    yield opened
    opened.close()


def _session(store: Store, name: str, company: str = "") -> int:
    who = store.participant_for(name, company)
    return store.create_session(who.id, "learn", 30, ClockState(0)).id


def test_a_topic_with_an_emotion_means_both_in_the_same_entry_by_default(store: Store) -> None:
    made = insights.brief(store, ["pricing", "!anxious"])
    assert made.all_of and made.evidence == "1 of 3 participants (33%)"
    assert [k.quote.text for k in made.quotes] == ["The price scares me"]
    assert made.finding == "Participants raised #pricing and !anxious in the same entry"
    either = insights.brief(store, ["pricing", "!anxious"], all_of=False)
    assert not either.all_of and either.evidence == "2 of 3 participants (67%)"
    assert either.finding == "Participants raised #pricing or !anxious"


def test_two_topics_mean_either_unless_asked_for_all(store: Store) -> None:
    assert insights.brief(store, ["pricing", "exports"]).evidence.startswith("3 of 3")
    both = insights.brief(store, ["pricing", "exports"], all_of=True)
    assert both.participants == 0 and not both.quotes
    assert "in the same entry" in render_brief(both)


def test_a_described_tag_says_what_it_means_in_the_brief(store: Store) -> None:
    store.conn.execute("UPDATE tags SET description = 'Cost, seats, plans' WHERE name = 'pricing'")
    made = insights.brief(store, ["pricing"])
    assert made.descriptions == (("#pricing", "Cost, seats, plans"),)
    assert "- #pricing: Cost, seats, plans" in render_brief(made)
    assert "What the tags mean" not in render_brief(insights.brief(store, ["exports"]))


def test_key_quotes_of_a_synced_session_give_recording_time(store: Store) -> None:
    store.conn.execute("UPDATE sessions SET recording_at_ms = 30000 WHERE id = 1")
    page = render_brief(insights.brief(store, ["pricing"], all_of=False))
    assert "Ann, Acme" in page and "at 00:31 in the recording" in page
    assert "at 00:05" in page and "00:05 in the recording" not in page  # Bo's: not synced


def test_rendered_brief_keeps_evidence_and_who_apart(store: Store) -> None:
    page = render_brief(insights.brief(store, ["pricing"]))
    paragraphs = [t.content for t in MarkdownIt().parse(page) if t.type == "inline"]
    evidence = [p for p in paragraphs if p.startswith("**Evidence:**")]
    who = [p for p in paragraphs if p.startswith("**Who:**")]
    assert evidence == ["**Evidence:** 2 of 3 participants (67%) raised #pricing."]
    assert who == ["**Who:** Ann, Acme; Bo."]


def test_earful_brief_takes_all_of_and_any_of(
    store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.conn.commit()
    assert main(["brief", "--tag", "pricing", "--tag", "!anxious"]) == 0
    assert "1 of 3 participants (33%) raised #pricing and !anxious in the same entry" in (
        capsys.readouterr().out
    )
    assert main(["brief", "--tag", "pricing", "--tag", "!anxious", "--any-of"]) == 0
    assert "2 of 3 participants (67%) raised #pricing or !anxious." in capsys.readouterr().out
    assert main(["brief", "--tag", "pricing", "--tag", "exports", "--all-of"]) == 0
    assert "0 of 3 participants" in capsys.readouterr().out


def test_key_quotes_never_repeat_the_same_words_from_another_participant(store: Store) -> None:
    di, ed = _session(store, "Di"), _session(store, "Ed")
    store.add_entry(di, "quote", "  pricing IS   fine ", 2_000, ["pricing"], [])  # Bo's words
    store.add_entry(ed, "quote", "Pricing hurts", 3_000, ["pricing"], [])
    made = insights.brief(store, ["pricing"])
    assert [(k.quote.text, k.who) for k in made.quotes] == [
        ("The price scares me", "Ann, Acme"),
        ("Pricing is fine", "Bo"),
        ("Pricing hurts", "Ed"),
    ]
    assert made.evidence == "4 of 5 participants (80%)"  # Di still counts as evidence
