"""The names of the schema migrations this version knows, oldest first.

Kept apart from ``schema.py`` so that checking a file before the first frame does
not import sqlite-utils. A test keeps the two lists equal: add every new
migration's name here too.
"""

MIGRATIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_entry_moves",
    "0003_tag_descriptions",
    "0004_todos_done",
    "0005_guides",
    "0006_transcripts",
    "0007_datasette",
    "0008_identity",
    "0009_tag_edits",
)
