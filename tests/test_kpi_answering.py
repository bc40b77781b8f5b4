"""Answering KPIs on a hand-computed call log, and each edge case of the definitions."""

from datetime import datetime, timedelta

import pytest
import records
from records import WITA

from wallboard.kpi import answering_kpis
from wallboard.model import Disposition

START = datetime(2026, 11, 28, 8, 0, tzinfo=WITA)
END = START + timedelta(hours=1)
NOW = START + timedelta(seconds=600)


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def answered(cid, offered_s, delay_s, **kw):
    return records.call(cid, offered=at(offered_s), answer_s=delay_s, **kw)


def abandoned(cid, offered_s, delay_s):
    return records.call(cid, offered=at(offered_s), abandon_s=delay_s)


def waiting(cid, offered_s):
    return records.call(cid, offered=at(offered_s))


LOG = [
    answered("1", 0, 5),  # offered exactly at start: counts
    answered("2", 60, 10),
    answered("3", 120, 12),
    answered("4", 180, 18),
    answered("5", 240, 30),
    answered("6", 300, -2),  # clock skew: answered "before" offered -> 0 s
    abandoned("7", 310, 3),  # short abandon
    abandoned("8", 320, 40),
    waiting("9", 592),  # waiting 8 s at NOW: not late for any threshold
    waiting("10", 575),  # waiting 25 s at NOW: late for 10, 15 and 20 s
    answered("before", -1, 1),  # offered before the period: not counted
    answered("at-end", 3600, 1),  # offered exactly at end: next period
]


def test_hand_computed_log():
    k = answering_kpis(LOG, START, END, NOW, thresholds=(10, 15, 20, 30))
    assert (k.offered, k.answered, k.abandoned, k.short_abandoned, k.waiting) == (10, 6, 2, 1, 2)
    # answer delays 0, 5, 10, 12, 18, 30; denominator = 6 answered + 1 long abandoned
    # + waiting calls already past the threshold (the 25 s one, for 10/15/20 s)
    assert k.service_level[10] == pytest.approx(3 / 8)
    assert k.service_level[15] == pytest.approx(4 / 8)
    assert k.service_level[20] == pytest.approx(5 / 8)
    assert k.service_level[30] == pytest.approx(6 / 7)
    assert k.abandon_rate == pytest.approx(1 / 7)
    assert k.asa_s == pytest.approx(75 / 6)
    assert k.p90_answer_s == 30.0  # nearest rank ceil(0.9 * 6) = 6th of 6
    assert k.longest_wait_now_s == 25.0


def test_default_thresholds_are_10_15_20():
    assert list(answering_kpis(LOG, START, END, NOW).service_level) == [10, 15, 20]


def test_short_abandon_limit_is_strictly_less_than_and_zero_turns_it_off():
    calls = [answered("a", 0, 5), abandoned("b", 0, 5), abandoned("c", 0, 4.999)]
    k = answering_kpis(calls, START, END, NOW)
    assert (k.abandoned, k.short_abandoned) == (2, 1)
    assert k.abandon_rate == pytest.approx(1 / 2)
    off = answering_kpis(calls, START, END, NOW, short_abandon_s=0)
    assert off.short_abandoned == 0
    assert off.abandon_rate == pytest.approx(2 / 3)


def test_short_abandons_are_left_out_of_the_service_level():
    calls = [answered("a", 0, 5), abandoned("b", 0, 1), abandoned("c", 0, 2)]
    assert answering_kpis(calls, START, END, NOW).service_level[15] == 1.0


def test_a_call_answered_exactly_at_the_threshold_is_within_it():
    k = answering_kpis([answered("a", 0, 15)], START, END, NOW, thresholds=(14, 15))
    assert dict(k.service_level) == {14: 0.0, 15: 1.0}


def test_waiting_calls_not_yet_late_are_undecided_and_late_ones_are_missed():
    only_waiting = [waiting("w", 590)]  # 10 s at NOW
    k = answering_kpis(only_waiting, START, END, NOW, thresholds=(5, 10))
    assert dict(k.service_level) == {5: 0.0, 10: None}
    assert (k.offered, k.waiting, k.abandon_rate, k.asa_s) == (1, 1, None, None)


def test_a_waiting_call_offered_after_now_by_clock_skew_waits_zero():
    k = answering_kpis([waiting("w", 605)], START, END, NOW)
    assert k.longest_wait_now_s == 0.0


def test_empty_period_gives_no_data_not_zero():
    k = answering_kpis([], START, END, NOW)
    assert (k.offered, k.answered, k.abandoned, k.waiting) == (0, 0, 0, 0)
    assert k.abandon_rate is None and k.asa_s is None and k.p90_answer_s is None
    assert k.longest_wait_now_s is None
    assert all(v is None for v in k.service_level.values())


def test_silent_and_prank_calls_load_the_centre_like_any_other():
    calls = [
        answered("s", 0, 4, disposition=Disposition.SILENT),
        answered("p", 0, 25, disposition=Disposition.PRANK),
    ]
    k = answering_kpis(calls, START, END, NOW)
    assert (k.offered, k.answered) == (2, 2)
    assert k.service_level[15] == 0.5


def test_only_the_latest_revision_of_a_call_counts_whatever_the_order():
    v1 = waiting("c", 0)
    v2 = records.call("c", version=2, offered=at(0), answer_s=7)
    for log in ([v1, v2], [v2, v1]):
        k = answering_kpis(log, START, END, NOW)
        assert (k.offered, k.answered, k.waiting, k.asa_s) == (1, 1, 0, 7.0)


def test_a_call_with_both_answer_and_abandon_counts_as_answered():
    both = records.call("x", offered=at(0), answer_s=9, abandon_s=3)
    k = answering_kpis([both], START, END, NOW)
    assert (k.answered, k.abandoned) == (1, 0)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="short_abandon_s"):
        answering_kpis([], START, END, NOW, short_abandon_s=-1)
    with pytest.raises(ValueError, match="thresholds"):
        answering_kpis([], START, END, NOW, thresholds=(-5,))
    with pytest.raises(ValueError, match="timezone-aware"):
        answering_kpis([], START.replace(tzinfo=None), END, NOW)
