"""The command palette's entries, and keymap clashes: both read the screens' bindings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from tui.core.config import Config
    from tui.ui.app import EarfulApp

ACROSS_COMMANDS = (
    ("Insights board", "Tags ranked by how many participants raised them", "board"),
    ("Search", "Full-text search of every entry of every interview", "search"),
    ("Participants", "Profiles, and everything each participant said", "participants"),
    ("Insight brief", "A finding, its evidence and key quotes, as Markdown", "brief"),
    (
        "To do after the call",
        "Follow-ups to ask, testimonials to clear, marks to fill in (F6)",
        "todo",
    ),
    (
        "Interview guides",
        "Each guide's questions × the sessions that followed it, and every answer to one (F7)",
        "guide",
    ),
)


def keymap_clashes(bindings: Iterable[object], config: Config) -> list[str]:
    """Keys the user's keymap gives to an action while another action on the screen keeps them."""
    owner: dict[str, str] = {}
    problems: list[str] = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.id:
            continue
        for key in config.keys.get(binding.id, binding.key).split(","):
            other = owner.setdefault(key.strip(), binding.id)
            if other != binding.id and (binding.id in config.keys or other in config.keys):
                problems.append(
                    f"{config.path}: key {key.strip()!r} is bound to both {other!r} and"
                    f" {binding.id!r}; give one of them another key"
                )
    return problems


def commands(app: EarfulApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """Earful's own palette entries: where to go, then every action of ``screen``."""
    yield SystemCommand(
        "Interviews", "The list of sessions and a new-interview form", app.show_home
    )
    for title, help_text, which in ACROSS_COMMANDS:
        yield SystemCommand(title, help_text, _show_across(app, which))
    group = getattr(screen, "PALETTE_GROUP", None)
    if group is None:  # a plain dialog: its keys are on it
        return
    # The key each action has now, after the user's keymap.
    active = screen.active_bindings.items()
    keys = {bound.binding.id: key for key, bound in active if bound.binding.id}
    title_of = getattr(screen, "palette_title", lambda binding: binding.description)
    for binding in screen.BINDINGS:
        if isinstance(binding, tuple) or not binding.description:
            continue
        _, name, parameters = parse(binding.action)
        if screen.check_action(name, parameters) is False:  # off here (a guide key, no guide)
            continue
        yield SystemCommand(
            title_of(binding),
            f"{group} ({keys.get(binding.id or '', binding.key)})",
            _run(screen, binding.action),
        )


def _show_across(app: EarfulApp, which: str) -> Callable[[], None]:
    return lambda: app.action_show_across(which)


def _run(screen: Screen[object], action: str) -> Callable[[], object]:
    return lambda: screen.run_action(action)
