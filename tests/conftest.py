"""Every test runs against throwaway folders: never the user's data or config.

Property tests run the same examples on every run unless asked otherwise: the ``ci``
profile (the default, and always under ``CI=true``) is derandomised, so a test that passes
once passes every time on the same code. ``HYPOTHESIS_PROFILE=explore pytest`` searches
widely with fresh random examples; a failure it finds prints a blob to replay it with
``@reproduce_failure``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,  # no examples replayed from an earlier run: the same examples everywhere
    deadline=None,  # two shared cores: a slow example is not a failure
    max_examples=100,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", max_examples=2000, deadline=None, print_blob=True)


def _hypothesis_profile() -> str:
    if os.environ.get("CI", "").lower() in ("true", "1"):
        return "ci"
    return os.environ.get("HYPOTHESIS_PROFILE") or "ci"


settings.load_profile(_hypothesis_profile())


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("EARFUL_DB", str(tmp_path / "earful.db"))
    monkeypatch.setenv("EARFUL_CONFIG", str(tmp_path / "config" / "config.toml"))
    # No display and no clipboard tool, whatever the machine running the tests has.
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return tmp_path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "earful.db"
