"""``earful join SESSION SESSION``: two note-takers' sessions of one call made one."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import Any

from tui.cli.common import error_line, fail, open_store_or_exit, session_ref
from tui.core.config import Config
from tui.core.text import visible

COMMANDS: set[str] = {"join"}


def add_commands(commands: Any) -> None:
    """Add ``join`` to the ``earful`` parser."""
    join = commands.add_parser(
        "join",
        help="make two note-takers' sessions of the same call one session",
        description="Move the second session's entries into the first, on its timeline:"
        " aligned by the recording sync when both sessions have one (ctrl+r), else by"
        " their start times. Each entry keeps its author, tags, flags and verbatim text;"
        " opportunities and insights are added; the transcript moves if the first has none."
        " The second session is then deleted. Both must be with the same participant."
        " Undo it from the snapshot (J joins there, ctrl+z undoes).",
    )
    join.add_argument(
        "keep", metavar="SESSION", type=session_ref, help="the session kept: an id, or latest"
    )
    join.add_argument(
        "other", metavar="SESSION", type=session_ref, help="the session joined into it"
    )


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run ``earful join``; returns the exit status. Nothing is written unless both
    sessions exist, differ and are with the same participant."""
    from tui.store.editing import resolve_session

    # Read-only first: a typo in an id never creates or upgrades a file.
    reader = open_store_or_exit(db_path, read_only=True)
    try:
        ids = [resolve_session(reader, ref) for ref in (args.keep, args.other)]
    finally:
        reader.close()
    for ref, found in zip((args.keep, args.other), ids, strict=True):
        if found is None:
            return error_line(f"no session {visible(ref)!r}; `earful sessions` lists them")
    keep_id, other_id = (int(i) for i in ids if i is not None)
    return _join(db_path, keep_id, other_id)


def _join(db_path: Path, keep_id: int, other_id: int) -> int:
    from tui.core.joining import joined_line
    from tui.store.joining import JoinRefused, join_sessions

    store = open_store_or_exit(db_path)
    try:
        record = join_sessions(store, keep_id, other_id)
    except JoinRefused as refused:
        return fail(str(refused))
    except KeyError as gone:  # deleted from another window meanwhile
        return error_line(f"no session {gone.args[0]}; `earful sessions` lists them")
    except sqlite3.Error as error:
        return error_line(f"nothing written to {db_path}: {error}")
    finally:
        store.close()
    print(visible(joined_line(record.joined)))
    return 0
