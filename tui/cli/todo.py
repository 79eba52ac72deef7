"""``earful todo``: what is left to do after the calls, across every interview."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tui.cli.common import open_store_or_exit
from tui.core.config import Config
from tui.core.recording import clock_note
from tui.core.text import visible

COMMANDS: set[str] = {"todo"}


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the ``earful`` parser."""
    todo = commands.add_parser(
        "todo",
        help="follow-ups to ask, testimonials to clear, marks to fill in",
        description="What is left to do after the calls, across every interview: follow-ups"
        " to ask (⚑), permission to get for testimonials (♥) and marked moments to fill in"
        " from the recording (▍). Tick them off in the app's to-do view.",
    )
    todo.add_argument("--all", action="store_true", help="list items already done too")


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run one of ``COMMANDS``; returns the exit status."""
    from tui.store.todos import todo_items

    store = open_store_or_exit(db_path, read_only=True)
    try:
        items = todo_items(store, include_done=args.all)
    finally:
        store.close()
    for line in todo_lines(items, args.all):
        print(line)
    return 0


def todo_lines(items: list[Any], with_done: bool) -> list[str]:
    """The items grouped by interview, each line inert for a terminal."""
    left = [i for i in items if not i.done]
    if not items:
        return [
            "Nothing to do after the calls." + ("" if with_done else " (--all lists done ones)")
        ]
    lines = [
        f"To do after the call: {len(left)} open"
        + (f", {len(items) - len(left)} done." if with_done else ".")
    ]
    session = None
    for item in items:
        if item.session_id != session:
            session = item.session_id
            lines += [
                "",
                f"{item.session_date}  {visible(item.participant)}  (session {session};"
                f" {clock_note(item.recording_at_ms)})",
            ]
        box = "[x]" if item.done else "[ ]"
        said = visible(item.text) if item.text else "(nothing typed)"
        lines.append(f"  {box} {item.time:>8}  {item.symbol} {item.what}: {said}")
    return lines
