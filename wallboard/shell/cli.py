"""The command line: parse arguments, load settings, hand over to the right runner."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from wallboard.config import ConfigError, load_settings

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wallboard",
        description="Wallboard 112: a live wall display for a 112 emergency-call centre.",
        epilog="other commands (each with its own --help): wallboard report (the shift "
        "report), wallboard probe (K headless walls against a backend), wallboard "
        "nginx-config (a cache in front of one backend for many walls: docs/fanout.md)",
    )
    parser.add_argument("--config", type=Path, help="TOML configuration file")
    parser.add_argument(
        "--check-config",
        type=Path,
        metavar="PATH",
        help="validate a configuration file and exit (0 = valid, 2 = invalid)",
    )
    parser.add_argument(
        "--backend", metavar="URL", help="poll this feed instead of the configured backends"
    )
    parser.add_argument("--seed", type=int, help="embedded simulator: random seed")
    parser.add_argument(
        "--speed",
        type=float,
        help="embedded simulator: simulated seconds per real second; "
        "with --replay: recorded seconds per real second",
    )
    parser.add_argument(
        "--record",
        type=Path,
        metavar="FILE",
        help="record every source while the wall runs (JSON lines; FILE.gz compresses)",
    )
    parser.add_argument(
        "--replay",
        type=Path,
        metavar="FILE",
        help="play a recording back as the backends instead of the configured ones",
    )
    parser.add_argument("--lang", choices=("id", "en"), help="interface language")
    parser.add_argument(
        "--orientation",
        action="store_true",
        help="orientation mode for visitors: captions, guided tour, callers' data removed",
    )
    parser.add_argument(
        "--theme",
        choices=("dark", "light", "night"),
        help="colour theme (night: the dimmed night theme at every hour)",
    )
    parser.add_argument(
        "--mute", action="store_true", help="no chime when a new incident takes over the wall"
    )
    parser.add_argument(
        "--desk",
        action="store_true",
        help="the duty manager's desk: a desktop window of arrangeable parts, sortable "
        "and filterable lists, details, shift report and notifications",
    )
    parser.add_argument(
        "--desk-settings",
        type=Path,
        metavar="FILE",
        help="with --desk: keep the layout in this INI file instead of the user's settings",
    )
    parser.add_argument(
        "--first-screen",
        type=int,
        metavar="N",
        help="a wall over several PCs: this PC's screens are the layout's from screen N on "
        "(as [wall] first_screen)",
    )
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="the wall's own screen layout in one resizable window (to preview a wall; "
        "a duty manager wants --desk)",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="DIR",
        help="wait for data on every screen, write DIR/screen-N.png and exit",
    )
    parser.add_argument(
        "--screenshot-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="give up on --screenshot after this long (exit 1)",
    )
    parser.add_argument(
        "--quit-after",
        type=float,
        metavar="SECONDS",
        help="quit by itself after this many seconds (for smoke tests and demos)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    # test-only: block the GUI thread after this many seconds (tests/test_gui_watchdog.py)
    parser.add_argument("--freeze-gui-after", type=float, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["report"]:
        # the shift report: a one-shot command of its own (wallboard/report/command.py)
        from views.report_page import render_page
        from wallboard.report.command import run_report

        return run_report(argv[1:], render_page)
    if argv[:1] == ["install-service"]:
        # the systemd user unit and autostart entry (wallboard/deploy/install.py)
        from wallboard.deploy.install import main as install_service

        return install_service(argv[1:])
    if argv[:1] in (["probe"], ["nginx-config"]):
        # many walls, one backend (docs/fanout.md): headless commands, no Qt
        from wallboard.fanout.command import run_nginx_config, run_probe

        return (run_probe if argv[0] == "probe" else run_nginx_config)(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.replay is not None and args.backend is not None:
        parser.error("--replay and --backend both name the backends: give one")
    if args.desk and args.windowed:
        parser.error("--desk and --windowed are two different windows: give one")
    if args.speed is not None and not args.speed > 0:
        parser.error(f"--speed must be > 0, got {args.speed}")
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.check_config is not None:
        return check_config(args.check_config)
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"wallboard: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from wallboard.shell.app import run_wall  # Qt loads only when a window is wanted

    return run_wall(settings, args)


def check_config(path: Path) -> int:
    try:
        settings = load_settings(path)
    except ConfigError as exc:
        print(f"wallboard: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if settings.wall.spans:
        # whether the tiles fit is a matter of this PC's displays: ask Qt for them
        if not _has_display():
            print(f"{path}: ok; wall.spans not checked: no display here (no DISPLAY)")
            return EXIT_OK
        from PySide6.QtGui import QGuiApplication

        from wallboard.shell.app import video_wall_problem

        app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        problem = video_wall_problem(settings, app, str(path))
        if problem:
            print(f"wallboard: {path}: {problem}", file=sys.stderr)
            return EXIT_USAGE
        sizes = ", ".join(
            f"{s.name()} {s.geometry().width()} x {s.geometry().height()}" for s in app.screens()
        )
        print(f"{path}: ok (wall.spans fit this PC's screens: {sizes})")
        return EXIT_OK
    print(f"{path}: ok")
    return EXIT_OK


def _has_display() -> bool:
    """Whether Qt can open a platform here (an X11 or Wayland session, or a chosen one)."""
    if sys.platform != "linux":
        return True
    return any(os.environ.get(k) for k in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"))


if __name__ == "__main__":
    sys.exit(main())
