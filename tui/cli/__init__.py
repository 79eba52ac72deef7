"""The ``earful`` command line. Builds the App through ``build_app``, as the tests do.

Each group of commands is one module in this package that declares its subcommands
(``add_commands``), the names it answers to (``COMMANDS``) and a ``run`` function, and
imports only ``tui.cli.common``. Adding a command is adding such a module and one line
in ``GROUPS`` (by name: each is imported on first use).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tui import __version__
from tui.cli.common import BadNumber, CommandGroup, error_line, report_config_problems
from tui.core import collector
from tui.core.clock import wall_ms
from tui.core.config import Config, load_config
from tui.core.paths import EmptyPathError, config_path, database_path

if TYPE_CHECKING:
    from tui.ui.app import EarfulApp
    from tui.ui.launch import Launch

DESCRIPTION = """\
Earful: live customer-interview notes in the terminal.

With no command, opens the list of interviews and a form to start one.
The database is one SQLite file: --db PATH, else $EARFUL_DB, else the
platform's user data folder. The config file is --config PATH, else
$EARFUL_CONFIG, else config.toml in the platform's user config folder.
"""

NO_ARGUMENTS = argparse.Namespace(command=None, db=None, config=None)

# The groups of commands, in the order ``earful --help`` lists them.
# Named, not imported: plain `earful` (the home screen) needs only `live`.
GROUPS = (
    "live",
    "guide",
    "after",
    "transcript",
    "across",
    "tags",
    "todo",
    "data",
    "datasette",
    "merge",
    "join",
)


def group(name: str) -> CommandGroup:
    """The module of one group of commands, imported on first use."""
    module: CommandGroup = importlib.import_module(f"tui.cli.{name}")
    return module


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``earful`` parser: every command, or (given ``command``) only the groups up to
    the one that declares it, so the others are neither imported nor built."""
    return _parser(command)[0]


def _parser(command: str | None) -> tuple[argparse.ArgumentParser, tuple[str, ...]]:
    """The parser, and the groups in it."""
    parser = argparse.ArgumentParser(
        prog="earful", description=DESCRIPTION, formatter_class=argparse.RawTextHelpFormatter
    )
    _add_file_options(parser, default=None)
    parser.add_argument("--version", action="version", version=f"earful {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    built: list[str] = []
    for name in GROUPS:
        group(name).add_commands(commands)
        built.append(name)
        if command is not None and command in commands.choices:
            break
    _file_options_after_every_command(parser)
    return parser, tuple(built)


class _Refused(Exception):
    pass


class _BeforeCommand(argparse.ArgumentParser):
    """What comes before the command, read as the whole parser reads it; never prints."""

    def error(self, message: str) -> NoReturn:
        raise _Refused(message)


def command_named(argv: Sequence[str]) -> str | None:
    """The command word of ``argv`` when nothing before it needs the whole parser, else
    None. Its options are the whole parser's, so ``--db PATH``, ``--db=PATH`` and their
    abbreviations are read alike; anything else before the command (``-h``, ``--version``,
    a typo) leaves it all to the whole parser, which also says what was wrong."""
    before = _BeforeCommand(prog="earful", add_help=False)
    _add_file_options(before, default=None)
    before.add_argument("--version", action="store_true")
    before.add_argument("command", nargs="?")
    before.add_argument("rest", nargs=argparse.REMAINDER)
    try:
        known, unknown = before.parse_known_args(argv)
    except _Refused:
        return None
    return None if unknown or known.version else known.command


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


def build_app(
    launch: Launch,
    db_path: Path,
    config: Config,
    now: Callable[[], int] = wall_ms,
) -> EarfulApp:
    """The one place an App is made, for the command line and for tests."""
    from tui.ui.app import EarfulApp

    return EarfulApp(db_path=db_path, config=config, launch=launch, now=now)


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
    collector.pause()  # until the first frame, or until a command that prints runs
    try:
        return _command(sys.argv[1:] if argv is None else list(argv))
    finally:
        collector.release()


def _command(argv: list[str]) -> int:
    try:
        # Plain `earful`, the home screen, is the start people wait on most: building
        # the parser for every command first costs it ~10 ms, for nothing to parse.
        # `earful start NAME` builds (and imports) only the groups up to the one that
        # declares `start`: a parser for every command costs its first frame ~5%.
        parser, groups = _parser(command_named(argv)) if argv else (None, ())
        args = parser.parse_args(argv) if parser is not None else NO_ARGUMENTS
        db_path = database_path(args.db)
    except (BadNumber, EmptyPathError) as error:
        return error_line(str(error))
    config = load_config(config_path(args.config))

    for name in groups if args.command is not None else ():
        commands = group(name)
        if args.command in commands.COMMANDS:
            report_config_problems(config)
            collector.resume()
            return int(commands.run(args, db_path, config))
    from tui.cli import live

    opened = live.launch(args, db_path, config)  # start, resume, or the home screen
    if isinstance(opened, int):
        return opened
    app = build_app(opened, db_path, config)
    app.run()
    return app.return_code or 0
