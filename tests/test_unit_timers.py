"""Unit status timers from a manual clock: the units panel's times, colours and symbols,
the limits read from [targets], and the agency panel's longest-running unit."""

from __future__ import annotations

from datetime import timedelta

import pytest
import records
from PySide6.QtCore import Qt
from records import T0
from view_support import FakeClock, _english_locale  # noqa: F401  (autouse fixture)

from views.agency_panel import AgencyPanel
from views.theme import apply_theme, load_theme
from views.unit_model import AGENCY, CALL_SIGN, INCIDENT, STATUS, TIME
from views.units_panel import UnitsPanel
from wallboard.config import ConfigError, settings_from_dict
from wallboard.feed.kinds import FeedKind
from wallboard.kpi.targets import target_set_from_dict
from wallboard.model import AgencyKind, RecordKey, UnitStatus
from wallboard.store import Store
from wallboard.units.status_limits import Level, Limit

B = "samarinda"
THEME = load_theme("dark")


def minutes(n: float):
    return T0 + timedelta(minutes=n)


@pytest.fixture
def city():
    clock = FakeClock(T0)
    store = Store(wall_clock=clock)
    store.apply(
        B,
        FeedKind.AGENCIES,
        records.agency_list(
            records.agency("dmk", AgencyKind.FIRE, short="DAMKAR"),
            records.agency("psc", AgencyKind.MEDICAL, short="PSC 119"),
        ),
    )
    store.apply(
        B,
        FeedKind.INCIDENTS,
        records.incident_page(
            records.incident("INC-7", location=records.location(kecamatan="Sungai Kunjang"))
        ),
    )
    store.apply(
        B,
        FeedKind.UNITS,
        records.unit_list(
            records.unit(
                "DMK-1", agency="dmk", status=UnitStatus.EN_ROUTE, at=T0, incident_id="INC-7"
            ),
            records.unit("DMK-2", agency="dmk", status=UnitStatus.AVAILABLE, at=minutes(-600)),
            records.unit("AMB-1", agency="psc", status=UnitStatus.ON_SCENE, at=minutes(-80)),
        ),
    )
    return store, clock


def rows(panel: UnitsPanel) -> list[list[str]]:
    model = panel.model
    return [
        [model.index(r, c).data() for c in (AGENCY, CALL_SIGN, STATUS, INCIDENT, TIME)]
        for r in range(model.rowCount())
    ]


def time_cell(panel: UnitsPanel, call_sign: str):
    model = panel.model
    for r in range(model.rowCount()):
        if model.index(r, CALL_SIGN).data() == call_sign:
            index = model.index(r, TIME)
            return index.data(), index.data(Qt.ItemDataRole.BackgroundRole)
    raise AssertionError(call_sign)


def test_units_grouped_by_agency_with_status_incident_and_time(qtbot, city):
    store, clock = city
    panel = UnitsPanel(store, records.WITA, clock, theme=THEME)
    qtbot.addWidget(panel)
    clock.now = minutes(3)
    panel.tick()
    assert rows(panel) == [
        ["DAMKAR", "DMK-1", "En route", "P1 Fire · Sungai Kunjang", "3:00"],
        ["", "DMK-2", "Available", "", "10:03:00"],  # available: no limit, never marked
        ["PSC 119", "AMB-1", "On scene", "", "1:23:00"],
    ]


def test_time_in_status_turns_amber_then_red_with_a_symbol(qtbot, city):
    store, clock = city
    panel = UnitsPanel(store, records.WITA, clock, theme=THEME)
    qtbot.addWidget(panel)
    apply_theme(panel, THEME)
    clock.now = minutes(14)
    panel.tick()
    assert time_cell(panel, "DMK-1") == ("14:00", None)
    clock.now = minutes(16)  # en route over 15 min: amber
    panel.tick()
    text, fill = time_cell(panel, "DMK-1")
    assert text == "▲ 16:00" and fill == THEME.color("late")
    assert time_cell(panel, "AMB-1")[0] == "▲ 1:36:00"  # on scene over 90 min
    clock.now = minutes(31)  # twice the limit: red
    panel.tick()
    text, fill = time_cell(panel, "DMK-1")
    assert text == "▲▲ 31:00" and fill == THEME.color("stale")
    assert panel.title.text() == "Units: 3 · over limit: ▲ 1 · ▲▲ 1"


def test_a_unit_changing_status_starts_its_timer_again(qtbot, city):
    store, clock = city
    panel = UnitsPanel(store, records.WITA, clock, theme=THEME)
    qtbot.addWidget(panel)
    clock.now = minutes(20)
    store.apply(
        B,
        FeedKind.UNITS,
        records.unit_list(
            records.unit(
                "DMK-1", agency="dmk", status=UnitStatus.ON_SCENE, at=minutes(19), version=2
            ),
        ),
    )
    panel.tick()
    assert rows(panel) == [["DAMKAR", "DMK-1", "On scene", "", "1:00"]]


def test_limits_come_from_targets_and_bad_ones_are_refused():
    limits = target_set_from_dict(
        {"unit_en_route_min": 10, "unit_returning_min": [20, 45]}, "t.toml"
    ).unit_limits
    assert limits.limits[UnitStatus.EN_ROUTE] == Limit(10, 20)
    assert limits.limits[UnitStatus.RETURNING] == Limit(20, 45)
    assert limits.limits[UnitStatus.ON_SCENE] == Limit(90, 180)  # default kept
    assert limits.level(UnitStatus.OUT_OF_SERVICE, 8 * 3600 - 1) is Level.OK
    assert limits.level(UnitStatus.OUT_OF_SERVICE, 8 * 3600) is Level.AMBER
    with pytest.raises(ConfigError, match=r"targets.unit_parked_min.*unknown unit status"):
        settings_from_dict({"targets": {"unit_parked_min": 5}}, source="t.toml")
    with pytest.raises(ConfigError, match=r"targets.unit_on_scene_min = \[90, 60\]"):
        settings_from_dict({"targets": {"unit_on_scene_min": [90, 60]}}, source="t.toml")


def test_agency_panel_shows_each_agencys_longest_running_busy_unit(qtbot, city):
    store, clock = city
    panel = AgencyPanel(store, records.WITA, clock)
    qtbot.addWidget(panel)
    apply_theme(panel, THEME)
    panel.resize(2600, 400)  # a wide panel (a desk): the call sign has room beside the time
    panel.show()
    qtbot.waitExposed(panel)
    clock.now = minutes(16)
    panel.tick()
    # DAMKAR: DMK-2 has been available longest, but only busy units count
    assert panel.cards[RecordKey(B, "dmk")].longest.text() == "DMK-1 ▲ 16:00"
    assert panel.cards[RecordKey(B, "psc")].longest.text() == "AMB-1 ▲ 1:36:00"
    clock.now = minutes(100)
    panel.tick()
    assert panel.cards[RecordKey(B, "psc")].longest.text() == "AMB-1 ▲▲ 3:00:00"
    assert panel.cards[RecordKey(B, "psc")].longest.toolTip() == "AMB-1 · On scene"
    panel.resize(panel.minimumSizeHint().width(), 400)  # no room: the time alone
    qtbot.waitUntil(lambda: panel.cards[RecordKey(B, "psc")].longest.width() < 200)
    panel.tick()
    assert panel.cards[RecordKey(B, "psc")].longest.text() == "▲▲ 3:00:00"
