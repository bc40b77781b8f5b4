"""Building the desk in-process against the real simulator, for the desk's tests.

The desk is assembled as the program does (assemble_desk) with a settings file and a
reports folder of the test's own; polls are driven by the test, one of every source at a
time, against a simulator on a manual clock (or several: a province desk).
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTimer
from pytestqt.exceptions import TimeoutError

from maps.map_panel import MapPanel
from wallboard.backends import poll_intervals
from wallboard.config import Settings
from wallboard.feed.kinds import FeedKind
from wallboard.poller import BackendSpec
from wallboard.shell.desk.assembly import DeskParts, assemble_desk

BACKEND = "samarinda"
SIM_START = "2026-11-20T10:00:00+08:00"  # a warmed-up city, mid-morning


class MovableClock:
    """Our own wall clock for the store and the poller, moved forward by the test."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class LiveDesk:
    parts: DeskParts
    clock: MovableClock
    opened: list[Path]  # folders the desk asked the file manager to open
    backends: tuple[str, ...] = (BACKEND,)

    @property
    def window(self):
        return self.parts.window

    def poll_all(self) -> None:
        """One poll of every source, as the poller's own tasks would."""

        async def polls() -> None:
            for backend in self.backends:
                for kind in FeedKind:
                    await self.parts.poller.poll_once(backend, kind)

        asyncio.run(polls())


def settings_for(language: str = "en", theme: str = "dark") -> Settings:
    base = Settings()
    return msgspec.structs.replace(
        base, wall=msgspec.structs.replace(base.wall, language=language, theme=theme)
    )


def build_desk(
    qapp,
    url: str,
    folder: Path,
    *,
    notice_gap_s: float | None = None,
    language: str = "en",
    more: dict[str, str] | None = None,
) -> LiveDesk:
    """A desk over the simulator at ``url`` (backend ``BACKEND``); ``more``: further
    backends by name -> url (a province desk)."""
    urls = {BACKEND: url, **(more or {})}
    specs = [
        BackendSpec(name=name, url=u, intervals=poll_intervals(2.0), timeout=2.0)
        for name, u in urls.items()
    ]
    clock = MovableClock()
    opened: list[Path] = []
    parts = assemble_desk(
        qapp,
        settings_for(language),
        specs,
        qsettings=QSettings(str(folder / "desk.ini"), QSettings.Format.IniFormat),
        reports_dir=folder / "reports",
        open_reports=opened.append,
        wall_clock=clock,
        notice_gap_s=notice_gap_s,
    )
    return LiveDesk(parts, clock, opened, tuple(urls))


def settle_map(qtbot, panel: MapPanel) -> None:
    """No page call left in flight before the view goes (see test_wall_live.settle_map)."""
    view = panel.view
    if view is None or not view.is_ready:
        return
    for timer in view.findChildren(QTimer):
        timer.stop()
    box: list = []
    view.drawn_ids(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)


def take_down(qtbot, desks: list[LiveDesk]) -> None:
    for desk in desks:
        desk.parts.close()
        with contextlib.suppress(TimeoutError):
            settle_map(qtbot, desk.window.map)
        desk.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_js(qtbot, panel: MapPanel, script: str):
    box: list = []
    panel.view.page().runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def map_ready(qtbot, desk: LiveDesk) -> MapPanel:
    panel = desk.window.map
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.is_ready, timeout=30_000)
    return panel
