"""A match reviewed in the store: replaced or removed in one transaction, the next place
found from where it is, and an entry's undo record bringing its match back."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.store.test_transcripts import attach, session_with_quotes
from tui.store.editing import entry_record, put_back
from tui.store.match_review import match_of, next_place, set_match
from tui.store.store import Store


def test_a_match_is_replaced_removed_and_put_back_with_its_entry(store: Store) -> None:
    session, ids = session_with_quotes(store)
    attach(store, session)
    first = match_of(store, ids[1])
    assert first is not None and first.words == "Nobody goes looking for a research doc"
    record = entry_record(store, ids[1])
    set_match(store, ids[1], replace(first, status="rejected"))
    assert match_of(store, ids[1]) == replace(first, status="rejected")
    set_match(store, ids[1], None)
    assert match_of(store, ids[1]) is None
    put_back(store, record)
    assert match_of(store, ids[1]) == first


def test_the_next_place_starts_from_the_match_even_a_rejected_one(store: Store) -> None:
    session, ids = session_with_quotes(store)
    attach(store, session)
    first = match_of(store, ids[1])
    assert first is not None
    set_match(store, ids[1], replace(first, status="rejected"))
    later = next_place(store, ids[1], forward=True)
    assert later is not None and later.speaker == "Maya Chen" and later.status == "accepted"
    assert later.start_ms > first.end_ms
    assert next_place(store, ids[1], forward=False) is None


def test_an_entry_without_a_transcript_or_gone_is_a_key_error(store: Store) -> None:
    session, ids = session_with_quotes(store)
    with pytest.raises(KeyError):
        next_place(store, ids[0], forward=True)
    with pytest.raises(KeyError):
        set_match(store, ids[0], None)
    attach(store, session)
    with pytest.raises(KeyError):
        next_place(store, 999_999, forward=True)
