"""Keys as a terminal delivers them: all at once, each with the name Textual gives it."""

from __future__ import annotations

import unicodedata
from typing import Any

from textual import events
from textual.app import App
from textual.keys import ASCII_KEY_NAMES, KEY_NAME_REPLACEMENTS


def key_name(character: str) -> str:
    """The key name Textual gives a typed character: itself if alphanumeric, else its
    Unicode name in lower case with underscores ("#" is "number_sign"), a few shortened
    ("-" is "minus"). test_textual_hooks.py checks this against what Pilot sends."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:  # no Unicode name: a control character or a lone surrogate
        name = ASCII_KEY_NAMES.get(character, character)
    return KEY_NAME_REPLACEMENTS.get(name, name)


def typed_like_a_terminal(app: App[Any], *parts: str) -> None:
    """Queue all input at once, as a terminal delivers fast typing or a tmux burst.

    Each part is text typed character by character, or a key name in angle brackets
    (``"<f2>"``, ``"<enter>"``). Pilot's ``press`` waits for idle between keys and cannot
    send characters such as the zero-width joiner; this posts every key to the App before
    it handles the first, and the App routes them as it routes a terminal's (bindings,
    then the focused widget).
    """
    for part in parts:
        if part.startswith("<") and part.endswith(">") and len(part) > 2:
            keys = [events.Key(part[1:-1], "\r" if part == "<enter>" else None)]
        else:
            keys = [events.Key(key_name(c), c) for c in part]
        for key in keys:
            key.set_sender(app)  # as the driver marks what it reads from the terminal
            app.post_message(key)
