"""Commands for after the call: export, and import of an exported session."""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.cli.common import error_line, open_store_or_exit, session_ref
from tui.core.config import Config
from tui.core.text import plural, visible

COMMANDS: set[str] = {"export", "import"}
FORMATS = ("md", "csv", "json", "qdpx")


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the ``earful`` parser."""
    export = commands.add_parser(
        "export",
        help="write one interview as Markdown, CSV, JSON or a REFI-QDA project",
        description="Write one interview as Markdown (the snapshot), CSV (one row per entry)"
        " or JSON (every field, readable back), or one or all as a REFI-QDA project (qdpx,"
        " for QualCoder, ATLAS.ti, NVivo, MAXQDA; needs -o). Standard output unless -o is"
        " given.",
    )
    export.add_argument(
        "session",
        metavar="SESSION",
        type=session_ref,
        nargs="?",
        help="a session id from `earful sessions`, or latest",
    )
    export.add_argument(
        "--all", action="store_true", help="every session (json: a bundle, or qdpx)"
    )
    export.add_argument("--format", "-f", choices=FORMATS, default="md", help="default: md")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    imported = commands.add_parser(
        "import",
        help="add interviews from a JSON export or bundle (earful export -f json)",
        description="Add the interview in a file written by `earful export --format json`"
        " (or every one in a bundle from `--all`). A session already here (the same uuid) is"
        " brought up to date instead: new entries added, the newer edit of each kept, nothing"
        " doubled. The participant is matched by uuid, else by name and company, or created;"
        " the guide it followed by what it asks, or added (with its ticks and each entry's"
        " question). Nothing is written if any session in the file is not valid."
        " Prints each session's id, and one line saying what changed.",
    )
    imported.add_argument("file", metavar="FILE", help="the JSON export to read")


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run one of ``COMMANDS``; returns the exit status."""
    if args.command == "export":
        return export(args, db_path, config)
    if args.command == "import":
        return import_file(Path(args.file).expanduser(), db_path)
    raise NotImplementedError(args.command)


def render(snapshot: Any, fmt: str, copy_format: str) -> str:
    """The snapshot in one of ``FORMATS``."""
    from tui.core.export import to_csv, to_markdown
    from tui.core.export_json import to_json

    if fmt == "csv":
        return to_csv(snapshot)
    if fmt == "json":
        return to_json(snapshot)
    return to_markdown(snapshot, copy_format)


def export(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    from tui.store.editing import resolve_session
    from tui.store.snapshots import session_export_data

    if args.session is not None and args.all:
        return error_line("give SESSION or --all, not both")
    if args.format == "qdpx":
        return export_qdpx(args, db_path)
    if args.all and args.format == "json":
        return export_bundle(args, db_path, config)
    if args.all:
        return error_line(
            "--all writes a REFI-QDA project: add --format qdpx -o FILE"
            " (or --format json for a bundle of every session)"
        )
    if args.session is None:
        return error_line("which session? give its id (`earful sessions` lists them) or latest")
    store = open_store_or_exit(db_path, read_only=True)
    try:
        session_id = resolve_session(store, args.session)
        if session_id is None:
            return error_line(f"no session {visible(args.session)!r}; `earful sessions` lists them")
        text = render(
            session_export_data(store, session_id, config.emotions), args.format, config.copy_format
        )
    finally:
        store.close()
    if not args.output:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return 0
    path = Path(args.output).expanduser()
    # Excel only reads a CSV file as UTF-8 when it starts with a byte-order mark.
    encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
    try:
        with path.open("w", encoding=encoding, newline="") as handle:
            handle.write(text)
    except OSError as error:
        return error_line(f"cannot write {path}: {error.strerror or error}")
    print(f"earful: wrote session {session_id} as {args.format} to {path}", file=sys.stderr)
    return 0


def export_qdpx(args: argparse.Namespace, db_path: Path) -> int:
    """One session, or every one (``--all``), as a REFI-QDA project written to ``-o``."""
    from tui.core.qdpx_file import save
    from tui.store import qdpx_rows
    from tui.store.editing import resolve_session

    if not args.output:
        return error_line("qdpx is a zip file, not text: give -o FILE (for example -o team.qdpx)")
    if args.session is None and not args.all:
        return error_line("which session? give its id, latest, or --all for every one")
    path = Path(args.output).expanduser()
    if path.is_dir():
        return error_line(f"cannot write {visible(str(path))}: it is a folder")
    store = open_store_or_exit(db_path, read_only=True)
    try:
        if args.all:
            ids = qdpx_rows.all_session_ids(store)
        else:
            found = resolve_session(store, args.session)
            if found is None:
                wanted = visible(args.session)
                return error_line(f"no session {wanted!r}; `earful sessions` lists them")
            ids = [found]
        project = qdpx_rows.project(store, path.stem, ids)
        progress = _progress(len(ids)) if sys.stderr.isatty() else None
        try:
            written = save(path, project, qdpx_rows.sessions(store, ids), progress)
        except OSError as error:
            return error_line(f"cannot write {visible(str(path))}: {error.strerror or error}")
        finally:
            if progress is not None:
                print(file=sys.stderr)
    finally:
        store.close()
    sessions = plural(written.sessions, "session")
    quotes = plural(written.quotes, "quote")
    where = visible(str(path))
    print(f"earful: wrote {sessions} ({quotes} coded) as qdpx to {where}", file=sys.stderr)
    return 0


def export_bundle(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Every session as one JSON bundle, to ``-o`` (written whole or not at all) or stdout."""
    from tui.store.bundles import write_bundle

    store = open_store_or_exit(db_path, read_only=True)
    try:
        total = store.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
        if not args.output:
            out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
            write_bundle(store, out, config.emotions)
            out.flush()
            out.detach()
            return 0
        path = Path(args.output).expanduser()
        where = visible(str(path))
        if path.is_dir():
            return error_line(f"cannot write {where}: it is a folder")
        partial = path.with_name(f".{path.name}.partial")
        progress = _progress(total) if sys.stderr.isatty() else None
        try:
            with partial.open("w", encoding="utf-8", newline="") as handle:
                written = write_bundle(store, handle, config.emotions, progress)
            os.replace(partial, path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            return error_line(f"cannot write {where}: {error.strerror or error}")
        finally:
            if progress is not None:
                print(file=sys.stderr)
    finally:
        store.close()
    print(
        f"earful: wrote {plural(written, 'session')} as a json bundle to {where}", file=sys.stderr
    )
    return 0


def _progress(total: int) -> Callable[[int], None]:
    """``exporting 1,234 of 10,000 sessions`` on one terminal line, redrawn as it goes."""
    shown = [0.0]

    def show(done: int) -> None:
        now = time.monotonic()
        if done == total or now - shown[0] >= 0.1:
            shown[0] = now
            print(f"\rexporting {done:,} of {total:,} sessions", end="", file=sys.stderr)

    return show


def import_file(path: Path, db_path: Path) -> int:
    """Read ``path`` whole and check it before the database is even opened.

    Every refusal is one line naming the file and where in it the problem is
    (``earful: s.json: entries[3].starred: expected true or false, not "false"``).
    """
    from tui.store.bundles import load_documents

    name = visible(str(path))
    try:
        snapshots = load_documents(path.read_text(encoding="utf-8"))
    except OSError as error:
        return error_line(f"{name}: cannot read: {error.strerror or error}")
    except UnicodeDecodeError as error:
        where = f"byte {error.start}"
        return error_line(f"{name}: {where}: not UTF-8 text, so not an export")
    except ValueError as error:
        return error_line(f"{name}: {visible(str(error))}")
    from tui.store.bundles import import_documents

    store = open_store_or_exit(db_path)
    try:
        done = import_documents(store, snapshots)
    except sqlite3.Error as error:
        return error_line(f"nothing imported into {db_path}: {error}")
    finally:
        store.close()
    for session_id in done.session_ids:
        print(session_id)
    print(f"earful: imported {name}: {done.line()}", file=sys.stderr)
    return 0
