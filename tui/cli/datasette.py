"""``earful datasette``: metadata for browsing, querying and publishing the file in Datasette."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tui.cli.common import error_line, open_store_or_exit
from tui.core.config import Config
from tui.core.text import visible

COMMANDS: set[str] = {"datasette"}


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the ``earful`` parser."""
    datasette = commands.add_parser(
        "datasette",
        help="metadata for Datasette: descriptions, hidden tables, the board as queries",
        description="Writes Datasette metadata (JSON) for the database: what each table and"
        " column holds, internal tables hidden, and canned queries for the board, a tag's"
        " quotes, one participant's entries and guide coverage. Use it with"
        " `datasette earful.db -m metadata.json`. An older file is upgraded first, so its"
        " full-text search shows in Datasette.",
    )
    datasette.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run one of ``COMMANDS``; returns the exit status."""
    from tui.store.datasette_metadata import datasette_metadata

    # Opened only to refuse what is not an Earful file, and to upgrade an older one: the
    # search box needs the index in the form this version writes.
    open_store_or_exit(db_path, read_only=True).close()
    # Datasette names a database after its file, without the extension.
    text = json.dumps(datasette_metadata(db_path.stem), ensure_ascii=False, indent=2) + "\n"
    if not args.output:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return 0
    path = Path(args.output).expanduser()
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        return error_line(f"cannot write {visible(str(path))}: {error.strerror or error}")
    print(
        f"earful: wrote Datasette metadata to {visible(str(path))};"
        f" run: datasette {visible(str(db_path))} -m {visible(str(path))}",
        file=sys.stderr,
    )
    return 0
