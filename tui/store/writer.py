"""One writer for the live screen: an ordered queue and a thread with its own connection.

The screen never waits on SQLite. A locked, full or vanished database means the job is
tried again, in order, until it goes through; nothing typed is dropped, and the screen is
told how many changes are waiting and why.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the live screen imports this module before the first frame
    from tui.store.store import Store

# How long one attempt may wait for another program's lock before the screen is told.
ATTEMPT_TIMEOUT_MS = 250
MAX_BACKOFF_S = 1.0


class FileGone(sqlite3.OperationalError):
    """The database file was deleted or replaced while open: writing would lose the data."""


@dataclass
class Job:
    """One write: ``run`` gets the writer's store; ``done`` and ``failed`` run on the screen's
    side, through the ``deliver`` function the writer was given."""

    run: Callable[[Store], Any]
    done: Callable[[Any], None] | None = None
    failed: Callable[[Exception], None] | None = None
    # What the job would save, as plain data, for a recovery file if it never can be.
    record: dict[str, Any] | None = None


@dataclass(frozen=True)
class WriterState:
    pending: int
    waiting: str | None = None  # why the oldest job has not gone through yet


@dataclass
class _Identity:
    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> _Identity | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return cls(stat.st_dev, stat.st_ino)


@dataclass
class EntryRef:
    """An entry the screen shows before the writer has saved it: its id once it has."""

    id: int | None = None
    jobs: int = field(default=0)


class Writer:
    """Runs jobs one at a time, in the order submitted, retrying while the database is busy."""

    def __init__(
        self,
        path: Path,
        deliver: Callable[[Callable[[], None]], None],
        on_state: Callable[[WriterState], None] = lambda state: None,
        connect: Callable[[Path], Store] | None = None,
        author: str = "",
    ) -> None:
        self.path = path
        self.author = author  # recorded on every entry this writer adds
        self._deliver = deliver
        self._on_state = on_state
        self._connect = connect or _connect_writer
        self._jobs: deque[Job] = deque()
        self._busy = False
        self._lock = threading.Condition()
        self._closing = False
        self._waiting = False  # the screen has been told jobs are waiting
        self._identity = _Identity.of(path)
        self._thread = threading.Thread(target=self._work, name="earful-writer", daemon=True)
        self._thread.start()

    # the screen's side -----------------------------------------------------------------

    def submit(self, job: Job) -> None:
        with self._lock:
            self._jobs.append(job)
            self._lock.notify_all()

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._jobs) + int(self._busy)

    def unsaved(self) -> list[dict[str, Any]]:
        """What the waiting jobs would save, for a recovery file."""
        with self._lock:
            return [job.record for job in self._jobs if job.record is not None]

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every job submitted so far is done; False if time ran out."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._jobs or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def close(self, timeout: float = 2.0) -> bool:
        """Finish what is queued (up to ``timeout``) and stop; False if some is left."""
        idle = self.wait_idle(timeout)
        with self._lock:
            self._closing = True
            self._lock.notify_all()
        self._thread.join(0.5)
        return idle

    # the thread ------------------------------------------------------------------------

    def _work(self) -> None:
        store: Store | None = None
        while True:
            with self._lock:
                while not self._jobs and not self._closing:
                    self._lock.wait()
                if self._closing:
                    break
                job = self._jobs[0]
                self._busy = True
            store, outcome = self._attempt(store, job)
            with self._lock:
                self._jobs.popleft()
                self._busy = False
                self._lock.notify_all()
            self._finish(job, outcome)
        if store is not None:
            store.checkpoint()  # the database file alone is complete after quitting
            store.close()

    def _attempt(self, store: Store | None, job: Job) -> tuple[Store | None, Any]:
        """Run ``job`` until it goes through or fails for a reason retrying cannot mend."""
        backoff = 0.05
        while True:
            try:
                self._check_file()
                if store is None:
                    store = self._connect(self.path)
                    store.author = self.author
                return store, _Result(job.run(store))
            except sqlite3.OperationalError as error:  # locked, busy, full, gone: wait
                self._waiting = True
                self._report(_reason(error))
            except (sqlite3.Error, KeyError, ValueError) as error:
                return store, _Failure(error)
            with self._lock:
                if self._closing:
                    return store, _Failure(sqlite3.OperationalError("stopped before saving"))
                self._lock.wait(backoff)
            backoff = min(MAX_BACKOFF_S, backoff * 2)

    def _check_file(self) -> None:
        if self._identity is None:
            self._identity = _Identity.of(self.path)
        if _Identity.of(self.path) != self._identity:
            raise FileGone(f"the database file {self.path} was deleted or replaced")

    def _finish(self, job: Job, outcome: Any) -> None:
        if isinstance(outcome, _Failure):
            if job.failed is not None:
                failed, error = job.failed, outcome.error
                self._deliver(lambda: failed(error))
        elif job.done is not None:
            done, value = job.done, outcome.value
            self._deliver(lambda: done(value))
        if self._waiting:  # the screen said we were waiting: say how it stands now
            self._waiting = self.pending > 0
            self._report(None)

    def _report(self, waiting: str | None) -> None:
        state = WriterState(self.pending, waiting)
        self._deliver(lambda: self._on_state(state))


@dataclass(frozen=True)
class _Result:
    value: Any


@dataclass(frozen=True)
class _Failure:
    error: Exception


def _connect_writer(path: Path) -> Store:
    from tui.store.store import connect_writer

    return connect_writer(path)


def _reason(error: sqlite3.OperationalError) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return "another program is writing to the database"
    return text
