"""Application bootstrap: Qt, the asyncio loop, simulators, poller, store and the wall.

The one place that wires the parts together; it owns no business rules.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from contextlib import ExitStack
from pathlib import Path

import msgspec

from wallboard.config import SIMULATOR_URL, BackendSettings, Settings

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NO_SCREENSHOT = 1
EXIT_USAGE = 2


def with_overrides(settings: Settings, args: argparse.Namespace) -> Settings:
    """Command-line options win over the configuration file."""
    replace = msgspec.structs.replace
    if getattr(args, "backend", None):
        settings = replace(settings, backends=(BackendSettings(name="backend", url=args.backend),))
    simulator = settings.simulator
    if getattr(args, "seed", None) is not None:
        simulator = replace(simulator, seed=args.seed)
    if getattr(args, "speed", None) is not None:
        simulator = replace(simulator, speed=args.speed)
    wall = settings.wall
    if getattr(args, "lang", None):
        wall = replace(wall, language=args.lang)
    if getattr(args, "theme", None):
        wall = replace(wall, theme=args.theme)
    if getattr(args, "orientation", False):
        wall = replace(wall, orientation=True)
    if getattr(args, "mute", False):
        wall = replace(wall, sound=False)
    if getattr(args, "first_screen", None) is not None:
        wall = replace(wall, first_screen=args.first_screen)
    return replace(settings, simulator=simulator, wall=wall)


def _start_simulators(settings: Settings, stack: ExitStack) -> dict[str, str]:
    from wallboard.simulator import start_simulator

    urls = {}
    for backend in settings.backends:
        if backend.url == SIMULATOR_URL:
            sim = stack.enter_context(
                start_simulator(
                    seed=settings.simulator.seed,
                    speed=settings.simulator.speed,
                    scenario=backend.scenario,
                )
            )
            log.info("embedded simulator for %s at %s", backend.name, sim.url)
            urls[backend.name] = sim.url
    return urls


def _start_replays(
    settings: Settings, args: argparse.Namespace, stack: ExitStack
) -> tuple[Settings, dict[str, tuple]]:
    """With --replay: one replay server per recorded backend, and the settings that poll
    them instead of the configured backends; also the kinds each one recorded."""
    path = getattr(args, "replay", None)
    if path is None:
        return settings, {}
    from wallboard.recording import start_replay

    speed = getattr(args, "speed", None) or 1.0
    servers, problems = start_replay(path, speed=speed)
    for server in servers:
        stack.callback(server.stop)
    for problem in problems:
        print(f"wallboard: {problem}", file=sys.stderr)
    backends = tuple(BackendSettings(name=s.backend, url=s.url) for s in servers)
    log.info("replaying %s at %g x: %s", path, speed, ", ".join(s.backend for s in servers))
    replayed = {s.backend: s.kinds for s in servers}
    return msgspec.structs.replace(settings, backends=backends), replayed


def replay_note(args: argparse.Namespace) -> str:
    """With --replay, what the header says first, so nobody takes the day for today's."""
    if getattr(args, "replay", None) is None:
        return ""
    from PySide6.QtCore import QCoreApplication, QLocale

    speed = getattr(args, "speed", None) or 1.0
    return QCoreApplication.translate("Replay", "▶ REPLAY ×{0}").format(
        QLocale().toString(float(speed), "g", 6)
    )


def _start_recorder(args: argparse.Namespace, stack: ExitStack):
    """With --record: the recorder, closed (its queue written out) when the wall ends."""
    path = getattr(args, "record", None)
    if path is None:
        return None
    from wallboard.recording import Recorder

    recorder = stack.enter_context(Recorder(path))
    log.info("recording every source to %s", path)
    return recorder


def video_wall_problem(settings: Settings, app, source: str) -> str | None:
    """Why this PC cannot show its part of the wall (a span that does not fit its
    display, a --first-screen past the layout), or None."""
    from wallboard.config import ConfigError, check_video_wall, wall_spans
    from wallboard.shell.wall import displays_of
    from wallboard.video_wall import SpanError, wall_screens

    try:
        check_video_wall(settings, source)
        wall_screens(displays_of(app.screens()), wall_spans(settings))
    except (ConfigError, SpanError) as exc:
        return str(exc)
    return None


def run_wall(settings: Settings, args: argparse.Namespace) -> int:
    """Run the wall until the user quits (or a screenshot is taken); returns the exit code."""
    import qasync
    from PySide6 import QtWebEngineWidgets  # noqa: F401  (must precede QApplication)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import maps.mbtiles  # noqa: F401  (registers the mbtiles: scheme, before QApplication)
    from maps.renderer_flags import set_renderer_flags
    from wallboard.backends import backend_specs, only_kinds
    from wallboard.config import ConfigError
    from wallboard.recording import RecordingError
    from wallboard.shell.assembly import assemble_wall
    from wallboard.shell.kiosk import Kiosk, kiosk_wanted
    from wallboard.shell.supervision import Supervision, freeze_gui_for_test
    from wallboard.shell.translations import install_language

    settings = with_overrides(settings, args)
    set_renderer_flags()  # before the first web profile reads them
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Wallboard 112")
    problem = video_wall_problem(settings, app, str(getattr(args, "config", None) or "--"))
    if problem:
        print(f"wallboard: {problem}", file=sys.stderr)
        return EXIT_USAGE
    translator = install_language(app, settings.wall.language)  # noqa: F841  (kept alive)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    exit_code = EXIT_OK
    with ExitStack() as stack:
        try:
            settings, replayed = _start_replays(settings, args, stack)
            specs = backend_specs(settings, _start_simulators(settings, stack))
            recorder = _start_recorder(args, stack)
        except (ConfigError, RecordingError, OSError, ValueError) as exc:
            print(f"wallboard: {exc}", file=sys.stderr)
            return EXIT_USAGE
        specs = [only_kinds(s, replayed[s.name]) if s.name in replayed else s for s in specs]
        quitting = asyncio.Event()
        # Quit through the event so the poller stops while the loop still runs.
        app.setQuitOnLastWindowClosed(False)
        app.lastWindowClosed.connect(quitting.set)
        app.aboutToQuit.connect(quitting.set)
        desk = getattr(args, "desk", False)
        kiosk = not desk and kiosk_wanted(settings.wall.kiosk, args.windowed)
        if desk:
            from wallboard.shell.desk.assembly import assemble_desk, desk_settings

            parts = assemble_desk(
                app,
                settings,
                specs,
                qsettings=desk_settings(getattr(args, "desk_settings", None)),
                header_note=replay_note(args),
                fill_screen=bool(args.screenshot),
            )
            shown = parts  # what the screenshot takes: the desk window
        else:
            parts = assemble_wall(
                app,
                settings,
                specs,
                windowed=args.windowed,
                quit=quitting.set,
                header_note=replay_note(args),
                kiosk=kiosk,
            )
            shown = parts.wall
        kiosk_parts = Kiosk(parts.ticker, app.applicationName()) if kiosk else None
        if recorder is not None:
            parts.poller.applied.connect(recorder.write)
        supervision = Supervision(parts.ticker, settings.wall.watchdog_seconds)
        if getattr(args, "freeze_gui_after", None):
            QTimer.singleShot(int(args.freeze_gui_after * 1000), freeze_gui_for_test)
        if args.quit_after:
            QTimer.singleShot(int(args.quit_after * 1000), quitting.set)
        if args.screenshot:
            from wallboard.feed.kinds import FeedKind
            from wallboard.shell.screenshot import ScreenshotTaker

            def finished(code: int, message: str) -> None:
                nonlocal exit_code
                exit_code = code
                (log.info if code == 0 else log.error)("%s", message)
                if code:
                    print(f"wallboard: {message}", file=sys.stderr)
                quitting.set()

            keys = [(spec.key(kind), kind) for spec in specs for kind in spec.intervals]
            expected = [key for key, kind in keys if isinstance(kind, FeedKind)]
            taker = ScreenshotTaker(  # noqa: F841  (kept alive)
                shown,
                parts.store,
                expected,
                Path(args.screenshot),
                finished,
                timeout_s=args.screenshot_timeout,
                answered_sources=[key for key, kind in keys if not isinstance(kind, FeedKind)],
            )
        with loop:
            # One run_until_complete only: a second one segfaults once QtWebEngine ran.
            loop.run_until_complete(_poll_until(parts.poller, quitting))
        supervision.stop()
        if kiosk_parts is not None:
            kiosk_parts.stop()
        parts.close()
    return exit_code


async def _poll_until(poller, quitting: asyncio.Event) -> None:
    """Poll until the application is quitting, then stop the poller and let it finish."""
    polling = asyncio.ensure_future(poller.run())
    await quitting.wait()
    poller.stop()
    try:
        await asyncio.wait_for(polling, timeout=10)
    except TimeoutError:
        log.warning("the poller did not stop within 10 s; quitting anyway")
