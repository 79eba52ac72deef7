"""Commands for the call itself: start and resume open the app; sessions lists them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli.common import (
    MAX_MINUTES,
    bounded,
    error_line,
    fail,
    open_store_or_exit,
    who,
)
from tui.core.clock import InterviewClock, format_ms
from tui.core.config import Config
from tui.core.text import encodable, visible

if TYPE_CHECKING:
    from tui.store.store import Store
    from tui.ui.launch import Launch, NewSession

# start and resume (and no command at all, the home screen) open the app: see ``launch``.
COMMANDS: set[str] = {"sessions"}
NOTHING_TO_RESUME = "no unfinished session to resume"


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the ``earful`` parser."""
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
    start.add_argument(
        "--guide", type=encodable, help="the interview guide to follow (`earful guide list`)"
    )

    commands.add_parser("resume", help="reopen the most recent unfinished interview")
    commands.add_parser("sessions", help="print every interview on standard output")


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run one of ``COMMANDS``; returns the exit status."""
    store = open_store_or_exit(db_path, read_only=True)
    print_sessions(store)
    store.close()
    return 0


def launch(args: argparse.Namespace, db_path: Path, config: Config) -> Launch | int:
    """What the app should open for ``args``, or the exit status of a refusal.

    Config problems are left to the app, which shows them once it is drawn. A bad file
    is refused with one line before the screen is taken over (reads only).
    """
    from tui.ui.launch import Launch, NewSession

    if args.command == "start":
        minutes = config.minutes if args.minutes is None else args.minutes
        if minutes <= 0 or not args.participant.strip():
            return error_line("a participant name and a positive --minutes are needed")
        clock = InterviewClock.start().state
        new = NewSession(args.participant.strip(), args.company, args.goal, minutes, clock)
        opened = Launch("start", new=new)
    elif args.command == "resume":
        if not _has_unfinished(db_path):
            return error_line(NOTHING_TO_RESUME)
        opened = Launch("resume")
    else:
        opened = Launch("home")
    from tui.store.opening import StoreError, check_file

    try:
        check_file(db_path, scan=False)  # the full scan runs when the store opens
    except StoreError as error:
        return error_line(str(error))
    if opened.new is not None and args.guide is not None:
        guided = _with_guide(opened.new, args.guide, db_path)
        return guided if isinstance(guided, int) else Launch("start", new=guided)
    return opened


def _with_guide(new: NewSession, name: str, db_path: Path) -> NewSession | int:
    """``new`` following the latest version of the guide ``name``, with the guide's goal
    unless ``--goal`` gave one; or one line and exit 1 when there is no such guide."""
    from dataclasses import replace

    from tui.store.guides import GuideNotFound, find_guide

    store = open_store_or_exit(db_path, read_only=True)
    try:
        version = find_guide(store, name)
    except GuideNotFound as error:
        return fail(str(error))
    finally:
        store.close()
    return replace(new, goal=new.goal or version.guide.goal, guide_version_id=version.id)


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
        status = "done" if s.ended else "open"
        date = s.created_at[:16].replace("T", " ")
        print(
            f"{s.id:>4}  {date:16}  {s.entries:>7}  {format_ms(s.duration_ms):>8}  "
            f"{status:6}  {visible(who(s.participant, s.company))}"
        )
