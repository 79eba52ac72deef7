"""The home screen's list arranged in the store: any session found by the filter, in any
order, as ids; then one page of them read as the list shows them."""

from __future__ import annotations

from tests.store.helpers import save_clock
from tui.core.clock import ClockState
from tui.store.rows import session_list, session_summaries
from tui.store.session_pages import ORDER_BY, arranged_ids
from tui.store.store import Store

NOW = 10_000_000


def _fill(store: Store) -> dict[str, int]:
    """Four sessions: their ids by participant."""
    ids = {}
    for n, (name, company, entries, ended) in enumerate(
        [
            ("Zoë Ærø", "Straße GmbH", 1, 900_000),
            ("ada", "Acme", 3, 60_000),
            ("Bea", "acme", 0, None),  # still running: its length is up to now
            ("Cy [b]", "Navy", 2, 120_000),
        ]
    ):
        who = store.participant_for(name, company)
        start = n * 1000
        clock = ClockState(start, ended_at_ms=None if ended is None else start + ended)
        session = store.create_session(who.id, f"goal {n}", 30, clock)
        save_clock(store, session.id, clock)
        for i in range(entries):
            store.add_entry(session.id, "quote", f"said {i}", i)
        ids[name] = session.id
    return ids


def test_the_newest_first_order_is_the_session_lists(store: Store) -> None:
    _fill(store)
    now = lambda: NOW  # noqa: E731
    assert arranged_ids(store.conn, now) == [s.id for s in session_list(store.conn, now)]


def test_each_order(store: Store) -> None:
    ids = _fill(store)
    now = lambda: NOW  # noqa: E731
    names = {v: k for k, v in ids.items()}
    order = {o: [names[i] for i in arranged_ids(store.conn, now, o)] for o in ORDER_BY}
    assert order["newest"] == ["Cy [b]", "Bea", "ada", "Zoë Ærø"]
    assert order["oldest"] == ["Zoë Ærø", "ada", "Bea", "Cy [b]"]
    assert order["participant"] == ["ada", "Bea", "Cy [b]", "Zoë Ærø"]  # any case
    assert order["entries"] == ["ada", "Cy [b]", "Zoë Ærø", "Bea"]
    assert order["length"] == ["Bea", "Zoë Ærø", "Cy [b]", "ada"]  # Bea's runs until now


def test_the_filter_finds_every_word_in_any_case_beyond_ascii(store: Store) -> None:
    ids = _fill(store)
    now = lambda: NOW  # noqa: E731
    assert arranged_ids(store.conn, now, words="ACME") == [ids["Bea"], ids["ada"]]
    assert arranged_ids(store.conn, now, words="STRASSE zoë") == [ids["Zoë Ærø"]]
    assert arranged_ids(store.conn, now, words="[b] navy goal") == [ids["Cy [b]"]]
    assert arranged_ids(store.conn, now, words="acme navy") == []
    assert arranged_ids(store.conn, now, "oldest", "acme") == [ids["ada"], ids["Bea"]]


def test_a_page_is_read_in_the_order_asked_and_skips_the_gone(store: Store) -> None:
    ids = _fill(store)
    now = lambda: NOW  # noqa: E731
    wanted = [ids["ada"], 999, ids["Cy [b]"]]
    page = session_summaries(store.conn, now, wanted)
    assert [(s.participant, s.entries) for s in page] == [("ada", 3), ("Cy [b]", 2)]
    assert session_summaries(store.conn, now, []) == []
