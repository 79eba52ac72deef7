"""The App as the ``earful`` command starts it, for the measures that drive it in Pilot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.cli import build_app
from tui.core import collector
from tui.core.clock import wall_ms
from tui.core.config import Config
from tui.ui.app import EarfulApp
from tui.ui.launch import Launch


def started_app(
    launch: Launch, db: Path, config: Config, now: Callable[[], int] = wall_ms
) -> EarfulApp:
    """``build_app`` after what the command does first: the garbage collector paused until
    the first frame, so start-up and the loaded interview are set aside from collection as
    they are for a user (see tui/core/collector.py)."""
    collector.pause()
    return build_app(launch, db, config, now)
