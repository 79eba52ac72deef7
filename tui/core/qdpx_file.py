"""Writing a REFI-QDA project file (``.qdpx``): the zip and the XML of ``project.qde``.

What goes where is described in ``tui.core.qdpx``; here it is put in the order
``Project.xsd`` asks for (users, codes, variables, cases, sources, notes).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from tui.core.clock import format_ms
from tui.core.models import person_label
from tui.core.qdpx import (
    FLAG_CODES,
    NS,
    PARENTS,
    QdaEntry,
    QdaParticipant,
    QdaProject,
    QdaSession,
    QdaTag,
    Written,
    code_guid,
    derived_guid,
    qda_text,
    source_text,
    xml_attr,
    xml_text,
    xsd_datetime,
)
from tui.core.text import tag_mark


def save(
    path: Path,
    project: QdaProject,
    sessions: Iterable[QdaSession],
    progress: Callable[[int], None] | None = None,
) -> Written:
    """Write the project to ``path`` whole or not at all: into a file beside it, renamed
    over it at the end, so a failure halfway leaves what was there."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    part = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            written = write_qdpx(handle, project, sessions, progress)
        umask = os.umask(0)
        os.umask(umask)
        part.chmod(0o666 & ~umask)  # as an ordinary new file, not a private temporary one
        part.replace(path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return written


def write_qdpx(
    out: IO[bytes],
    project: QdaProject,
    sessions: Iterable[QdaSession],
    progress: Callable[[int], None] | None = None,
) -> Written:
    """The project as a ``.qdpx`` zip written to ``out``; ``progress`` hears each session.

    Each session's text goes into the zip as soon as it is made; the XML of its source and
    notes waits in temporary files, since ``project.qde`` opens with what only the end
    knows (the authors, which sessions each case has).
    """
    written = Written()
    users: dict[str, str] = {}  # author → GUID
    cases: dict[str, list[str]] = {}  # participant GUID → their sessions' GUIDs
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        tempfile.TemporaryFile() as sources,
        tempfile.TemporaryFile() as notes,
    ):
        for session in sessions:
            lines, spans = source_text(session.entries)
            archive.writestr(f"sources/{session.guid}.txt", lines.encode("utf-8"))
            sources.write(_source_xml(session, spans, users).encode("utf-8"))
            notes.write(_notes_xml(session, spans, users, archive).encode("utf-8"))
            cases.setdefault(session.participant.guid, []).append(session.guid)
            written.sessions += 1
            written.entries += len(session.entries)
            written.quotes += sum(1 for entry, _, _ in spans if entry.kind == "quote")
            if progress is not None:
                progress(written.sessions)
        entry = zipfile.ZipInfo("project.qde", time.localtime()[:6])
        entry.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(entry, "w") as qde:
            qde.write(_head(project, users, cases).encode("utf-8"))
            for tag, part in (("Sources", sources), ("Notes", notes)):
                if part.tell():  # an empty <Notes/> is not valid
                    part.seek(0)
                    qde.write(f"<{tag}>\n".encode())
                    shutil.copyfileobj(part, qde)
                    qde.write(f"</{tag}>\n".encode())
            qde.write(b"</Project>\n")
    return written


def _user(author: str, users: dict[str, str]) -> str:
    """`` creatingUser="…"`` for an entry's author (none when unknown)."""
    if not author:
        return ""
    guid = users.setdefault(author, derived_guid("user", author))
    return f' creatingUser="{guid}"'


def _when(value: str | None) -> str:
    moment = xsd_datetime(value)
    return f' creationDateTime="{moment}"' if moment else ""


def _codings(owner: str, entry: QdaEntry, users: dict[str, str]) -> str:
    codes = [code_guid("topic", name) for name in entry.topics]
    codes += [code_guid("emotion", name) for name in entry.emotions]
    codes += [code_guid("flag", name) for name in entry.flags]
    who = _user(entry.author, users)
    return "".join(
        f'<Coding guid="{derived_guid(owner, code)}"{who}><CodeRef targetGUID="{code}"/></Coding>'
        for code in codes
    )


def _source_xml(
    session: QdaSession, spans: list[tuple[QdaEntry, int, int]], users: dict[str, str]
) -> str:
    parts = [
        f'<TextSource guid="{session.guid}" name="{xml_attr(session.name)}"'
        f' plainTextPath="internal://{session.guid}.txt"{_when(session.created_at)}>'
    ]
    if session.goal:
        parts.append(f"<Description>{xml_text(session.goal)}</Description>")
    for entry, start, end in spans:
        if entry.kind != "quote":
            continue
        parts.append(
            f'<PlainTextSelection guid="{entry.guid}" name="{format_ms(entry.at_ms)}"'
            f' startPosition="{start}" endPosition="{end}"'
            f"{_user(entry.author, users)}{_when(entry.created_at)}>"
        )
        if entry.original_text is not None and entry.original_text != entry.text:
            parts.append(f"<Description>As typed: {xml_text(entry.original_text)}</Description>")
        parts.append(_codings(entry.guid, entry, users) + "</PlainTextSelection>")
    # After every selection, as the schema orders them.
    parts += [
        f'<NoteRef targetGUID="{entry.guid}"/>' for entry, _, _ in spans if entry.kind == "note"
    ]
    parts.append("</TextSource>\n")
    return "\n".join(parts)


def _notes_xml(
    session: QdaSession,
    spans: list[tuple[QdaEntry, int, int]],
    users: dict[str, str],
    archive: zipfile.ZipFile,
) -> str:
    """The session's notes, each on the span of its line in the source, then its
    opportunities and insights, each a text of its own in ``sources/``."""
    parts = []
    for entry, start, end in spans:
        if entry.kind != "note":
            continue
        name = f"Note {format_ms(entry.at_ms)} · {session.name}"
        parts.append(
            f'<Note guid="{entry.guid}" name="{xml_attr(name)}"{_user(entry.author, users)}'
            f"{_when(entry.created_at or session.created_at)}>"
            f"<PlainTextContent>{xml_text(entry.text)}</PlainTextContent>"
            f'<PlainTextSelection guid="{derived_guid(entry.guid, "line")}"'
            f' startPosition="{start}" endPosition="{end}"/>'
            f"{_codings(entry.guid, entry, users)}</Note>\n"
        )
    for label, items in (("Opportunity", session.opportunities), ("Insight", session.insights)):
        for number, item in enumerate(items, 1):
            guid = derived_guid(session.guid, label, number)
            archive.writestr(f"sources/{guid}.txt", qda_text(item).encode("utf-8"))
            parts.append(
                f'<Note guid="{guid}" name="{xml_attr(f"{label} {number} · {session.name}")}"'
                f' plainTextPath="internal://{guid}.txt"{_when(session.created_at)}/>\n'
            )
    return "".join(parts)


def _head(project: QdaProject, users: dict[str, str], cases: dict[str, list[str]]) -> str:
    """``project.qde`` up to its sources: users, codes, variables and cases."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<Project xmlns="{NS}" name="{xml_attr(project.name)}" origin="{xml_attr(project.origin)}"'
        f' creationDateTime="{project.created_at}">',
    ]
    if users:
        parts.append("<Users>")
        parts += [f'<User guid="{guid}" name="{xml_attr(name)}"/>' for name, guid in users.items()]
        parts.append("</Users>")
    parts += ["<CodeBook><Codes>", *_codes(project.tags), "</Codes></CodeBook>"]
    people = [p for p in project.participants if p.guid in cases]
    variables = _variables(people)
    if variables:
        parts.append("<Variables>")
        parts += [
            f'<Variable guid="{guid}" name="{xml_attr(name)}" typeOfVariable="Text"/>'
            for name, guid in variables.values()
        ]
        parts.append("</Variables>")
    if people:
        parts.append("<Cases>")
        parts += [_case(person, variables, cases[person.guid]) for person in people]
        parts.append("</Cases>")
    return "\n".join(parts) + "\n"


def _codes(tags: Iterable[QdaTag]) -> list[str]:
    children: dict[str, list[tuple[str, str, str]]] = {kind: [] for kind, _ in PARENTS}
    for tag in tags:
        children[tag.kind].append((tag.name, tag_mark(tag.kind, tag.name), tag.description))
    children["flag"] = [(key, name, "") for key, name in FLAG_CODES]
    parts = []
    for kind, title in PARENTS:
        parts.append(
            f'<Code guid="{derived_guid("parent", kind)}" name="{title}" isCodable="false">'
        )
        for key, name, description in children[kind]:
            about = f"<Description>{xml_text(description)}</Description>" if description else ""
            parts.append(
                f'<Code guid="{code_guid(kind, key)}" name="{xml_attr(name)}" isCodable="true">'
                f"{about}</Code>"
            )
        parts.append("</Code>")
    return parts


def _values(person: QdaParticipant) -> list[tuple[str, str]]:
    """A participant's (variable, value) pairs: company, email, segment, and each fact
    written ``name: value``."""
    pairs = [("Company", person.company), ("Email", person.email), ("Segment", person.segment)]
    for fact in person.facts:
        name, colon, value = fact.partition(":")
        if colon and 0 < len(name.strip()) <= 40:
            pairs.append((name.strip(), value.strip()))
    return [(name, value) for name, value in pairs if value.strip()]


def _variables(people: Iterable[QdaParticipant]) -> dict[str, tuple[str, str]]:
    """Each variable the cases use, by folded name: (name as first written, GUID)."""
    found: dict[str, tuple[str, str]] = {}
    for person in people:
        for name, _ in _values(person):
            key = name.casefold()
            if key not in found:
                found[key] = (name, derived_guid("variable", key))
    return found


def _case(person: QdaParticipant, variables: dict[str, tuple[str, str]], sources: list[str]) -> str:
    name = person_label(person.name, person.company)
    parts = [f'<Case guid="{person.guid}" name="{xml_attr(name)}">']
    if person.facts:
        parts.append(f"<Description>{xml_text(chr(10).join(person.facts))}</Description>")
    seen: set[str] = set()
    for variable, value in _values(person):
        key = variable.casefold()
        if key not in seen:  # a second value for one variable stays in the description
            seen.add(key)
            parts.append(
                f'<VariableValue><VariableRef targetGUID="{variables[key][1]}"/>'
                f"<TextValue>{xml_text(value)}</TextValue></VariableValue>"
            )
    parts += [f'<SourceRef targetGUID="{guid}"/>' for guid in sources]
    parts.append("</Case>")
    return "".join(parts)
