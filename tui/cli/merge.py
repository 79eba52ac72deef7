"""``earful merge OTHER``: another note-taker's database or bundle, merged into this one."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.cli.common import error_line, open_store_or_exit
from tui.core.config import Config
from tui.core.text import visible

COMMANDS: set[str] = {"merge"}


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the ``earful`` parser."""
    merge = commands.add_parser(
        "merge",
        help="merge another Earful database or JSON bundle into this one",
        description="Brings every session, entry, participant, tag and deletion of OTHER"
        " (another Earful database, a bundle from `earful export --all --format json`, or a"
        " session export) into this database, in one transaction. Rows are matched by their"
        " uuid, participants also by name and company; the newer edit wins and the verbatim"
        " text is never lost. Merging the same file again changes nothing. OTHER is only"
        " read.",
    )
    merge.add_argument("other", metavar="OTHER", help="the database or JSON file to merge")
    merge.add_argument(
        "--dry-run",
        action="store_true",
        help="say what merging would do, and write nothing",
    )


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run one of ``COMMANDS``; returns the exit status."""
    from tui.store.merging import merge
    from tui.store.merging_source import opened_source, same_file
    from tui.store.opening import StoreError

    other = Path(args.other).expanduser()
    name = visible(str(other))
    if same_file(other, db_path):  # before opening: opening may upgrade or create it
        return error_line(f"{name}: is the database being merged into; nothing to merge")
    try:
        with opened_source(other, db_path) as source:
            store = open_store_or_exit(db_path)
            progress = _progress() if sys.stderr.isatty() else None
            try:
                merged = merge(store, source, keep=not args.dry_run, progress=progress)
            except sqlite3.Error as error:
                return error_line(f"nothing merged from {name} into {db_path}: {error}")
            finally:
                store.close()
                if progress is not None:
                    print("\r\x1b[K", end="", file=sys.stderr)
    except StoreError as error:
        return error_line(visible(str(error)))
    said = merged.line(name)
    print(f"{said} (dry run: nothing written)" if args.dry_run else said)
    return 0


def _progress() -> Callable[[int, int], None]:
    """``merging 1,234 of 10,000 sessions`` on one terminal line, redrawn as it goes."""
    shown = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - shown[0] >= 0.1:
            shown[0] = now
            print(f"\rmerging {done:,} of {total:,} sessions", end="", file=sys.stderr)

    return show
