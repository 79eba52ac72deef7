"""The across-interviews corpus: generated once per run (seeded, skewed), kept in a temp folder."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tui.core.demo import generate
from tui.store.demo import write_corpus
from tui.store.store import open_store

RARE_WORD = "zanzibar"  # said once in the whole corpus
COMMON_WORD = "every"  # in several of the generated quotes and notes


@dataclass(frozen=True)
class Corpus:
    """A database file of generated interviews and what the measures need to know about it."""

    path: Path
    sessions: int
    entries: int
    participants: int
    busiest_session: int  # the session with the most entries (for the live screen)
    newest_participant: str  # the name at the top of the home screen's list

    @property
    def label(self) -> str:
        return f"{self.sessions} sessions × {self.entries // max(1, self.sessions)} entries"

    def copy(self, name: str) -> Path:
        """A private copy of the database, for a measure that writes to it."""
        target = self.path.with_name(name)
        shutil.copyfile(self.path, target)
        return target


def build(folder: Path, sessions: int, entries_per_session: int, seed: int = 1) -> Corpus:
    """Generate the corpus into ``folder``: a few busy participants, popular and rare topics."""
    path = folder / "corpus.db"
    store = open_store(path)
    people = max(12, sessions // 4)
    made = generate(seed, people, sessions, (entries_per_session, entries_per_session))
    write_corpus(store, made)
    first = store.conn.execute("SELECT min(id) FROM sessions").fetchone()[0]
    store.add_entry(first, "quote", f"It felt like a {RARE_WORD} moment", 1000, ["pricing"])
    busiest, newest = store.conn.execute(
        """SELECT (SELECT session_id FROM entries GROUP BY 1 ORDER BY count(*) DESC LIMIT 1),
            (SELECT p.name FROM sessions s JOIN participants p ON p.id = s.participant_id
             ORDER BY s.started_at_ms DESC, s.id DESC LIMIT 1)"""
    ).fetchone()
    total = store.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one file, safe to copy
    store.close()
    return Corpus(path, sessions, total, people, busiest, newest)


def connect_raw(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the app's settings, for the floors."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn
