"""Application bootstrap: Qt, the asyncio loop, simulator, poller, store and window.

The one place that wires the parts together; it owns no business rules.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from contextlib import ExitStack
from zoneinfo import ZoneInfo

from wallboard.config import SIMULATOR_URL, BackendSettings, Settings

log = logging.getLogger(__name__)


def _with_overrides(settings: Settings, args: argparse.Namespace) -> Settings:
    import msgspec

    if args.backend:
        backend = BackendSettings(name="backend", url=args.backend)
        settings = msgspec.structs.replace(settings, backends=(backend,))
    simulator = settings.simulator
    if args.seed is not None:
        simulator = msgspec.structs.replace(simulator, seed=args.seed)
    if args.speed is not None:
        simulator = msgspec.structs.replace(simulator, speed=args.speed)
    wall = settings.wall
    if args.lang:
        wall = msgspec.structs.replace(wall, language=args.lang)
    return msgspec.structs.replace(settings, simulator=simulator, wall=wall)


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


def run_wall(settings: Settings, args: argparse.Namespace) -> int:
    """Run the wall until the user quits; returns the process exit code."""
    import qasync
    from PySide6 import QtWebEngineWidgets  # noqa: F401  (must precede QApplication)
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QApplication

    from views.counts_window import CountsWindow
    from wallboard.backends import backend_specs
    from wallboard.poller import Poller
    from wallboard.qt_translations import install_language
    from wallboard.store import Store

    settings = _with_overrides(settings, args)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Wallboard 112")
    translator = install_language(app, settings.wall.language)  # noqa: F841  (kept alive)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with ExitStack() as stack:
        urls = _start_simulators(settings, stack)
        store = Store()
        poller = Poller(backend_specs(settings, urls), store)
        window = CountsWindow(store, settings.region.name, ZoneInfo(settings.region.timezone))
        quitting = asyncio.Event()
        # Quit through the event so the poller stops while the loop still runs.
        app.setQuitOnLastWindowClosed(False)
        app.lastWindowClosed.connect(quitting.set)
        QShortcut(QKeySequence("Ctrl+Q"), window, activated=quitting.set)
        ticker = QTimer(window)
        ticker.timeout.connect(window.tick)
        ticker.start(1000)
        window.resize(900, 600)
        window.show()
        if args.quit_after:
            QTimer.singleShot(int(args.quit_after * 1000), quitting.set)
        app.aboutToQuit.connect(quitting.set)
        with loop:
            # One run_until_complete only: a second one segfaults once QtWebEngine ran.
            loop.run_until_complete(_poll_until(poller, quitting))
        poller.stop()
        poller.close()
        window.close()
    return 0


async def _poll_until(poller, closed: asyncio.Event) -> None:
    """Poll until the application is quitting, then stop the poller and let it finish."""
    polling = asyncio.ensure_future(poller.run())
    await closed.wait()
    poller.stop()
    try:
        await asyncio.wait_for(polling, timeout=10)
    except TimeoutError:
        log.warning("the poller did not stop within 10 s; quitting anyway")
