"""CallTally: the panel's instant counts equal the KPI engine's, however the calls change."""

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from test_kpi_properties import END, NOW, START, build_calls, call_fields

from wallboard.kpi import answering_kpis, disposition_kpis
from wallboard.kpi.selection import Distinct
from wallboard.kpi.tally import CallTally
from wallboard.model import Disposition, RecordKey


def latest(calls):
    held = {}
    for c in calls:
        if c.id not in held or c.version >= held[c.id].version:
            held[c.id] = c
    return held


def assert_same(tally, held):
    a = answering_kpis(held.values(), START, END, NOW)
    d = disposition_kpis(held.values(), START, END)
    assert (tally.offered, tally.answered, tally.abandoned, tally.waiting) == (
        a.offered,
        a.answered,
        a.abandoned,
        a.waiting,
    )
    assert {x: tally.disposition(x) for x in Disposition} == dict(d.counts)


@settings(max_examples=100, deadline=None)
@given(st.lists(call_fields, max_size=60), st.lists(call_fields, max_size=60), st.integers(0, 60))
def test_updates_by_id_keep_the_tally_equal_to_a_full_count(first, second, drop):
    held = latest(build_calls(first))
    tally = CallTally(START, END)
    tally.reset(held)
    assert_same(tally, held)
    # the next poll: new revisions (some moving out of the period) and some ids removed
    changes = latest(build_calls(second))
    touched = set(changes)
    held.update(changes)
    removed = sorted(held)[:drop]
    for cid in removed:
        del held[cid]
    tally.update(held, touched | set(removed))
    assert_same(tally, held)


def test_a_call_crossing_midnight_counts_on_the_day_it_was_offered():
    (late,) = build_calls([(-10.0, "answered", 20.0, 5.0, Disposition.PRANK, 1)])
    tally = CallTally(START, END)
    tally.reset({late.id: late})
    assert tally.offered == 0
    yesterday = CallTally(START - timedelta(days=1), START)
    yesterday.reset({late.id: late})
    assert (yesterday.offered, yesterday.answered, yesterday.disposition(Disposition.PRANK)) == (
        1,
        1,
        1,
    )


@settings(max_examples=50, deadline=None)
@given(st.lists(call_fields, min_size=1, max_size=40), st.lists(call_fields, max_size=40))
def test_two_backends_calls_of_one_id_are_two_calls(first, second):
    # two regions' CADs both number from 1: the store keys them (backend, id), the tally
    # counts both, and the KPI engine agrees when handed them as Distinct records
    smd, psr = latest(build_calls(first)), latest(build_calls(second))
    held = {RecordKey("smd", k): c for k, c in smd.items()}
    held |= {RecordKey("psr", k): c for k, c in psr.items()}
    tally = CallTally(START, END)
    tally.reset(held)
    both = Distinct(held.values())
    assert tally.offered == answering_kpis(both, START, END, NOW).offered
    assert tally.offered == (
        answering_kpis(smd.values(), START, END, NOW).offered
        + answering_kpis(psr.values(), START, END, NOW).offered
    )
    # one backend's calls leaving takes only its own from the count
    gone = [k for k in held if k.backend == "psr"]
    for key in gone:
        del held[key]
    tally.update(held, gone)
    assert_same(tally, smd)
