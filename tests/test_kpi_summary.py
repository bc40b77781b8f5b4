"""summarize(): every KPI of a period in one record, checked against the targets."""

import json
from datetime import datetime, timedelta

import records
from hypothesis import given, settings
from hypothesis import strategies as st
from records import WITA
from test_kpi_properties import build_calls, call_fields

from wallboard.kpi.summary import summarize
from wallboard.kpi.targets import (
    ABANDON_RATE,
    DISPATCH_WITHIN,
    SERVICE_LEVEL,
    Target,
    TargetSet,
    Verdict,
)
from wallboard.model import Assignment, Disposition, IncidentCategory, IncidentStatus, Priority

DAY = datetime(2026, 11, 28, tzinfo=WITA)
END = DAY + timedelta(days=1)
NOW = DAY + timedelta(hours=10)


def call(n, offered_s, *, answer=None, abandon=None, talk=None, disposition=None):
    return records.call(
        f"c{n}",
        offered=DAY + timedelta(seconds=offered_s),
        answer_s=answer,
        abandon_s=abandon,
        talk_s=talk,
        disposition=disposition,
    )


# One small day with every edge case the issue lists; figures worked out by hand below.
CALLS = [
    call(1, 3600, answer=5, talk=100, disposition=Disposition.EMERGENCY),
    call(2, 3700, answer=12, talk=20, disposition=Disposition.PRANK),
    call(3, 3800, answer=18, talk=10, disposition=Disposition.SILENT),
    call(4, 3900, abandon=3),  # abandoned within a few seconds: a misdial
    call(5, 4000, abandon=40),  # a real abandon
    call(6, 4100, answer=-2, talk=60, disposition=Disposition.INFORMATION),  # clock skew
    call(7, 36000 - 30),  # waiting 30 s at NOW: past 10/15/20 s
    call(8, 36000 - 8),  # waiting 8 s: not late for any threshold yet
    # offered 23:59:50 the day before and answered after midnight: not this day's call
    records.call("c9", offered=DAY - timedelta(seconds=10), answer_s=30),
]


def incident(n, created_s, dispatched_s):
    created = DAY + timedelta(seconds=created_s)
    agency = "damkar" if n % 2 else "ambulans"
    return records.incident(
        f"i{n}",
        at=created,
        category=IncidentCategory.FIRE if n % 2 else IncidentCategory.MEDICAL,
        priority=Priority.HIGH,
        status=IncidentStatus.DISPATCHED,
        status_times={IncidentStatus.NEW: created},
        location=records.location(-0.5, 117.1),
        assignments=(
            Assignment(
                unit_id=f"u{n}",
                agency_id=agency,
                dispatched_at=created + timedelta(seconds=dispatched_s),
            ),
        ),
        agency_ids=(agency,),
    )


INCIDENTS = [incident(1, 4000, 30), incident(2, 5000, 50), incident(3, 6000, 90)]


def test_hand_computed_day_against_the_default_targets():
    s = summarize(CALLS, INCIDENTS, DAY, END, TargetSet(), NOW)
    a = s.answering
    assert (a.offered, a.answered, a.abandoned, a.short_abandoned, a.waiting) == (8, 4, 2, 1, 2)
    # answer times 5, 12, 18, 0 (skew clamped); denominator answered 4 + long abandon 1
    # + waiting past T (call 7 only, for every T)
    assert a.service_level[10] == 2 / 6
    assert a.service_level[15] == 3 / 6
    assert a.service_level[20] == 4 / 6
    assert a.abandon_rate == 1 / 5
    assert a.asa_s == (5 + 12 + 18 + 0) / 4
    assert a.p90_answer_s == 18
    assert a.longest_wait_now_s == 30
    assert s.average_handling_s == (100 + 20 + 10 + 60) / 4
    d = s.dispositions
    assert (d.counts[Disposition.PRANK], d.counts[Disposition.SILENT], d.unclassified) == (1, 1, 4)
    assert d.non_emergency == 3
    # incidents dispatched after 30, 50 and 90 s: 2 of 3 within NFPA's 60 s
    assert s.response.to_dispatch.median_s == 50
    assert s.response.to_dispatch.p90_s == 90
    assert s.response.to_dispatch.share_within == 2 / 3
    assert set(s.response_by_agency) == {"damkar", "ambulans"}
    assert s.response_by_agency["damkar"].to_dispatch.count == 2
    assert set(s.response_by_category) == {"fire", "medical"}
    assert len(s.offered_per_interval) == 96 and sum(s.offered_per_interval) == 8
    verdicts = {(r.target.kpi, r.target.threshold_s): r.verdict for r in s.results}
    assert verdicts == {
        (SERVICE_LEVEL, 15): Verdict.MISSED,
        (SERVICE_LEVEL, 20): Verdict.MISSED,
        (DISPATCH_WITHIN, 60): Verdict.MISSED,
        (ABANDON_RATE, None): Verdict.MISSED,
    }
    assert s.result(SERVICE_LEVEL, 15).value == 0.5


def test_configured_targets_and_levels_are_what_is_computed():
    targets = TargetSet(
        targets=(
            Target(SERVICE_LEVEL, 30, 0.5, True, "test"),
            Target(DISPATCH_WITHIN, 60, 0.6, True, "test"),
            Target(DISPATCH_WITHIN, 100, 1.0, True, "test"),
        ),
        service_levels_s=(10,),
        short_abandon_s=0,
    )
    s = summarize(CALLS, INCIDENTS, DAY, END, targets, NOW)
    assert tuple(s.answering.service_level) == (10, 30)
    assert s.answering.short_abandoned == 0  # the misdial rule is off
    assert [(r.value, r.verdict) for r in s.results] == [
        # 4 within 30 s of answered 4 + abandoned 2 (call 7 has waited exactly 30 s: not late)
        (4 / 6, Verdict.MET),
        (2 / 3, Verdict.MET),
        (1.0, Verdict.MET),  # the second dispatch target uses its own 100 s
    ]


def test_an_empty_period_has_no_data_and_to_dict_is_plain_json():
    s = summarize([], [], DAY, END, TargetSet(), NOW)
    assert all(r.verdict is Verdict.NO_DATA for r in s.results)
    data = json.loads(json.dumps(s.to_dict()))
    assert data["answering"]["service_level"] == {"10": None, "15": None, "20": None}
    assert data["period"]["start"] == "2026-11-28T00:00:00+08:00"
    full = json.loads(json.dumps(summarize(CALLS, INCIDENTS, DAY, END, TargetSet(), NOW).to_dict()))
    assert full["answering"]["offered"] == 8
    assert full["dispositions"]["counts"]["prank"] == 1
    assert full["targets"][0] == {
        "kpi": "service_level",
        "threshold_s": 15,
        "goal": 0.9,
        "higher_is_better": True,
        "source": full["targets"][0]["source"],
        "value": 0.5,
        "verdict": "missed",
    }


@settings(max_examples=100, deadline=None)
@given(st.lists(call_fields, max_size=80))
def test_summary_invariants_on_random_logs(rows):
    start, end = DAY, DAY + timedelta(hours=2)
    s = summarize(build_calls(rows), [], start, end, TargetSet(), start + timedelta(hours=1))
    a, d = s.answering, s.dispositions
    assert a.answered + a.abandoned + a.waiting == a.offered == d.total
    assert sum(d.counts.values()) + d.unclassified == d.total
    assert sum(s.offered_per_interval) == a.offered
    for share in [*a.service_level.values(), a.abandon_rate]:
        assert share is None or 0 <= share <= 1
    for seconds in (a.asa_s, a.p90_answer_s, a.longest_wait_now_s, s.average_handling_s):
        assert seconds is None or seconds >= 0
    for r in s.results:
        assert (r.value is None) == (r.verdict is Verdict.NO_DATA)


def test_without_groups_the_rest_is_the_same():
    full = summarize(CALLS, INCIDENTS, DAY, END, TargetSet(), NOW)
    lean = summarize(CALLS, INCIDENTS, DAY, END, TargetSet(), NOW, by_group=False)
    assert not lean.response_by_agency and not lean.response_by_category
    drop = ("response_by_agency", "response_by_category")
    assert {k: v for k, v in lean.to_dict().items() if k not in drop} == {
        k: v for k, v in full.to_dict().items() if k not in drop
    }
