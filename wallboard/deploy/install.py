"""``wallboard install-service``: the systemd user unit and the autostart entry, installed.

Writes resources/deploy/wallboard.service into ``$XDG_CONFIG_HOME/systemd/user/`` with
``ExecStart`` pointing at this very installation (its ``wallboard`` script, or this Python
running ``-m wallboard.shell.cli``), and resources/deploy/wallboard.desktop into
``$XDG_CONFIG_HOME/autostart/``; then, unless told not to, asks the user's service manager
to reload and enable the unit. It supervises nothing itself: systemd does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path

UNIT_NAME = "wallboard.service"
DESKTOP_NAME = "wallboard.desktop"
PLACEHOLDER = "@EXEC_START@"

Run = Callable[[list[str]], int]


def config_home(environ: dict[str, str] | os._Environ = os.environ) -> Path:
    """$XDG_CONFIG_HOME, or ~/.config (the XDG Base Directory default)."""
    value = environ.get("XDG_CONFIG_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".config"


def wall_command(config: Path | None) -> list[str]:
    """The command that starts this installation's wall, as absolute paths."""
    script = Path(sys.executable).with_name("wallboard")
    argv = [str(script)] if script.is_file() else [sys.executable, "-m", "wallboard.shell.cli"]
    if config is not None:
        argv += ["--config", str(config.resolve())]
    return argv


def systemd_quote(arg: str) -> str:
    """One ExecStart word: '%' doubled (systemd specifiers), quoted when it holds blanks,
    quotes or backslashes (systemd.service(5), "Command lines")."""
    arg = arg.replace("%", "%%")
    if arg and not any(c in arg for c in " \t\"'\\;$"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def unit_text(argv: Sequence[str]) -> str:
    """The shipped unit with its ExecStart filled in."""
    template = files("resources.deploy").joinpath(UNIT_NAME).read_text(encoding="utf-8")
    return template.replace(PLACEHOLDER, " ".join(systemd_quote(a) for a in argv))


def desktop_text() -> str:
    return files("resources.deploy").joinpath(DESKTOP_NAME).read_text(encoding="utf-8")


def _run(command: list[str]) -> int:
    return subprocess.run(command, check=False).returncode


def install(home: Path, argv: Sequence[str], *, enable: bool, run: Run = _run) -> list[str]:
    """Write the unit and the autostart entry under ``home``; enable the unit if asked.

    Returns what was done (and what is left for the user to do), one line each.
    """
    unit = home / "systemd" / "user" / UNIT_NAME
    desktop = home / "autostart" / DESKTOP_NAME
    for path, text in ((unit, unit_text(argv)), (desktop, desktop_text())):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    done = [f"wrote {unit}", f"wrote {desktop}"]
    commands = [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", UNIT_NAME],
    ]
    if enable and shutil.which("systemctl"):
        for command in commands:
            code = run(command)
            done.append(f"ran {' '.join(command)}: exit code {code}")
            if code:
                break
        else:
            return [*done, "the wall starts with the next graphical session"]
    return [*done, "to finish, run: " + " && ".join(" ".join(c) for c in commands)]


def main(argv: Sequence[str]) -> int:
    """The ``install-service`` command line; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="wallboard install-service",
        description="Install the wall as a systemd user service with a session autostart "
        "entry, for the current user.",
    )
    parser.add_argument("--config", type=Path, help="the TOML configuration the wall runs with")
    parser.add_argument(
        "--no-enable", action="store_true", help="write the files only; do not run systemctl"
    )
    args = parser.parse_args(list(argv))
    if sys.platform == "win32":
        print("wallboard: on Windows, use the Task Scheduler recipe in docs/operations.md")
        return 2
    if args.config is not None and not args.config.is_file():
        print(f"wallboard: no configuration file at {args.config}", file=sys.stderr)
        return 2
    for line in install(config_home(), wall_command(args.config), enable=not args.no_enable):
        print(line)
    return 0
