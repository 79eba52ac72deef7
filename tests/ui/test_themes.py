"""Theme files: the bundled ones are valid, user ones override them, bad ones are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.color import Color

from tui.ui.themes import (
    THEME_VARIABLE_DEFAULTS,
    ThemeFileError,
    bundled_themes_dir,
    load_themes,
    parse_theme_file,
)

BUNDLED = {"earful-dark", "earful-light", "earful-contrast"}

GOOD_THEME = """\
name = "{name}"
dark = true
primary = "#123456"
background = "#000000"

[variables]
earful-topic = "#00ff00"
"""


def write(folder: Path, filename: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_themes_parse_without_problems() -> None:
    themes, problems = load_themes(None)
    assert problems == []
    assert {theme.name for theme in themes} == BUNDLED


def test_bundled_theme_names_match_their_files() -> None:
    for path in sorted(bundled_themes_dir().glob("*.toml")):
        assert parse_theme_file(path).name == path.stem


def test_bundled_themes_cover_dark_light_and_high_contrast() -> None:
    themes = {theme.name: theme for theme in load_themes(None)[0]}
    assert themes["earful-dark"].dark is True
    assert themes["earful-light"].dark is False
    contrast = themes["earful-contrast"]
    assert contrast.dark is True
    assert Color.parse(contrast.background or "") == Color(0, 0, 0)
    assert Color.parse(contrast.foreground or "").brightness > 0.95


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_bundled_themes_define_every_earful_variable(name: str) -> None:
    theme = parse_theme_file(bundled_themes_dir() / f"{name}.toml")
    assert set(THEME_VARIABLE_DEFAULTS) <= set(theme.variables)
    for value in theme.variables.values():
        Color.parse(value)


def test_user_theme_overrides_bundled_one_with_the_same_name(tmp_path: Path) -> None:
    user_dir = tmp_path / "user-themes"
    write(user_dir, "mine.toml", GOOD_THEME.format(name="earful-dark"))
    themes, problems = load_themes(user_dir)
    assert problems == []
    by_name = {theme.name: theme for theme in themes}
    assert set(by_name) == BUNDLED
    assert by_name["earful-dark"].primary == "#123456"


def test_missing_user_folder_is_fine(tmp_path: Path) -> None:
    themes, problems = load_themes(tmp_path / "does-not-exist")
    assert problems == []
    assert {theme.name for theme in themes} == BUNDLED


def test_bad_files_are_reported_by_name_and_good_ones_still_load(tmp_path: Path) -> None:
    user_dir = tmp_path / "user-themes"
    write(user_dir, "good.toml", GOOD_THEME.format(name="good"))
    write(user_dir, "bad-colour.toml", 'name = "bad-colour"\nprimary = "#12345z"\n')
    write(user_dir, "broken.toml", 'name = "broken"\nprimary = \n')
    write(user_dir, "nameless.toml", 'primary = "#123456"\n')

    themes, problems = load_themes(user_dir)

    assert {theme.name for theme in themes} == BUNDLED | {"good"}
    assert len(problems) == 3
    messages = {name: [p for p in problems if name in p] for name in ("bad-colour", "broken")}
    assert any("primary" in p and "#12345z" in p for p in messages["bad-colour"])
    assert any("invalid TOML" in p for p in messages["broken"])
    assert any("nameless.toml" in p and "name" in p for p in problems)
    assert all("\n" not in p for p in problems)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('name = "x"\nprimary = "#123456"\ncolour = "red"\n', "unknown keys: colour"),
        ('name = "x"\n', "missing 'primary'"),
        ('name = "x"\nprimary = "#123456"\n[variables]\nearful-star = 3\n', "earful-star"),
        ('name = "x"\nprimary = "#123456"\n[variables]\nearful-star = "shiny"\n', "shiny"),
        ('name = "x"\nprimary = "#123456"\ndark = "yes"\n', "dark"),
        ('name = "x"\nprimary = 42\n', "primary"),
    ],
)
def test_parse_theme_file_names_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, "odd.toml", text)
    with pytest.raises(ThemeFileError) as caught:
        parse_theme_file(path)
    assert "odd.toml" in str(caught.value)
    assert problem in str(caught.value)


def test_loaded_themes_register_on_an_app(tmp_path: Path) -> None:
    user_dir = tmp_path / "user-themes"
    write(user_dir, "good.toml", GOOD_THEME.format(name="good"))
    themes, _ = load_themes(user_dir)
    app: App[None] = App()
    for theme in themes:
        app.register_theme(theme)
    assert BUNDLED | {"good"} <= set(app.available_themes)
    for theme in themes:
        assert app.get_theme(theme.name) is theme
        theme.to_color_system().generate()
