"""Property tests never flaky in CI: derandomised unless a person asks for exploration."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASK = (
    "import tests.conftest; from hypothesis import settings as s; d = s.default;"
    " print(s.get_current_profile_name(), d.derandomize, d.database is None, d.max_examples)"
)


@pytest.mark.parametrize(
    ("env", "chosen"),
    [
        ({}, "ci True True 100"),
        ({"HYPOTHESIS_PROFILE": "explore"}, "explore False False 2000"),
        ({"CI": "true", "HYPOTHESIS_PROFILE": "explore"}, "ci True True 100"),
    ],
)
def test_the_profile_is_ci_unless_exploring_by_hand(env: dict[str, str], chosen: str) -> None:
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
    done = subprocess.run(
        [sys.executable, "-c", ASK],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == chosen.split(), done.stderr
