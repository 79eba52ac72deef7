"""A session read whole: for the snapshot screen, and with every field for an export."""

from __future__ import annotations

import json
from dataclasses import replace

from tui.core.session_guide import Asked, SessionGuide
from tui.core.snapshot import Snapshot
from tui.store import guides
from tui.store.editing import memorable_entry
from tui.store.store import Store


def snapshot(
    store: Store, session_id: int, valences: dict[str, int] | None = None, stamps: bool = False
) -> Snapshot:
    """Everything the snapshot screen and the exports show, in a few queries."""
    session = store.session(session_id)
    entries = store.entries(session_id)
    row = store.named(
        "SELECT opportunities, insights FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    known = store.valences()
    known.update(valences or {})
    times: dict[int, tuple[str, str | None]] = {}
    if stamps:
        rows = store.named(
            "SELECT id, created_at, edited_at FROM entries WHERE session_id = ?", (session_id,)
        )
        times = {r["id"]: (r["created_at"], r["edited_at"]) for r in rows}
    # Here, not at the top: it loads the matching library, which capturing never needs.
    from tui.store.transcript_export import session_transcript
    from tui.store.transcripts import entry_matches

    return Snapshot(
        session=session,
        entries=tuple(entries),
        memorable=memorable_entry(store, session_id, entries),
        opportunities=tuple(json.loads(row["opportunities"] or "[]")),
        insights=tuple(json.loads(row["insights"] or "[]")),
        valences=known,
        stamps=times,
        guide=session_guide(store, session_id),
        # Cues only for an export: no screen shows them from here, and a long call's
        # cues would be most of the time this takes.
        transcript=session_transcript(store, session_id, cues=stamps),
        matches=entry_matches(store, session_id),
    )


def session_guide(store: Store, session_id: int) -> SessionGuide | None:
    """The guide the session followed, its ticks and its entries' questions, by number."""
    version = guides.session_guide(store, session_id)
    if version is None:
        return None
    number = {q.id: q.number for q in version.questions}
    # The store links only questions of the session's guide; ``if`` guards a hand-edited file.
    ticks = {
        number[t.question_id]: Asked(t.asked_at_ms, t.skipped)
        for t in guides.ticks(store, session_id).values()
        if t.question_id in number
    }
    answered = guides.entry_questions(store, session_id).items()
    answers = {e: number[q] for e, q in answered if q in number}
    return SessionGuide(version.guide, version.version, ticks, answers)


def session_export_data(
    store: Store, session_id: int, valences: dict[str, int] | None = None
) -> Snapshot:
    """The snapshot with every stored field and its rows' uuids and edit times, for an
    export."""
    from tui.store.identity import session_identity

    found = snapshot(store, session_id, valences, stamps=True)
    return replace(found, identity=session_identity(store, session_id))
