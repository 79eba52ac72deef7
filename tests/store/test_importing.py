"""Importing an export: every bad document refused in one line naming where, nothing written."""

from __future__ import annotations

import copy
import json
import zipfile
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hatchling.build import build_wheel
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.store.guided import GUIDE, follow, run_the_guide
from tests.store.helpers import save_clock
from tui.core.clock import ClockState
from tui.core.export_json import to_json
from tui.core.guide import parse_guide
from tui.core.matching import Match, Matching
from tui.core.transcript import Cue, Transcript
from tui.store.editing import set_memorable
from tui.store.export_checks import ExportError
from tui.store.guides import add_guide, entry_questions, session_guide, ticks
from tui.store.importing import import_json
from tui.store.participants import update_profile
from tui.store.reach import participant_count
from tui.store.schema import migrations
from tui.store.snapshots import session_export_data
from tui.store.store import Store
from tui.store.transcripts import attach_transcript

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
START = 1_700_000_000_000
TABLES = ("participants", "sessions", "entries", "tags", "entry_tags")
TABLES += ("guides", "guide_versions", "guide_questions", "questions_asked")
TABLES += ("transcripts", "transcript_cues", "transcript_matches")
NOTHING = [0] * len(TABLES)
CALL = Transcript(
    "vtt",
    (
        Cue(40_000, 44_000, "Sam", "How do you share what you found?"),
        Cue(51_000, 56_000, "Ada", "Honestly nobody reads our wiki, ever."),
        Cue(57_000, 59_000, "Sam", "Tell me more about that."),
    ),
)


def memory_store() -> Store:
    db = Database(memory=True)
    migrations.apply(db)
    return Store(db, Path(":memory:"))


def counts(store: Store) -> list[int]:
    return [store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES]


def exported() -> dict[str, Any]:
    """A real export: two entries, an emotion with a valence, a memorable quote, the
    guide it followed (Q1 and Q3 asked, Q2 skipped, Q4 not reached; the quote answers Q3),
    and the call's transcript, the quote matched to the words said."""
    store = memory_store()
    ada = store.participant_for("Ada Lovelace", "Acme")
    update_profile(store, ada.id, "Ada Lovelace", "Acme", "ada@acme.test", "Enterprise", ["CTO"])
    clock = ClockState(START, 0, None, START + 1_800_000)
    session = store.create_session(ada.id, "Sharing findings", 30, clock)
    save_clock(store, session.id, clock)
    store.tag_id("emotion", "frustrated", -1)
    quote = store.add_entry(
        session.id, "quote", "Nobody reads our wiki", 61_000, ["wiki"], ["frustrated"]
    )
    store.add_entry(session.id, "note", "Uses Notion daily", 90_000, [], [], ["follow_up"])
    set_memorable(store, session.id, quote.id)
    run_the_guide(store, session.id, {quote.id: 3})
    said = Match(quote.id, 52_000, 55_500, "nobody reads our wiki", "Ada", 93, "accepted")
    attach_transcript(
        store, session.id, "call.vtt", CALL, Matching("Ada", -7_200, "estimated", 1, (said,))
    )
    data: dict[str, Any] = json.loads(to_json(session_export_data(store, session.id)))
    return data


GOOD = exported()


def changed(edit: Callable[[dict[str, Any]], None]) -> str:
    data = copy.deepcopy(GOOD)
    edit(data)
    return json.dumps(data)


def entry(n: int, field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["entries"][n].__setitem__(field, value)


def clock(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["session"]["clock"].__setitem__(field, value)


def guide(edit: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], None]:
    return lambda d: edit(d["guide"])


def session(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["session"].__setitem__(field, value)


# One document per kind of refusal, and the one line that says what and where.
REFUSED = {
    "nested 100,000 deep": (
        "[" * 100_000,
        "line 1 column 33: nested over 32 deep",
    ),
    "a time beyond any integer column": (
        changed(entry(0, "at_ms", 10**30)),
        "entries[0].at_ms: expected milliseconds into the interview, a whole number from 0 to"
        " 366 days, not 1000000000000000000000000000000",
    ),
    "an entry 292 million years in": (
        changed(entry(1, "at_ms", 2**63 - 1)),
        "entries[1].at_ms: expected milliseconds into the interview, a whole number from 0 to"
        " 366 days, not 9223372036854775807",
    ),
    "a time in fractions": (
        changed(entry(0, "at_ms", 1000.5)),
        "entries[0].at_ms: expected milliseconds into the interview, a whole number from 0 to"
        " 366 days, not 1000.5",
    ),
    "false written as text": (
        changed(entry(1, "starred", "false")),
        'entries[1].starred: expected true or false, not "false"',
    ),
    "a flag written as 0": (
        changed(entry(0, "testimonial", 0)),
        "entries[0].testimonial: expected true or false, not 0",
    ),
    "version true": (
        changed(lambda d: d.__setitem__("version", True)),
        "version: expected 1, 2, 3 or 4 (the export versions this Earful reads), not true",
    ),
    "a clock started before 1970": (
        changed(clock("started_at_ms", -1)),
        "session.clock.started_at_ms: expected milliseconds since 1970, a whole number from 0 to"
        " 2^53 - 1, not -1",
    ),
    "a clock ended before it started": (
        changed(clock("ended_at_ms", 0)),
        "session.clock.ended_at_ms: 0 is before started_at_ms",
    ),
    "paused for longer than it ran": (
        changed(clock("paused_ms", 1_800_001)),
        "session.clock.paused_ms: paused for longer than the clock ran",
    ),
    "no minutes planned": (
        changed(session("planned_minutes", 0)),
        "session.planned_minutes: expected a whole number of minutes from 1 to 600, not 0",
    ),
    "negative minutes planned": (
        changed(session("planned_minutes", -30)),
        "session.planned_minutes: expected a whole number of minutes from 1 to 600, not -30",
    ),
    "a date that is no date": (
        changed(session("created_at", "last Tuesday")),
        "session.created_at: expected an ISO 8601 date and time like 2026-11-28T14:05:00+01:00,"
        ' not "last Tuesday"',
    ),
    "an entry's date that is no date": (
        changed(entry(1, "edited_at", "2026-13-45")),
        "entries[1].edited_at: expected an ISO 8601 date and time like"
        ' 2026-11-28T14:05:00+01:00, not "2026-13-45"',
    ),
    "a tag that normalises to nothing": (
        changed(entry(0, "topics", ["wiki", " _ "])),
        'entries[0].topics[1]: " _ " is no tag name: nothing is left of it',
    ),
    "an emotion's valence out of range": (
        changed(lambda d: d["tags"]["emotions"]["frustrated"].__setitem__("valence", 2)),
        "tags.emotions.frustrated.valence: expected -1, 0 or 1, not 2",
    ),
    "half a character in a quote": (
        changed(entry(0, "text", "ok \ud800 then")),
        "entries[0].text: text holds \\ud800, half of a character (a lone surrogate)",
    ),
    "half a character in a fact": (
        changed(lambda d: d["participant"]["facts"].append("\udcff")),
        "participant.facts[1]: text holds \\udcff, half of a character (a lone surrogate)",
    ),
    "half a character in a tag's name": (
        changed(lambda d: d["tags"]["emotions"].__setitem__("x\udc80", {"valence": 0})),
        "tags.emotions: a field name holds \\udc80, half of a character (a lone surrogate)",
    ),
    "an unknown kind of entry": (
        changed(entry(0, "kind", "rumour")),
        'entries[0].kind: expected "quote", "note" or "mark", not "rumour"',
    ),
    "a missing field": (
        changed(lambda d: d["entries"][1].pop("emotions")),
        "entries[1]: missing field 'emotions'",
    ),
    "two entries with one id": (
        changed(lambda d: d["entries"][1].__setitem__("id", d["entries"][0]["id"])),
        f"entries[1].id: another entry has id {GOOD['entries'][0]['id']}",
    ),
    "a memorable quote that is not there": (
        changed(session("memorable_entry_id", 424242)),
        "session.memorable_entry_id: no entry has id 424242",
    ),
    "a participant without a name": (
        changed(lambda d: d["participant"].__setitem__("name", "  ")),
        "participant.name: a participant needs a name",
    ),
    "not an export at all": (
        '{"hello": "world"}',
        'top level: not an Earful session export (no "format" field)',
    ),
    "not JSON": (
        "{",
        "line 1 column 2: not JSON: Expecting property name enclosed in double quotes",
    ),
    # the guide, its ticks and the entries' questions
    "a version 2 export without its guide": (
        changed(lambda d: d.pop("guide")),
        "top level: missing field 'guide'",
    ),
    "a version 2 entry without its question": (
        changed(lambda d: d["entries"][1].pop("question")),
        "entries[1]: missing field 'question'",
    ),
    "a guide that is a list": (
        changed(lambda d: d.__setitem__("guide", [])),
        "guide: expected null or an object (the guide the session followed), not a list",
    ),
    "a guide without sections": (
        changed(guide(lambda g: g.pop("sections"))),
        "guide: missing field 'sections'",
    ),
    "a question without words": (
        changed(guide(lambda g: g["sections"][0]["questions"][1].pop("text"))),
        "guide.sections[0].questions[1]: missing field 'text'",
    ),
    "a question on two lines": (
        changed(guide(lambda g: g["sections"][1]["questions"][0].__setitem__("text", "a\nb"))),
        'guide.sections[1].questions[0].text: expected text on one line, not "a\\nb"',
    ),
    "a budget written as text": (
        changed(guide(lambda g: g["sections"][0].__setitem__("minutes", "5"))),
        'guide.sections[0].minutes: expected null or a time budget from 1 to 600 minutes, not "5"',
    ),
    "a guide without a name": (
        changed(guide(lambda g: g.__setitem__("name", " "))),
        "guide.name: a guide needs a name",
    ),
    "a guide without questions": (
        changed(guide(lambda g: [s.__setitem__("questions", []) for s in g["sections"]])),
        "guide.sections: a guide needs at least one question",
    ),
    "a second section without a title": (
        changed(guide(lambda g: g["sections"][1].__setitem__("title", ""))),
        "guide.sections[1].title: a section needs a title (only the first may have none)",
    ),
    "a question that would read back as another": (
        changed(guide(lambda g: g["sections"][1]["questions"][1].__setitem__("text", "Where? #x"))),
        "guide.sections[1].questions[1]: would read back differently from the guide's Markdown"
        " (spaces at either end, or a trailing @name or #topic in its text?)",
    ),
    "a tick for a question the guide lacks": (
        changed(guide(lambda g: g["ticks"][0].__setitem__("question", 9))),
        "guide.ticks[0].question: the guide has no question 9",
    ),
    "two ticks for one question": (
        changed(guide(lambda g: g["ticks"][1].__setitem__("question", 1))),
        "guide.ticks[1].question: another tick is for question 1",
    ),
    "a tick before the interview": (
        changed(guide(lambda g: g["ticks"][0].__setitem__("asked_at_ms", -1))),
        "guide.ticks[0].asked_at_ms: expected milliseconds into the interview, a whole number"
        " from 0 to 366 days, not -1",
    ),
    "a tick neither asked nor skipped": (
        changed(guide(lambda g: g["ticks"][0].__setitem__("skipped", None))),
        "guide.ticks[0].skipped: expected true or false, not null",
    ),
    "an entry answering question 0": (
        changed(entry(0, "question", 0)),
        "entries[0].question: expected null or a question's number through the guide, from 1,"
        " not 0",
    ),
    "an entry answering a question the guide lacks": (
        changed(entry(0, "question", 5)),
        "entries[0].question: the guide has no question 5",
    ),
    "an entry answering a question with no guide": (
        changed(lambda d: d.__setitem__("guide", None)),
        "entries[0].question: the export has no guide to ask it",
    ),
}


@pytest.mark.parametrize("name", REFUSED)
def test_each_bad_document_is_refused_in_one_line_saying_where(name: str) -> None:
    document, message = REFUSED[name]
    store = memory_store()
    with pytest.raises(ExportError) as refused:
        import_json(store, document)
    assert str(refused.value) == message
    assert counts(store) == NOTHING


def without_ids(document: dict[str, Any]) -> dict[str, Any]:
    """The export with database ids (which differ by design) replaced by positions."""
    document = copy.deepcopy(document)
    position = {e["id"]: n for n, e in enumerate(document["entries"])}
    for n, e in enumerate(document["entries"]):
        e["id"] = n
    document["session"]["id"] = document["participant"]["id"] = 0
    memorable = document["session"]["memorable_entry_id"]
    document["session"]["memorable_entry_id"] = position[memorable]
    return document


def test_a_good_export_round_trips() -> None:
    store = memory_store()
    copied = import_json(store, json.dumps(GOOD))
    again = json.loads(to_json(session_export_data(store, copied)))
    assert without_ids(again) == without_ids(GOOD)
    assert again["entries"][0]["text"] == "Nobody reads our wiki"


def imported_guide(store: Store, session_id: int) -> tuple[Any, dict[int, Any], dict[str, int]]:
    """The guide the session follows, its ticks and the entries' questions, by number."""
    version = session_guide(store, session_id)
    assert version is not None
    number = {q.id: q.number for q in version.questions}
    done = {number[q]: (t.asked_at_ms, t.skipped) for q, t in ticks(store, session_id).items()}
    texts = {e.id: e.text for e in store.entries(session_id)}
    answers = {texts[e]: number[q] for e, q in entry_questions(store, session_id).items()}
    return version, done, answers


def test_a_guided_session_comes_back_following_its_guide_with_ticks_and_answers() -> None:
    store = memory_store()
    copied = import_json(store, json.dumps(GOOD))
    version, done, answers = imported_guide(store, copied)
    assert version.guide == parse_guide(GUIDE) and version.version == 1
    assert done == {1: (30_000, False), 2: (40_000, True), 3: (60_000, False)}
    assert answers == {"Nobody reads our wiki": 3}  # the note answered none


def test_the_guide_is_matched_by_what_it_asks_never_added_twice() -> None:
    store = memory_store()
    here = store.create_session(store.participant_for("Bo", "").id, "", 30, ClockState(START))
    known = follow(store, here.id)
    revised = follow(store, here.id, GUIDE.replace("Where did it end up?", "Where is it now?"))
    assert revised.version == 2  # the guide was revised here since the export's interview

    first, second = import_json(store, json.dumps(GOOD)), import_json(store, json.dumps(GOOD))
    for copied in (first, second):  # the version it asked, not the latest, not a third
        assert imported_guide(store, copied)[0].id == known.id
    assert counts(store)[TABLES.index("guide_versions")] == 2


def test_a_guide_known_by_another_name_is_matched_and_a_changed_one_is_a_new_version() -> None:
    store = memory_store()
    other = add_guide(store, parse_guide(GUIDE, name="Discovery (team copy)")).version
    assert imported_guide(store, import_json(store, json.dumps(GOOD)))[0].id == other.id

    def reworded(d: dict[str, Any]) -> None:
        d["guide"]["sections"][0]["questions"][1]["text"] = "How many are you?"

    store = memory_store()
    old = add_guide(store, parse_guide(GUIDE)).version
    version, done, answers = imported_guide(store, import_json(store, changed(reworded)))
    assert (version.guide_id, version.version) == (old.guide_id, 2)
    assert version.questions[1].text == "How many are you?"
    assert done[2] == (40_000, True) and answers == {"Nobody reads our wiki": 3}


def test_an_export_from_before_guides_still_imports() -> None:
    def version_1(d: dict[str, Any]) -> None:
        d["version"] = 1
        del d["guide"]
        for e in d["entries"]:
            del e["question"]

    store = memory_store()
    copied = import_json(store, changed(version_1))
    assert session_guide(store, copied) is None
    assert [e.text for e in store.entries(copied)] == ["Nobody reads our wiki", "Uses Notion daily"]
    assert json.loads(to_json(session_export_data(store, copied)))["guide"] is None


def test_tag_names_are_stored_as_typing_would_write_them() -> None:
    def odd_names(d: dict[str, Any]) -> None:
        d["entries"][0]["topics"] = ["Big Topic!", "big topic!", "Feature_Requests"]
        d["entries"][0]["emotions"] = ["Very Frustrated"]
        d["tags"]["emotions"] = {"Very Frustrated": {"count": 1, "valence": -1}}

    store = memory_store()
    copied = import_json(store, changed(odd_names))
    first = store.entries(copied)[0]
    assert first.topics == ("big-topic!", "feature-requests")
    assert first.emotions == ("very-frustrated",)
    valence = store.conn.execute("SELECT valence FROM tags WHERE name = 'very-frustrated'")
    assert valence.fetchone()[0] == -1


def test_importing_into_a_known_participant_keeps_what_we_know_of_them() -> None:
    store = memory_store()
    ada = store.participant_for("Ada Lovelace", "Acme")
    update_profile(store, ada.id, "Ada Lovelace", "Acme", "ada@lovelace.test", "Research", ["CEO"])

    def someone_else_wrote(d: dict[str, Any]) -> None:
        d["participant"].update(
            name="ADA LOVELACE", company="acme", email="typo@wrong.test", segment="SMB",
            facts=["CEO", "has two teams"],
        )  # fmt: skip

    import_json(store, changed(someone_else_wrote))
    known = store.participant(ada.id)
    assert participant_count(store) == 1
    assert (known.name, known.company) == ("Ada Lovelace", "Acme")
    assert (known.email, known.segment) == ("ada@lovelace.test", "Research")
    assert known.facts == ("CEO", "has two teams")  # only what was missing is added


def test_importing_fills_what_a_known_participant_left_blank() -> None:
    store = memory_store()
    ada = store.participant_for("Ada Lovelace", "Acme")
    import_json(store, json.dumps(GOOD))
    known = store.participant(ada.id)
    assert (known.email, known.segment, known.facts) == ("ada@acme.test", "Enterprise", ("CTO",))


def test_the_schema_is_inside_the_package_and_the_wheel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PROJECT_ROOT)
    shipped = resources.files("tui.store").joinpath("export.schema.json").read_text("utf-8")
    assert json.loads(shipped)["properties"]["version"]["enum"] == [1, 2, 3, 4]
    wheel = tmp_path / build_wheel(str(tmp_path), config_settings=None)
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("tui/store/export.schema.json").decode("utf-8") == shipped


# Any JSON at all: imported, or refused with one printable line; never another exception.

_CHARS = st.sampled_from('\ud800\udfff\x00\n"\\[]{}é👩‍💻') | st.characters()
_TEXT = st.text(_CHARS, max_size=12)
_LEAVES = st.none() | st.booleans() | st.integers() | st.integers(-1, 2**63) | st.floats() | _TEXT
_JSON = st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=12,
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict | list):
        for key, inner in value.items() if isinstance(value, dict) else enumerate(value):
            yield from _places(inner, (*path, key))


@st.composite
def _near_exports(draw: st.DrawFn) -> str:
    """A real export with a few values replaced or removed: it gets past the first checks."""
    data = copy.deepcopy(GOOD)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_places(data))[1:]))
        *parent_path, key = path
        parent: Any = data
        for step in parent_path:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[key]
        else:
            parent[key] = draw(_JSON)
    return json.dumps(data)


_DOCUMENTS = _near_exports() | _JSON.map(json.dumps) | st.text(_CHARS, max_size=40)


@settings(suppress_health_check=[HealthCheck.too_slow])  # examples and deadline: the profile
@given(_DOCUMENTS)
def test_any_json_is_imported_or_refused_in_one_line(document: str) -> None:
    store = memory_store()
    try:
        import_json(store, document)
    except ValueError as error:
        line = str(error)
        assert line and "\n" not in line
        line.encode("utf-8")  # printable: no half characters in the message
        assert counts(store) == NOTHING
