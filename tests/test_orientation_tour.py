"""The guided tour's schedule: focus from the wall clock alone, the same for any start."""

from __future__ import annotations

import pytest

from wallboard.layout import default_plans
from wallboard.orientation.tour import HEADER, TourStop, focus_at, slot_at, tour_stops

EPOCH = 1_796_000_000.0  # some instant in 2026; a whole multiple of 20 s


def test_stops_are_the_header_then_every_panel_of_every_page_in_reading_order():
    stops = tour_stops(default_plans(3))
    assert stops == (
        TourStop(0, None, HEADER),
        TourStop(0, 0, "queue"),
        TourStop(1, 0, "map"),
        TourStop(2, 0, "agencies"),
        TourStop(2, 0, "incidents"),
    )


def test_orientation_layouts_tour_the_summary_page_too():
    for screens in (1, 2, 3, 5):
        names = {s.panel for s in tour_stops(default_plans(screens, orientation=True))}
        assert {"summary", "map", "queue", "agencies", "incidents", HEADER} <= names


def test_focus_moves_to_the_next_stop_every_dwell_and_wraps_around():
    stops = tour_stops(default_plans(3))
    seen = [focus_at(EPOCH + k * 20, 20, stops) for k in range(len(stops) + 1)]
    indexes = [f.index for f in seen]
    start = indexes[0]
    assert indexes == [(start + k) % len(stops) for k in range(len(stops) + 1)]
    assert seen[-1].stop == seen[0].stop  # one full round later: the same stop again


def test_focus_holds_for_the_whole_dwell():
    stops = tour_stops(default_plans(1, orientation=True))
    first = focus_at(EPOCH, 20, stops)
    for offset in (0.0, 0.5, 7.3, 19.999):
        assert focus_at(EPOCH + offset, 20, stops) == first
    assert focus_at(EPOCH + 20, 20, stops) != first


def test_a_wall_with_nothing_to_tour_has_no_focus_and_a_bad_dwell_is_refused():
    assert focus_at(EPOCH, 20, ()) is None
    with pytest.raises(ValueError, match="dwell"):
        slot_at(EPOCH, 0)
