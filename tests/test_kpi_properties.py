"""Properties of the KPI engine on random call logs and incidents (hypothesis)."""

from datetime import datetime, timedelta

import records
from hypothesis import given, settings
from hypothesis import strategies as st
from records import WITA

from wallboard.kpi import (
    answering_kpis,
    average_handling_s,
    calls_per_interval,
    disposition_kpis,
    response_kpis,
    response_kpis_by,
)
from wallboard.model import (
    Assignment,
    CallRecord,
    Disposition,
    Incident,
    IncidentCategory,
    IncidentStatus,
    Priority,
)

START = datetime(2026, 11, 28, 0, 0, tzinfo=WITA)
END = START + timedelta(hours=2)
NOW = START + timedelta(hours=1, minutes=30)
THRESHOLDS = (0, 5, 10, 15, 20, 30, 60)


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


# offsets reach outside [START, END) and delays go negative (clock skew) on purpose
offsets = st.floats(min_value=-900, max_value=8100, allow_nan=False)
delays = st.floats(min_value=-30, max_value=900, allow_nan=False)

call_fields = st.tuples(
    offsets,
    st.sampled_from(["answered", "abandoned", "waiting"]),
    delays,
    st.none() | delays,
    st.none() | st.sampled_from(list(Disposition)),
    st.integers(min_value=0, max_value=2),
)


def build_calls(rows) -> list[CallRecord]:
    calls = []
    for n, (offered, outcome, delay, talk, disposition, version) in enumerate(rows):
        answered_at = at(offered + delay) if outcome == "answered" else None
        calls.append(
            records.call(
                f"c{n % 40}",  # ids repeat: several revisions of one call
                version=version,
                offered=at(offered),
                answered_at=answered_at,
                abandoned_at=at(offered + delay) if outcome == "abandoned" else None,
                ended_at=None
                if talk is None or answered_at is None
                else at(offered + delay + talk),
                disposition=disposition,
            )
        )
    return calls


@settings(max_examples=150, deadline=None)
@given(st.lists(call_fields, max_size=80), st.floats(min_value=0, max_value=30))
def test_call_kpis_are_consistent(rows, short_abandon_s):
    calls = build_calls(rows)
    k = answering_kpis(
        calls, START, END, NOW, thresholds=THRESHOLDS, short_abandon_s=short_abandon_s
    )
    assert k.answered + k.abandoned + k.waiting == k.offered
    assert 0 <= k.short_abandoned <= k.abandoned
    for share in (k.abandon_rate, *k.service_level.values()):
        assert share is None or 0.0 <= share <= 1.0
    for seconds in (k.asa_s, k.p90_answer_s, k.longest_wait_now_s):
        assert seconds is None or seconds >= 0.0
    known = [k.service_level[t] for t in THRESHOLDS if k.service_level[t] is not None]
    assert known == sorted(known)  # a longer threshold never lowers the service level
    assert (k.asa_s is None) == (k.answered == 0)

    d = disposition_kpis(calls, START, END)
    assert d.total == k.offered
    assert sum(d.counts.values()) + d.unclassified == d.total
    assert 0 <= d.non_emergency <= d.total
    assert sum(calls_per_interval(calls, START, END)) == k.offered
    aht = average_handling_s(calls, START, END)
    assert aht is None or aht >= 0.0


@settings(deadline=None)
@given(st.lists(call_fields, max_size=60), st.integers(min_value=1, max_value=7200))
def test_periods_add_up(rows, split_s):
    calls = build_calls(rows)
    middle = at(split_s)
    whole = answering_kpis(calls, START, END, NOW)
    first = answering_kpis(calls, START, middle, NOW)
    second = answering_kpis(calls, middle, END, NOW)
    assert first.offered + second.offered == whole.offered
    assert first.answered + second.answered == whole.answered


agencies = st.sampled_from(["police", "fire", "medical"])
assignment_fields = st.tuples(
    agencies, delays, st.none() | delays, st.none() | delays, st.integers(0, 3)
)
incident_fields = st.tuples(
    offsets,
    st.sampled_from(list(IncidentCategory)),
    st.sampled_from(list(IncidentStatus)),
    st.lists(assignment_fields, max_size=4),
    st.lists(agencies, max_size=2),
)


def build_incidents(rows) -> list[Incident]:
    incidents = []
    for n, (created, category, status, units, requested) in enumerate(rows):
        assignments = tuple(
            Assignment(
                unit_id=f"u{unit_n}",
                agency_id=agency,
                dispatched_at=at(created + dispatched),
                en_route_at=None if en_route is None else at(created + en_route),
                on_scene_at=None if on_scene is None else at(created + on_scene),
            )
            for agency, dispatched, en_route, on_scene, unit_n in units
        )
        incidents.append(
            records.incident(
                f"i{n}",
                at=at(created),
                category=category,
                priority=Priority.MEDIUM,
                status=status,
                status_times={IncidentStatus.NEW: at(created)},
                assignments=assignments,
                agency_ids=tuple(requested),
            )
        )
    return incidents


@settings(max_examples=150, deadline=None)
@given(st.lists(incident_fields, max_size=40), st.floats(min_value=0, max_value=900))
def test_response_kpis_are_consistent(rows, target_s):
    incidents = build_incidents(rows)
    in_period = sum(1 for i in incidents if START <= i.created_at < END)
    overall = response_kpis(incidents, START, END, dispatch_target_s=target_s)
    per_key = [*response_kpis_by(incidents, START, END, "agency").values()]
    per_key += response_kpis_by(incidents, START, END, "category").values()
    for k in [overall, *per_key]:
        for stats in (k.to_dispatch, k.to_en_route, k.to_on_scene):
            assert stats.count + stats.pending <= in_period
            assert (stats.median_s is None) == (stats.count == 0)
            if stats.count:
                assert 0.0 <= stats.median_s <= stats.p90_s
            assert stats.share_within is None or 0.0 <= stats.share_within <= 1.0
    by_category = response_kpis_by(incidents, START, END, "category")
    assert sum(k.to_dispatch.count for k in by_category.values()) == overall.to_dispatch.count
    assert sum(k.to_dispatch.pending for k in by_category.values()) == overall.to_dispatch.pending
