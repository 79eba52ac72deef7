"""Theme files as validated data: the bundled themes, the user's, and what was wrong with each."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

import tui

COLOUR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "warning",
    "error",
    "success",
)
ALLOWED_KEYS = frozenset({"name", "dark", "variables", *COLOUR_KEYS})

# Mid-tones that stay readable (about 3:1 or better) on both dark and light built-in themes.
THEME_VARIABLE_DEFAULTS: dict[str, str] = {
    "earful-topic": "#2a7fa3",
    "earful-emotion-negative": "#c94a43",
    "earful-emotion-positive": "#36884b",
    "earful-emotion-neutral": "#767d88",
    "earful-star": "#a67a00",
    "earful-mark": "#8a5fc8",
    "earful-clock-ending": "#b36d00",
    "earful-clock-over": "#cf3d3d",
    # Secondary text (times, notes): a grey that reads on dark and light alike.
    "earful-muted": "#868e98",
    # Behind the selected entry: translucent, so it darkens a light theme and lightens a dark.
    "earful-selected": "#5a7fb040",
}


class ThemeFileError(Exception):
    """A theme file that could not be turned into a Theme."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = " ".join(problem.split())
        super().__init__(f"{path}: {self.problem}")


def bundled_themes_dir() -> Path:
    """The folder of themes shipped with Earful (in the wheel, or the repo's `themes/`)."""
    # Beside the package's own files, as importlib.resources would find them for a package
    # installed as files (the only way Earful is installed); importing and asking it cost
    # the first frame ~7 M instructions.
    packaged = Path(tui.__file__).parent / "themes"
    if packaged.is_dir():
        return packaged
    return packaged.parent.parent / "themes"


def _check_colour(path: Path, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ThemeFileError(path, f"{key} must be a colour string, not {value!r}")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeFileError(path, f"{key} = {value!r} is not a colour") from None
    return value


def _check_variables(path: Path, raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ThemeFileError(path, "[variables] must be a table")
    variables: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(value, str):
            raise ThemeFileError(path, f"variable {key} must be a string, not {value!r}")
        # Earful's own variables are used as colours in our CSS, so a bad one would break startup.
        variables[key] = (
            _check_colour(path, f"variable {key}", value) if key.startswith("earful-") else value
        )
    return variables


def parse_theme_file(path: Path) -> Theme:
    """Read one TOML theme file into a Theme, or raise ThemeFileError saying what is wrong."""
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except (OSError, UnicodeDecodeError) as error:
        raise ThemeFileError(path, f"cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ThemeFileError(path, f"invalid TOML: {error}") from None

    unknown = sorted(set(data) - ALLOWED_KEYS)
    if unknown:
        raise ThemeFileError(path, f"unknown keys: {', '.join(unknown)}")
    for required in ("name", "primary"):
        if required not in data:
            raise ThemeFileError(path, f"missing {required!r}")
    name = data["name"]
    if not isinstance(name, str) or not name.strip():
        raise ThemeFileError(path, f"name must be a non-empty string, not {name!r}")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeFileError(path, f"dark must be true or false, not {dark!r}")

    colours: dict[str, Any] = {
        key: _check_colour(path, key, data[key]) for key in COLOUR_KEYS if key in data
    }
    variables = _check_variables(path, data.get("variables", {}))
    return Theme(name=name.strip(), dark=dark, variables=variables, **colours)


def _themes_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def load_themes(user_dir: Path | None) -> tuple[list[Theme], list[str]]:
    """Bundled themes then the user's (same name wins): the good themes and the problems."""
    folders = [bundled_themes_dir(), *([user_dir] if user_dir is not None else [])]
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    for folder in folders:
        for path in _themes_in(folder):
            try:
                theme = parse_theme_file(path)
            except ThemeFileError as error:
                problems.append(str(error))
            else:
                themes[theme.name] = theme
    return list(themes.values()), problems
