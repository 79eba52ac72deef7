"""Copying text: the system clipboard where there is one, the terminal (OSC 52) where not."""

from __future__ import annotations

from typing import Any

from textual.app import App

SYSTEM = "to the system clipboard"
TERMINAL = "through the terminal (OSC 52); paste works where the terminal allows it"


def copy(app: App[Any], text: str) -> str:
    """Copy ``text`` and say how; never raises for want of a clipboard."""
    try:
        import pyperclip  # imported here: it costs ~40 ms and most runs never copy

        pyperclip.copy(text)
        # With DISPLAY set but no X server, copy() does nothing and says nothing: check.
        if pyperclip.paste() == text:
            return SYSTEM
    except Exception:  # PyperclipException, a missing tool, a broken display: all mean "no"
        pass
    try:
        app.copy_to_clipboard(text)
    except Exception:
        return "nowhere: no clipboard is reachable from here"
    return TERMINAL
