"""The summary page's figures from hand-made records: today only, volunteers counted."""

from __future__ import annotations

from datetime import datetime, timedelta

import records
from record_support import keyed
from records import WITA

from wallboard.kpi import Verdict
from wallboard.kpi.selection import Distinct
from wallboard.model import AgencyKind, IncidentCategory, IncidentStatus, Priority, UnitStatus
from wallboard.orientation.summary import orientation_summary

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=WITA)
YESTERDAY = NOW - timedelta(days=1)


def agency(aid: str, kind: AgencyKind):
    return records.agency(aid, kind, at=NOW, region="smd")


def unit(uid: str, agency_id: str, status: UnitStatus):
    return records.unit(uid, agency=agency_id, status=status, at=NOW)


def incident(
    iid: str, created: datetime, category: IncidentCategory, *, open_: bool = True,
    sent: tuple[str, ...] = (), named: tuple[str, ...] = (),
):  # fmt: skip
    status = IncidentStatus.ON_SCENE if open_ else IncidentStatus.CLOSED
    return records.incident(
        iid, at=created, category=category, priority=Priority.HIGH, status=status, region="smd",
        location=records.location(-0.5, 117.1), assignments=records.sent(sent, created),
        agency_ids=named,
    )  # fmt: skip


def call(cid: str, offered: datetime, answer_after_s: float | None):
    abandon_s = 40 if answer_after_s is None else None
    return records.call(
        cid, offered=offered, answer_s=answer_after_s, abandon_s=abandon_s, region="smd"
    )


AGENCIES = {
    "pol": agency("pol", AgencyKind.POLICE),
    "rel": agency("rel", AgencyKind.VOLUNTEER),
    "rel2": agency("rel2", AgencyKind.VOLUNTEER),
}
UNITS = [
    unit("p1", "pol", UnitStatus.AVAILABLE),
    unit("p2", "pol", UnitStatus.ON_SCENE),
    unit("r1", "rel", UnitStatus.AVAILABLE),
    unit("r2", "rel", UnitStatus.EN_ROUTE),
    unit("r3", "rel2", UnitStatus.OUT_OF_SERVICE),
]
EARLY = NOW.replace(hour=1)
INCIDENTS = [
    incident("i1", EARLY, IncidentCategory.FLOOD, sent=("rel",)),
    incident("i2", EARLY, IncidentCategory.FLOOD, open_=False, named=("rel2", "pol")),
    incident("i3", EARLY, IncidentCategory.MEDICAL, sent=("pol",)),
    incident("i4", NOW - timedelta(minutes=5), IncidentCategory.FIRE, open_=False),
    # yesterday's: open still (counts as open) but not among today's, volunteers or not
    incident("i0", YESTERDAY, IncidentCategory.FIRE, sent=("rel",)),
]
CALLS = [
    call("c1", EARLY, 5),
    call("c2", EARLY, 12),
    call("c3", EARLY, 30),  # answered late
    call("c4", EARLY, None),  # abandoned after 40 s: missed
    call("c0", YESTERDAY, 3),  # not today
]


def summary():
    return orientation_summary(
        CALLS,
        keyed(INCIDENTS),
        keyed(UNITS),
        keyed(AGENCIES.values()),
        NOW,
        WITA,
    )


def test_calls_of_today_and_the_service_level_against_nena():
    s = summary()
    assert (s.calls_offered, s.calls_answered) == (4, 3)
    level = s.service_level
    assert level.value == 2 / 4  # within 15 s / (answered + long abandoned)
    assert (level.target.threshold_s, level.target.goal) == (15, 0.90)
    assert level.verdict is Verdict.MISSED
    assert s.dispatch.target.threshold_s == 60  # NFPA 1225's alarm processing


def test_incidents_of_today_by_category_most_first_and_open_ones_of_any_day():
    s = summary()
    assert s.incidents_today == 4
    assert s.incidents_by_category == (
        (IncidentCategory.FLOOD, 2),
        (IncidentCategory.FIRE, 1),
        (IncidentCategory.MEDICAL, 1),
    )
    assert s.open_incidents == 3  # i1, i3 and yesterday's i0
    assert (s.units_available, s.units_total) == (2, 5)


def test_volunteers_units_and_the_incidents_they_were_sent_to_or_named_on_today():
    v = summary().volunteers
    assert (v.agencies, v.units, v.units_available, v.units_busy) == (2, 3, 1, 1)
    assert v.incidents_today == 2  # i1 (unit sent) and i2 (agency named); not i0
    assert v.share_of_incidents == 2 / 4


def test_a_quiet_day_has_no_service_level_and_no_share():
    s = orientation_summary([], {}, {}, {}, NOW, WITA)
    assert s.service_level.value is None and s.service_level.verdict is Verdict.NO_DATA
    assert s.volunteers.share_of_incidents is None
    assert s.incidents_by_category == ()


def test_two_regions_using_the_same_ids_count_each_others_records_apart():
    # the same ids in a second region, where "rel" is the police and "pol" volunteers:
    # each unit and incident is held to the agency of that id in its own region
    theirs = {
        "pol": agency("pol", AgencyKind.VOLUNTEER),
        "rel": agency("rel", AgencyKind.POLICE),
        "rel2": agency("rel2", AgencyKind.POLICE),
    }
    s = orientation_summary(
        Distinct([*CALLS, *CALLS]),  # the store's calls: one per (backend, id)
        {**keyed(INCIDENTS), **keyed(INCIDENTS, "psr")},
        {**keyed(UNITS), **keyed(UNITS, "psr")},
        {**keyed(AGENCIES.values()), **keyed(theirs.values(), "psr")},
        NOW,
        WITA,
    )
    assert (s.calls_offered, s.calls_answered) == (8, 6)
    assert (s.incidents_today, s.open_incidents, s.units_total) == (8, 6, 10)
    v = s.volunteers
    # smd: rel, rel2 and their 3 units; psr: pol and its 2 units (p1 available)
    assert (v.agencies, v.units, v.units_available) == (3, 5, 2)
    # smd: i1 and i2 as before; psr: i2 (pol named) and i3 (pol sent)
    assert v.incidents_today == 4
