"""The QDPX export measure runs, exports every entry, and has the size its target is for."""

from __future__ import annotations

import zipfile
from pathlib import Path

from benchmarks import qdpx
from benchmarks.__main__ import FULL, QUICK, measures


def test_the_measure_runs_and_exports_every_entry(tmp_path: Path) -> None:
    result = qdpx.export_all(tmp_path, 4, 25, 1)  # raises if an entry is missing
    assert len(result.earful) == len(result.floor) == 1
    assert result.target == "< 15 s" and result.ok is True
    assert result.measure.startswith("qdpx export: 101 entries")
    with zipfile.ZipFile(tmp_path / "team.qdpx") as archive:
        assert "project.qde" in archive.namelist()


def test_it_is_in_the_benchmark_run_at_100000_entries_in_full(tmp_path: Path) -> None:
    assert "qdpx export" in [name for name, _run in measures(QUICK, tmp_path)]
    assert 2 * FULL.sessions * FULL.entries_per_session == 100_000
