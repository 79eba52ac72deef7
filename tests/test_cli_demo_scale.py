"""``earful demo --scale N`` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run
from tui.store.store import open_store


def test_it_builds_the_size_asked_for_and_refuses_a_database_with_data(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["demo", "--scale", "1000"], capsys)
    assert status == 0 and "2 participants, 10 sessions, 1000 entries" in out
    assert err == ""  # progress is for a terminal only
    status, _, err = run(["demo", "--scale", "1000"], capsys)
    assert status == 1 and "already has interviews" in err and "--force" in err
    status, out, _ = run(["demo", "--scale", "500", "--force"], capsys)
    assert status == 0 and "500 entries" in out
    store = open_store(db_path)
    assert store.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 1500
    store.close()
    _, out, _ = run(["search", "all the time"], capsys)
    assert "all the time" in out


@pytest.mark.parametrize("scale", ["0", "-5", "lots", "99999999999"])
def test_a_size_that_is_no_size_is_one_line_and_nothing_written(
    db_path: Path, capsys: pytest.CaptureFixture[str], scale: str
) -> None:
    status, _, err = run(["demo", "--scale", scale], capsys)
    assert status != 0 and "--scale must be a whole number" in err
    assert not db_path.exists()
