"""Wall layout arithmetic: grids, spans, defaults per screen count, rotation in step."""

from __future__ import annotations

import pytest

from wallboard.layout import (
    PANELS,
    LayoutError,
    Page,
    Placement,
    ScreenPlan,
    default_plans,
    place,
    plans_for,
)


def test_repeated_names_span_their_rectangle():
    placements = place([["map", "map", "queue"], ["map", "map", "agencies"]])
    assert placements == (
        Placement("map", 0, 0, 2, 2),
        Placement("queue", 0, 2, 1, 1),
        Placement("agencies", 1, 2, 1, 1),
    )


@pytest.mark.parametrize(
    ("grid", "message"),
    [
        ([], "at least one row"),
        ([["map", "queue"], ["map"]], "every row of a page needs 2 cells"),
        ([["map", "weather"]], "unknown panel 'weather'"),
        ([["map", "queue"], ["queue", "map"]], "must fill a rectangle"),
    ],
)
def test_bad_grids_are_refused_with_a_reason(grid, message):
    with pytest.raises(LayoutError, match=message):
        place(grid)


@pytest.mark.parametrize("screens", [1, 2, 3, 4, 6, 12])
def test_defaults_show_every_panel_somewhere(screens):
    plans = default_plans(screens)
    assert len(plans) == screens
    shown = {p.panel for plan in plans for page in plan.pages for p in page.placements()}
    assert shown == set(PANELS)


def test_three_screens_are_queue_map_agencies_and_list():
    queue, map_, right = default_plans(3)
    assert [p.panel for p in queue.pages[0].placements()] == ["queue"]
    assert [p.panel for p in map_.pages[0].placements()] == ["map"]
    assert [p.panel for p in right.pages[0].placements()] == ["agencies", "incidents"]


def test_rotation_follows_the_wall_clock_so_machines_agree():
    plan = ScreenPlan((Page((("map",),)), Page((("queue",),)), Page((("agencies",),))), 30)
    assert [plan.page_at(t) for t in (0, 29.9, 30, 61, 90, 120)] == [0, 0, 1, 2, 0, 1]
    # two machines that started at different moments ask at the same instant
    assert plan.page_at(1_764_300_000.5) == plan.page_at(1_764_300_000.5)
    assert ScreenPlan((Page((("map",),)),)).page_at(12345) == 0


def test_configured_plans_cover_their_screens_and_defaults_fill_the_rest():
    mine = ScreenPlan((Page((("incidents",),)),))
    plans = plans_for(3, [mine])
    assert plans[0] == mine
    assert plans[1:] == default_plans(3)[1:]
    assert plans_for(1, [mine, mine]) == (mine,)


def test_one_screen_gives_agencies_two_columns_and_the_queue_a_tall_column():
    (plan,) = default_plans(1)
    spans = {p.panel: (p.row_span, p.column_span) for p in plan.pages[0].placements()}
    # agency rows need two thirds of the width; the queue's figures most of the height
    assert spans == {"map": (3, 2), "queue": (4, 1), "agencies": (3, 2), "incidents": (2, 1)}


def test_two_screens_are_the_map_and_the_queue_beside_agencies_over_incidents():
    map_, second = default_plans(2)
    assert [p.panel for p in map_.pages[0].placements()] == ["map"]
    spans = {p.panel: (p.row_span, p.column_span) for p in second.pages[0].placements()}
    assert spans == {"queue": (2, 1), "agencies": (1, 2), "incidents": (1, 2)}
