"""The ``earful`` command line. Builds the App through ``build_app``, as the tests do."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui import __version__
from tui.cli_args import MAX_MINUTES, BadNumber, bounded
from tui.core.clock import InterviewClock, format_ms, wall_ms
from tui.core.config import Config, load_config
from tui.core.paths import EmptyPathError, config_path, database_path
from tui.core.text import encodable, visible

if TYPE_CHECKING:
    from tui.store.store import Store
    from tui.ui.app import EarfulApp
    from tui.ui.launch import Launch

DESCRIPTION = """\
Earful: live customer-interview notes in the terminal.

With no command, opens the list of interviews and a form to start one.
The database is one SQLite file: --db PATH, else $EARFUL_DB, else the
platform's user data folder. The config file is --config PATH, else
$EARFUL_CONFIG, else config.toml in the platform's user config folder.
"""

NOTHING_TO_RESUME = "earful: no unfinished session to resume"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="earful", description=DESCRIPTION, formatter_class=argparse.RawTextHelpFormatter
    )
    _add_file_options(parser, default=None)
    parser.add_argument("--version", action="version", version=f"earful {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    start = commands.add_parser("start", help="start a new interview and open live capture")
    # An argument holding bytes that are not UTF-8 arrives with lone surrogates: shown as �.
    start.add_argument("participant", type=encodable, help="the participant's name")
    start.add_argument("--company", type=encodable, default="", help="the participant's company")
    start.add_argument(
        "--goal", type=encodable, default="", help="what this interview is meant to learn"
    )
    start.add_argument(
        "--minutes",
        type=bounded("--minutes", 1, MAX_MINUTES),
        help="planned length (default from the config)",
    )

    commands.add_parser("resume", help="reopen the most recent unfinished interview")
    commands.add_parser("sessions", help="print every interview on standard output")
    for module in _command_modules():
        module.add_commands(commands)
    _file_options_after_every_command(parser)
    return parser


def _add_file_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--db", metavar="PATH", default=default, help="the database file to use")
    parser.add_argument("--config", metavar="PATH", default=default, help="the config file to use")


def _file_options_after_every_command(parser: argparse.ArgumentParser) -> None:
    """``earful resume --db X`` works as ``earful --db X resume`` does, for every command.

    Given after the command the options win; left out they leave the value given before
    it (SUPPRESS adds no default that would overwrite it).
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in dict.fromkeys(action.choices.values()):  # aliases share a parser
                if "--db" not in command._option_string_actions:
                    _add_file_options(command, default=argparse.SUPPRESS)
                _file_options_after_every_command(command)


def _command_modules() -> list[Any]:
    """Commands that work on the store without the UI, one module per moment."""
    from tui import cli_across, cli_after, cli_data, cli_tags, cli_todo

    return [cli_after, cli_across, cli_tags, cli_todo, cli_data]


def build_app(
    launch: Launch,
    db_path: Path,
    config: Config,
    now: Callable[[], int] = wall_ms,
) -> EarfulApp:
    """The one place an App is made, for the command line and for tests."""
    from tui.ui.app import EarfulApp

    return EarfulApp(db_path=db_path, config=config, launch=launch, now=now)


def open_store_or_exit(path: Path, read_only: bool = False) -> Store:
    """The store, or one line on standard error and exit 1; ``read_only`` for commands
    that only read (they then work on a file or folder Earful may not write to)."""
    from tui.store.opening import StoreError
    from tui.store.store import open_store

    try:
        return open_store(path, read_only=read_only)
    except StoreError as error:
        print(f"earful: {error}", file=sys.stderr)
        raise SystemExit(1) from error


def _has_unfinished(db_path: Path) -> bool:
    """Whether ``resume`` has a session to open: asked before the screen is taken over, so
    with nothing to resume the user sees one line and no live screen at all. Read only:
    no database yet means nothing to resume, and none is created."""
    store = open_store_or_exit(db_path, read_only=True)
    try:
        return store.latest_unfinished() is not None
    finally:
        store.close()


def print_sessions(store: Store) -> None:
    sessions = store.sessions()
    if not sessions:
        print("No interviews yet. Start one with: earful start NAME")
        return
    print(f"{'id':>4}  {'date':16}  {'entries':>7}  {'length':>8}  status  participant")
    for s in sessions:
        who = f"{s.participant}, {s.company}" if s.company else s.participant
        status = "done" if s.ended else "open"
        date = s.created_at[:16].replace("T", " ")
        print(
            f"{s.id:>4}  {date:16}  {s.entries:>7}  {format_ms(s.duration_ms):>8}  "
            f"{status:6}  {visible(who)}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """The ``earful`` command; returns the exit status."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader stopped early (``earful sessions | head``): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _main(argv: Sequence[str] | None = None) -> int:
    from tui.ui.launch import Launch, NewSession

    try:
        args = build_parser().parse_args(argv)
        db_path = database_path(args.db)
    except (BadNumber, EmptyPathError) as error:
        print(f"earful: {error}", file=sys.stderr)
        return 1
    config = load_config(config_path(args.config))

    for module in _command_modules():
        if args.command in module.COMMANDS:
            for problem in config.problems:
                print(f"earful: {problem}", file=sys.stderr)
            return int(module.run(args, db_path, config))
    if args.command == "sessions":
        for problem in config.problems:
            print(f"earful: {problem}", file=sys.stderr)
        store = open_store_or_exit(db_path, read_only=True)
        print_sessions(store)
        store.close()
        return 0
    if args.command == "start":
        minutes = config.minutes if args.minutes is None else args.minutes
        if minutes <= 0 or not args.participant.strip():
            print("earful: a participant name and a positive --minutes are needed", file=sys.stderr)
            return 1
        clock = InterviewClock.start().state
        new = NewSession(args.participant.strip(), args.company, args.goal, minutes, clock)
        launch = Launch("start", new=new)
    elif args.command == "resume":
        if not _has_unfinished(db_path):
            print(NOTHING_TO_RESUME, file=sys.stderr)
            return 1
        launch = Launch("resume")
    else:
        launch = Launch("home")
    # Refuse a bad file with one line before the screen is taken over (reads only).
    from tui.store.opening import StoreError, check_file

    try:
        check_file(db_path, scan=False)  # the full scan runs when the store opens
    except StoreError as error:
        print(f"earful: {error}", file=sys.stderr)
        return 1
    app = build_app(launch, db_path, config)
    app.run()
    return app.return_code or 0
