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


def database_path(cli_value: str | None = None) -> Path:
    """``--db`` wins over ``EARFUL_DB``, which wins over the platform's data folder."""
    chosen = cli_value or os.environ.get("EARFUL_DB")
    return Path(chosen).expanduser() if chosen else data_dir() / "earful.db"


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
