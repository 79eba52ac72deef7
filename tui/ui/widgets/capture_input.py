"""The capture line: Enter is handled in key order so fast typing never merges quotes."""

from __future__ import annotations

import asyncio
import contextlib
import time
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from textual import events
from textual.binding import ActiveBinding
from textual.geometry import Size
from textual.message import Message
from textual.message_pump import MessagePump
from textual.reactive import Reactive
from textual.suggester import Suggester
from textual.widgets import Input

from tui.core.capture import tag_prefix_at_end
from tui.core.models import Draft
from tui.core.text import encodable, one_line
from tui.ui.widgets.inert import INERT

# Characters Textual's Input drops as "not printable" but that belong in a quote:
# the zero-width joiner inside 👩‍💻, variation selectors, combining marks.
_KEEP_CATEGORIES = {"Cf", "Mn", "Me"}

# Screen actions whose target depends on what is typed at that moment (the draft, or the
# entry just saved): they run in key order here, never after keys typed later.
# Past this many characters the cursor stops blinking (each blink redraws the value).
STEADY_CURSOR_CHARS = 20_000

# A first key handled this much after it arrived is stamped when it arrived.
LATE_KEY_MS = 100

IN_ORDER_ACTIONS = frozenset({"topic", "emotion", "flag", "toggle_note"})


class CaptureInput(Input):
    """Knows when typing of the current entry began and what is pending on it."""

    # Input resets its virtual size on every keystroke, and Widget's reactive then
    # re-lays out the whole screen. This input has a fixed size, so a repaint will do.
    # A private detail of Textual kept on purpose: it is what holds typing near a bare
    # Input's cost (the "typing a quote, per key" benchmark, ≤ 1.2×);
    # tests/ui/test_textual_hooks.py fails if Textual changes what this relies on.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), repaint=True)

    class Captured(Message):
        """The note-taker pressed Enter on a line."""

        def __init__(self, text: str, started_ms: int, draft: Draft) -> None:
            super().__init__()
            self.text = text
            self.started_ms = started_ms
            self.draft = draft

    class DraftChanged(Message):
        """Pending kind, tags or flags changed (not sent per keystroke)."""

    def __init__(self, clock_ms: Callable[[], int], **kwargs: Any) -> None:
        kwargs.setdefault("highlighter", INERT)  # a restored draft may hold escape codes
        super().__init__(**kwargs)
        self.clock_ms = clock_ms
        self.tag_suggester = self.suggester
        self.suggester = None
        self.started_ms: int | None = None
        self.on_typing: Callable[[], None] | None = None
        # Told when typing of a new entry begins, in key order, with the draft to change.
        self.on_start: Callable[[Draft], None] | None = None
        self.monotonic: Callable[[], float] = time.monotonic
        self._draft_asked = float("-inf")
        self._steadied = False  # the cursor was stopped for a huge value
        self._first_key_at: float | None = None
        self.draft = Draft()

    def _watch_value(self, value: str) -> None:
        # Input runs a suggestion worker per keystroke while it has a suggester, which the
        # typing benchmark measured as most of a key's cost: only keep one while a #topic
        # or !emotion is being typed. It must be set before Input's own (private) watcher
        # runs, hence this override; tests/ui/test_textual_hooks.py guards it.
        self.suggester = self.tag_suggester if tag_prefix_at_end(value) else None
        super()._watch_value(value)

    def _keep_draft(self) -> None:
        """Ask for the draft to be saved at most once a second while typing.

        Called from the keys themselves, so a burst of keys cannot starve it the way it
        starves a timer waiting behind them.
        """
        now = self.monotonic()
        if self.on_typing is not None and now - self._draft_asked >= 1.0:
            self._draft_asked = now
            self.on_typing()

    def watch_value(self, value: str) -> None:
        # A blinking cursor redraws the whole value twice a second: for a huge paste that
        # is real CPU while nothing happens, so the cursor stays still instead.
        huge = len(value) >= STEADY_CURSOR_CHARS
        if huge != self._steadied and (self.cursor_blink or self._steadied):
            self._steadied = huge
            self.cursor_blink = not huge
        self._keep_draft()
        # Only when typing starts or the line empties, never per keystroke: the screen
        # shows which entry the F-keys apply to, and that changes only then.
        if not value and self.started_ms is not None:
            self.started_ms = None
            self.post_message(self.DraftChanged())
        elif value and self.started_ms is None:
            self.started_ms = max(0, self.clock_ms() - self._since_first_key_ms())
            if self.on_start is not None:
                self.on_start(self.draft)
            self.post_message(self.DraftChanged())

    def _since_first_key_ms(self) -> int:
        """How long ago the first key of this entry reached the app (0 for a paste).

        The stamp is when the key was received, not when the event loop got round to it.
        """
        received, self._first_key_at = self._first_key_at, None
        if received is None:
            return 0
        # Textual stamps messages with the monotonic clock on the platforms we run on.
        waited = round(1000 * (time.monotonic() - received))
        return waited if waited >= LATE_KEY_MS else 0  # a few ms of handling is no delay

    def restore(self, text: str, started_ms: int | None, draft: Draft) -> None:
        """Put back a draft saved before a crash or a failed save."""
        self.value = text
        self.cursor_position = len(text)
        if started_ms is not None:
            self.started_ms = started_ms
        self.draft = draft
        self.post_message(self.DraftChanged())

    def change_draft(self, change: Callable[[Draft], None]) -> None:
        change(self.draft)
        self.post_message(self.DraftChanged())

    async def on_key(self, event: events.Key) -> None:
        # Textual calls this class's handler before Input's; preventing the default
        # keeps Input's from running as well.
        if self.started_ms is None and event.is_printable:
            self._first_key_at = event.time
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            if self._capture():
                await self._screen_caught_up()  # saved before the next key is handled
        elif (active := self._in_order_binding(event.key)) is not None:
            event.prevent_default()
            event.stop()
            await self.app.run_action(active.binding.action, active.node)
        elif (
            event.character
            and len(event.character) == 1
            and not event.is_printable
            and unicodedata.category(event.character) in _KEEP_CATEGORIES
        ):
            event.prevent_default()
            event.stop()
            self.insert_text_at_cursor(event.character)

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        if event.text:
            text = encodable(one_line(event.text))  # storable: lone surrogates become �
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)

    def _in_order_binding(self, key: str) -> ActiveBinding | None:
        """The screen's binding for ``key`` if it is one that must run in key order."""
        if len(key) == 1:
            return None  # a character being typed
        active = self.screen.active_bindings.get(key)
        if active is None or active.node is self or not active.enabled:
            return None
        name = active.binding.action.split("(", 1)[0]
        return active if name in IN_ORDER_ACTIONS else None

    def _capture(self) -> bool:
        """Send the line to the screen (directly, so it is ahead of any later hotkey)."""
        text = encodable(self.value)
        if not text.strip():
            return False
        started = self.started_ms if self.started_ms is not None else self.clock_ms()
        draft, self.draft = self.draft, Draft()
        self.value = ""
        self.screen.post_message(self.Captured(text, started, draft))
        self.post_message(self.DraftChanged())
        return True

    async def _screen_caught_up(self) -> None:
        """Wait until the screen has handled every message already sent to it."""
        await _caught_up(self.screen)

    async def caught_up(self) -> None:
        """Wait until every key already sent to this input is in its value (or saved)."""
        await _caught_up(self)


async def _caught_up(pump: MessagePump) -> None:
    """Wait until ``pump`` has handled the messages queued before this call."""
    done = asyncio.Event()
    if pump.call_later(done.set):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), timeout=2)


class TagSuggester(Suggester):
    """Completes a ``#topic`` or ``!emotion`` being typed at the end of the line."""

    def __init__(self, topics: Callable[[], Iterable[str]], emotions: Callable[[], Iterable[str]]):
        super().__init__(use_cache=False, case_sensitive=True)
        self._topics = topics
        self._emotions = emotions

    async def get_suggestion(self, value: str) -> str | None:
        found = tag_prefix_at_end(value)
        if found is None:
            return None
        sigil, partial = found
        names = self._topics() if sigil == "#" else self._emotions()
        lowered = partial.lower()
        for name in names:
            if name.startswith(lowered) and name != lowered:
                return value + name[len(partial) :]
        return None
