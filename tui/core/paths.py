"""Every path Earful reads or writes, in one place."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP = "earful"


def data_dir() -> Path:
    return user_data_path(APP, appauthor=False)


def config_dir() -> Path:
    return user_config_path(APP, appauthor=False)


class EmptyPathError(ValueError):
    """A path option or variable given but empty: one line saying which."""


def database_path(cli_value: str | None = None) -> Path:
    """``--db`` wins over ``EARFUL_DB``, which wins over the platform's data folder.

    Given but empty is refused rather than read as "not given": ``--db "$UNSET"`` in a
    script must not write into the user's real database.
    """
    if cli_value is not None:
        if not cli_value.strip():
            raise EmptyPathError("--db was given an empty path; name a file, or leave --db out")
        return Path(cli_value).expanduser()
    chosen = os.environ.get("EARFUL_DB")
    if chosen is None:
        return data_dir() / "earful.db"
    if not chosen.strip():
        raise EmptyPathError("EARFUL_DB is set but empty; name a file, or unset it")
    return Path(chosen).expanduser()


def config_path(cli_value: str | None = None) -> Path:
    """``--config`` wins over ``EARFUL_CONFIG``, which wins over the platform's config folder."""
    chosen = cli_value or os.environ.get("EARFUL_CONFIG")
    return Path(chosen).expanduser() if chosen else config_dir() / "config.toml"


def user_themes_dir(config_file: Path) -> Path:
    """User themes live in ``themes/`` beside the config file."""
    return config_file.parent / "themes"


def state_path(config_file: Path) -> Path:
    """Choices the app remembers (the theme picked in the palette), beside the config."""
    return config_file.parent / "state.json"
