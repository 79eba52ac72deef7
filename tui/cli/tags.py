"""``earful tags``: the codebook on the command line: list, rename, merge, delete, describe."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli.common import fail, open_store_or_exit
from tui.core.config import Config
from tui.core.text import visible

if TYPE_CHECKING:
    from tui.store.store import Store

COMMANDS: set[str] = {"tags"}
KEYS = {"topic": "F2–F5", "emotion": "F6–F9"}


def add_commands(commands: Any) -> None:
    """Add ``tags`` and its subcommands to the ``earful`` parser."""
    tags = commands.add_parser("tags", help="the codebook: list, rename, merge, describe tags")
    actions = tags.add_subparsers(dest="tags_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="every tag with its participants and entries")
    _kind(listing)
    rename = actions.add_parser("rename", help="give a tag a new name (#followup → #follow-up)")
    rename.add_argument("old", help="the tag now (name, #topic or !emotion)")
    rename.add_argument("new", help="its new name")
    _kind(rename)
    merge = actions.add_parser("merge", help="move every use of one tag onto another")
    merge.add_argument("source", metavar="FROM", help="the tag that goes away")
    merge.add_argument("into", metavar="INTO", help="the tag that stays")
    _kind(merge)
    delete = actions.add_parser("delete", help="remove a tag from every entry")
    delete.add_argument("name", help="the tag")
    _kind(delete)
    describe = actions.add_parser("describe", help="say what a tag means (empty text clears)")
    describe.add_argument("name", help="the tag")
    describe.add_argument("text", help="what it means, in one line")
    _kind(describe)
    keys = actions.add_parser("keys", help="choose the four tags on F2–F5 or F6–F9")
    keys.add_argument("--kind", choices=("topic", "emotion"), required=True)
    keys.add_argument("names", nargs="*", help="up to four tags; none shows the choice")
    keys.add_argument(
        "--default", action="store_true", help="forget the choice: use the config's tags"
    )


def _kind(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind", choices=("topic", "emotion"), help="which kind, when a name is both"
    )


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run ``earful tags ACTION``; returns the exit status."""
    from tui.store.codebook import CodebookError, WouldMerge

    store = open_store_or_exit(db_path, read_only=args.tags_command == "list")
    try:
        return _run(store, args, config)
    except WouldMerge as error:
        source, into = (shlex.quote(tag.name) for tag in (error.source, error.into))
        return fail(
            f"{error}; to merge them run: earful tags merge {source} {into}"
            f" --kind {error.into.kind}"
        )
    except CodebookError as error:
        return fail(str(error))
    finally:
        store.close()


def _run(store: Store, args: argparse.Namespace, config: Config) -> int:
    from tui.store import codebook

    action, kind = args.tags_command, args.kind
    if action == "list":
        return _list(store, kind)
    if action == "keys":
        return _keys(store, kind, args.names, args.default, config)
    if action == "merge":
        source = codebook.find_tag(store, args.source, kind)
        into = codebook.find_tag(store, args.into, kind or source.kind)
        codebook.merge_tags(store, source, into)
        print(f"Merged {visible(source.label)} into {visible(into.label)}: {_uses(store, into)}.")
        return 0
    tag = codebook.find_tag(store, args.old if action == "rename" else args.name, kind)
    if action == "rename":
        codebook.rename_tag(store, tag, args.new)
        renamed = codebook.find_tag(store, codebook.clean_name(args.new), tag.kind)
        print(f"Renamed {visible(tag.label)} to {visible(renamed.label)}.")
    elif action == "delete":
        uses = _uses(store, tag)
        codebook.delete_tag(store, tag)
        print(f"Deleted {visible(tag.label)}; it was on {uses}.")
    else:
        codebook.describe_tag(store, tag, args.text)
        described = codebook.find_tag(store, tag.label).description
        said = f": {visible(described)}" if described else " cleared"
        print(f"Description of {visible(tag.label)}{said}")
    return 0


def _uses(store: Store, tag: Any) -> str:
    from tui.store.codebook import usage

    row = usage(store, tag)
    people = "participant" if row.participants == 1 else "participants"
    entries = "entry" if row.entries == 1 else "entries"
    return f"{row.entries} {entries} from {row.participants} {people}"


def _list(store: Store, kind: str | None) -> int:
    from tui.core.models import tag_kind
    from tui.store.codebook import codebook

    rows = codebook(store, tag_kind(kind) if kind else None)
    if not rows:
        print("No tags yet. End a quote with #topic or !emotion while capturing.")
        return 0
    width = min(30, max(len("tag"), *(len(visible(r.tag.label)) for r in rows)))
    print(f"{'tag':{width}}  {'kind':7}  {'participants':>12}  {'entries':>7}  description")
    for row in rows:
        label = visible(row.tag.label)
        print(
            f"{label:{width}}  {row.tag.kind:7}  {row.participants:>12}  {row.entries:>7}  "
            f"{visible(row.tag.description)}".rstrip()
        )
    return 0


def _keys(store: Store, kind: str, names: list[str], default: bool, config: Config) -> int:
    from tui.store.hotkeys import choose_hotkeys, chosen_hotkeys

    keys = KEYS[kind]
    if names or default:
        if names and default:
            return fail("give names or --default, not both")
        choose_hotkeys(store, kind, names)
    chosen = chosen_hotkeys(store).get(kind)
    if chosen is None:
        configured = config.topics if kind == "topic" else list(config.emotions)
        shown = " ".join(f"{'#' if kind == 'topic' else '!'}{n}" for n in configured[:4])
        print(f"{keys}: the config's first four {kind}s ({visible(shown) or 'none'}).")
    else:
        shown = " ".join(f"{'#' if kind == 'topic' else '!'}{n}" for n in chosen)
        print(f"{keys}: {visible(shown) or 'none'}")
    return 0
