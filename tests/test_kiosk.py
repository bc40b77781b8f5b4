"""Kiosk mode: undecorated windows that go back to full screen, a pointer that hides
when still, and the screen saver held off over D-Bus (or a line in the log saying why not).
"""

from __future__ import annotations

import logging
import shutil

import msgspec
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QCursor, QGuiApplication
from screensaver_server import private_session_bus, serve_screensaver

from wallboard.backends import poll_intervals
from wallboard.config import Settings
from wallboard.config.settings import ScreenSettings, SpanSettings
from wallboard.poller import BackendSpec
from wallboard.shell.assembly import assemble_wall
from wallboard.shell.kiosk import CursorHider, ScreenAwake, kiosk_wanted
from wallboard.simulator import start_simulator


class StepClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def hider(qapp):
    clock = StepClock()
    hider = CursorHider(still_s=3.0, clock=clock)
    hider.clock = clock
    yield hider
    hider.stop()
    assert QGuiApplication.overrideCursor() is None


def test_the_pointer_hides_when_still_and_comes_back_when_moved(hider):
    QCursor.setPos(QPoint(200, 150))
    hider.tick()
    hider.clock.now += 2.0
    hider.tick()
    assert QGuiApplication.overrideCursor() is None  # still for 2 s: still shown
    hider.clock.now += 1.5
    hider.tick()
    assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    QCursor.setPos(QPoint(220, 160))
    hider.clock.now += 1.0
    hider.tick()
    assert QGuiApplication.overrideCursor() is None
    hider.clock.now += 3.0
    hider.tick()
    assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor


def test_kiosk_is_on_for_the_wall_and_off_for_a_desk_unless_configured():
    assert kiosk_wanted(None, windowed=False) is True
    assert kiosk_wanted(None, windowed=True) is False
    assert kiosk_wanted(False, windowed=False) is False
    assert kiosk_wanted(True, windowed=True) is True


@pytest.fixture
def make_kiosk_wall(qapp):
    """Walls in kiosk mode on the offscreen screen (incident lists only: they fit)."""
    built = []

    def make(spans: tuple[SpanSettings, ...] = ()):
        incidents_only = ScreenSettings(grid=(("incidents",),))
        settings = Settings()
        wall = msgspec.structs.replace(
            settings.wall, language="en", screens=(incidents_only,) * 2, spans=spans
        )
        settings = msgspec.structs.replace(settings, wall=wall)
        spec = BackendSpec(name="samarinda", url=sim.url, intervals=poll_intervals(2.0))
        screens = [qapp.primaryScreen()]
        parts = assemble_wall(qapp, settings, [spec], screens=lambda: screens, kiosk=True)
        built.append(parts)
        return parts

    with start_simulator(seed=112, manual_clock=True) as sim:
        yield make
    for parts in built:
        parts.close()
        for window in parts.wall.windows:
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def kiosk_wall(make_kiosk_wall):
    return make_kiosk_wall()


def test_a_kiosk_window_has_no_decorations_and_returns_to_full_screen(qtbot, kiosk_wall, caplog):
    caplog.set_level(logging.WARNING, logger="wallboard.shell.wall")
    (window,) = kiosk_wall.wall.windows
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    qtbot.waitUntil(window.isFullScreen, timeout=3000)
    window.showNormal()  # as a resolution change or a window manager would
    assert not window.isFullScreen()
    qtbot.waitUntil(window.isFullScreen, timeout=3000)  # the next tick puts it back
    assert kiosk_wall.wall.restores == 1
    assert any("left its place" in r.getMessage() for r in caplog.records)


def test_a_spanned_monitors_window_is_put_back_on_its_own_pixels(qtbot, make_kiosk_wall):
    # one display that is really two monitors side by side: a frameless window on each
    parts = make_kiosk_wall(spans=(SpanSettings(screen=0, tiles=(2, 1)),))
    left, right = parts.wall.windows
    home = left.pos()
    assert home != right.pos()
    assert left.windowFlags() & Qt.WindowType.FramelessWindowHint
    left.move(right.pos())  # moved over its neighbour
    qtbot.waitUntil(lambda: left.pos() == home, timeout=3000)
    assert parts.wall.restores == 1


def test_without_a_session_bus_the_screen_saver_is_logged_once(qapp, caplog):
    from PySide6.QtDBus import QDBusConnection

    caplog.set_level(logging.INFO, logger="wallboard.shell.kiosk")
    bus = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "wb-no-bus")
    awake = ScreenAwake("Wallboard 112", bus=bus, platform="linux")
    awake.start()
    awake.stop()
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "cannot hold off the screen saver" in messages[0], messages
    assert awake.how == ""
    QDBusConnection.disconnectFromBus("wb-no-bus")


def test_the_screen_saver_is_held_off_over_the_session_bus(qtbot, tmp_path, caplog):
    from PySide6.QtDBus import QDBusConnection

    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (scripts/bootstrap installs it as root)")
    caplog.set_level(logging.INFO, logger="wallboard.shell.kiosk")
    with private_session_bus(tmp_path) as address:
        _server, service = serve_screensaver(address, "wb-screensaver")
        try:
            client = QDBusConnection.connectToBus(address, "wb-wall")
            awake = ScreenAwake("Wallboard 112", bus=client, platform="linux")
            awake.start()
            qtbot.waitUntil(lambda: awake.how == "dbus", timeout=5000)
            assert list(service.inhibitors.values()) == [
                ("Wallboard 112", "Wallboard 112: a 24/7 wall display")
            ]
            assert awake.cookie in service.inhibitors
            assert any("held off" in r.getMessage() for r in caplog.records)
        finally:
            QDBusConnection.disconnectFromBus("wb-wall")
            QDBusConnection.disconnectFromBus("wb-screensaver")
