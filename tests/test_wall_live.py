"""The whole wall built in-process (assemble_wall) against a real simulator over HTTP.

Monitors come and go, the backend stops and comes back, the map's renderer dies: the
wall re-tiles, marks what is stale while keeping the last data, and keeps its map (or
the incident list in its place).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import msgspec
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError

from maps.map_panel import MapPanel
from views.agency_panel import AgencyPanel
from views.incident_panel import IncidentPanel
from views.panel_frame import PanelFrame
from views.queue_panel import QueuePanel
from wallboard.backends import poll_intervals
from wallboard.config import Settings
from wallboard.feed.kinds import FeedKind
from wallboard.layout import default_plans
from wallboard.poller import BackendSpec
from wallboard.shell.assembly import WallParts, assemble_wall
from wallboard.simulator import start_simulator

BACKEND = "samarinda"
# A fixed mid-morning start: a warmed-up city, and two minutes later it is still "today".
SIM_START = "2026-11-20T10:00:00+08:00"
LOAD_MS = 20_000


class MovableClock:
    """Our own wall clock for the store and the poller, moved forward by the test."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class LiveWall:
    """A wall as the program builds it, with its monitors and clock in the test's hands."""

    parts: WallParts
    screens: list  # what the wall sees as monitors
    clock: MovableClock

    def poll_all(self) -> None:
        """One poll of every source, region info first, as the poller's own tasks would."""

        async def polls() -> None:
            for kind in FeedKind:
                await self.parts.poller.poll_once(BACKEND, kind)

        asyncio.run(polls())

    def panels(self, cls: type) -> list:
        return [p for w in self.parts.wall.windows for p in w.panels if isinstance(p, cls)]

    def map_panel(self) -> MapPanel:
        (panel,) = self.panels(MapPanel)
        return panel


class SimProcess:
    """The simulator as a process of its own, so that stopping it is a backend dying:
    the process goes, and every connection to it with it (kept-alive ones included)."""

    def __init__(self, port: int = 0) -> None:
        command = [sys.executable, "-m", "wallboard.simulator", "--seed", "112"]
        command += ["--start", SIM_START, "--port", str(port)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()  # printed once it listens
        assert self.url.startswith("http://127.0.0.1:"), "the simulator did not start"
        self.port = int(self.url.rpartition(":")[2])

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        self.process.stdout.close()


@pytest.fixture(scope="module")
def sim():
    with start_simulator(seed=112, start=SIM_START, manual_clock=True) as server:
        yield server


@pytest.fixture
def live_wall(qapp, qtbot):
    """Build walls on a simulator URL; tears them down, web pages included, afterwards."""
    built: list[LiveWall] = []
    settings = msgspec.structs.replace(
        Settings(), wall=msgspec.structs.replace(Settings().wall, language="en")
    )

    def build(url: str, screen_count: int = 3) -> LiveWall:
        spec = BackendSpec(name=BACKEND, url=url, intervals=poll_intervals(2.0), timeout=2.0)
        # Qt's offscreen platform has one screen; the wall is told of as many as wanted
        screens = [qapp.primaryScreen()] * screen_count
        clock = MovableClock()
        parts = assemble_wall(qapp, settings, [spec], wall_clock=clock, screens=lambda: screens)
        live = LiveWall(parts, screens, clock)
        built.append(live)
        return live

    yield build
    for live in built:
        live.parts.close()
        for panel in live.panels(MapPanel):
            with contextlib.suppress(TimeoutError):
                settle_map(qtbot, panel)
        for window in live.parts.wall.windows:
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def drawn(qtbot, panel: MapPanel) -> dict:
    box: list = []
    panel.view.drawn_ids(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return box[0]


def settle_map(qtbot, panel: MapPanel) -> None:
    """Leave no page call in flight before the view is deleted (MapView's callbacks
    would reach a deleted view: see the report): stop its timers so it sends nothing
    more, then one round trip, whose answer comes after those of earlier calls."""
    view = panel.view
    if view is None or not view.is_ready:
        return
    for timer in view.findChildren(QTimer):
        timer.stop()
    box: list = []
    view.drawn_ids(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)


def settle_all_maps(qtbot, live: LiveWall) -> None:
    """Before windows go: every map loaded (a load finishing into a deleted view calls
    back into it too) and settled."""
    for panel in live.panels(MapPanel):
        if panel.view is not None:
            qtbot.waitUntil(lambda p=panel: p.view.is_ready, timeout=LOAD_MS)
        settle_map(qtbot, panel)


def expected_markers(live: LiveWall) -> tuple[set[str], set[str]]:
    """The marker ids (record keys as text) the map should draw."""
    store = live.parts.store
    incidents = {k.text for k, i in store.incidents.items() if i.is_open}
    units = {k.text for k, u in store.units.items() if u.position is not None}
    return incidents, units


def wait_markers_drawn(qtbot, live: LiveWall, panel: MapPanel) -> dict:
    """Poll the page until it draws exactly the store's open incidents and placed units."""
    incidents, units = expected_markers(live)
    assert incidents and units, "the simulated city should have something to draw"
    seen: dict = {}

    def matches() -> bool:
        if panel.view is None or not panel.view.is_ready:
            return False
        seen.update(drawn(qtbot, panel))
        return set(seen["incidents"]) == incidents and set(seen["units"]) == units

    qtbot.waitUntil(matches, timeout=LOAD_MS)
    return seen


# -- monitors come and go -----------------------------------------------------------


def test_windows_follow_monitors_added_and_removed_and_none_is_left_behind(
    qtbot, qapp, sim, live_wall
):
    live = live_wall(sim.url, screen_count=3)
    wall = live.parts.wall
    live.poll_all()
    assert [w.plan for w in wall.windows] == list(default_plans(3))
    # a page call in flight when its window goes would reach a deleted view
    settle_all_maps(qtbot, live)
    screen = qapp.primaryScreen()

    # a fourth monitor is plugged in: four windows, the fourth rotating single panels
    old = list(wall.windows)
    live.screens.append(screen)
    with qtbot.waitSignal(wall.retiled, timeout=5000) as retiled:
        qapp.screenAdded.emit(screen)
    assert retiled.args == [4]
    assert [w.plan for w in wall.windows] == list(default_plans(4))
    assert all(w.isVisible() for w in wall.windows)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(w) for w in old)  # the old windows are gone

    # two monitors are unplugged at once: one re-tile, on two windows
    settle_all_maps(qtbot, live)
    old = list(wall.windows)
    del live.screens[2:]
    with qtbot.waitSignal(wall.retiled, timeout=5000) as retiled:
        qapp.screenRemoved.emit(screen)
        qapp.screenRemoved.emit(screen)
    assert retiled.args == [2]
    assert [w.plan for w in wall.windows] == list(default_plans(2))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(w) for w in old)
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert set(shown) == set(wall.windows)


def test_polls_after_a_monitor_is_unplugged_still_reach_the_new_windows(
    qtbot, qapp, sim, live_wall
):
    live = live_wall(sim.url, screen_count=3)
    wall = live.parts.wall
    live.poll_all()
    settle_all_maps(qtbot, live)
    old = list(wall.windows)
    del live.screens[1:]
    with qtbot.waitSignal(wall.retiled, timeout=5000):
        qapp.screenRemoved.emit(qapp.primaryScreen())
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # Qt deleted the old panels; Python may still hold them (here ``old``; in the
    # program, any reference cycle until the garbage collector runs)
    assert not any(shiboken6.isValid(w) for w in old)

    # the store outlives the deleted panels: the next polls still apply, and the new
    # window shows the data (the map draws the store's markers)
    sim.advance(timedelta(minutes=2))
    live.poll_all()
    fresh = live.parts.store.freshness
    assert all(f.consecutive_failures == 0 and f.last_error is None for f in fresh.values())
    (incidents,) = live.panels(IncidentPanel)
    assert incidents.model.rowCount() == len(expected_markers(live)[0])
    wait_markers_drawn(qtbot, live, live.map_panel())


# -- the backend stops, and comes back ----------------------------------------------


def figures(queue: QueuePanel) -> dict[str, str]:
    """What the queue panel shows that does not run on with the clock."""
    shown = {"waiting": queue.waiting.value.text(), "offered": queue.offered.value.text()}
    shown.update({str(s): b.value.text() for s, b in queue.takers.items()})
    return shown


def test_stopped_backend_marks_every_panel_stale_keeping_the_last_data(qtbot, live_wall):
    backend = SimProcess()
    try:
        live = live_wall(backend.url)
        live.poll_all()
        header = live.parts.wall.windows[0].header
        (incidents,) = live.panels(IncidentPanel)
        (queue,) = live.panels(QueuePanel)
        shown: list[PanelFrame] = [incidents, queue, *live.panels(AgencyPanel), live.map_panel()]
        rows = incidents.model.rowCount()
        before = figures(queue)
        assert rows > 0 and before["offered"] not in ("–", "0")
        qtbot.waitUntil(lambda: "All data current" in header.status_text(), timeout=3000)
        assert not any(p.is_marked_stale for p in shown)

        backend.kill()
        live.poll_all()
        fresh = live.parts.store.freshness
        assert all(f.consecutive_failures == 1 for f in fresh.values()), fresh
        # one failed poll alone is not "stale": the data is seconds old
        live.parts.wall.tick()
        assert not any(p.is_marked_stale for p in shown)

        live.clock.advance(120)  # past every panel's stale threshold (90 s for agencies)
        qtbot.waitUntil(lambda: all(p.is_marked_stale for p in shown), timeout=3000)
        for panel in shown:
            assert "DATA NOT CURRENT" in panel.banner.text(), panel.banner.text()
        assert "DATA STALE" in header.status_text()
        assert "error:" in header.status_text()
        # the last data stays on show
        assert incidents.model.rowCount() == rows
        assert figures(queue) == before
        wait_markers_drawn(qtbot, live, live.map_panel())

        # the backend comes back on the same port: one good poll clears the marking
        backend = SimProcess(backend.port)
        live.poll_all()
        qtbot.waitUntil(lambda: not any(p.is_marked_stale for p in shown), timeout=3000)
        assert "All data current" in header.status_text()
        assert incidents.model.rowCount() == rows
    finally:
        backend.kill()


# -- the map's renderer dies ----------------------------------------------------------


def kill_renderer(qtbot, panel: MapPanel) -> None:
    view = panel.view
    pid = view.page().renderProcessPid()
    assert pid > 0
    with qtbot.waitSignal(view.renderer_crashed, timeout=LOAD_MS):
        os.kill(pid, signal.SIGKILL)


def test_map_comes_back_after_a_renderer_crash_then_gives_way_to_the_list(qtbot, sim, live_wall):
    live = live_wall(sim.url)
    live.poll_all()
    panel = live.map_panel()
    before = wait_markers_drawn(qtbot, live, panel)

    with qtbot.waitSignal(panel.view.map_ready, timeout=LOAD_MS):
        kill_renderer(qtbot, panel)
    after = wait_markers_drawn(qtbot, live, panel)
    assert after["incidents"] == before["incidents"]
    assert not panel.showing_fallback

    # the renderer keeps dying: past max_crashes (3 in 10 min) the list takes its place.
    # Each kill waits for the page to be back and drawn: a kill with a page call in
    # flight leaves a callback that reaches the deleted view later (see the report).
    for _ in range(2):
        with qtbot.waitSignal(panel.view.map_ready, timeout=LOAD_MS):
            kill_renderer(qtbot, panel)
        assert not panel.showing_fallback
    with qtbot.waitSignal(panel.view.gave_up, timeout=LOAD_MS):
        kill_renderer(qtbot, panel)
    assert panel.showing_fallback
    assert "unavailable" in panel.title.text()
    fallback = panel.findChild(IncidentPanel)
    assert fallback is not None and fallback.isVisible()
    assert fallback.model.rowCount() == len(expected_markers(live)[0])
