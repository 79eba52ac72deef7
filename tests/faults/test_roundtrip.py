"""JSON export → import into another database → JSON export gives the same document.

Only database ids differ by design: ``session.id``, ``participant.id`` and each entry's
``id`` (and ``memorable_entry_id``, which points at one). ``same_document`` replaces each
id by its position in the document; every other field, timestamps included, must match.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, reject, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.store.helpers import save_clock
from tui.core.capture import normalise_tag
from tui.core.clock import ClockState
from tui.core.export_json import to_json
from tui.core.guide import Guide, GuideError, Question, Section, parse_guide, render_guide
from tui.core.text import encodable
from tui.store.editing import edit_entry, set_facts, set_list, set_memorable
from tui.store.guides import Tick, add_guide, set_entry_question, set_session_guide, set_tick
from tui.store.importing import import_json
from tui.store.reach import participant_count, reach
from tui.store.schema import migrations
from tui.store.snapshots import session_export_data
from tui.store.store import Store, open_store

START = 1_700_000_000_000
# Lone surrogates (from undecodable bytes or broken UTF-16) included: the store keeps them as
# U+FFFD rather than failing to encode them.
HOSTILE_CHARS = "[]/@=+-\t\r\n\x00\x1b\x07\x7f\x9b\u200d\u0301\u202e\u2066#!\"'\\ aé👩‍💻مر"
LONE_SURROGATES = "\ud800\udbff\udc00\udcff"
every_char = (
    st.sampled_from(HOSTILE_CHARS)
    | st.sampled_from(LONE_SURROGATES)
    | st.characters(codec=None)  # all of Unicode, surrogates (category Cs) included
)
texts = st.text(alphabet=every_char, max_size=40)
names = st.text(alphabet=every_char, min_size=1, max_size=12)
# Tag names as typing and the config make them (lower case, hyphenated), as import does too.
tag_names = names.map(normalise_tag).filter(bool)

entry_strategy = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["quote", "note", "mark"]),
        "text": texts,
        "at_ms": st.integers(0, 4 * 3_600_000),
        "topics": st.lists(tag_names, max_size=3, unique=True),
        "emotions": st.lists(tag_names, max_size=2, unique=True),
        "flags": st.sets(st.sampled_from(["starred", "follow_up", "testimonial"])),
        "edited_to": st.none() | texts,
    }
)


file_names, file_texts = names.map(encodable), texts.map(encodable)


@st.composite
def guide_strategy(draw: st.DrawFn) -> dict[str, Any]:
    """A guide as a file would hold it (written with hostile text, then read as Earful reads
    it), what was ticked, and the question each of up to 8 entries answered. A file is read
    as UTF-8, so its text never holds half a character."""
    names, texts = file_names, file_texts
    questions = st.builds(
        Question,
        names,
        st.sampled_from(["", "ada", "b.o-b"]),
        st.just("") | tag_names,
        st.lists(names, max_size=2).map(tuple),
    )
    sections = st.builds(
        Section,
        names,
        st.lists(questions, min_size=1, max_size=3).map(tuple),
        st.none() | st.integers(1, 600),
        texts,
    )
    written = Guide(
        draw(names), draw(texts), tuple(draw(st.lists(sections, min_size=1, max_size=3)))
    )
    try:
        guide = parse_guide(render_guide(written))
    except GuideError:
        reject()
    numbers = st.integers(1, len(guide.questions))
    done = st.tuples(st.integers(0, 4 * 3_600_000), st.booleans())
    return {
        "guide": guide,
        "ticks": draw(st.dictionaries(numbers, done, max_size=len(guide.questions))),
        "answers": draw(st.lists(st.none() | numbers, min_size=8, max_size=8)),
    }


session_strategy = st.fixed_dictionaries(
    {
        "name": names.filter(str.strip),  # the app refuses a blank name, and so does import
        "company": texts,
        "goal": texts,
        "facts": st.lists(texts, max_size=3),
        "opportunities": st.lists(texts, max_size=3),
        "insights": st.lists(texts, max_size=3),
        "entries": st.lists(entry_strategy, max_size=8),
        "valences": st.dictionaries(tag_names, st.sampled_from([-1, 0, 1]), max_size=3),
        # A running clock's length is "until now" and moves between two exports: ended or
        # paused clocks hold still.
        "ended": st.booleans(),
        "length_ms": st.integers(0, 4 * 3_600_000),
        "recording_at_ms": st.none() | st.integers(0, 600_000),
        "memorable": st.none() | st.integers(0, 7),
        "guide": st.none() | guide_strategy(),
    }
)


def memory_store() -> Store:
    db = Database(memory=True)
    migrations.apply(db)
    return Store(db, Path(":memory:"))


def build(store: Store, spec: dict[str, Any]) -> int:
    """A session as the app would have written it, from a generated description."""
    who = store.participant_for(spec["name"], spec["company"])
    set_facts(store, who.id, spec["facts"])
    end = START + spec["length_ms"]
    clock = ClockState(START, 0, None if spec["ended"] else end, end if spec["ended"] else None)
    session = store.create_session(who.id, spec["goal"], 30, clock)
    save_clock(store, session.id, clock)
    store.save_recording(session.id, spec["recording_at_ms"])
    for name, valence in spec["valences"].items():
        store.tag_id("emotion", name, valence)
    ids = []
    for e in spec["entries"]:
        entry = store.add_entry(
            session.id, e["kind"], e["text"], e["at_ms"], e["topics"], e["emotions"], e["flags"]
        )
        if e["edited_to"] is not None:
            edit_entry(store, entry.id, text=e["edited_to"])
        ids.append(entry.id)
    set_list(store, session.id, "opportunities", spec["opportunities"])
    set_list(store, session.id, "insights", spec["insights"])
    if spec["memorable"] is not None and spec["memorable"] < len(ids):
        set_memorable(store, session.id, ids[spec["memorable"]])
    if spec.get("guide"):
        follow(store, session.id, spec["guide"], ids)
    return session.id


def follow(store: Store, session_id: int, spec: dict[str, Any], entry_ids: list[int]) -> None:
    """The session followed the guide: ticks, and the question each entry answered."""
    version = add_guide(store, spec["guide"]).version
    set_session_guide(store, session_id, version.id)
    by_number = {q.number: q.id for q in version.questions}
    for number, (at_ms, skipped) in spec["ticks"].items():
        question = by_number[number]
        set_tick(store, session_id, question, Tick(question, at_ms, skipped))
    for entry_id, number in zip(entry_ids, spec["answers"], strict=False):
        if number is not None:
            set_entry_question(store, entry_id, by_number[number])


def _plain_spec() -> dict[str, Any]:
    entry = {
        "kind": "quote",
        "text": "=1+1 [bold] \x1b[2J",
        "at_ms": 1000,
        "topics": ["pricing"],
        "emotions": ["frustrated"],
        "flags": {"starred"},
        "edited_to": None,
    }
    return {
        "name": "Ada",
        "company": "Acme",
        "goal": "",
        "facts": ["uses Notion"],
        "opportunities": [],
        "insights": [],
        "entries": [entry],
        "valences": {"frustrated": -1},
        "ended": True,
        "length_ms": 60_000,
        "recording_at_ms": None,
        "memorable": 0,
    }


def _surrogates_everywhere() -> dict[str, Any]:
    """A session where every text a user can type holds lone surrogates."""
    bad, tag = "caf\udcff \ud800", "caf\udcff-\ud800"
    spec = _plain_spec()
    entry = {**spec["entries"][0], "text": bad, "topics": [tag], "emotions": [f"v{tag}"]}
    entry["edited_to"] = f"{bad}!"
    spec.update(name=bad, company=bad, goal=bad, facts=[bad], opportunities=[bad])
    spec.update(insights=[bad], entries=[entry], valences={f"v{tag}": 1})
    return spec


def _guided_spec() -> dict[str, Any]:
    """The plain session, following a guide whose text is hostile too."""
    guide = parse_guide(
        "# [b]Guide[/b] \x1b[2J\n## =Warm-up (5 min)\n[@click=app.quit]x\n\n"
        "- Your role? @ada #role\n  - \u202eprobe\n- How big is your *team*?\n"
        "## Later\n- Where did it end up? #wiki\n"
    )
    spec = _plain_spec()
    spec["guide"] = {"guide": guide, "ticks": {1: (500, False), 2: (900, True)}, "answers": [3]}
    return spec


def same_document(text: str) -> dict[str, Any]:
    """The export with database ids replaced by positions in the document."""
    data = json.loads(text)
    position = {e["id"]: n for n, e in enumerate(data["entries"])}
    for n, entry in enumerate(data["entries"]):
        entry["id"] = n
    session = data["session"]
    session["id"] = data["participant"]["id"] = 0
    session["memorable_entry_id"] = position.get(session["memorable_entry_id"])
    return data


@settings(suppress_health_check=[HealthCheck.too_slow])  # builds two databases per example
@given(session_strategy)
@example(_surrogates_everywhere())
@example(_guided_spec())
def test_export_import_export_is_identical(spec: dict[str, Any]) -> None:
    source, target = memory_store(), memory_store()
    first = to_json(session_export_data(source, build(source, spec)))
    copied = import_json(target, first)
    second = to_json(session_export_data(target, copied))
    assert same_document(second) == same_document(first)
    assert [e.text for e in target.entries(copied)] == [
        encodable(e["edited_to"] if e["edited_to"] is not None else e["text"])
        for e in sorted(spec["entries"], key=lambda e: e["at_ms"])  # stable, like the export
    ]


def test_importing_a_copy_reuses_the_participant(tmp_path: Path) -> None:
    store = open_store(tmp_path / "e.db")
    spec = _plain_spec()
    data = json.loads(to_json(session_export_data(store, build(store, spec))))
    data["session"]["uuid"] = None  # another session (the same one would be updated)
    import_json(store, json.dumps(data))
    assert participant_count(store) == 1 and len(store.sessions()) == 2
    # the tag counts kept by triggers know the imported entries
    assert reach(store, "topic", ["pricing"]) == {"pricing": 1}


BAD_DOCUMENTS = {
    "not JSON": "{",
    "a list": "[]",
    "another format": '{"format": "something-else", "version": 1}',
    "a newer version": '{"format": "earful-session", "version": 99}',
}


def _document_with(change: str) -> str:
    store = memory_store()
    data = json.loads(to_json(session_export_data(store, build(store, _plain_spec()))))
    if change == "text is a number":
        data["entries"][0]["text"] = 5
    elif change == "tags are a string":
        data["entries"][0]["topics"] = "pricing"
    elif change == "unknown kind":
        data["entries"][0]["kind"] = "rumour"
    elif change == "negative time":
        data["entries"][0]["at_ms"] = -5
    elif change == "no entries field":
        del data["entries"]
    return json.dumps(data)


BROKEN_EXPORTS = ["text is a number", "tags are a string", "unknown kind", "negative time"]
BROKEN_EXPORTS.append("no entries field")


@pytest.mark.parametrize("document", [*BAD_DOCUMENTS.values(), *BROKEN_EXPORTS])
def test_a_bad_document_writes_nothing(document: str) -> None:
    store = memory_store()
    text = _document_with(document) if document in BROKEN_EXPORTS else document
    with pytest.raises(ValueError):
        import_json(store, text)
    counts = [store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES]
    assert counts == [0, 0, 0, 0]


TABLES = ("participants", "sessions", "entries", "entry_tags")


def earful(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=60
    )


def test_earful_import_prints_the_new_session_and_refuses_foreign_json(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.db")
    build(store, _plain_spec())
    store.close()
    exported = earful("--db", str(tmp_path / "a.db"), "export", "1", "-f", "json")
    (tmp_path / "s.json").write_text(exported.stdout, encoding="utf-8")
    done = earful("--db", str(tmp_path / "b.db"), "import", str(tmp_path / "s.json"))
    assert (done.returncode, done.stdout) == (0, "1\n")
    again = earful("--db", str(tmp_path / "b.db"), "export", "1", "-f", "json")
    assert same_document(again.stdout) == same_document(exported.stdout)

    (tmp_path / "foreign.json").write_text('{"hello": "world"}', encoding="utf-8")
    refused = earful("--db", str(tmp_path / "c.db"), "import", str(tmp_path / "foreign.json"))
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "foreign.json" in refused.stderr
    assert not (tmp_path / "c.db").exists()  # nothing written, not even an empty database
