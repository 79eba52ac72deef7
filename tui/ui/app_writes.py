"""The App's side of the writer: starting it, its state, quitting with writes pending,
the signals that quit, and offering back what an earlier run could not save.

Owned by the App (``app.writes``); it speaks to the App only through its public API."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.text import plural

if TYPE_CHECKING:
    from tui.store.store import Store
    from tui.store.writer import Writer, WriterState
    from tui.ui.app import EarfulApp

QUIT_WAIT_S = 5.0  # how long quitting waits for a locked database before a recovery file
SIGNAL_WAIT_S = 0.5  # the same when killed politely: the whole exit must take under a second


class AppWrites:
    """The App's writer and everything about writes still pending."""

    def __init__(self, app: EarfulApp) -> None:
        self.app = app
        self._writer: Writer | None = None

    def start(self, store: Store) -> None:
        from tui.store.writer import Writer

        loop = asyncio.get_running_loop()

        def deliver(callback: Callable[[], None]) -> None:
            # Through the App's own queue: callbacks run in order, as the App.
            with contextlib.suppress(RuntimeError):  # the app has already closed
                loop.call_soon_threadsafe(self.app.call_next, callback)

        self._writer = Writer(store.path, deliver, self._state, author=store.author)

    @property
    def writer(self) -> Writer:
        """The one writer of live changes (there once the store is open)."""
        assert self._writer is not None, "the store is not open yet"
        return self._writer

    def _state(self, state: WriterState) -> None:
        for screen in self.app.live_screens():
            screen.writer_state(state)

    def offer_recovery(self, store: Store) -> None:
        """Changes a previous run could not save: ask, then add them back through the writer."""
        from tui.store.recovery import add_back, count_entries, recovery_files
        from tui.store.writer import Job

        for path in recovery_files(store.path):
            count = count_entries(path)
            if not count:
                continue
            from tui.ui.widgets.dialogs import Confirm

            question = (
                f"{plural(count, 'entry')} typed in an earlier run could not be saved then;"
                f" they are kept in {path.name}. Add them to their interviews now?"
            )

            def answer(yes: bool | None, path: Path = path) -> None:
                if yes:
                    job = Job(lambda s: add_back(s, path), self._recovered, self._not_recovered)
                    self.writer.submit(job)

            self.app.push_screen(Confirm(question, yes="Add them", no="Not now"), answer)

    def _recovered(self, added: int) -> None:
        self.app.notify(f"Added back {plural(added, 'entry')} that an earlier run could not save.")
        for screen in self.app.live_screens():
            screen.reload_log()

    def _not_recovered(self, error: Exception) -> None:
        self.app.notify(f"Could not add them back: {error}. The file is kept.", severity="error")

    async def finish(self, wait_s: float = QUIT_WAIT_S) -> str | None:
        """Wait for pending writes; what could not be saved goes to a recovery file."""
        for screen in self.app.live_screens():
            await screen.capture.caught_up()  # keys typed just before
            screen.writes.save_draft()
        writer = self._writer
        if writer is None or writer.pending == 0:
            return None
        self.app.notify(f"Saving {writer.pending} changes before quitting…", timeout=0)
        if await asyncio.to_thread(writer.wait_idle, wait_s):
            return None
        from tui.store.recovery import write_recovery

        path = write_recovery(self.app.db_path, writer.unsaved())
        return (
            f"earful: the database did not take {writer.pending} changes in time; they are"
            f" saved in {path}. Next start offers to add them back."
        )

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close(timeout=1.0)
        self._release_signals()

    def _release_signals(self) -> None:
        """Signals go back to the program around the app (a test runner, an embedding)."""
        with contextlib.suppress(RuntimeError):  # no loop running: nothing was caught
            loop = asyncio.get_running_loop()
            for number in (signal.SIGTERM, signal.SIGHUP):
                with contextlib.suppress(NotImplementedError, ValueError):
                    loop.remove_signal_handler(number)

    def catch_termination(self) -> None:
        """SIGTERM (shutdown, kill) and SIGHUP (the terminal went away) quit cleanly:
        the draft saved, pending writes given a moment, the terminal restored, exit 0."""
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self.app.call_next, self._terminated)

    async def _terminated(self) -> None:
        problem = await self.finish(wait_s=SIGNAL_WAIT_S)
        self.app.exit(return_code=0, message=problem)
