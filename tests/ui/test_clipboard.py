"""Copying never fails: the system clipboard when it really works, else OSC 52."""

from __future__ import annotations

import pyperclip
import pytest

from tui.ui import clipboard


class FakeApp:
    def __init__(self, broken: bool = False) -> None:
        self.clipboard = ""
        self.broken = broken

    def copy_to_clipboard(self, text: str) -> None:
        if self.broken:
            raise OSError("no terminal")
        self.clipboard = text


def test_a_silent_no_op_clipboard_is_detected_and_osc52_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # DISPLAY set but no X server: copy() returns quietly and paste() gives "".
    monkeypatch.setattr(pyperclip, "copy", lambda text: None)
    monkeypatch.setattr(pyperclip, "paste", lambda: "")
    app = FakeApp()
    assert clipboard.copy(app, "“quote” — Ada") == clipboard.TERMINAL  # type: ignore[arg-type]
    assert app.clipboard == "“quote” — Ada"


def test_no_clipboard_tool_at_all_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(text: str) -> None:
        raise pyperclip.PyperclipException("no copy tool")

    monkeypatch.setattr(pyperclip, "copy", missing)
    app = FakeApp()
    assert clipboard.copy(app, "x") == clipboard.TERMINAL  # type: ignore[arg-type]
    assert app.clipboard == "x"


def test_even_with_nowhere_to_copy_nothing_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyperclip, "copy", lambda text: None)
    monkeypatch.setattr(pyperclip, "paste", lambda: "")
    assert "nowhere" in clipboard.copy(FakeApp(broken=True), "x")  # type: ignore[arg-type]
