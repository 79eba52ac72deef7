"""A note-taker at the keyboard: types at human speed, and checks the screen and the file."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.e2e.screen import Screen, squeeze
from tests.faults.terminal import Terminal, earful_env, query, wait_until
from tui.core.vocabulary import DEFAULT_EMOTIONS, DEFAULT_TOPICS

# What an xterm sends (the program runs with TERM=xterm-256color).
KEYS = {
    "f2": "\x1bOQ", "f3": "\x1bOR", "f4": "\x1bOS", "f5": "\x1b[15~",
    "f6": "\x1b[17~", "f7": "\x1b[18~", "f8": "\x1b[19~", "f9": "\x1b[20~",
    "f10": "\x1b[21~", "f11": "\x1b[23~", "f12": "\x1b[24~",
    "up": "\x1b[A", "down": "\x1b[B", "enter": "\r", "backspace": "\x7f",
    "ctrl+e": "\x05", "ctrl+f": "\x06", "ctrl+l": "\x0c", "ctrl+n": "\x0e", "ctrl+o": "\x0f",
    "ctrl+q": "\x11", "ctrl+r": "\x12", "ctrl+s": "\x13", "ctrl+t": "\x14",
    "ctrl+u": "\x15", "ctrl+z": "\x1a",
}  # fmt: skip
# The default config's keys: F2-F5 topics, F6-F9 emotions.
HOTKEY_TAGS = {
    **{f"f{n + 2}": ("topic", name) for n, name in enumerate(DEFAULT_TOPICS[:4])},
    **{f"f{n + 6}": ("emotion", name) for n, name in enumerate(list(DEFAULT_EMOTIONS)[:4])},
}
SECONDS_PER_KEY = 0.02  # a quick typist; keys leave in chunks of a few, as a pty delivers them
CHUNK = 3
ENTRY_ROWS = """
    SELECT e.kind, e.text, e.at_ms, e.starred, e.follow_up, e.testimonial, e.original_text,
        (SELECT group_concat(t.kind || ':' || t.name, ' ') FROM entry_tags et
         JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = e.id)
    FROM entries e ORDER BY e.id"""


@dataclass
class Entry:
    """What the note-taker meant to save, to compare with the database."""

    kind: str
    text: str
    tags: set[str] = field(default_factory=set)  # "topic:pricing", "emotion:anxious"
    starred: bool = False
    follow_up: bool = False
    testimonial: bool = False
    original_text: str | None = None

    @classmethod
    def typed(cls, line: str, kind: str = "quote") -> Entry:
        """``line`` as typed: trailing ``#topic`` and ``!emotion`` words become tags."""
        words = line.split()
        tags: set[str] = set()
        while words and words[-1][0] in "#!":
            word = words.pop()
            tags.add(("topic:" if word[0] == "#" else "emotion:") + word[1:])
        return cls(kind, " ".join(words), tags)

    def row(self) -> tuple[object, ...]:
        return (self.kind, self.text, *self.flags(), self.original_text, self.tags)

    def flags(self) -> tuple[int, int, int]:
        return int(self.starred), int(self.follow_up), int(self.testimonial)


def saved(db: Path) -> list[tuple[Any, ...]]:
    """Each entry in the file: kind, text, at_ms, starred, follow_up, testimonial, original,
    tags (a set)."""
    rows = query(db, ENTRY_ROWS)
    return [(*row[:7], set((row[7] or "").split())) for row in rows]


def as_expected(row: tuple[object, ...]) -> tuple[object, ...]:
    return (*row[:2], *row[3:])  # without the time


class Findings:
    """Checks that need not stop the interview: each is reported where it first failed, and
    the test fails at the end with all of them."""

    def __init__(self) -> None:
        self.failed: dict[str, str] = {}
        self.step = "start"

    def report(self) -> str:
        """Every failed check in one line each, then each with the screen it saw."""
        lines = [text.split("\n", 1)[0] for text in self.failed.values()]
        return "\n".join(["Failed:", *lines, "", *self.failed.values()])

    def expect(
        self, what: str, check: Callable[[], bool], screen: Screen, detail: Callable[[], str]
    ) -> None:
        if what in self.failed:
            return  # reported once, where it first went wrong
        if not screen.wait_until(check, what, timeout=10):
            self.failed[what] = f"{what}, first at {self.step}: {detail()}\n{screen.dump()}"


class Interview:
    """One interview at ``columns`` x ``rows``, driven through the real program."""

    def __init__(self, folder: Path, columns: int, rows: int) -> None:
        self.folder, self.columns, self.rows = folder, columns, rows
        self.db = folder / "earful.db"
        self.env = earful_env(self.db, folder)
        self.expected: list[Entry] = []
        self.selected: int | None = None  # what the F-keys act on, if not the newest
        self.stamps: list[int] = []  # each entry's time as saved, in the order saved
        self.findings = Findings()
        self.terminal: Terminal
        self.screen: Screen

    # the program ------------------------------------------------------------------------

    def open(self, args: list[str], first_words: str) -> None:
        self.terminal = Terminal(args, self.env, self.columns, self.rows)
        self.screen = Screen(self.terminal, self.columns, self.rows)
        self.screen.wait_for(first_words, timeout=30)
        self.screen.wait_for("▊▔", timeout=30)  # the capture line is there
        wait_until(lambda: self._session("count(*)") == 1, what="the session in the file")

    def quit(self) -> None:
        self.press("ctrl+q")
        wait_until(lambda: self.terminal.process.poll() is not None, what="the program to exit")
        assert self.terminal.process.returncode == 0, self.screen.dump()

    def _session(self, column: str) -> object:
        try:
            return query(self.db, f"SELECT {column} FROM sessions")[0][0]
        except sqlite3.Error:  # not created yet, or still migrating
            return None

    def session(self, column: str) -> Any:
        return query(self.db, f"SELECT {column} FROM sessions")[0][0]

    # keys ---------------------------------------------------------------------------

    def press(self, *keys: str) -> None:
        for key in keys:
            self.terminal.type(KEYS[key])

    def escape(self) -> None:
        """A lone Escape: nothing may follow it quickly, or it reads as the start of a key."""
        self.terminal.type("\x1b")
        time.sleep(0.3)

    def type_slowly(self, text: str) -> None:
        for start in range(0, len(text), CHUNK):
            chunk = text[start : start + CHUNK]
            self.terminal.type(chunk)
            time.sleep(SECONDS_PER_KEY * len(chunk))

    # checks -------------------------------------------------------------------------

    def expect(self, what: str, check: Callable[[], bool], detail: str = "") -> None:
        self.findings.expect(what, check, self.screen, lambda: detail)

    def expect_saved(self, what: str, check: Callable[[list[Entry]], bool]) -> None:
        """A check on the file's entries (read again each time it is polled)."""

        def holds() -> bool:
            return check(self._rows())

        self.findings.expect(what, holds, self.screen, lambda: repr(saved(self.db)[-3:]))

    def _rows(self) -> list[Entry]:
        rows = saved(self.db)
        return [Entry(r[0], r[1], r[7], bool(r[3]), bool(r[4]), bool(r[5]), r[6]) for r in rows]

    def target(self) -> Entry:
        return self.expected[-1 if self.selected is None else self.selected]

    def log_names(self, entry: Entry) -> bool:
        return self.screen.log_shows(entry.text)

    def label_names(self, entry: Entry) -> bool:
        """The line over the capture line reads like ``F-keys → 00:03 one``."""
        label = self.screen.capture_label()
        _, arrow, rest = label.partition("F-keys →")
        return bool(arrow) and squeeze(entry.text)[:15] in squeeze(rest)

    def check_screen(self, when: str = "") -> None:
        """What must be on screen whenever the note-taker looks up; ``when`` names a moment
        whose failure is reported apart from the others."""
        entry = self.target()
        name = "newest" if self.selected is None else "selected"
        when = f"{when}, " if when else ""
        self.expect(f"{when}the {name} entry is shown in the log", lambda: self.log_names(entry))
        self.expect(
            f"{when}the line over the capture line names the {name} entry",
            lambda: self.label_names(entry),
            f"wanted 'F-keys → <time> {entry.text[:15]}…'",
        )

    # what the note-taker does ---------------------------------------------------------

    def say(self, line: str, note: bool = False, mid_chord: str = "") -> Entry:
        """Type one entry as it is said, then Enter. ``note``: ctrl+n after the first words;
        ``mid_chord``: another chord pressed there (a flag for the entry being typed)."""
        entry = Entry.typed(line, "note" if note else "quote")
        head, tail = line[:12], line[12:]
        before = len(self.expected)
        paused_ms = int(self.session("paused_ms"))
        started = time.time_ns() // 1_000_000
        self.type_slowly(head)
        if note:
            self.press("ctrl+n")
        if mid_chord:
            self.press(mid_chord)
            setattr(entry, {"ctrl+f": "follow_up", "ctrl+s": "starred"}[mid_chord], True)
        self.type_slowly(tail)
        self.press("enter")
        self.expected.append(entry)
        self.selected = None  # a saved entry is what the F-keys act on next
        self.findings.step = f"entry {len(self.expected)} ({entry.text[:20]}…)"
        wait_until(lambda: len(saved(self.db)) == before + 1, what=f"{line!r} saved")
        seen = time.time_ns() // 1_000_000
        self.expect_saved("each entry is saved as typed", lambda rows: rows[-1] == entry)
        # Stamped when typing began: after the first key left here, before the row was seen.
        at_ms = saved(self.db)[-1][2]
        self.stamps.append(at_ms)
        origin = int(self.session("started_at_ms")) + paused_ms
        self.expect(
            "an entry's time is when its typing began",
            lambda: started - origin - 1 <= at_ms <= seen - origin + 1,
            f"at_ms {at_ms} outside [{started - origin}, {seen - origin}]",
        )
        self.check_screen()
        return entry

    def hotkey(self, key: str) -> None:
        """An F-key on the entry the F-keys act on (nothing is being typed)."""
        entry = self.target()
        kind, name = HOTKEY_TAGS[key]
        tag = f"{kind}:{name}"
        entry.tags ^= {tag}
        index = self.expected.index(entry)
        self.press(key)
        self.expect_saved(
            f"{key.upper()} tags the entry the F-keys line names",
            lambda rows: (tag in rows[index].tags) == (tag in entry.tags),
        )
        self.check_screen()

    def flag(self, key: str, flag: str) -> None:
        entry = self.target()
        setattr(entry, flag, not getattr(entry, flag))
        index = self.expected.index(entry)
        self.press(key)
        self.expect_saved(
            f"{key} sets {flag} on the entry the F-keys line names",
            lambda rows: getattr(rows[index], flag) == getattr(entry, flag),
        )

    def select_up(self, times: int) -> None:
        self.press(*["up"] * times)
        start = len(self.expected) if self.selected is None else self.selected
        self.selected = max(0, start - times)
        self.findings.step = f"{times} x Up ({self.target().text[:20]}…)"
        self.check_screen()

    def back_to_typing(self) -> None:
        self.escape()
        self.selected = None
        self.findings.step = "Escape after selecting"
        self.check_screen("after Escape")
