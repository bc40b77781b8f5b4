"""The fast path equals the plain definitions: ``summarize`` (columns and numpy,
wallboard/kpi/column_kpis.py) against answering_kpis, average_handling_s,
disposition_kpis, calls_per_interval, response_kpis and response_kpis_by on random
logs with repeated ids, clock skew and records outside the period (hypothesis)."""

from datetime import timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st
from test_kpi_properties import (
    END,
    NOW,
    START,
    build_calls,
    build_incidents,
    call_fields,
    incident_fields,
)

from wallboard.kpi import (
    TargetSet,
    answering_kpis,
    average_handling_s,
    calls_per_interval,
    disposition_kpis,
    response_kpis,
    response_kpis_by,
    summarize,
)
from wallboard.kpi.call_table import CallTable
from wallboard.kpi.columns import CallColumns, epoch_us
from wallboard.kpi.incident_table import IncidentTable
from wallboard.kpi.summary import summarize_columns
from wallboard.kpi.targets import target_set_from_dict

FEED_ZONE = timezone(timedelta(hours=8))  # what the decoder gives: a fixed offset


def _in_feed_zone(records):
    """The same instants with the decoder's fixed-offset tzinfo (the fast conversion's
    own path) instead of the region's ZoneInfo."""
    import msgspec

    out = []
    for r in records:
        fields = {
            f: getattr(r, f).astimezone(FEED_ZONE)
            for f in ("offered_at", "answered_at", "abandoned_at", "ended_at")
            if getattr(r, f, None) is not None
        }
        out.append(msgspec.structs.replace(r, **fields))
    return out


targets_strategy = st.fixed_dictionaries(
    {},
    optional={
        "answer_15s": st.floats(0, 1),
        "dispatch_60s": st.floats(0, 1),
        "dispatch_120s": st.floats(0, 1),
        "en_route_300s": st.floats(0, 1),
        "short_abandon_s": st.integers(0, 20),
    },
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(call_fields, max_size=80),
    st.lists(incident_fields, max_size=40),
    targets_strategy,
    st.booleans(),
    st.integers(min_value=1, max_value=7200),
)
def test_summarize_equals_the_plain_definitions(call_rows, incident_rows, raw, fixed, split_s):
    calls = build_calls(call_rows)
    if fixed:
        calls = _in_feed_zone(calls)
    incidents = build_incidents(incident_rows)
    targets = target_set_from_dict(raw, "test.toml") if raw else TargetSet()
    end = START + timedelta(seconds=split_s) if split_s < 7200 else END
    s = summarize(calls, incidents, START, end, targets, NOW)

    plain = answering_kpis(calls, START, end, NOW, targets.thresholds_s, targets.short_abandon_s)
    assert s.answering == plain
    assert s.average_handling_s == average_handling_s(calls, START, end)
    assert s.dispositions == disposition_kpis(calls, START, end)
    assert list(s.offered_per_interval) == calls_per_interval(calls, START, end, 15)
    steps = {}
    for kind in ("dispatch_within", "en_route_within", "on_scene_within"):
        found = targets.of(kind)
        steps[kind] = found[0].threshold_s if found else None
    kwargs = {
        "dispatch_target_s": steps["dispatch_within"],
        "en_route_target_s": steps["en_route_within"],
        "on_scene_target_s": steps["on_scene_within"],
    }
    assert s.response == response_kpis(incidents, START, end, **kwargs)
    assert dict(s.response_by_agency) == response_kpis_by(incidents, START, end, "agency", **kwargs)
    assert dict(s.response_by_category) == response_kpis_by(
        incidents, START, end, "category", **kwargs
    )


def test_columns_keep_microseconds_exactly():
    """A call answered exactly 15 s after it was offered is within 15 s on both paths."""
    calls = build_calls([(0.1, "answered", 15.0, None, None, 1)])
    cols = CallColumns.from_records(calls)
    assert int(cols.answered[0] - cols.offered[0]) == 15_000_000
    assert epoch_us(START) == (int(START.timestamp()) - 946_684_800) * 1_000_000
    s = summarize(calls, [], START, END, TargetSet(), NOW)
    assert s.answering.service_level[15] == 1.0


def test_boundaries_are_inclusive_on_both_paths():
    """Dispatched exactly at 60 s meets a 60 s target; answered at 15 s meets 15 s."""
    incidents = build_incidents([(0.5, "fire", "dispatched", [("fire", 60.0, None, None, 0)], [])])
    s = summarize([], incidents, START, END, TargetSet(), NOW)
    plain = response_kpis(incidents, START, END, dispatch_target_s=60)
    assert s.response.to_dispatch.share_within == plain.to_dispatch.share_within == 1.0
    assert s.response_by_agency["fire"].to_dispatch.share_within == 1.0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(call_fields, max_size=30), st.lists(incident_fields, max_size=12)),
        min_size=1,
        max_size=5,
    ),
    st.lists(st.integers(0, 39), max_size=20),
)
def test_tables_kept_by_diffs_equal_columns_built_afresh(batches, removals):
    """CallTable and IncidentTable fed batch by batch (changed ids, then some removed)
    give the same figures as summarize() over the records the mapping holds at the end."""
    calls: dict[str, object] = {}
    incidents: dict[str, object] = {}
    call_table, incident_table = CallTable(), IncidentTable()
    for call_rows, incident_rows in batches:
        changed = {c.id for c in build_calls(call_rows)}
        calls.update({c.id: c for c in build_calls(call_rows)})
        call_table.update(calls, changed)
        built = build_incidents(incident_rows)
        incidents.update({i.id: i for i in built})
        incident_table.update(incidents, {i.id for i in built})
    gone = {f"c{n}" for n in removals} | {f"i{n}" for n in removals}
    for key in gone:
        calls.pop(key, None)
        incidents.pop(key, None)
    call_table.update(calls, gone)
    incident_table.update(incidents, gone)
    assert len(call_table) == len(calls) and len(incident_table) == len(incidents)
    fast = summarize_columns(
        call_table.snapshot().columns(), incident_table.snapshot().columns(), START, END, now=NOW
    )
    assert fast == summarize(list(calls.values()), list(incidents.values()), START, END, now=NOW)


def test_a_table_picks_one_owners_rows():
    calls = {c.id: c for c in build_calls([(10.0, "answered", 3.0, None, None, 1)] * 3)}
    owners = {"c0": "samarinda", "c1": "paser", "c2": "samarinda"}
    table = CallTable(owners.get)
    table.reset(calls)
    copy = table.snapshot()
    assert len(copy.columns("samarinda")) == 2
    assert len(copy.columns("paser")) == 1
    assert len(copy.columns("balikpapan")) == 0
