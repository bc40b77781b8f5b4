"""`wallboard install-service`: the systemd user unit and the autostart entry it installs.

The unit is checked by systemd's own parser (`systemd-analyze --user verify`), which also
checks that ExecStart names an executable; scripts/bootstrap installs systemd (as root)
where it is missing.
"""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_wall_program import REPO


def install_service(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, Path]:
    home = tmp_path / "config-home"
    result = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "install-service", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(home)},
    )
    return result, home


def read_ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # keys are case-sensitive in both formats
    parser.read(path, encoding="utf-8")
    return parser


def test_the_installed_unit_runs_this_wall_under_systemd_supervision(tmp_path):
    config = tmp_path / "wall.toml"
    config.write_text("[wall]\nwatchdog_seconds = 15\n", encoding="utf-8")
    result, home = install_service(tmp_path, "--config", str(config), "--no-enable")
    assert result.returncode == 0, result.stderr
    unit = home / "systemd" / "user" / "wallboard.service"
    assert f"wrote {unit}" in result.stdout
    service = read_ini(unit)["Service"]
    assert service["Type"] == "notify" and service["Restart"] == "always"
    assert int(service["WatchdogSec"]) > 15  # the wall's own watchdog speaks first
    assert int(read_ini(unit)["Unit"]["StartLimitBurst"]) > 0
    argv = shlex.split(service["ExecStart"])
    assert Path(argv[0]).is_absolute() and argv[-2:] == ["--config", str(config.resolve())]
    # the command it names really is this wall
    check = subprocess.run([*argv[:-2], "--check-config", str(config)], capture_output=True)
    assert check.returncode == 0, check.stderr


def test_systemd_verifies_the_installed_unit(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (scripts/bootstrap installs it as root)")
    result, home = install_service(tmp_path, "--no-enable")
    assert result.returncode == 0, result.stderr
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    unit = home / "systemd" / "user" / "wallboard.service"
    verify = subprocess.run(
        [analyze, "--user", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(runtime)},
    )
    # unknown keys and bad values are only warnings to systemd: any output is a failure
    assert verify.returncode == 0 and not (verify.stdout + verify.stderr).strip(), (
        verify.stdout + verify.stderr
    )


def test_the_autostart_entry_hands_the_session_to_the_user_service(tmp_path):
    result, home = install_service(tmp_path, "--no-enable")
    assert result.returncode == 0, result.stderr
    entry = read_ini(home / "autostart" / "wallboard.desktop")["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] and entry["Name[id]"]
    exec_line = shlex.split(entry["Exec"])
    assert exec_line[:2] == ["sh", "-c"]
    script = exec_line[2]
    assert "import-environment DISPLAY" in script
    assert script.endswith("systemctl --user start wallboard.service")
    # what the service manager is told to start is the unit installed beside it
    assert (home / "systemd" / "user" / "wallboard.service").is_file()


def test_a_missing_configuration_is_refused(tmp_path):
    result, home = install_service(tmp_path, "--config", str(tmp_path / "absent.toml"))
    assert result.returncode == 2
    assert "no configuration file" in result.stderr
    assert not (home / "systemd").exists()
