"""Typed configuration: defaults, then the TOML file, then the command line."""

from __future__ import annotations

import getpass
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.capture import normalise_tag
from tui.core.text import encodable
from tui.core.vocabulary import DEFAULT_EMOTIONS, DEFAULT_TOPICS

DEFAULT_THEME = "earful-dark"
DEFAULT_COPY_FORMAT = "“{text}” — {who} · {time}"
_KNOWN = {
    "theme",
    "minutes",
    "lead_seconds",
    "keys",
    "topics",
    "emotions",
    "copy_format",
    "author",
}


def default_author() -> str:
    """The OS user's name, or '' when it cannot be told (no login name, no passwd entry)."""
    try:
        return encodable(getpass.getuser().strip())
    except (OSError, KeyError, ImportError):
        return ""


@dataclass
class Config:
    theme: str = DEFAULT_THEME
    minutes: int = 30
    lead_seconds: int = 0
    keys: dict[str, str] = field(default_factory=dict)
    topics: list[str] = field(default_factory=lambda: list(DEFAULT_TOPICS))
    emotions: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_EMOTIONS))
    copy_format: str = DEFAULT_COPY_FORMAT
    author: str = field(default_factory=default_author)  # recorded on every new entry
    path: Path | None = None
    problems: list[str] = field(default_factory=list)


def load_config(path: Path) -> Config:
    """Read ``path`` over the defaults. Problems are collected, never raised."""
    config = Config(path=path)
    if not path.exists():
        return config
    try:
        raw = tomllib.loads(_utf8_text(path, config.problems))
    except (OSError, tomllib.TOMLDecodeError) as error:
        config.problems.append(f"{path}: {error}; using the defaults")
        return config
    _apply(config, raw, f"{path}")
    return config


def _utf8_text(path: Path, problems: list[str]) -> str:
    """The file's text; bytes that are not UTF-8 are read as U+FFFD (�), and that is a problem.

    One mis-encoded topic (a Latin-1 "é") costs that character, not the whole config.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(f"{path}: line {line} is not UTF-8; what it could not read shows as \ufffd")
        return data.decode("utf-8", errors="replace")


def _apply(config: Config, raw: dict[str, Any], where: str) -> None:
    def problem(text: str) -> None:
        config.problems.append(f"{where}: {text}")

    for key in sorted(set(raw) - _KNOWN):
        problem(f"unknown setting {key!r} ignored")
    if "theme" in raw:
        if isinstance(raw["theme"], str) and raw["theme"].strip():
            config.theme = raw["theme"].strip()
        else:
            problem("theme must be a theme name")
    for key, low, high in (("minutes", 1, 600), ("lead_seconds", 0, 120)):
        if key in raw:
            value = raw[key]
            if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
                setattr(config, key, value)
            else:
                problem(f"{key} must be a whole number from {low} to {high}")
    if "copy_format" in raw:
        if isinstance(raw["copy_format"], str) and "{text}" in raw["copy_format"]:
            config.copy_format = raw["copy_format"]
        else:
            problem("copy_format must be text containing {text}")
    if "author" in raw:
        author = raw["author"]
        if isinstance(author, str) and "\n" not in author and len(author.strip()) <= 100:
            config.author = encodable(author.strip())
        else:
            problem("author must be a name on one line, up to 100 characters")
    if "topics" in raw:
        topics = raw["topics"]
        if isinstance(topics, list) and all(isinstance(t, str) for t in topics):
            config.topics = _unique(normalise_tag(t) for t in topics)
        else:
            problem("topics must be a list of names")
    if "emotions" in raw:
        emotions = raw["emotions"]
        if isinstance(emotions, dict) and all(v in (-1, 0, 1) for v in emotions.values()):
            config.emotions = {normalise_tag(k): int(v) for k, v in emotions.items() if k.strip()}
        else:
            problem("emotions must map names to a valence of -1, 0 or 1")
    if "keys" in raw:
        keys = raw["keys"]
        if isinstance(keys, dict) and all(isinstance(v, str) for v in keys.values()):
            config.keys = _keymap(keys, problem)
        else:
            problem("keys must map action ids to key names")


def _keymap(keys: dict[str, str], problem: Any) -> dict[str, str]:
    """Drop bindings whose key is already taken by another action, and say so."""
    taken: dict[str, str] = {}
    result: dict[str, str] = {}
    for action, spec in keys.items():
        names = [k.strip() for k in spec.split(",") if k.strip()]
        clash = next((k for k in names if k in taken), None)
        if clash:
            problem(
                f"key {clash!r} is bound to both {taken[clash]!r} and {action!r}; kept the first"
            )
            continue
        taken.update(dict.fromkeys(names, action))
        result[action] = ",".join(names)
    return result


def _unique(names: Any) -> list[str]:
    return [n for n in dict.fromkeys(names) if n]


def remembered_theme(state_file: Path) -> str | None:
    try:
        value = json.loads(state_file.read_text(encoding="utf-8")).get("theme")
    except (OSError, ValueError, AttributeError):
        return None
    return encodable(value) if isinstance(value, str) else None


def remember_theme(state_file: Path, theme: str) -> None:
    """Keep the palette's theme choice for next time; failure to write is not fatal."""
    try:
        state_file.parent.mkdir(parents=True, exist_ok=True)
        state_file.write_text(json.dumps({"theme": theme}), encoding="utf-8")
    except OSError:
        pass
