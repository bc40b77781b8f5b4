"""Configuration: defaults that run the simulator, and errors a person can act on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wallboard.config import (
    SIMULATOR_URL,
    ConfigError,
    backend_token,
    default_config_path,
    load_settings,
    screen_plans,
)

REPO = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "wall.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_anywhere_gives_defaults_that_run_the_simulator():
    assert not default_config_path().exists()
    settings = load_settings()
    assert [b.url for b in settings.backends] == [SIMULATOR_URL]
    assert settings.region.timezone == "Asia/Makassar"
    assert settings.wall.language == "id"


def test_default_path_is_used_when_present(tmp_path):
    path = default_config_path()
    path.parent.mkdir(parents=True)
    path.write_text('[region]\nname = "Paser"\n', encoding="utf-8")
    assert load_settings().region.name == "Paser"


def test_full_file_loads(tmp_path):
    path = write(
        tmp_path,
        """
[region]
name = "Kalimantan Timur"
timezone = "Asia/Makassar"

[[backends]]
name = "samarinda"
url = "http://127.0.0.1:8112"
poll_interval = 1.5
token_env = "WB_TOKEN_SMD"

[[backends]]
name = "paser"
scenario = "paser"

[wall]
theme = "light"
language = "en"
""",
    )
    settings = load_settings(path)
    assert [b.name for b in settings.backends] == ["samarinda", "paser"]
    assert settings.backends[0].poll_interval == 1.5
    assert settings.backends[1].url == SIMULATOR_URL
    assert settings.wall.theme == "light"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[backends]]\nname='a'\npoll_interval='fast'\n", "backends[0].poll_interval = 'fast'"),
        ("[[backends]]\nname='a'\npoll_interval=-1\n", "Expected `float` > 0.0"),
        ("[region]\ntimezone='Mars/Base'\n", "key region.timezone = 'Mars/Base'"),
        ("[wall]\nthemes='dark'\n", "unknown key 'themes' in [wall]"),
        ("[wall]\ntheme='pink'\n", "key wall.theme = 'pink'"),
        ("[[backends]]\nname='a'\nurl='ftp://x'\n", "expected an http(s) URL"),
        ("[[backends]]\nname='a'\nurl='http://u:secret@h/'\n", "credentials do not belong"),
        ("[[backends]]\nname='a'\n[[backends]]\nname='a'\n", "names must be unique"),
        ("backends = []\n", "expected at least one [[backends]]"),
        ("[[backends]]\nname='a'\ntoken_env='abc def'\n", "NAME of an environment variable"),
        ("[region\n", "not valid TOML"),
        ("[[wall.screens]]\ngrid=[['map','radar']]\n", "wall.screens[0]: unknown panel 'radar'"),
        ("[[wall.screens]]\nrotate_seconds=30\n", "expected either grid"),
    ],
)
def test_errors_name_file_key_value_and_expectation(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert expected in message


def test_screens_layout_from_the_file(tmp_path):
    path = write(
        tmp_path,
        """
[[wall.screens]]
grid = [["map", "queue"], ["map", "agencies"]]

[[wall.screens]]
pages = [[["incidents"]], [["queue"]]]
rotate_seconds = 20
""",
    )
    first, second = screen_plans(load_settings(path))
    assert [p.panel for p in first.pages[0].placements()] == ["map", "queue", "agencies"]
    assert len(second.pages) == 2 and second.rotate_seconds == 20


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_settings(tmp_path / "nope.toml")


def test_token_comes_from_the_environment_only():
    assert backend_token("WB_TOKEN", {"WB_TOKEN": "s3cret"}) == "s3cret"
    assert backend_token("WB_TOKEN", {}) is None
    assert backend_token(None, {"WB_TOKEN": "s3cret"}) is None


def run_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--check-config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_config_exits_0_for_a_good_file(tmp_path):
    result = run_check(write(tmp_path, '[region]\nname = "Paser"\n'))
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout.lower()


def test_check_config_exits_2_and_says_why(tmp_path):
    path = write(tmp_path, "[wall]\ntheme = 'pink'\n")
    result = run_check(path)
    assert result.returncode == 2
    assert f"{path}: key wall.theme = 'pink'" in result.stderr
