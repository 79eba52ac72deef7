"""Migration 0008: the identity a row keeps across databases, when it last changed, what
was deleted, and who typed each entry. Registered on ``schema.migrations`` after 0007.

- ``uuid``: a random (version 4) UUID in its canonical form, 36 lowercase characters
  (``8-4-4-4-12`` hex digits with hyphens), the same form as Python's ``str(uuid4())``.
  On participants, sessions, entries, guides and transcripts. Existing rows get one here;
  a row inserted without one (by any code, or by hand in the sqlite3 shell) gets one from
  a trigger, so the column is never empty; a unique index keeps it unique. A guide's
  versions need none: a version never changes once stored and is already found in any
  database by what it asks (``content_hash``); the guide, the named line of versions, is
  what needs an identity. Tags are identified by (name, kind).
- ``updated_at``: on participants, sessions, entries and tags, UTC ISO 8601 with
  milliseconds (``2026-11-29T10:00:00.000Z``, so two compare as strings). Set on insert
  when not given and by triggers on every update that changes what a user can edit, so
  every path that edits is covered. An update that sets ``updated_at`` itself (an import
  keeping the newer side's time) is left alone. A session's draft (saved every second
  while typing) is not an edit. Existing rows get the time of the upgrade.
- ``tombstones``: one row per deleted uuid, written by a trigger on delete, so a delete
  travels with a merge instead of being undone by it. Putting a row back (undo) removes
  its tombstone.
- ``entries.author``: who typed the entry (the config's ``author``); entries from before
  this migration keep ``''`` (not known).
"""

from __future__ import annotations

from sqlite_utils import Database

from tui.store.schema import migrations

# A version 4 UUID from SQLite's random bytes: the 4 and the variant (8, 9, a or b)
# in their places. Each row evaluates it afresh.
UUID_SQL = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'"
    " || substr(lower(hex(randomblob(2))), 2) || '-'"
    " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)"
    " || '-' || lower(hex(randomblob(6)))"
)
NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

IDENTIFIED = ("participants", "sessions", "entries", "guides", "transcripts")

# What a user can change on each row, by any path: a change to any of these moves
# ``updated_at``. The columns a trigger keeps (counts) and a session's draft are not here.
EDITABLE: dict[str, tuple[str, ...]] = {
    "participants": ("name", "company", "email", "segment", "facts"),
    "sessions": (
        "participant_id",
        "goal",
        "planned_minutes",
        "started_at_ms",
        "paused_ms",
        "paused_since_ms",
        "ended_at_ms",
        "recording_at_ms",
        "memorable_entry_id",
        "opportunities",
        "insights",
        "guide_version_id",
    ),
    "entries": (
        "session_id",
        "kind",
        "text",
        "at_ms",
        "starred",
        "follow_up",
        "testimonial",
        "original_text",
        "edited_at",
        "question_id",
        "author",
    ),
    "tags": ("name", "kind", "valence", "description"),
}


def _stamped_on_insert(table: str) -> str:
    """Fill what an insert left out: the uuid and, where kept, ``updated_at``."""
    sets = []
    missing = []
    if table in IDENTIFIED:
        sets.append(f"uuid = coalesce(uuid, {UUID_SQL})")
        missing.append("NEW.uuid IS NULL")
    if table in EDITABLE:
        sets.append(f"updated_at = coalesce(updated_at, {NOW_SQL})")
        missing.append("NEW.updated_at IS NULL")
    return f"""CREATE TRIGGER {table}_stamped AFTER INSERT ON {table}
    WHEN {" OR ".join(missing)} BEGIN
        UPDATE {table} SET {", ".join(sets)} WHERE rowid = NEW.rowid;
    END"""


def _stamped_on_update(table: str) -> str:
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in EDITABLE[table])
    return f"""CREATE TRIGGER {table}_updated AFTER UPDATE ON {table}
    WHEN NEW.updated_at IS OLD.updated_at AND ({changed}) BEGIN
        UPDATE {table} SET updated_at = {NOW_SQL} WHERE rowid = NEW.rowid;
    END"""


def _identity(table: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ADD COLUMN uuid TEXT",
        f"UPDATE {table} SET uuid = {UUID_SQL}",
        f"CREATE UNIQUE INDEX {table}_uuid ON {table}(uuid)",
        # The uuid is for good: clearing it would break the row's identity.
        f"""CREATE TRIGGER {table}_uuid_kept BEFORE UPDATE OF uuid ON {table}
        WHEN NEW.uuid IS NULL BEGIN
            SELECT RAISE(ABORT, '{table}.uuid cannot be cleared');
        END""",
        f"""CREATE TRIGGER {table}_tombstone AFTER DELETE ON {table}
        WHEN OLD.uuid IS NOT NULL BEGIN
            INSERT OR REPLACE INTO tombstones (uuid, table_name, deleted_at)
            VALUES (OLD.uuid, '{table}', {NOW_SQL});
        END""",
        # Undo puts the same row back, uuid and all: then it is no longer deleted.
        f"""CREATE TRIGGER {table}_undeleted AFTER INSERT ON {table}
        WHEN NEW.uuid IS NOT NULL BEGIN
            DELETE FROM tombstones WHERE uuid = NEW.uuid;
        END""",
    ]


# As 0007's view, with who typed each entry.
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
    (SELECT q.text FROM guide_questions q WHERE q.id = e.question_id) AS question,
    e.author
FROM entries e JOIN sessions s ON s.id = e.session_id
JOIN participants p ON p.id = s.participant_id"""


@migrations(name="0008_identity")
def identity(db: Database) -> None:
    """Stable ids, edit times, tombstones and each entry's author (see the module)."""
    db.execute(
        """CREATE TABLE tombstones (
            uuid TEXT PRIMARY KEY,
            table_name TEXT NOT NULL,
            deleted_at TEXT NOT NULL
        )"""
    )
    db.execute("ALTER TABLE entries ADD COLUMN author TEXT NOT NULL DEFAULT ''")
    for table in IDENTIFIED:
        for statement in _identity(table):
            db.execute(statement)
    for table in EDITABLE:
        db.execute(f"ALTER TABLE {table} ADD COLUMN updated_at TEXT")
        db.execute(f"UPDATE {table} SET updated_at = {NOW_SQL}")
        db.execute(_stamped_on_update(table))
    for table in dict.fromkeys((*IDENTIFIED, *EDITABLE)):
        db.execute(_stamped_on_insert(table))
    db.execute("DROP VIEW entries_detail")
    db.execute(_ENTRIES_DETAIL)


# Migration 0009: a tag put on or taken off an entry is an edit of the entry, so it
# travels with a merge like any other. The links written with the entry itself (saved
# live, imported, merged, put back by undo) are no further edit.
#
# The rule is one lookup by primary key per link: move ``updated_at`` only when it is
# older than the statement's time. The live save stamps the entry as it inserts it, so
# its links move nothing (or the time by the millisecond that passed); an import or an
# undo, which write an older time on purpose, put it back after linking.
_TAG_EDIT = """CREATE TRIGGER entry_tags_{name} AFTER {event} ON entry_tags
    WHEN EXISTS (SELECT 1 FROM entries e
        WHERE e.id = {row}.entry_id AND e.updated_at < {now}{alive}) BEGIN
        UPDATE entries SET updated_at = {now} WHERE id = {row}.entry_id;
    END"""

# An entry being deleted loses its links first (so the tag counts still find whose entry
# it was). Those are no edit, and changing a row a BEFORE DELETE trigger is deleting is
# undefined in SQLite: the entry's tombstone is written before its links go, and a link
# of an entry already tombstoned moves nothing.
_UNLINKED = """CREATE TRIGGER entries_unlinked BEFORE DELETE ON entries BEGIN
        INSERT OR REPLACE INTO tombstones (uuid, table_name, deleted_at)
        SELECT OLD.uuid, 'entries', {now} WHERE OLD.uuid IS NOT NULL;
        DELETE FROM entry_tags WHERE entry_id = OLD.id;
    END"""


@migrations(name="0009_tag_edits")
def tag_edits(db: Database) -> None:
    """Tagging and untagging an entry move its ``updated_at`` (see above)."""
    db.execute("DROP TRIGGER entries_unlinked")
    db.execute(_UNLINKED.format(now=NOW_SQL))
    db.execute(_TAG_EDIT.format(name="tagged", event="INSERT", row="NEW", now=NOW_SQL, alive=""))
    untagged = " AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.uuid = e.uuid)"
    db.execute(
        _TAG_EDIT.format(name="untagged", event="DELETE", row="OLD", now=NOW_SQL, alive=untagged)
    )
