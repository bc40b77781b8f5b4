"""Nothing cut off, whatever the screen: the incident list never ends in a half row, the
agencies panel keeps every row in orientation mode (Relawan first of all), and the header
never clips the region's name.

Real panels on the hand-made store of test_view_screen_fit (12 agencies, 20 open
incidents, every source, one failing with a long error), in both languages.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QFontMetrics
from test_view_screen_fit import AGENCIES, NAMES, T0, FakeClock, _describe, _store, build, language

from views.agency_card import AGENCY_PX, COMPACT_PX
from views.agency_panel import AgencyPanel
from views.fonts import ROW_PX
from views.incident_panel import IncidentPanel
from views.theme import load_theme
from wallboard.layout import Page, ScreenPlan, default_plans
from wallboard.shell.panel_kit import PanelKit

__all__ = ["build", "language"]  # fixtures, used by name


def _kit(language: str, *, orientation: bool = False, region: str = "Kota Samarinda") -> PanelKit:
    return PanelKit(
        store=_store(FakeClock(T0)),
        zone=ZoneInfo("Asia/Makassar"),
        region_name=region,
        theme=load_theme("dark"),
        language=language,
        intervals={},
        orientation=orientation,
    )


def _whole_rows(table) -> None:
    """Every row the table shows, even in part, is shown whole."""
    viewport = table.viewport().height()
    model = table.model()
    for row in range(model.rowCount()):
        top = table.rowViewportPosition(row)
        if top >= viewport:
            break
        assert top + table.rowHeight(row) <= viewport, (
            f"row {row} is cut: it starts at {top} px of a {viewport} px list"
        )


@pytest.mark.parametrize("height", [1080, 1061, 1043, 1024, 1000, 977, 950, 901, 870])
def test_the_incident_list_never_ends_in_a_half_row(build, language, height):
    window = build(default_plans(3)[2], _kit(language))  # agencies over incidents
    (incidents,) = [p for p in window.visible_panels() if isinstance(p, IncidentPanel)]
    for h in (height, height - ROW_PX // 2, height - ROW_PX // 3):
        window.resize(1920, h)
        window.layout().activate()
        incidents.layout().activate()
        table = incidents.table
        assert table.viewport().height() % ROW_PX == 0, _describe(window)
        assert table.rows_shown() >= 2, _describe(window)
        _whole_rows(table)


def test_the_incident_list_alone_on_a_screen_is_whole_rows_too(build, language):
    plan = ScreenPlan((Page((("incidents",),)),))
    window = build(plan, _kit(language))
    (incidents,) = window.visible_panels()
    assert incidents.table.viewport().height() % ROW_PX == 0
    _whole_rows(incidents.table)


def _agencies(window) -> AgencyPanel:
    (panel,) = [p for p in window.visible_panels() if isinstance(p, AgencyPanel)]
    return panel


@pytest.mark.parametrize(("screens", "screen"), [(3, 2), (2, 1), (1, 0)])
def test_orientation_mode_keeps_every_agency_row_relawan_included(
    qtbot, build, language, screens, screen
):
    """The orientation walls' agencies screens: captions take room, no row may go."""
    plan = default_plans(screens, orientation=True)[screen]
    window = build(plan, _kit(language, orientation=True))
    agencies = _agencies(window)
    assert agencies.caption.isVisible()  # orientation's caption is over the rows
    # the captions' wrapped height settles the layout in a few passes of the event loop
    try:
        qtbot.waitUntil(lambda: agencies.rows_shown() == AGENCIES, timeout=3000)
    except qtbot.TimeoutError:
        pytest.fail(f"{agencies.rows_shown()} of {AGENCIES} rows: {_describe(window)}")
    assert (window.width(), window.height()) == (1920, 1080), _describe(window)
    assert "+" not in agencies.header.captions[0].text()
    viewport = agencies.rows_area.viewport()
    for card in agencies.cards.values():
        assert card.isVisible(), card.name.text()
        bottom = card.mapTo(viewport, card.rect().bottomLeft()).y()
        assert bottom < viewport.height(), f"{card.name.text()} is cut off"
    relawan = [c for c in agencies.cards.values() if c.name.text() == "RELAWAN"]
    assert relawan and relawan[0].isVisible()
    # the panel is short of room here: the rows' type shrank rather than lose a row,
    # and the smaller type is still bold and no smaller than table text
    if agencies.compact:
        (card, *_) = agencies.cards.values()
        assert card.name.fontInfo().pixelSize() == COMPACT_PX < AGENCY_PX


def test_with_room_the_agencies_keep_their_full_type(build, language):
    window = build(ScreenPlan((Page((("agencies",),)),)), _kit(language, orientation=True))
    agencies = _agencies(window)
    assert not agencies.compact and agencies.rows_shown() == AGENCIES
    (card, *_) = agencies.cards.values()
    assert card.name.fontInfo().pixelSize() == AGENCY_PX


def test_out_of_orientation_rows_that_do_not_fit_are_counted_never_half_shown(
    qtbot, build, language
):
    window = build(default_plans(3)[2], _kit(language))
    agencies = _agencies(window)
    agencies.setFixedHeight(agencies.minimumSizeHint().height())
    qtbot.waitUntil(lambda: agencies.rows_shown() < AGENCIES)
    assert agencies.compact  # the type shrank first
    shown = [c for c in agencies.cards.values() if c.isVisible()]
    assert len(shown) == agencies.rows_shown()
    viewport = agencies.rows_area.viewport()
    for card in shown:
        assert card.mapTo(viewport, card.rect().bottomLeft()).y() < viewport.height()
    hidden = AGENCIES - agencies.rows_shown()
    assert f"▼ +{hidden}" in agencies.header.captions[0].text()


@pytest.mark.parametrize("width", [1920, 1600, 1436, 1366])
@pytest.mark.parametrize("region", ["Samarinda", "Kota Samarinda", "Kabupaten Paser"])
def test_the_header_never_clips_the_region_name(build, language, width, region):
    window = build(ScreenPlan((Page((("queue",),)),)), _kit(language, region=region))
    window.resize(width, 1080)
    window.layout().activate()
    header = window.header
    header.layout().activate()
    label = header.region
    needed = QFontMetrics(label.font()).horizontalAdvance(label.text())
    assert label.text() == region
    assert label.contentsRect().width() >= needed, (
        f"{region!r} needs {needed} px, has {label.contentsRect().width()} at {width} px"
    )
    assert header.width() <= width  # and nothing pushed the window past the screen


def test_names_used_here_are_the_store_s():
    assert "RELAWAN" in NAMES
