"""Assembling a running desk from settings: store, poller, the desk window, the tick.

The desk's counterpart of wallboard/shell/assembly.py (which it shares the store, the
poller and the panel kit with), separate from the event loop so tests build the very
same desk in-process, with a settings file of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from wallboard.config import Settings
from wallboard.poller import BackendSpec, Poller
from wallboard.shell.assembly import TICK_MS, build_core
from wallboard.shell.desk.notifier import P1Notifier
from wallboard.shell.desk.shift_report import OpenFolder, default_reports_dir, open_folder
from wallboard.shell.desk.window import DeskWindow
from wallboard.shell.panel_kit import PanelKit
from wallboard.shell.takeover_hub import TakeoverHub
from wallboard.store import Store

DEFAULT_SIZE = (1600, 900)


def desk_settings(path: Path | None = None) -> QSettings:
    """Where the desk keeps its layout: ``path`` (an INI file), else the user's settings."""
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings("Wallboard 112", "desk")


@dataclass
class DeskParts:
    """What a running desk is made of; ``close()`` takes it down in order."""

    store: Store
    poller: Poller
    kit: PanelKit
    window: DeskWindow
    notifier: P1Notifier
    ticker: QTimer
    takeover: TakeoverHub  # new P1 incidents: the map flies there until acknowledged
    windows: list[QWidget] = field(default_factory=list)  # for the screenshot mode

    def close(self) -> None:
        self.ticker.stop()
        self.takeover.close()
        self.poller.stop()
        self.poller.close()
        if self.window.isVisible():
            self.window.close()


def assemble_desk(
    app: QApplication,
    settings: Settings,
    specs: Sequence[BackendSpec],
    *,
    qsettings: QSettings | None = None,
    reports_dir: Path | None = None,
    open_reports: OpenFolder = open_folder,
    quit: Callable[[], None] | None = None,
    store: Store | None = None,
    wall_clock: Callable[[], datetime] | None = None,
    header_note: str = "",
    fill_screen: bool = False,
    notice_gap_s: float | None = None,
) -> DeskParts:
    """Build and show the desk for ``specs``; polling starts when ``poller.run()`` is awaited.

    ``fill_screen`` (the screenshot mode) shows it maximised on the primary screen instead
    of at its kept size and place.
    """
    core = build_core(
        app, settings, specs, store=store, wall_clock=wall_clock, header_note=header_note, desk=True
    )
    store, poller, kit = core.store, core.poller, core.kit
    window = DeskWindow(
        kit,
        qsettings or desk_settings(),
        reports_dir=reports_dir or default_reports_dir(),
        open_reports=open_reports,
        takeover=core.takeover,
    )
    core.themes.attach([window])
    if quit is not None:
        window.destroyed.connect(lambda *_: quit())
    if fill_screen:
        window.keeps_layout = False  # the user's own arrangement stays as it was
        window.setGeometry(app.primaryScreen().availableGeometry())
        window.arrange()
        window.showFullScreen()  # the whole screen, as the wall's screenshots are
    else:
        if window.restore():
            window.show()
            window.restore()  # the parts' sizes again, now that the window has its own
        else:
            window.resize(*DEFAULT_SIZE)
            window.arrange()
            window.show()
    gap = {} if notice_gap_s is None else {"min_gap_s": notice_gap_s}
    notifier = P1Notifier(store, window, backends=kit.backends, **gap)
    ticker = QTimer()
    ticker.timeout.connect(core.themes.tick)
    ticker.timeout.connect(core.takeover.tick)
    ticker.timeout.connect(window.tick)
    ticker.start(TICK_MS)
    window.tick()
    return DeskParts(store, poller, kit, window, notifier, ticker, core.takeover, [window])


__all__ = ["DeskParts", "assemble_desk", "desk_settings"]
