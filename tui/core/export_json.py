"""A session as JSON: everything, verbatim, for other tools and a later import."""

from __future__ import annotations

import json
from typing import Any

from tui.core.clock import ClockState, format_ms
from tui.core.identity import Identity, read_identity, stamp_part, with_uuid
from tui.core.models import ENTRY_KINDS, Entry, Participant, Session
from tui.core.session_guide import SessionGuide, guide_part, read_guide_part
from tui.core.session_transcript import (
    match_part,
    read_matches,
    read_transcript_part,
    transcript_part,
)
from tui.core.snapshot import Snapshot, tag_counts

JSON_FORMAT = "earful-session"
# 2 added the guide, 3 the transcript and each entry's match, 4 the uuids, edit times and
# authors; all are read.
JSON_VERSION = 4
JSON_VERSIONS = (1, 2, 3, 4)


def to_json(snap: Snapshot) -> str:
    """Every field of the session, its participant and entries; ``read_json`` reads it back."""
    s, who = snap.session, snap.participant
    ident = snap.identity or Identity()
    topics, emotions = tag_counts(snap.entries)
    data: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "session": {
            "id": s.id,
            **stamp_part(ident.session),
            "goal": s.goal,
            "planned_minutes": s.planned_minutes,
            "created_at": s.created_at,
            "duration_ms": snap.duration_ms,
            "clock": {
                "started_at_ms": s.clock.started_at_ms,
                "paused_ms": s.clock.paused_ms,
                "paused_since_ms": s.clock.paused_since_ms,
                "ended_at_ms": s.clock.ended_at_ms,
            },
            "recording_at_ms": s.recording_at_ms,
            "transcript": with_uuid(transcript_part(snap.transcript), ident.transcript)
            if snap.transcript
            else None,
            "memorable_entry_id": snap.memorable.id if snap.memorable else None,
            "opportunities": list(snap.opportunities),
            "insights": list(snap.insights),
        },
        "participant": {
            "id": who.id,
            **stamp_part(ident.participant),
            "name": who.name,
            "company": who.company,
            "email": who.email,
            "segment": who.segment,
            "facts": list(who.facts),
        },
        "guide": with_uuid(guide_part(snap.guide), ident.guide) if snap.guide else None,
        "entries": [_json_entry(e, snap, ident) for e in snap.entries],
        "tags": {
            "topics": dict(topics.most_common()),
            "emotions": {
                name: {"count": n, "valence": snap.valences.get(name, 0)}
                for name, n in emotions.most_common()
            },
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _json_entry(entry: Entry, snap: Snapshot, ident: Identity) -> dict[str, Any]:
    stamps, found, match = snap.stamps.get(entry.id), snap.guide, snap.matches.get(entry.id)
    return {
        "id": entry.id,
        **stamp_part(ident.entries.get(entry.id)),
        "author": entry.author,
        "kind": entry.kind,
        "text": entry.text,
        "original_text": entry.original_text,
        "at_ms": entry.at_ms,
        "time": format_ms(entry.at_ms),
        "topics": list(entry.topics),
        "emotions": list(entry.emotions),
        "starred": entry.starred,
        "follow_up": entry.follow_up,
        "testimonial": entry.testimonial,
        "created_at": stamps[0] if stamps else None,
        "edited_at": stamps[1] if stamps else None,
        "question": found.answers.get(entry.id) if found else None,
        "transcript": match_part(match) if match else None,
    }


def read_json(text: str) -> Snapshot:
    """Parse what ``to_json`` wrote; ValueError says what is wrong with anything else."""
    try:
        data = json.loads(text)
        if data.get("format") != JSON_FORMAT:
            raise ValueError(f"not an Earful session export (format should be {JSON_FORMAT!r})")
        if data.get("version") not in JSON_VERSIONS:
            raise ValueError(f"export version {data.get('version')!r} is not supported")
        s, p = data["session"], data["participant"]
        participant = Participant(
            p["id"], p["name"], p["company"], p["email"], p["segment"], tuple(p["facts"])
        )
        session = Session(
            id=s["id"],
            participant=participant,
            goal=s["goal"],
            planned_minutes=s["planned_minutes"],
            created_at=s["created_at"],
            clock=ClockState(**s["clock"]),
            recording_at_ms=s["recording_at_ms"],
        )
        entries = tuple(_read_entry(e, session.id) for e in data["entries"])
        memorable = next((e for e in entries if e.id == s["memorable_entry_id"]), None)
        valences = {k: v["valence"] for k, v in data["tags"]["emotions"].items()}
        stamps = {e["id"]: (e["created_at"], e["edited_at"]) for e in data["entries"]}
        guide = _read_guide(data)
        transcript = read_transcript_part(s.get("transcript"))
        matches = read_matches(data["entries"])
        identity = read_identity(data)
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"malformed Earful export: missing or wrong field {error}") from error
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON: {error}") from error
    return Snapshot(
        session,
        entries,
        memorable,
        tuple(s["opportunities"]),
        tuple(s["insights"]),
        valences,
        stamps,
        guide,
        transcript,
        matches,
        identity,
    )


def _read_guide(data: dict[str, Any]) -> SessionGuide | None:
    """The guide of a version 2 export; version 1 had none."""
    if data.get("guide") is None:
        return None
    answers = {e["id"]: e["question"] for e in data["entries"] if e.get("question") is not None}
    return read_guide_part(data["guide"], answers)


def _read_entry(e: dict[str, Any], session_id: int) -> Entry:
    if e["kind"] not in ENTRY_KINDS:
        raise ValueError(f"unknown entry kind {e['kind']!r}")
    return Entry(
        id=e["id"],
        session_id=session_id,
        kind=e["kind"],
        text=e["text"],
        at_ms=e["at_ms"],
        topics=tuple(e["topics"]),
        emotions=tuple(e["emotions"]),
        starred=bool(e["starred"]),
        follow_up=bool(e["follow_up"]),
        testimonial=bool(e["testimonial"]),
        original_text=e["original_text"],
        author=e.get("author", ""),
    )
