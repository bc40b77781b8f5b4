"""The wall in orientation mode, built as the program builds it, on a live simulator:
a caption on every panel and under every header, the summary page in the rotation, and
the tour's highlight moving stop by stop (clock injected), bringing up the stop's page."""

from __future__ import annotations

import asyncio
import contextlib

import msgspec
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from pytestqt.exceptions import TimeoutError
from view_support import _english_locale  # noqa: F401  (autouse fixture)

from maps.map_panel import MapPanel
from views.captions import FOCUS_CAPTION_PX, caption_for
from views.tour_guide import TourGuide
from wallboard.backends import poll_intervals
from wallboard.config import Settings
from wallboard.feed.kinds import FeedKind
from wallboard.layout import default_plans
from wallboard.orientation.tour import HEADER, tour_stops
from wallboard.poller import BackendSpec
from wallboard.shell.assembly import assemble_wall
from wallboard.simulator import start_simulator

BACKEND = "samarinda"
EPOCH = 1_796_000_000.0  # a whole multiple of the dwell
DWELL = 20.0


@pytest.fixture(scope="module")
def sim():
    with start_simulator(seed=112, start="2026-11-20T10:00:00+08:00", manual_clock=True) as s:
        yield s


@pytest.fixture
def wall(qapp, qtbot, sim):
    replace = msgspec.structs.replace
    settings = Settings()
    wall_settings = replace(settings.wall, language="en", orientation=True, tour_seconds=DWELL)
    settings = replace(settings, wall=wall_settings)
    spec = BackendSpec(name=BACKEND, url=sim.url, intervals=poll_intervals(2.0), timeout=5.0)
    screens = [qapp.primaryScreen()] * 3
    parts = assemble_wall(qapp, settings, [spec], screens=lambda: screens)

    async def polls() -> None:
        for kind in FeedKind:
            await parts.poller.poll_once(BACKEND, kind)

    asyncio.run(polls())
    yield parts
    parts.close()
    for window in parts.wall.windows:
        for panel in window.panels:
            view = panel.view if isinstance(panel, MapPanel) else None
            if view is None:
                continue
            with contextlib.suppress(TimeoutError):  # no page call in flight at deletion
                qtbot.waitUntil(lambda v=view: v.is_ready, timeout=20_000)
                for timer in view.findChildren(QTimer):
                    timer.stop()
                box: list = []
                view.drawn_ids(box.append)
                qtbot.waitUntil(lambda b=box: bool(b), timeout=5000)
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_every_panel_and_header_carries_its_caption_and_the_summary_page_is_in(wall):
    windows = wall.wall.windows
    assert [w.plan for w in windows] == list(default_plans(3, orientation=True))
    named = [(name, panel) for w in windows for _, name, panel in w.placed]
    assert {name for name, _ in named} == {"queue", "map", "agencies", "incidents", "summary"}
    for window in windows:
        for page in range(window.pages.count()):
            window.pages.setCurrentIndex(page)
            for _, name, panel in (p for p in window.placed if p[0] == page):
                assert panel.caption.isVisible(), f"{name} shows no caption"
                assert panel.caption.text() == caption_for(name)
        assert window.header_caption.isVisible()
        assert window.header_caption.text() == caption_for(HEADER)
    (queue,) = [p for name, p in named if name == "queue"]
    assert "within 15 s" in queue.caption.text() and "90 %" in queue.caption.text()
    assert "NFPA 1225" in queue.caption.text()


def test_the_tour_highlights_one_stop_at_a_time_and_brings_up_its_page(wall):
    windows = wall.wall.windows
    guide = TourGuide(DWELL)
    stops = tour_stops([w.plan for w in windows])
    assert len(stops) == 1 + 4 + 1  # the header, four panels, the summary page
    seen = []
    for k in range(len(stops) + 1):
        now = EPOCH + k * DWELL + 3.7  # any instant inside the slot
        guide(now, windows)
        for window in windows:
            window.show_page_at(now)
        stop = guide.focus.stop
        seen.append(stop)
        focused = [p for w in windows for p in w.focused_panels()]
        on_header = [w for w in windows if w.header_strip.property("tour") == "focus"]
        if stop.panel == HEADER:
            assert focused == [] and on_header == [windows[0]]
            caption = windows[0].header_caption
        else:
            window = windows[stop.screen]
            (panel,) = focused  # exactly one panel on the whole wall
            assert on_header == []
            assert (stop.page, stop.panel, panel) in window.placed
            assert window.pages.currentIndex() == stop.page
            assert panel.isVisible() and panel.caption.isVisible()
            caption = panel.caption
        assert caption.fontInfo().pixelSize() == FOCUS_CAPTION_PX  # larger while in focus
    assert set(seen) == set(stops) and seen[-1] == seen[0]  # every stop, then round again
