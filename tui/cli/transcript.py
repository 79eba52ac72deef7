"""``earful transcript SESSION FILE``: attach the call's transcript and match the quotes."""

from __future__ import annotations

import argparse
import math
import sqlite3
import stat
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
    from tui.core.matching import SpeakerNotFound, match_transcript
    from tui.store.editing import resolve_session
    from tui.store.transcripts import recording_sync, transcript_of, typed_entries

    store = open_store_or_exit(db_path, read_only=True)
    try:
        session_id = resolve_session(store, args.session)
        if session_id is None:
            return error_line(f"no session {visible(args.session)!r}; `earful sessions` lists them")
        if (old := transcript_of(store, session_id)) and not args.replace:
            return _exists(session_id, old.source)
        typed, sync = typed_entries(store, session_id), recording_sync(store, session_id)
    finally:
        store.close()
    try:
        matching = match_transcript(
            transcript.cues,
            typed,
            speaker=args.speaker,
            offset_ms=args.offset,
            recording_at_ms=sync,
        )
    except SpeakerNotFound as error:
        return error_line(f"{shown}: {visible(str(error))}")
    given = args.speaker is not None
    return _attach(db_path, session_id, path, transcript, matching, args.replace, given)


def _read(path: Path, shown: str) -> Transcript | int:
    """The transcript, or the exit status after one line saying what is wrong with it."""
    from tui.core.transcript import TranscriptError, read_transcript, too_big

    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):  # a folder, or a pipe that would never end
            return error_line(f"{shown}: cannot read: not a file")
        if refusal := too_big(found.st_size):  # before reading any of it
            raise refusal
        return read_transcript(path.read_bytes())
    except OSError as error:
        return error_line(f"{shown}: cannot read: {error.strerror or error}")
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
    print(summary(matching, stored.cues, stored.speakers, speaker_given))
    return 0


def summary(matching: Matching, cues: int, speakers: int, speaker_given: bool = False) -> str:
    """``12 of 14 quotes matched · recording offset +7.2 s (estimated) · 1,204 cues, …``"""
    quotes = f"{matching.quotes:,} quote" + ("" if matching.quotes == 1 else "s")
    parts = [f"{matching.matched:,} of {quotes} matched"]
    asks = sum(1 for m in matching.matches if m.score is not None and m.status == "confirm")
    if asks:
        parts[0] += f" ({asks:,} to confirm)"
    if matching.offset_ms is None:
        parts.append("recording offset unknown (give --offset SECONDS)")
    else:
        seconds = matching.offset_ms / 1000
        parts.append(f"recording offset {seconds:+.1f} s ({matching.offset_from})")
    said = f"{cues:,} cue" + ("" if cues == 1 else "s")
    said += f", {speakers:,} speaker" + ("" if speakers == 1 else "s") if speakers else ""
    parts.append(said)
    if matching.speaker:
        how = "" if speaker_given else " (guessed: --speaker NAME to correct)"
        parts.append(f"participant: {visible(matching.speaker)}{how}")
    suggested = sum(1 for m in matching.matches if m.score is None)
    if suggested:
        parts.append(f"words suggested for {suggested:,} mark" + ("" if suggested == 1 else "s"))
    return " · ".join(parts)
