"""``earful guide``: interview guides from Markdown files: add, list, show, coverage."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli.common import error_line, fail, open_store_or_exit, print_lines
from tui.core.config import Config
from tui.core.text import encodable, plural, visible

if TYPE_CHECKING:
    from tui.store.guide_coverage import Coverage
    from tui.store.store import Store

COMMANDS: set[str] = {"guide"}
FORMATS = ("md", "csv", "json")
# JSON escapes C0 controls itself; these it leaves raw, and a terminal would obey them.
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def add_commands(commands: Any) -> None:
    """Add ``guide`` and its subcommands to the ``earful`` parser."""
    guide = commands.add_parser(
        "guide",
        help="interview guides: add a Markdown guide, list, show, coverage",
        description="An interview guide is a Markdown file: `# Name`, a `Goal:` line,"
        " `## Section (N min)` headings, `- question @asker #topic` items and indented"
        " probes under them. Adding a changed file stores a new version; sessions keep"
        " the version they used.",
    )
    actions = guide.add_subparsers(dest="guide_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="store a guide file (a new version if it changed)")
    add.add_argument("file", metavar="FILE", help="the Markdown guide")
    add.add_argument("--name", type=encodable, help="the guide's name (else its `# ` line)")
    actions.add_parser("list", help="every guide, its latest version and how often it was used")
    show = actions.add_parser("show", help="print a guide's latest version")
    show.add_argument("name", metavar="NAME", help="the guide's name")
    show.add_argument("--format", choices=("md", "json"), default="md")
    cover = actions.add_parser(
        "coverage",
        help="per question: sessions that asked it, entries that answered it",
        description="For each question of the guide: how many of the sessions that"
        " followed it asked it, how many entries answered it, and from how many distinct"
        " participants. Questions only older versions had come last.",
    )
    cover.add_argument("name", metavar="GUIDE", help="the guide's name")
    cover.add_argument("--format", choices=FORMATS, default="md")


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run ``earful guide ACTION``; returns the exit status."""
    if args.guide_command == "add":
        return _add(Path(args.file).expanduser(), args.name, db_path)
    from tui.store.guides import GuideNotFound

    store = open_store_or_exit(db_path, read_only=True)
    try:
        if args.guide_command == "list":
            return _list(store)
        if args.guide_command == "show":
            return _show(store, args.name, args.format)
        return _coverage(store, args.name, args.format)
    except GuideNotFound as error:
        return fail(str(error))
    finally:
        store.close()


def _add(path: Path, name: str | None, db_path: Path) -> int:
    """Read and check the whole file before the database is opened: a refusal writes nothing."""
    from tui.core.guide import GuideError, read_guide, too_big

    shown = visible(str(path))
    try:
        if refusal := too_big(path.stat().st_size):
            raise refusal
        guide = read_guide(path.read_bytes(), name)
    except OSError as error:
        return error_line(f"{shown}: cannot read: {error.strerror or error}")
    except GuideError as error:
        where = f"{shown} line {error.line}:" if error.line else shown
        return error_line(f"{where} {visible(error.reason)}")
    from tui.store.guides import add_guide

    store = open_store_or_exit(db_path)
    try:
        added = add_guide(store, guide)
    finally:
        store.close()
    stored = added.version
    counts = f"{plural(len(stored.guide.sections), 'section')}, "
    counts += plural(len(stored.questions), "question")
    unchanged = "" if added.new else " (unchanged)"
    print(f"guide {visible(stored.name)} version {stored.version}: {counts}{unchanged}")
    return 0


def _list(store: Store) -> int:
    from tui.store.guides import all_guides

    guides = all_guides(store)
    if not guides:
        print("No guides yet. Add one with: earful guide add FILE")
        return 0
    width = min(30, max(len("guide"), *(len(visible(g.name)) for g in guides)))
    print(f"{'guide':{width}}  version  sections  questions  sessions  goal")
    for g in guides:
        print(
            f"{visible(g.name):{width}}  {g.version:>7}  {g.sections:>8}  {g.questions:>9}  "
            f"{g.sessions:>8}  {visible(g.goal)}".rstrip()
        )
    return 0


def _show(store: Store, name: str, fmt: str) -> int:
    from tui.core.guide import guide_json, render_guide
    from tui.store.guides import find_guide

    version = find_guide(store, name)
    if fmt == "json":
        data = {"version": version.version, **guide_json(version.guide)}
        print(inert_json(data), end="")
    else:
        print_lines(render_guide(version.guide))
    return 0


def _coverage(store: Store, name: str, fmt: str) -> int:
    from tui.store.guide_coverage import coverage

    found = coverage(store, name)
    if fmt == "json":
        print(inert_json(found.as_json()), end="")
    elif fmt == "csv":
        print_lines(coverage_csv(found))
    else:
        print_lines(coverage_markdown(found))
    return 0


def inert_json(data: Any) -> str:
    """JSON that reads as the data and that a terminal shows without obeying any of it."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def coverage_csv(found: Coverage) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "question", "asked", "sessions", "entries", "participants"])
    for q in found.questions:
        writer.writerow([q.section, q.text, q.asked, q.sessions, q.entries, q.participants])
    return out.getvalue()


def coverage_markdown(found: Coverage) -> str:
    """Questions under their sections, each with what was asked and answered."""
    lines = [f"# {found.guide}: coverage", ""]
    lines.append(
        f"Version {found.version}; followed in {plural(found.sessions, 'session')}."
        if found.sessions
        else f"Version {found.version}; no session has followed it yet."
    )
    section = None
    for q in found.questions:
        heading = q.section if q.current else "Only in earlier versions"
        if heading != section:
            section = heading
            lines += ["", f"## {heading or 'Opening'}"]
        text = q.text if q.current or not q.section else f"{q.section}: {q.text}"
        answers = f"{plural(q.entries, 'entry')} from {plural(q.participants, 'participant')}"
        lines.append(f"- {text} — asked in {q.asked} of {q.sessions}; {answers}")
    return "\n".join(lines) + "\n"
