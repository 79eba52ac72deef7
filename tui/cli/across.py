"""Commands for across interviews: board, brief, search, demo."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.cli.common import MAX_RESULTS, bounded, fail, open_store_or_exit, print_lines, who
from tui.core.clock import format_ms
from tui.core.config import Config
from tui.core.text import plural, visible

COMMANDS: set[str] = {"board", "brief", "search", "demo"}
MAX_SCALE = 10_000_000


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the ``earful`` parser."""
    board = commands.add_parser("board", help="tags ranked by how many participants raised them")
    board.add_argument("--format", choices=("md", "csv", "json"), default="md")
    _filter_options(board)

    brief = commands.add_parser("brief", help="an insight brief: finding, evidence, key quotes")
    brief.add_argument(
        "--tag", action="append", required=True, help="a topic, or !emotion (repeatable)"
    )
    brief.add_argument("--finding", default="", help="the finding, in your words")
    combine = brief.add_mutually_exclusive_group()
    combine.add_argument(
        "--all-of",
        dest="all_of",
        action="store_true",
        default=None,
        help="only entries carrying every tag (default for a topic with an emotion)",
    )
    combine.add_argument(
        "--any-of", dest="all_of", action="store_false", help="entries carrying any of the tags"
    )
    brief.add_argument("--format", choices=("md",), default="md")
    _filter_options(brief)

    search = commands.add_parser(
        "search",
        help="full-text search of every entry and transcript",
        description="Entries first, then the transcript lines that hold the words, each"
        " marked 'transcript', its time the time in the recording.",
    )
    search.add_argument("words", help="words to find (searched as plain words)")
    search.add_argument(
        "--tag", help="only entries with this tag (!name for an emotion); no transcript lines"
    )
    search.add_argument(
        "--limit",
        type=bounded("--limit", 1, MAX_RESULTS),
        default=50,
        help="at most this many entries, and as many transcript lines",
    )

    demo = commands.add_parser("demo", help="fill the database with an example repository")
    demo.add_argument("--force", action="store_true", help="add to a database that has data")
    demo.add_argument(
        "--scale",
        type=bounded("--scale", 1, MAX_SCALE),
        metavar="N",
        help="a team's years of interviews instead: about N entries, 100 a session,"
        " 5 sessions a participant (1000000 takes a few minutes)",
    )


def _filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", default="", help="sessions on or after")
    parser.add_argument("--to", dest="date_to", default="", help="sessions on or before")
    parser.add_argument("--company", default="", help="sessions with this company")
    parser.add_argument("--goal", default="", help="sessions whose goal has these words")


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run one of ``COMMANDS``; returns the exit status."""
    from tui.core.insights import FilterError, parse_filter

    filters = None
    if args.command in ("board", "brief"):
        try:
            filters = parse_filter(args.date_from, args.date_to, args.company, args.goal)
        except FilterError as error:
            return fail(str(error))
    store = open_store_or_exit(db_path, read_only=args.command != "demo")
    try:
        if args.command == "board":
            return _board(store, filters, args.format)
        if args.command == "brief":
            return _brief(store, filters, args.tag, args.finding, args.all_of)
        if args.command == "search":
            return _search(store, args.words, args.tag, args.limit)
        if args.scale is not None:
            return _demo_scale(store, args.force, args.scale)
        return _demo(store, args.force)
    finally:
        store.close()


def _board(store: Any, filters: Any, fmt: str) -> int:
    from tui.core.insights import NAMES_SHOWN, board_csv, board_json, board_markdown
    from tui.store.insights import board, participants_in

    # Markdown is read by a person and names the first NAMES_SHOWN of each tag, so it asks
    # for no more; CSV and JSON are data and carry every name.
    rows = board(store, filters, names=NAMES_SHOWN if fmt == "md" else None)
    if fmt == "csv":
        print_lines(board_csv(rows))
    elif fmt == "json":
        print(board_json(rows), end="")  # JSON escapes control characters itself
    else:
        if not rows:
            print(
                "No tagged entries match these filters."
                if filters.active
                else "No tagged entries yet. Tag quotes with #topic, or try: earful demo"
            )
            return 0
        print_lines(board_markdown(rows, participants_in(store, filters)))
    return 0


def _brief(
    store: Any, filters: Any, tags: list[str], finding: str, all_of: bool | None = None
) -> int:
    from tui.core.brief import render_brief
    from tui.store.insights import UnknownTag, brief

    try:
        made = brief(store, tags, finding, filters, all_of)
    except UnknownTag as error:
        return fail(str(error))
    print_lines(render_brief(made))
    return 0


def _search(store: Any, words: str, tag: str | None, limit: int) -> int:
    from tui.core.searching import newest_note
    from tui.store.insights import UnknownTag, fts_query, search_all

    if limit < 1:
        return fail("--limit must be 1 or more")
    if not fts_query(words):
        return fail("type at least one word to search for")
    try:
        found = search_all(store, words, tag, limit)
    except UnknownTag as error:
        return fail(str(error))
    if not found.entries and not found.transcript:
        print("Nothing found.")
        return 0
    # Entries (what was typed) first, then transcript lines (what was said): their scores
    # come from two indexes and do not compare; each list has its own limit.
    for hit in found.entries:
        print(
            f"session {hit.session_id:>4}  {hit.session_date} {format_ms(hit.at_ms):>8}  "
            f"{visible(who(hit.participant, hit.company))}: {visible(hit.text)}"
        )
    for line in found.transcript:
        print(
            f"session {line.session_id:>4}  {line.session_date} {format_ms(line.start_ms):>8}  "
            f"transcript · {visible(who(line.participant, line.company))} · "
            f"{visible(line.speaker_label)}: {visible(line.text)}"
        )
    note = newest_note(found.entries_newest, found.transcript_newest)
    if note:  # last, where a reader's eye ends: not every match was ranked
        print(note)
    return 0


def _demo(store: Any, force: bool) -> int:
    from tui.core.demo import generate
    from tui.store.demo import has_data, write_corpus

    if has_data(store) and not force:
        return fail(
            f"{store.path} already has interviews; the demo was not added."
            " Use --force to add it anyway, or --db to choose another file."
        )
    people, sessions, entries = write_corpus(store, generate())
    print(
        f"Added a demo repository to {store.path}: {plural(people, 'participant')},"
        f" {plural(sessions, 'session')}, {plural(entries, 'entry')}."
        f" Open it with: earful --db {store.path}"
    )
    return 0


def _demo_scale(store: Any, force: bool, scale: int) -> int:
    import sys

    from tui.core.demo_scale import Shape, participants, sessions
    from tui.store.demo import has_data, write_scale

    if has_data(store) and not force:
        return fail(
            f"{store.path} already has interviews; the demo was not added."
            " Use --force to add it anyway, or --db to choose another file."
        )
    shape = Shape.of(scale)
    progress = _building(scale) if sys.stderr.isatty() else None
    try:
        people, made, entries = write_scale(store, participants(shape), sessions(shape), progress)
    finally:
        if progress is not None:
            print(file=sys.stderr)
    print(
        f"Added a demo repository to {store.path}: {plural(people, 'participant')},"
        f" {plural(made, 'session')}, {plural(entries, 'entry')}."
        f" Open it with: earful --db {store.path}"
    )
    return 0


def _building(total: int) -> Callable[[int], None]:
    """``building 120,000 of 1,000,000 entries`` on one terminal line, redrawn as it goes;
    then what the last minute is spent on."""
    import sys
    import time

    shown = [0.0]

    def show(done: int) -> None:
        now = time.monotonic()
        if done >= total or now - shown[0] >= 0.1:
            shown[0] = now
            tail = ", indexing them…" if done >= total else ""
            print(f"\rbuilding {done:,} of {total:,} entries{tail}", end="", file=sys.stderr)

    return show
