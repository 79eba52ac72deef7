"""The file browsed with the real tools: Datasette (run in-process through its own client,
with the metadata ``earful datasette`` writes) and ``sqlite-utils search`` find, count and
list what ``earful board``, ``earful search`` and the app's pages do on the same data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from datasette.app import Datasette

from tui.cli import main
from tui.core.demo import generate
from tui.store.datasette_metadata import INTERNAL_TABLES, QUERIES
from tui.store.demo import write_corpus
from tui.store.editing import edit_entry
from tui.store.guide_coverage import coverage
from tui.store.insights import board, search, tag_quotes
from tui.store.participants import page
from tui.store.store import Store, open_store

# Words the demo corpus holds, stemmed and not; "price" finds "pricing" as the app does.
WORDS = ("price", "export", "slack", "team", "the")
EVERYTHING = 1_000_000


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A team's file: the demo corpus (tags, a guide, repeat participants), one entry
    edited after the call."""
    path = tmp_path / "team.db"
    store = open_store(path)
    write_corpus(store, generate(seed=11, participants=8, sessions=12))
    edit_entry(store, 1, text="we export to Slack and nobody reads it")
    store.close()
    return path


@pytest.fixture
def metadata(repository: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "metadata.json"
    assert main(["--db", str(repository), "datasette", "-o", str(out)]) == 0
    loaded: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def store(repository: Path) -> Any:
    opened = open_store(repository, read_only=True)
    yield opened
    opened.close()


async def datasette(repository: Path, metadata: dict[str, Any]) -> Datasette:
    ds = Datasette(files=[str(repository)], metadata=metadata)
    await ds.invoke_startup()
    return ds


async def rows(ds: Datasette, path: str) -> list[dict[str, Any]]:
    response = await ds.client.get(path)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


async def facets(ds: Datasette, query: str) -> dict[str, dict[Any, int]]:
    response = await ds.client.get(f"/team/entries_detail.json?_size=0&_facet_size=max&{query}")
    assert response.status_code == 200, response.text
    results = response.json()["facet_results"]
    assert not response.json().get("facets_timed_out")
    return {name: {r["value"]: r["count"] for r in f["results"]} for name, f in results.items()}


async def test_the_search_box_finds_what_earful_search_finds(
    repository: Path, metadata: dict[str, Any], store: Store
) -> None:
    ds = await datasette(repository, metadata)
    page_html = (await ds.client.get("/team/entries")).text
    assert 'name="_search"' in page_html  # Datasette detected the full-text index
    for word in WORDS:
        expected = {hit.entry_id for hit in search(store, word, limit=EVERYTHING)}
        assert expected, word
        for table, key in (("entries", "id"), ("entries_detail", "entry_id")):
            got = await rows(ds, f"/team/{table}.json?_search={word}&_shape=array&_size=max")
            assert {row[key] for row in got} == expected, (table, word)
    # The edit replaced the words: the index follows the entry's text, not its original.
    assert 1 in {
        row["id"] for row in await rows(ds, "/team/entries.json?_search=nobody+reads&_shape=array")
    }


async def test_facets_on_entries_detail_give_the_boards_counts(
    repository: Path, metadata: dict[str, Any], store: Store
) -> None:
    ds = await datasette(repository, metadata)
    counted = await facets(ds, "_facet_array=topics&_facet_array=emotions")
    rows_of_board = board(store)
    assert rows_of_board
    for row in rows_of_board:
        column = "topics" if row.kind == "topic" else "emotions"
        assert counted[column][row.tag] == row.entries, row.tag
        # Who raised it: the participant facet of the entries carrying the tag.
        who = (await facets(ds, f"_facet=participant&{column}__arraycontains={quote(row.tag)}"))[
            "participant"
        ]
        assert len(who) == row.participants and set(who) == set(row.names), row.tag
        assert sum(who.values()) == row.entries
    assert sum(len(counted[c]) for c in ("topics", "emotions")) == len(rows_of_board)


async def test_the_boards_query_ranks_tags_as_earful_board_does(
    repository: Path, metadata: dict[str, Any], store: Store
) -> None:
    ds = await datasette(repository, metadata)
    got = await rows(ds, "/team/tags_by_participants.json?_shape=array")
    assert [
        (r["tag"], r["kind"], r["participants"], r["out_of"], r["entries"], json.loads(r["names"]))
        for r in got
    ] == [(r.tag, r.kind, r.participants, r.of, r.entries, list(r.names)) for r in board(store)]


async def test_a_tags_quotes_are_the_ones_the_board_opens(
    repository: Path, metadata: dict[str, Any], store: Store
) -> None:
    ds = await datasette(repository, metadata)
    rows_of_board = board(store)
    topic = next(r.tag for r in rows_of_board if r.kind == "topic")
    emotion = next(r.tag for r in rows_of_board if r.kind == "emotion")
    for typed, tag in (
        (topic, topic),
        (f"#{topic.upper()}", topic),
        (f"!{emotion}", f"!{emotion}"),
    ):
        expected = [q.entry_id for group in tag_quotes(store, [tag]) for q in group.quotes]
        got = await rows(ds, f"/team/tag_quotes.json?_shape=array&tag={quote(typed)}")
        assert sorted(r["entry_id"] for r in got) == sorted(expected), typed
    none = await rows(ds, f"/team/tag_quotes.json?_shape=array&tag={quote('!' + topic)}")
    assert none == []  # a topic's name typed as an emotion is another tag


async def test_everything_one_participant_said_is_their_page(
    repository: Path, metadata: dict[str, Any], store: Store
) -> None:
    ds = await datasette(repository, metadata)
    people = store.conn.execute("SELECT id, name FROM participants ORDER BY id").fetchall()
    assert len({name for _, name in people}) == len(people)  # names tell them apart here
    for pid, name in people:
        got = await rows(ds, f"/team/participant_said.json?_shape=array&participant={quote(name)}")
        assert [r["entry_id"] for r in got] == [e.entry_id for e in page(store, pid).said], name
    shouted = people[0][1].upper()
    got = await rows(ds, f"/team/participant_said.json?_shape=array&participant={quote(shouted)}")
    assert len(got) == len(page(store, people[0][0]).said)


async def test_guide_coverage_per_question_is_the_apps(
    repository: Path, metadata: dict[str, Any], store: Store
) -> None:
    ds = await datasette(repository, metadata)
    got = await rows(ds, "/team/guide_coverage.json?_shape=array")
    (name,) = {r["guide"] for r in got}
    covered = coverage(store, name)
    assert [
        (r["section"], r["question"], r["sessions"], r["asked"], r["entries"], r["participants"])
        for r in got
    ] == [
        (q.section, q.text, q.sessions, q.asked, q.entries, q.participants)
        for q in covered.questions
    ]
    assert any(r["asked"] for r in got) and any(r["entries"] for r in got)


async def test_internal_tables_are_hidden_and_the_rest_described(
    repository: Path, metadata: dict[str, Any]
) -> None:
    ds = await datasette(repository, metadata)
    response = await ds.client.get("/team.json")
    tables = {t["name"]: t for t in response.json()["tables"]}
    assert {name for name, t in tables.items() if t["hidden"]} == set(INTERNAL_TABLES)
    assert "entries_detail" in {v["name"] for v in response.json()["views"]}
    entries_page = (await ds.client.get("/team/entries")).text
    assert "Everything noted during the interviews" in entries_page
    queries = {q["name"] for q in response.json()["queries"]}
    assert queries == set(QUERIES)


def test_sqlite_utils_search_finds_the_entries_earful_finds(repository: Path, store: Store) -> None:
    for word in ("price", "slack"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "sqlite_utils",
                "search",
                str(repository),
                "entries",
                word,
                "-c",
                "id",
                "--limit",
                str(EVERYTHING),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        found = {row["id"] for row in json.loads(done.stdout)}
        assert found == {hit.entry_id for hit in search(store, word, limit=EVERYTHING)}
        assert found


def test_the_metadata_goes_to_standard_output_named_for_the_file(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(repository), "datasette"]) == 0
    written = json.loads(capsys.readouterr().out)
    assert list(written["databases"]) == ["team"]  # Datasette's name for team.db
    assert set(written["databases"]["team"]["queries"]) == set(QUERIES)


def test_an_unwritable_output_is_one_line_and_exit_1(
    repository: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no such folder" / "metadata.json"
    assert main(["--db", str(repository), "datasette", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("earful: cannot write") and str(out) in err
    assert not out.parent.exists()
