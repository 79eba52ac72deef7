"""What Datasette needs to show an Earful file well: titles, what each table and column
holds, which tables are internal, and the board's questions as canned queries.

Plain data and SQL: ``earful datasette`` writes it as JSON for ``datasette -m``. Each
canned query answers as the app does (a test runs them in Datasette against the board,
search, a tag's quotes, a participant's page and guide coverage).
"""

from __future__ import annotations

from typing import Any

# Kept by triggers or by the app for itself: hidden from Datasette's lists, still queryable.
INTERNAL_TABLES = (
    "tag_participants",
    "settings",
    "_sqlite_migrations",
    "entries_fts",
    "transcript_cues_fts",
    *(
        f"{index}_{part}"
        for index in ("entries_fts", "transcript_cues_fts")
        for part in ("config", "data", "docsize", "idx")
    ),
)

_ENTRY_FLAGS = {
    "starred": "1 when starred as a key moment",
    "follow_up": "1 when marked to follow up on",
    "testimonial": "1 when marked as a possible testimonial (ask permission first)",
}

_TABLES: dict[str, dict[str, Any]] = {
    "participants": {
        "description": "The people interviewed.",
        "label_column": "name",
        "columns": {
            "name": "As typed when the interview started",
            "company": "Their company, or empty",
            "segment": "A segment you gave them, or empty",
            "facts": "Facts noted about them (JSON list)",
        },
    },
    "sessions": {
        "description": "One row per interview.",
        "label_column": "goal",
        "columns": {
            "participant_id": "Who was interviewed",
            "goal": "What the interview set out to learn",
            "planned_minutes": "Planned length",
            "created_at": "When the interview was started",
            "started_at_ms": "Clock start (epoch ms)",
            "ended_at_ms": "Clock end (epoch ms), empty while it runs",
            "recording_at_ms": "Interview time (ms) at which the recording started, if synced",
            "memorable_entry_id": "The entry chosen as the most memorable",
            "opportunities": "Opportunities noted after the call (JSON list)",
            "insights": "Insights noted after the call (JSON list)",
            "guide_version_id": "The interview guide version it followed, if any",
        },
    },
    "entries": {
        "description": "Everything noted during the interviews, exactly as typed.",
        "columns": {
            "session_id": "The interview it belongs to",
            "kind": "quote, note or mark (a moment to fill in from the recording)",
            "text": "Exactly what was typed (after any edit)",
            "at_ms": "Interview clock (ms) when typing began",
            "created_at": "When it was saved",
            **_ENTRY_FLAGS,
            "original_text": "The verbatim text before an edit, empty if never edited",
            "edited_at": "When it was last edited",
            "question_id": "The guide question being asked when typing began, if any",
        },
    },
    "entries_detail": {
        "description": (
            "One row per entry with its participant and tags: facet by participant, topics"
            " or emotions for the board's answers."
        ),
        "fts_table": "entries_fts",
        "fts_pk": "entry_id",
        "facets": ["participant", {"array": "topics"}, {"array": "emotions"}],
        "columns": {
            "entry_id": "The entry",
            "session_id": "The interview",
            "date": "Day of the interview (YYYY-MM-DD)",
            "participant": "Who was interviewed",
            "company": "Their company",
            "kind": "quote, note or mark",
            "text": "Exactly what was typed",
            "original_text": "The verbatim text before an edit, empty if never edited",
            "at_ms": "Interview clock (ms) when typing began",
            "topics": "Its #topics (JSON array)",
            "emotions": "Its !emotions (JSON array)",
            **_ENTRY_FLAGS,
            "question": "The guide question it answered, if any",
        },
    },
    "tags": {
        "description": "The codebook: #topics and !emotions.",
        "label_column": "name",
        "columns": {
            "kind": "topic or emotion",
            "valence": "For emotions: -1 negative, 0 neutral, 1 positive",
            "description": "What the tag means, from the codebook",
        },
    },
    "entry_tags": {"description": "Which entry carries which tag."},
    "todos_done": {"description": "To-dos ticked off after the calls."},
    "guides": {"description": "Interview guides.", "label_column": "name"},
    "guide_versions": {"description": "Each stored version of a guide; never changed."},
    "guide_sections": {"description": "A guide version's sections.", "label_column": "title"},
    "guide_questions": {
        "description": "A guide version's questions, numbered through the version.",
        "label_column": "text",
    },
    "questions_asked": {
        "description": "Questions ticked in an interview: asked, or skipped on purpose."
    },
    "transcripts": {"description": "A call's transcript, one per interview."},
    "transcript_cues": {
        "description": "The transcript's lines, full-text searchable.",
        "columns": {
            "start_ms": "Recording time (ms)",
            "end_ms": "Recording time (ms)",
            "speaker": "As the transcript names them",
        },
    },
    "transcript_matches": {
        "description": "The transcript words each typed entry was matched to.",
        "columns": {"score": "How closely they matched, 0-100", "status": "Review status"},
    },
}

# The board: tags ranked by distinct participants, then entries, topics before emotions;
# the names of who raised each, most entries first.
TAGS_BY_PARTICIPANTS = """SELECT t.name AS tag, t.kind, count(*) AS participants,
    (SELECT count(DISTINCT participant_id) FROM sessions) AS out_of,
    sum(tp.entries) AS entries,
    (SELECT json_group_array(name) FROM (SELECT p.name FROM tag_participants x
        JOIN participants p ON p.id = x.participant_id WHERE x.tag_id = t.id
        ORDER BY x.entries DESC, lower(p.name))) AS names,
    t.description
FROM tag_participants tp JOIN tags t ON t.id = tp.tag_id
GROUP BY t.id
ORDER BY participants DESC, entries DESC, t.kind <> 'topic', t.name"""

# ``#name`` or a bare name is a topic, ``!name`` an emotion, in any case, as the app reads them.
TAG_QUOTES = """SELECT d.* FROM entries_detail d JOIN sessions s ON s.id = d.session_id
WHERE d.entry_id IN (SELECT x.entry_id FROM entry_tags x JOIN tags t ON t.id = x.tag_id
    WHERE t.kind = CASE WHEN trim(:tag) LIKE '!%' THEN 'emotion' ELSE 'topic' END
    AND t.name IN (ltrim(trim(:tag), '#!'), lower(ltrim(trim(:tag), '#!'))))
ORDER BY s.started_at_ms, d.at_ms, d.entry_id"""

PARTICIPANT_SAID = """SELECT d.*, s.goal FROM entries_detail d
JOIN sessions s ON s.id = d.session_id
WHERE d.participant = trim(:participant) COLLATE NOCASE
ORDER BY s.started_at_ms DESC, s.id DESC, d.at_ms, d.entry_id"""

# A question is the same in every version of its guide that has the same words in a
# section of the same title; ticks and answers count only from sessions that followed a
# version holding it. Each guide's latest questions first, in order, then older ones.
GUIDE_COVERAGE = """WITH q AS MATERIALIZED (
    SELECT g.id AS guide_id, g.name AS guide, gq.id, gs.title AS section, gq.text,
        gv.id AS version_id, gv.version, gq.number
    FROM guides g JOIN guide_versions gv ON gv.guide_id = g.id
    JOIN guide_sections gs ON gs.version_id = gv.id
    JOIN guide_questions gq ON gq.section_id = gs.id
),
keyed AS (
    SELECT guide_id, guide, section, text, max(version) AS latest, number
    FROM q GROUP BY guide_id, section, text
)
SELECT k.guide, k.section, k.number, k.text AS question,
    (SELECT count(*) FROM q JOIN sessions s ON s.guide_version_id = q.version_id
        WHERE q.guide_id = k.guide_id AND q.section = k.section AND q.text = k.text)
        AS sessions,
    (SELECT count(DISTINCT a.session_id) FROM q
        JOIN questions_asked a ON a.question_id = q.id AND a.skipped = 0
        JOIN sessions s ON s.id = a.session_id AND s.guide_version_id = q.version_id
        WHERE q.guide_id = k.guide_id AND q.section = k.section AND q.text = k.text)
        AS asked,
    (SELECT count(*) FROM q JOIN entries e ON e.question_id = q.id
        JOIN sessions s ON s.id = e.session_id AND s.guide_version_id = q.version_id
        WHERE q.guide_id = k.guide_id AND q.section = k.section AND q.text = k.text)
        AS entries,
    (SELECT count(DISTINCT s.participant_id) FROM q JOIN entries e ON e.question_id = q.id
        JOIN sessions s ON s.id = e.session_id AND s.guide_version_id = q.version_id
        WHERE q.guide_id = k.guide_id AND q.section = k.section AND q.text = k.text)
        AS participants,
    k.latest = (SELECT max(version) FROM guide_versions WHERE guide_id = k.guide_id)
        AS current
FROM keyed k ORDER BY k.guide COLLATE NOCASE, k.guide_id, k.latest DESC, k.number"""

QUERIES: dict[str, dict[str, str]] = {
    "tags_by_participants": {
        "title": "Tags ranked by how many participants raised them",
        "description": "The board: distinct participants per tag, their entries and names.",
        "sql": TAGS_BY_PARTICIPANTS,
    },
    "tag_quotes": {
        "title": "Everything said with one tag",
        "description": "Every entry carrying the tag, in the order said. Type a topic"
        " (pricing or #pricing) or an emotion (!frustrated).",
        "sql": TAG_QUOTES,
    },
    "participant_said": {
        "title": "Everything one participant said",
        "description": "Every entry of every interview with them, newest interview first."
        " Type their name as it was typed (any case).",
        "sql": PARTICIPANT_SAID,
    },
    "guide_coverage": {
        "title": "Interview guide coverage per question",
        "description": "For each guide question: interviews that followed it, how many asked"
        " it, and the entries (and participants) that answered it.",
        "sql": GUIDE_COVERAGE,
    },
}


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for an Earful file that Datasette names ``database`` (the file's
    name without its extension)."""
    tables = {name: dict(about) for name, about in _TABLES.items()}
    for name in INTERNAL_TABLES:
        tables[name] = {"hidden": True}
    return {
        "title": "Earful: customer interviews",
        "description": "Interview notes from Earful. Start with entries_detail (search and"
        " facets) or the queries below.",
        "databases": {
            database: {
                "description": "Participants, interviews, what was said and how it was tagged.",
                "tables": tables,
                "queries": {name: dict(query) for name, query in QUERIES.items()},
            }
        },
    }
