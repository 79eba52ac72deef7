"""The CSV's newer columns: which entry a row is, when it was said in seconds, flags as words."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from tests.core.test_export import entry, snap
from tui.core.export import CSV_COLUMNS, seconds, to_csv

OLDER_COLUMNS = (
    "session", "date", "participant", "company", "time", "kind", "text", "topics",
    "emotions", "starred", "edited", "follow_up", "testimonial", "recording_time",
    "question", "question_text",
)  # fmt: skip


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_entry_id_and_at_seconds_come_last_so_counted_columns_stay_where_they_were() -> None:
    header, *body = rows(to_csv(snap(entry(4, "One"), entry(9, "Two"))))
    assert tuple(header) == CSV_COLUMNS
    assert tuple(header[: len(OLDER_COLUMNS)]) == OLDER_COLUMNS
    assert header[len(OLDER_COLUMNS) :] == ["entry_id", "at_seconds"]
    assert [row[-2:] for row in body] == [["4", "244"], ["9", "549"]]  # n × 61 s
    assert all(len(row) == len(header) for row in body)


def test_at_seconds_has_only_the_decimals_it_needs() -> None:
    assert [seconds(ms) for ms in (0, 1, 999, 1000, 61_500, 61_250, 3_600_000)] == [
        "0", "0.001", "0.999", "1", "61.5", "61.25", "3600",
    ]  # fmt: skip
    text = to_csv(snap(replace(entry(1, "Quick"), at_ms=90_125)))
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["time"] == "01:30" and row["at_seconds"] == "90.125"


def test_flags_are_true_or_false_never_blank() -> None:
    text = to_csv(
        snap(
            entry(1, "all", starred=True, follow_up=True, testimonial=True, original_text="al"),
            entry(2, "none"),
        )
    )
    flags = ("starred", "edited", "follow_up", "testimonial")
    found = [[row[f] for f in flags] for row in csv.DictReader(io.StringIO(text))]
    assert found == [["true"] * 4, ["false"] * 4]
