"""``earful transcript SESSION FILE``: attach the call's transcript and match the quotes."""

from __future__ import annotations

import argparse
import math
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli.common import BadNumber, error_line, open_store_or_exit, session_ref
from tui.core.config import Config
from tui.core.text import encodable, visible

if TYPE_CHECKING:
    from tui.core.matching import Matching
    from tui.core.transcript import Transcript

COMMANDS: set[str] = {"transcript"}
MAX_OFFSET_S = 86_400  # a recording a day away from the interview is the wrong recording


def add_commands(commands: Any) -> None:
    """Add ``transcript`` to the ``earful`` parser."""
    command = commands.add_parser(
        "transcript",
        help="attach the call's transcript to an interview and match its quotes",
        description="Read the call tool's transcript (WebVTT from Zoom or Teams, SRT, or"
        " text lines starting [hh:mm:ss] or hh:mm:ss Name:), store it with the interview"
        " and match every quote to the words said. The quotes' text is never changed."
        " Prints how many quotes matched, the recording offset and the cues read.",
    )
    command.add_argument(
        "session", metavar="SESSION", type=session_ref, help="a session id, or latest"
    )
    command.add_argument("file", metavar="FILE", help="the transcript file")
    command.add_argument(
        "--speaker",
        metavar="NAME",
        type=encodable,
        help="the participant's name in the transcript (default: guessed from the quotes)",
    )
    command.add_argument(
        "--offset",
        metavar="SECONDS",
        type=offset_seconds,
        help="the recording's time when the interview clock started (default: the"
        " recording sync, ctrl+r, else estimated from the quotes); negative if the"
        " recording started later",
    )
    command.add_argument(
        "--replace", action="store_true", help="replace the transcript the interview has"
    )


def offset_seconds(text: str) -> int:
    """An argparse ``type``: seconds (decimals allowed, may be negative) as milliseconds."""
    try:
        seconds = float(text) if len(text) <= 40 else math.nan
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or abs(seconds) > MAX_OFFSET_S:
        wanted = f"a number of seconds from -{MAX_OFFSET_S:,} to {MAX_OFFSET_S:,}"
        raise BadNumber(f"--offset must be {wanted}, not {visible(text)!r}")
    return round(seconds * 1000)


def run(args: argparse.Namespace, db_path: Path, config: Config) -> int:
    """Run ``earful transcript``; returns the exit status. Nothing is written unless the
    file, the session and the speaker are all good."""
    path = Path(args.file).expanduser()
    shown = visible(str(path))
    transcript = _read(path, shown)
    if isinstance(transcript, int):
        return transcript
    from tui.core.matching import SpeakerNotFound
    from tui.store.editing import resolve_session
    from tui.store.match_review import match_session
    from tui.store.transcripts import transcript_of

    store = open_store_or_exit(db_path, read_only=True)
    try:
        session_id = resolve_session(store, args.session)
        if session_id is None:
            return error_line(f"no session {visible(args.session)!r}; `earful sessions` lists them")
        if (old := transcript_of(store, session_id)) and not args.replace:
            return _exists(session_id, old.source)
        matching = match_session(store, session_id, transcript, args.speaker, args.offset)
    except SpeakerNotFound as error:
        return error_line(f"{shown}: {visible(str(error))}")
    finally:
        store.close()
    given = args.speaker is not None
    return _attach(db_path, session_id, path, transcript, matching, args.replace, given)


def _read(path: Path, shown: str) -> Transcript | int:
    """The transcript, or the exit status after one line saying what is wrong with it."""
    from tui.core.transcript import TranscriptError, read_transcript_file

    try:
        return read_transcript_file(path)
    except TranscriptError as error:
        where = f"{shown} line {error.line}:" if error.line else f"{shown}:"
        return error_line(f"{where} {visible(error.reason)}")


def _exists(session_id: int, source: str) -> int:
    return error_line(
        f"session {session_id} already has a transcript ({visible(source)});"
        " add --replace to replace it"
    )


def _attach(
    db_path: Path,
    session_id: int,
    path: Path,
    transcript: Transcript,
    matching: Matching,
    replace: bool,
    speaker_given: bool,
) -> int:
    from tui.store.transcripts import TranscriptExists, attach_transcript

    store = open_store_or_exit(db_path)
    try:
        stored = attach_transcript(store, session_id, path.name, transcript, matching, replace)
    except TranscriptExists as error:  # attached from another window meanwhile
        return _exists(session_id, error.source)
    except KeyError:  # deleted from another window meanwhile
        return error_line(f"no session {session_id}; `earful sessions` lists them")
    except sqlite3.Error as error:
        return error_line(f"nothing written to {db_path}: {error}")
    finally:
        store.close()
    from tui.core.matching import summary

    print(summary(matching, stored.cues, stored.speakers, speaker_given))
    return 0
