"""The database schema, as migrations. Never edit a released migration: add one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("earful")

_INITIAL = [
    """CREATE TABLE participants (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        company TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        segment TEXT NOT NULL DEFAULT '',
        facts TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX participants_name ON participants(name COLLATE NOCASE, company COLLATE NOCASE)",
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        participant_id INTEGER NOT NULL REFERENCES participants(id),
        goal TEXT NOT NULL DEFAULT '',
        planned_minutes INTEGER NOT NULL DEFAULT 30,
        created_at TEXT NOT NULL,
        started_at_ms INTEGER NOT NULL,
        paused_ms INTEGER NOT NULL DEFAULT 0,
        paused_since_ms INTEGER,
        ended_at_ms INTEGER,
        recording_at_ms INTEGER,
        draft_text TEXT NOT NULL DEFAULT '',
        draft_kind TEXT NOT NULL DEFAULT 'quote',
        draft_at_ms INTEGER,
        draft_tags TEXT NOT NULL DEFAULT '[]',
        memorable_entry_id INTEGER,
        opportunities TEXT NOT NULL DEFAULT '[]',
        insights TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX sessions_participant ON sessions(participant_id)",
    """CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('quote', 'note', 'mark')),
        text TEXT NOT NULL DEFAULT '',
        at_ms INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        starred INTEGER NOT NULL DEFAULT 0,
        follow_up INTEGER NOT NULL DEFAULT 0,
        testimonial INTEGER NOT NULL DEFAULT 0,
        original_text TEXT,
        edited_at TEXT
    )""",
    "CREATE INDEX entries_session ON entries(session_id, at_ms)",
    """CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('topic', 'emotion')),
        valence INTEGER NOT NULL DEFAULT 0,
        UNIQUE (name, kind)
    )""",
    """CREATE TABLE entry_tags (
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (entry_id, tag_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX entry_tags_tag ON entry_tags(tag_id)",
    # How many tagged entries each participant has per tag, kept by triggers so the
    # board and the live counter never scan every entry.
    """CREATE TABLE tag_participants (
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        entries INTEGER NOT NULL,
        PRIMARY KEY (tag_id, participant_id)
    ) WITHOUT ROWID""",
    """CREATE TRIGGER entry_tags_counted AFTER INSERT ON entry_tags BEGIN
        INSERT INTO tag_participants (tag_id, participant_id, entries)
        SELECT NEW.tag_id, s.participant_id, 1
        FROM entries e JOIN sessions s ON s.id = e.session_id WHERE e.id = NEW.entry_id
        ON CONFLICT (tag_id, participant_id) DO UPDATE SET entries = entries + 1;
    END""",
    """CREATE TRIGGER entry_tags_uncounted AFTER DELETE ON entry_tags BEGIN
        UPDATE tag_participants SET entries = entries - 1
        WHERE tag_id = OLD.tag_id AND participant_id = (
            SELECT s.participant_id FROM entries e JOIN sessions s ON s.id = e.session_id
            WHERE e.id = OLD.entry_id);
        DELETE FROM tag_participants WHERE entries <= 0;
    END""",
    # Remove links before their entry (and entries before their session), so the
    # trigger above still finds whose entry it was.
    """CREATE TRIGGER entries_unlinked BEFORE DELETE ON entries BEGIN
        DELETE FROM entry_tags WHERE entry_id = OLD.id;
    END""",
    """CREATE TRIGGER sessions_emptied BEFORE DELETE ON sessions BEGIN
        DELETE FROM entries WHERE session_id = OLD.id;
    END""",
    """CREATE TRIGGER sessions_reassigned AFTER UPDATE OF participant_id ON sessions
    WHEN OLD.participant_id <> NEW.participant_id BEGIN
        UPDATE tag_participants SET entries = entries - (
            SELECT count(*) FROM entry_tags et JOIN entries e ON e.id = et.entry_id
            WHERE e.session_id = NEW.id AND et.tag_id = tag_participants.tag_id)
        WHERE participant_id = OLD.participant_id;
        DELETE FROM tag_participants WHERE entries <= 0;
        INSERT INTO tag_participants (tag_id, participant_id, entries)
        SELECT et.tag_id, NEW.participant_id, count(*)
        FROM entry_tags et JOIN entries e ON e.id = et.entry_id
        WHERE e.session_id = NEW.id GROUP BY et.tag_id
        ON CONFLICT (tag_id, participant_id) DO UPDATE SET entries = entries + excluded.entries;
    END""",
    """CREATE VIRTUAL TABLE entries_fts USING fts5(
        text, content='entries', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts (rowid, text) VALUES (NEW.id, NEW.text);
    END""",
    """CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
    END""",
    """CREATE TRIGGER entries_fts_update AFTER UPDATE OF text ON entries BEGIN
        INSERT INTO entries_fts (entries_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
        INSERT INTO entries_fts (rowid, text) VALUES (NEW.id, NEW.text);
    END""",
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    for statement in _INITIAL:
        db.execute(statement)


@migrations(name="0002_entry_moves")
def entry_moves(db: Database) -> None:
    """Keep tag counts right when an entry is moved to another session (e.g. in Datasette)."""
    db.execute(
        """CREATE TRIGGER entries_moved AFTER UPDATE OF session_id ON entries
        WHEN OLD.session_id <> NEW.session_id BEGIN
            UPDATE tag_participants SET entries = entries - 1
            WHERE participant_id = (SELECT participant_id FROM sessions WHERE id = OLD.session_id)
              AND tag_id IN (SELECT tag_id FROM entry_tags WHERE entry_id = NEW.id);
            DELETE FROM tag_participants WHERE entries <= 0;
            INSERT INTO tag_participants (tag_id, participant_id, entries)
            SELECT et.tag_id, s.participant_id, 1
            FROM entry_tags et JOIN sessions s ON s.id = NEW.session_id
            WHERE et.entry_id = NEW.id
            ON CONFLICT (tag_id, participant_id) DO UPDATE SET entries = entries + 1;
        END"""
    )


@migrations(name="0003_tag_descriptions")
def tag_descriptions(db: Database) -> None:
    """The codebook: a tag can say what it means, shown on the board and in briefs."""
    db.execute("ALTER TABLE tags ADD COLUMN description TEXT NOT NULL DEFAULT ''")


@migrations(name="0004_todos_done")
def todos_done(db: Database) -> None:
    """The after-the-call to-do list: follow-ups asked, testimonials cleared, marks filled in.

    One row per ticked item, so ticking never rewrites the entry (its text is verbatim).
    """
    db.execute(
        """CREATE TABLE todos_done (
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            item TEXT NOT NULL CHECK (item IN ('follow_up', 'testimonial', 'mark')),
            done_at TEXT NOT NULL,
            PRIMARY KEY (entry_id, item)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TRIGGER entries_todos_cleared BEFORE DELETE ON entries BEGIN
            DELETE FROM todos_done WHERE entry_id = OLD.id;
        END"""
    )


_GUIDES = [
    """CREATE TABLE guides (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE guide_versions (
        id INTEGER PRIMARY KEY,
        guide_id INTEGER NOT NULL REFERENCES guides(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        goal TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL,
        UNIQUE (guide_id, version)
    )""",
    # An imported session's guide is matched by what it asks.
    "CREATE INDEX guide_versions_content ON guide_versions(content_hash)",
    """CREATE TABLE guide_sections (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES guide_versions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        minutes INTEGER,
        notes TEXT NOT NULL DEFAULT '',
        UNIQUE (version_id, position)
    )""",
    # ``number`` counts the questions through the whole version (Q4 of 12); probes are a
    # JSON array of strings, shown under the question and never asked on their own.
    """CREATE TABLE guide_questions (
        id INTEGER PRIMARY KEY,
        section_id INTEGER NOT NULL REFERENCES guide_sections(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        asker TEXT NOT NULL DEFAULT '',
        topic TEXT NOT NULL DEFAULT '',
        probes TEXT NOT NULL DEFAULT '[]',
        UNIQUE (section_id, number)
    )""",
    # Neither column is required: most sessions and entries have no guide.
    "ALTER TABLE sessions ADD COLUMN guide_version_id INTEGER REFERENCES guide_versions(id)",
    "CREATE INDEX sessions_guide ON sessions(guide_version_id) WHERE guide_version_id IS NOT NULL",
    "ALTER TABLE entries ADD COLUMN question_id INTEGER REFERENCES guide_questions(id)",
    # Both indexes cover what coverage counts, so it never reads the rows themselves.
    """CREATE INDEX entries_question ON entries(question_id, session_id)
        WHERE question_id IS NOT NULL""",
    # One row per question ticked in a session: asked (at the interview clock's ``asked_at_ms``)
    # or skipped on purpose. No row: not reached yet.
    """CREATE TABLE questions_asked (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        question_id INTEGER NOT NULL REFERENCES guide_questions(id) ON DELETE CASCADE,
        asked_at_ms INTEGER NOT NULL,
        skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
        PRIMARY KEY (session_id, question_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX questions_asked_question ON questions_asked(question_id, skipped)",
    # As for the tag links: cleared with their session even where foreign keys are off.
    """CREATE TRIGGER sessions_questions_cleared BEFORE DELETE ON sessions BEGIN
        DELETE FROM questions_asked WHERE session_id = OLD.id;
    END""",
]


@migrations(name="0005_guides")
def guides(db: Database) -> None:
    """The interview guide: versions of each guide, their sections and questions, which
    guide a session followed, the question each entry answered, and what was asked.

    A version is never changed once stored (sessions point at the one they used); adding a
    changed file adds a version. ``content_hash`` is of what the guide asks, so adding the
    same file again finds the latest version unchanged and adds none.
    """
    for statement in _GUIDES:
        db.execute(statement)


_TRANSCRIPTS = [
    # One transcript per session: attaching another replaces it. ``offset_ms`` is the
    # recording time of interview time 0 (recording time = at_ms + offset_ms), NULL when
    # it could not be told; ``speaker`` is the participant's name in the transcript.
    """CREATE TABLE transcripts (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('vtt', 'srt', 'text')),
        offset_ms INTEGER,
        offset_from TEXT NOT NULL CHECK (offset_from IN ('sync', 'estimated', 'given')),
        speaker TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL
    )""",
    # Recording times in ms; ``position`` is the cue's place in time order.
    """CREATE TABLE transcript_cues (
        id INTEGER PRIMARY KEY,
        transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        speaker TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        UNIQUE (transcript_id, position)
    )""",
    # Double quotes around the content table: Datasette and `sqlite-utils search` find
    # an FTS table only when its SQL is written so.
    """CREATE VIRTUAL TABLE transcript_cues_fts USING fts5(
        text, content="transcript_cues", content_rowid="id",
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER transcript_cues_fts_insert AFTER INSERT ON transcript_cues BEGIN
        INSERT INTO transcript_cues_fts (rowid, text) VALUES (NEW.id, NEW.text);
    END""",
    """CREATE TRIGGER transcript_cues_fts_delete AFTER DELETE ON transcript_cues BEGIN
        INSERT INTO transcript_cues_fts (transcript_cues_fts, rowid, text)
        VALUES ('delete', OLD.id, OLD.text);
    END""",
    """CREATE TRIGGER transcript_cues_fts_update AFTER UPDATE OF text ON transcript_cues BEGIN
        INSERT INTO transcript_cues_fts (transcript_cues_fts, rowid, text)
        VALUES ('delete', OLD.id, OLD.text);
        INSERT INTO transcript_cues_fts (rowid, text) VALUES (NEW.id, NEW.text);
    END""",
    # The words each entry was matched to: a quote's (score 0-100), or a mark's suggestion
    # (no score). The entry's own text is never changed by a match.
    """CREATE TABLE transcript_matches (
        entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
        transcript_id INTEGER NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        words TEXT NOT NULL,
        speaker TEXT NOT NULL DEFAULT '',
        score INTEGER CHECK (score BETWEEN 0 AND 100),
        status TEXT NOT NULL CHECK (status IN ('accepted', 'confirm', 'rejected'))
    )""",
    "CREATE INDEX transcript_matches_transcript ON transcript_matches(transcript_id)",
    # As for the tag links: cleared with what they belong to even where foreign keys are
    # off (a Datasette edit, the sqlite3 shell).
    """CREATE TRIGGER transcripts_cleared BEFORE DELETE ON transcripts BEGIN
        DELETE FROM transcript_matches WHERE transcript_id = OLD.id;
        DELETE FROM transcript_cues WHERE transcript_id = OLD.id;
    END""",
    """CREATE TRIGGER sessions_transcript_cleared BEFORE DELETE ON sessions BEGIN
        DELETE FROM transcripts WHERE session_id = OLD.id;
    END""",
    """CREATE TRIGGER entries_match_cleared BEFORE DELETE ON entries BEGIN
        DELETE FROM transcript_matches WHERE entry_id = OLD.id;
    END""",
]


@migrations(name="0006_transcripts")
def transcripts(db: Database) -> None:
    """The call's transcript: its cues (full-text indexed, as entries are), the recording
    offset and the participant's speaker, and the words each typed entry was matched to.
    """
    for statement in _TRANSCRIPTS:
        db.execute(statement)


# The board's answers as one row per entry, for browsing the file in Datasette: its
# facets count a column's values (``_facet=participant``), and a JSON array's items
# (``_facet_array=topics``). Tag names are sorted so each array reads the same every time.
_ENTRIES_DETAIL = """CREATE VIEW entries_detail AS
SELECT e.id AS entry_id, e.session_id, substr(s.created_at, 1, 10) AS date,
    p.name AS participant, p.company, e.kind, e.text, e.original_text, e.at_ms,
    (SELECT json_group_array(name) FROM (SELECT t.name FROM entry_tags x
        JOIN tags t ON t.id = x.tag_id WHERE x.entry_id = e.id AND t.kind = 'topic'
        ORDER BY t.name)) AS topics,
    (SELECT json_group_array(name) FROM (SELECT t.name FROM entry_tags x
        JOIN tags t ON t.id = x.tag_id WHERE x.entry_id = e.id AND t.kind = 'emotion'
        ORDER BY t.name)) AS emotions,
    e.starred, e.follow_up, e.testimonial,
    (SELECT q.text FROM guide_questions q WHERE q.id = e.question_id) AS question
FROM entries e JOIN sessions s ON s.id = e.session_id
JOIN participants p ON p.id = s.participant_id"""


@migrations(name="0007_datasette")
def datasette(db: Database) -> None:
    """The file as other tools see it: the entries' full-text index in the form Datasette
    and ``sqlite-utils search`` detect, and a view of each entry with its tags.

    Both tools find an FTS table only when its SQL names the content table in double
    quotes (``content="entries"``); the first schema wrote single ones. The SQL of a
    virtual table cannot be altered, so the index is made again, in the same form, with
    the same column and tokenizer, and rebuilt from the entries. Its triggers name it
    and stay as they were.
    """
    db.execute("DROP TABLE entries_fts")
    db.execute(
        """CREATE VIRTUAL TABLE entries_fts USING fts5(
        text, content="entries", content_rowid="id",
        tokenize='porter unicode61 remove_diacritics 2'
    )"""
    )
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
    db.execute(_ENTRIES_DETAIL)


# Later migrations live in their own modules and register on ``migrations`` when imported
# here, after the ones above, so they apply in order.
from tui.store import schema_identity  # noqa: E402, F401
