from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.faults.terminal import RUNNING


@pytest.fixture(autouse=True)
def no_program_left_running() -> Iterator[None]:
    """A failed interview must not leave an ``earful`` running without its terminal."""
    yield
    while RUNNING:
        RUNNING.pop().kill()
