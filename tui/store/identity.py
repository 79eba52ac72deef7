"""Reading a session's uuids and edit times, for an export that carries them."""

from __future__ import annotations

from tui.core.identity import Identity, Stamp
from tui.store.store import Store


def session_identity(store: Store, session_id: int) -> Identity:
    """The uuids and edit times of the session, its participant, entries, guide and
    transcript, in four queries; ``KeyError`` for no such session."""
    row = store.named(
        "SELECT s.uuid, s.updated_at, p.uuid AS p_uuid, p.updated_at AS p_updated,"
        " (SELECT g.uuid FROM guide_versions v JOIN guides g ON g.id = v.guide_id"
        "  WHERE v.id = s.guide_version_id) AS guide,"
        " (SELECT t.uuid FROM transcripts t WHERE t.session_id = s.id) AS transcript"
        " FROM sessions s JOIN participants p ON p.id = s.participant_id WHERE s.id = ?",
        (session_id,),
    ).fetchone()
    if row is None:
        raise KeyError(session_id)
    entries = store.conn.execute(
        "SELECT id, uuid, updated_at FROM entries WHERE session_id = ?", (session_id,)
    )
    return Identity(
        session=Stamp(row["uuid"], row["updated_at"]),
        participant=Stamp(row["p_uuid"], row["p_updated"]),
        entries={entry: Stamp(uuid, updated) for entry, uuid, updated in entries},
        guide=row["guide"],
        transcript=row["transcript"],
    )
