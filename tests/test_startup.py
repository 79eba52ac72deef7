"""What the first frame must not wait for."""

from __future__ import annotations

import subprocess
import sys


def test_the_app_modules_do_not_load_sqlite_utils_before_the_first_frame() -> None:
    # sqlite-utils costs ~100 ms to import; the store opens in a worker after the
    # first frame, so nothing imported to draw that frame may pull it in.
    code = (
        "import sys, tui.cli, tui.ui.app; "
        "print(sorted(m for m in sys.modules if m.startswith('sqlite_utils')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_the_home_screen_does_not_load_the_live_screen() -> None:
    # `earful` opens on the home screen; the live screen's modules (~40 ms of imports and
    # class creation) load only when an interview is started or continued.
    code = (
        "import sys, tui.cli, tui.ui.app, tui.ui.screens.home; "
        "print(sorted(m for m in sys.modules if m.startswith('tui.ui.screens.live.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"
