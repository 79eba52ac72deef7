"""Configuration: defaults, then the TOML file; problems are reported, never raised."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.config import (
    DEFAULT_COPY_FORMAT,
    DEFAULT_THEME,
    load_config,
    remember_theme,
    remembered_theme,
)
from tui.core.vocabulary import DEFAULT_EMOTIONS, DEFAULT_TOPICS


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cfg" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _assert_defaults(config) -> None:  # type: ignore[no-untyped-def]
    assert config.theme == DEFAULT_THEME
    assert config.minutes == 30
    assert config.lead_seconds == 0
    assert config.keys == {}
    assert config.topics == list(DEFAULT_TOPICS)
    assert config.emotions == DEFAULT_EMOTIONS
    assert config.copy_format == DEFAULT_COPY_FORMAT


def test_missing_file_gives_defaults_and_no_problems(tmp_path: Path) -> None:
    config = load_config(tmp_path / "nowhere" / "config.toml")
    _assert_defaults(config)
    assert config.problems == []


def test_default_lists_are_not_shared_between_configs(tmp_path: Path) -> None:
    first = load_config(tmp_path / "a.toml")
    first.topics.append("mine")
    first.emotions["mine"] = 1
    second = load_config(tmp_path / "b.toml")
    assert "mine" not in second.topics
    assert "mine" not in second.emotions


def test_values_are_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
theme = "solarized"
minutes = 45
lead_seconds = 10
topics = ["Pricing", "Feature Requests", "pricing", "on_boarding"]
copy_format = "> {text} ({who})"

[emotions]
Frustrated = -1
delighted = 1
meh = 0

[keys]
quit = "ctrl+q"
capture = "ctrl+s, f5"
""",
    )
    config = load_config(path)
    assert config.problems == []
    assert config.theme == "solarized"
    assert config.minutes == 45
    assert config.lead_seconds == 10
    assert config.topics == ["pricing", "feature-requests", "on-boarding"]
    assert config.emotions == {"frustrated": -1, "delighted": 1, "meh": 0}
    assert config.copy_format == "> {text} ({who})"
    assert config.keys == {"quit": "ctrl+q", "capture": "ctrl+s,f5"}
    assert config.path == path


def test_invalid_toml_is_a_problem_naming_the_file_and_defaults_are_used(tmp_path: Path) -> None:
    path = _write(tmp_path, 'minutes = 45\ntheme = "unterminated\n')
    config = load_config(path)
    _assert_defaults(config)
    assert len(config.problems) == 1
    assert str(path) in config.problems[0]


def test_bytes_that_are_not_utf8_are_read_as_a_replacement_character(tmp_path: Path) -> None:
    # A topic saved as Latin-1 costs its "é", not the keymap and everything else in the file.
    path = tmp_path / "config.toml"
    path.write_bytes(b'minutes = 45\ntopics = ["caf\xe9", "pricing"]\n[keys]\nquit = "f12"\n')
    config = load_config(path)
    assert config.topics == ["caf\ufffd", "pricing"]
    assert (config.minutes, config.keys) == (45, {"quit": "f12"})
    assert config.problems == [
        f"{path}: line 2 is not UTF-8; what it could not read shows as \ufffd"
    ]
    "".join(config.topics).encode("utf-8")  # storable as it is


def test_a_remembered_theme_with_a_lone_surrogate_is_read_with_a_replacement(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"theme": "dark\\udcff"}', encoding="utf-8")  # JSON's own escape
    assert remembered_theme(state) == "dark\ufffd"


def test_unknown_key_is_a_problem_and_the_rest_is_applied(tmp_path: Path) -> None:
    path = _write(tmp_path, 'colour = "red"\nminutes = 45\ntheme = "paper"\n')
    config = load_config(path)
    assert config.minutes == 45
    assert config.theme == "paper"
    assert len(config.problems) == 1
    assert "colour" in config.problems[0]
    assert str(path) in config.problems[0]


@pytest.mark.parametrize("value", ["0", "601", "-5", '"thirty"', "true", "4.5"])
def test_out_of_range_or_wrong_type_minutes_is_a_problem(tmp_path: Path, value: str) -> None:
    path = _write(tmp_path, f'minutes = {value}\ntheme = "paper"\n')
    config = load_config(path)
    assert config.minutes == 30
    assert config.theme == "paper"
    assert len(config.problems) == 1
    assert "minutes" in config.problems[0]


@pytest.mark.parametrize("value", [1, 600])
def test_minutes_at_the_limits_are_accepted(tmp_path: Path, value: int) -> None:
    config = load_config(_write(tmp_path, f"minutes = {value}\n"))
    assert config.problems == []
    assert config.minutes == value


def test_out_of_range_lead_seconds_is_a_problem(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, "lead_seconds = 121\n"))
    assert config.lead_seconds == 0
    assert len(config.problems) == 1
    assert "lead_seconds" in config.problems[0]


@pytest.mark.parametrize(
    ("line", "setting"),
    [
        ('copy_format = "no placeholder"', "copy_format"),
        ('theme = "   "', "theme"),
        ("theme = 3", "theme"),
        ("topics = [1, 2]", "topics"),
        ('topics = "pricing"', "topics"),
        ("emotions = { angry = 5 }", "emotions"),
        ("keys = { quit = 1 }", "keys"),
    ],
)
def test_bad_values_are_problems_and_defaults_kept(tmp_path: Path, line: str, setting: str) -> None:
    config = load_config(_write(tmp_path, line + "\n"))
    assert len(config.problems) == 1
    assert setting in config.problems[0]
    _assert_defaults(config)


def test_a_key_bound_to_two_actions_is_a_problem_naming_the_key(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[keys]\nquit = "q"\nsearch = "ctrl+f, q"\nstar = "s"\n',
    )
    config = load_config(path)
    assert config.keys == {"quit": "q", "star": "s"}
    assert len(config.problems) == 1
    problem = config.problems[0]
    assert "'q'" in problem
    assert "quit" in problem
    assert "search" in problem
    assert str(path) in problem


def test_several_problems_are_all_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, 'minutes = 0\nlead_seconds = 999\nwho = "me"\n')
    config = load_config(path)
    assert config.problems == [
        f"{path}: unknown setting 'who' ignored",
        f"{path}: minutes must be a whole number from 1 to 600",
        f"{path}: lead_seconds must be a whole number from 0 to 120",
    ]
    assert (config.minutes, config.lead_seconds) == (30, 0)


# --- the remembered theme ------------------------------------------------------------


def test_remembered_theme_round_trip(tmp_path: Path) -> None:
    state = tmp_path / "state" / "nested" / "earful.json"
    assert remembered_theme(state) is None
    remember_theme(state, "paper-light")
    assert remembered_theme(state) == "paper-light"
    remember_theme(state, "earful-dark")
    assert remembered_theme(state) == "earful-dark"


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b'{"theme": 5}', b"\xff\xfe\x00garbage", b"", b'"theme"'],
)
def test_corrupt_state_file_gives_none(tmp_path: Path, content: bytes) -> None:
    state = tmp_path / "state.json"
    state.write_bytes(content)
    assert remembered_theme(state) is None


def test_remembering_where_it_cannot_be_written_is_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    remember_theme(blocker / "state.json", "paper")  # parent is a file: cannot be created
    assert remembered_theme(blocker / "state.json") is None
