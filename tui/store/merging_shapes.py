"""What each session of a database holds, in a few whole-file queries, so a merge reads
and writes only the sessions the other side has something new for: merging the same
database again reads each side once and writes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.core.identity import newer
from tui.store.store import Store


@dataclass
class SessionShape:
    """A session's identity and what a merge compares of it."""

    id: int
    uuid: str
    updated_at: str | None
    entries: dict[str, str | None] = field(default_factory=dict)  # entry uuid → updated_at
    verbatim: set[str] = field(default_factory=set)  # entries that keep an original_text
    ticks: set[tuple[int, int]] = field(default_factory=set)  # (asked at, skipped)
    transcript: bool = False

    @property
    def last_edit(self) -> str | None:
        """The latest edit of the session or any of its entries."""
        times = [t for t in (self.updated_at, *self.entries.values()) if t is not None]
        return max(times, default=None)


def session_shapes(store: Store) -> dict[str, SessionShape]:
    """Every session by uuid, with its entries' edit times, ticks and transcript."""
    conn = store.conn
    shapes = {
        uuid: SessionShape(session_id, uuid, updated)
        for session_id, uuid, updated in conn.execute("SELECT id, uuid, updated_at FROM sessions")
    }
    by_id = {shape.id: shape for shape in shapes.values()}
    for session_id, uuid, updated, verbatim in conn.execute(
        "SELECT session_id, uuid, updated_at, original_text IS NOT NULL FROM entries"
    ):
        by_id[session_id].entries[uuid] = updated
        if verbatim:
            by_id[session_id].verbatim.add(uuid)
    for session_id, at_ms, skipped in conn.execute(
        "SELECT session_id, asked_at_ms, skipped FROM questions_asked"
    ):
        by_id[session_id].ticks.add((at_ms, skipped))
    for (session_id,) in conn.execute("SELECT session_id FROM transcripts"):
        by_id[session_id].transcript = True
    return shapes


def needs_merging(theirs: SessionShape, ours: SessionShape | None, gone: dict[str, str]) -> bool:
    """True when their session has anything this one lacks: it is new here (and was not
    deleted here after its last edit there), or it holds a newer edit, an entry (not
    deleted here, by itself or with its session, after its last edit there), a tick,
    a verbatim text or a transcript not here. False means merging it would write nothing."""
    if ours is None:
        deleted = gone.get(theirs.uuid)
        return deleted is None or newer(theirs.last_edit, deleted)
    if newer(theirs.updated_at, ours.updated_at):
        return True
    for uuid, updated in theirs.entries.items():
        if uuid in ours.entries:
            if newer(updated, ours.entries[uuid]):
                return True
        elif outlives(updated, gone.get(uuid), gone.get(theirs.uuid)):
            return True
    if (theirs.verbatim & ours.entries.keys()) - ours.verbatim:
        return True
    return bool(theirs.ticks - ours.ticks) or (theirs.transcript and not ours.transcript)


def outlives(updated: str | None, *deletes: str | None) -> bool:
    """True when an edit made at ``updated`` is later than each delete that would take the
    row (its own, its session's; ``None``: not deleted)."""
    return all(deleted is None or newer(updated, deleted) for deleted in deletes)
