"""A wall over two PCs, built in-process as the program builds it: each PC lays out the
whole six-screen layout, shows its own run of it (first_screen 0 and 3), and the guided
tour, driven by the wall clock alone, highlights exactly one stop on the whole wall at a
time: the header on the first PC, every panel on whichever PC shows its screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from view_support import _english_locale  # noqa: F401  (autouse fixture)

from views.tour_guide import TourGuide
from wallboard.backends import poll_intervals
from wallboard.config import settings_from_dict
from wallboard.orientation.tour import HEADER, tour_stops
from wallboard.poller import BackendSpec
from wallboard.shell.assembly import assemble_wall

EPOCH = 1_796_000_000.0  # a whole multiple of the dwell
DWELL = 20.0
LAYOUT = (
    [["queue"]],
    [["agencies"], ["incidents"]],
    [["summary"]],
    [["incidents", "alerts"]],
    [["queue"], ["summary"]],
    [["agencies"]],
)


def _settings(first_screen: int):
    wall = {
        "orientation": True,
        "tour_seconds": DWELL,
        "language": "en",
        "first_screen": first_screen,
        "screens": [{"grid": grid} for grid in LAYOUT],
    }
    return settings_from_dict({"wall": wall}, source="wall.toml")


@pytest.fixture
def two_pcs(qapp):
    """Two walls of three screens each over one configuration (nothing is polled: the
    tour needs no data, and port 9 of loopback answers nobody)."""
    spec = BackendSpec(
        name="samarinda", url="http://127.0.0.1:9", intervals=poll_intervals(2.0), timeout=1.0
    )
    screens = [qapp.primaryScreen()] * 3
    pcs = [
        assemble_wall(qapp, _settings(first), [spec], screens=lambda: screens) for first in (0, 3)
    ]
    yield pcs
    for parts in pcs:
        parts.close()
        for window in parts.wall.windows:
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_each_pc_shows_its_run_of_one_layout(two_pcs):
    first, second = (parts.wall for parts in two_pcs)
    assert first.plans == second.plans and len(first.plans) == 6
    assert [w.number for w in first.windows] == [0, 1, 2]
    assert [w.number for w in second.windows] == [3, 4, 5]
    for wall in (first, second):
        for window in wall.windows:
            assert window.plan == wall.plans[window.number]
            names = [[p.panel for p in page.placements()] for page in window.plan.pages]
            grid = LAYOUT[window.number]
            # the configured grid (orientation mode may add pages, never change this one)
            assert names[0] == list(dict.fromkeys(name for row in grid for name in row))


def test_the_tour_visits_the_whole_wall_one_stop_at_a_time_across_both_pcs(two_pcs):
    first, second = (parts.wall for parts in two_pcs)
    guides = [TourGuide(DWELL), TourGuide(DWELL)]
    stops = tour_stops(first.plans)
    assert {s.screen for s in stops} == set(range(6))
    seen = []
    for k in range(len(stops) + 1):
        now = EPOCH + k * DWELL + 3.7  # any instant inside the slot
        for guide, wall in zip(guides, (first, second), strict=True):
            guide(now, wall.windows, wall.plans)
            for window in wall.windows:
                window.show_page_at(now)
        assert guides[0].focus == guides[1].focus  # the same stop on both PCs, unasked
        stop = guides[0].focus.stop
        seen.append(stop)
        windows = first.windows + second.windows
        focused = [(w.number, p) for w in windows for p in w.focused_panels()]
        on_header = [w.number for w in windows if w.header_strip.property("tour") == "focus"]
        if stop.panel == HEADER:
            assert focused == [] and on_header == [0]
        else:
            ((number, panel),) = focused  # exactly one panel on the whole wall
            assert number == stop.screen and on_header == []
            (window,) = [w for w in windows if w.number == stop.screen]
            assert (stop.page, stop.panel, panel) in window.placed
    assert set(seen) == set(stops) and seen[-1] == seen[0]  # every stop, then round again
