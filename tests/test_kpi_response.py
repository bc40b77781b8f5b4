"""Dispatch and response times on hand-computed incidents, overall, per agency and category."""

from datetime import datetime, timedelta

import pytest
import records
from records import WITA

from wallboard.kpi import DurationStats, response_kpis, response_kpis_by
from wallboard.model import Assignment, IncidentCategory, IncidentStatus, Location, Priority

START = datetime(2026, 11, 28, 8, 0, tzinfo=WITA)
END = START + timedelta(hours=1)
HERE = Location(lat=-0.5, lon=117.15)


def at(seconds: float | None) -> datetime | None:
    return None if seconds is None else START + timedelta(seconds=seconds)


def unit(agency, created_s, dispatched, en_route=None, on_scene=None, n=1):
    """An assignment whose times are given in seconds after the incident's creation."""

    def rel(s):
        return None if s is None else at(created_s + s)

    return Assignment(
        unit_id=f"{agency}-{n}", agency_id=agency, dispatched_at=rel(dispatched),
        en_route_at=rel(en_route), on_scene_at=rel(on_scene),
    )  # fmt: skip


def incident(iid, created_s, category, status, assignments=(), agency_ids=(), version=1):
    return records.incident(
        iid, at=at(created_s), version=version, category=category, priority=Priority.HIGH,
        status=status, status_times={IncidentStatus.NEW: at(created_s)}, location=HERE,
        assignments=tuple(assignments),
        agency_ids=tuple(agency_ids) or tuple(sorted({a.agency_id for a in assignments})),
    )  # fmt: skip


C, S = IncidentCategory, IncidentStatus
INCIDENTS = [
    incident(
        "I1",
        0,
        C.FIRE,
        S.ON_SCENE,
        [unit("police", 0, 30, 90, 600), unit("fire", 0, 45, 100)],
    ),
    incident("I2", 100, C.CRIME, S.DISPATCHED, [unit("police", 100, 90)]),
    incident("I3", 200, C.CRIME, S.NEW, agency_ids=["police"]),  # waiting for a unit
    incident("I4", 300, C.OTHER, S.CLOSED),  # closed with no unit sent: not pending
    # clock skew: dispatched "before" created -> 0 s
    incident("I5", 400, C.MEDICAL, S.CLOSED, [unit("police", 400, -5, 200, 500)]),
    incident("I6", -1, C.FIRE, S.CLOSED, [unit("fire", -1, 1, 2, 3)]),  # before the period
]


def test_hand_computed_overall():
    k = response_kpis(INCIDENTS, START, END)
    # to dispatch: I1 first of 30/45 = 30, I2 90, I5 0 -> [0, 30, 90]
    assert k.to_dispatch == DurationStats(
        count=3, median_s=30.0, p90_s=90.0, share_within=pytest.approx(2 / 3), pending=1
    )
    # en route: I1 first of 90/100 = 90, I5 200; I2 and I3 are open without one
    assert k.to_en_route == DurationStats(2, 90.0, 200.0, None, pending=2)
    assert k.to_on_scene == DurationStats(2, 500.0, 600.0, None, pending=2)


def test_targets_for_later_steps_are_optional_and_the_dispatch_target_configurable():
    k = response_kpis(
        INCIDENTS, START, END, dispatch_target_s=20, en_route_target_s=120, on_scene_target_s=550
    )
    assert k.to_dispatch.share_within == pytest.approx(1 / 3)
    assert k.to_en_route.share_within == 0.5
    assert k.to_on_scene.share_within == 0.5


def test_per_agency_each_agency_is_timed_to_its_own_first_unit():
    fire = response_kpis(INCIDENTS, START, END, agency_id="fire")
    assert fire.to_dispatch == DurationStats(1, 45.0, 45.0, 1.0, pending=0)
    assert fire.to_en_route == DurationStats(1, 100.0, 100.0, None, pending=0)
    assert fire.to_on_scene == DurationStats(0, None, None, None, pending=1)
    police = response_kpis(INCIDENTS, START, END, agency_id="police")
    assert (police.to_dispatch.count, police.to_dispatch.pending) == (3, 1)  # I3 requested only
    assert police.to_dispatch.median_s == 30.0


def test_per_category():
    crime = response_kpis(INCIDENTS, START, END, category=IncidentCategory.CRIME)
    assert crime.to_dispatch == DurationStats(1, 90.0, 90.0, 0.0, pending=1)


def test_by_agency_and_by_category_match_the_single_calls():
    by_agency = response_kpis_by(INCIDENTS, START, END, "agency")
    assert list(by_agency) == ["fire", "police"]
    assert by_agency["police"] == response_kpis(INCIDENTS, START, END, agency_id="police")
    by_category = response_kpis_by(INCIDENTS, START, END, "category")
    assert list(by_category) == ["crime", "fire", "medical", "other"]
    assert by_category["crime"] == response_kpis(
        INCIDENTS, START, END, category=IncidentCategory.CRIME
    )
    assert by_category["other"].to_dispatch == DurationStats(0, None, None, None, pending=0)
    with pytest.raises(ValueError, match="agency"):
        response_kpis_by(INCIDENTS, START, END, "unit")  # type: ignore[arg-type]


def test_only_the_latest_revision_of_an_incident_counts():
    v1 = incident("I", 0, C.FIRE, S.NEW)
    v2 = incident("I", 0, C.FIRE, S.DISPATCHED, [unit("fire", 0, 50)], version=2)
    for log in ([v1, v2], [v2, v1]):
        k = response_kpis(log, START, END)
        assert (k.to_dispatch.count, k.to_dispatch.pending, k.to_dispatch.median_s) == (1, 0, 50.0)


def test_no_incidents_gives_no_data():
    k = response_kpis([], START, END)
    assert k.to_dispatch == DurationStats(0, None, None, None, pending=0)
