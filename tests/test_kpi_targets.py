"""Targets: the standard defaults, verdicts, and the [kpi.targets] table of the config file."""

import math
import tomllib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from wallboard.kpi import (
    DEFAULT_TARGETS,
    Target,
    TargetError,
    Verdict,
    answering_kpis,
    targets_from_dict,
    verdict,
)
from wallboard.model import CallRecord

SL15 = Target("service_level", 15, 0.90, True, "test")
ABANDON = Target("abandon_rate", None, 0.05, False, "test")


def test_defaults_are_nena_nfpa_and_a_labelled_common_goal():
    found = {(t.kpi, t.threshold_s): t for t in DEFAULT_TARGETS}
    assert found["service_level", 15].goal == 0.90
    assert found["service_level", 20].goal == 0.95
    assert "NENA-STA-020.1-2020" in found["service_level", 15].source
    assert found["dispatch_within", 60].goal == 0.90
    assert "NFPA 1225" in found["dispatch_within", 60].source
    abandon = found["abandon_rate", None]
    assert (abandon.goal, abandon.higher_is_better) == (0.05, False)
    assert "not a standard" in abandon.source


def test_verdicts_at_on_and_beyond_the_goal():
    assert verdict(SL15, 0.9) is Verdict.MET  # exactly at the goal meets it
    assert verdict(SL15, 0.8999) is Verdict.MISSED
    assert verdict(ABANDON, 0.05) is Verdict.MET
    assert verdict(ABANDON, 0.0501) is Verdict.MISSED
    assert verdict(ABANDON, 0.0) is Verdict.MET
    assert verdict(SL15, None) is Verdict.NO_DATA
    assert verdict(SL15, math.nan) is Verdict.NO_DATA
    assert str(Verdict.NO_DATA) == "no_data"


def test_verdict_on_computed_figures():
    start = datetime(2026, 11, 28, 8, tzinfo=ZoneInfo("Asia/Makassar"))
    calls = [
        CallRecord(
            id=str(i),
            version=1,
            region="kaltim",
            offered_at=start,
            answered_at=start + timedelta(seconds=s),
        )
        for i, s in enumerate([3, 8, 14, 16])
    ]
    k = answering_kpis(calls, start, start + timedelta(hours=1), start + timedelta(minutes=5))
    assert verdict(SL15, k.service_level[15]) is Verdict.MISSED  # 3 of 4 = 0.75
    assert verdict(ABANDON, k.abandon_rate) is Verdict.MET  # 0 abandoned
    assert verdict(SL15, answering_kpis([], start, start, start).service_level[15]) == "no_data"


def test_a_toml_table_becomes_targets_that_replace_the_defaults():
    raw = tomllib.loads(
        "[kpi.targets]\nanswer_10s = 0.9\nanswer_20s = 0.95\ndispatch_60s = 0.9\n"
        "on_scene_600s = 0.8\nabandon_rate = 0.05\n"
    )
    targets = targets_from_dict(raw["kpi"]["targets"], source="/etc/wall.toml")
    assert [(t.kpi, t.threshold_s, t.goal, t.higher_is_better) for t in targets] == [
        ("service_level", 10, 0.9, True),
        ("service_level", 20, 0.95, True),
        ("dispatch_within", 60, 0.9, True),
        ("on_scene_within", 600, 0.8, True),
        ("abandon_rate", None, 0.05, False),
    ]
    assert all(t.source == "set in /etc/wall.toml" for t in targets)
    assert targets_from_dict({}, source="x") == ()
    assert targets_from_dict({"answer_15s": 1}, source="x")[0].goal == 1.0


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("answer_15s", 90, "answer_15s = 90: expected a share between 0 and 1"),
        ("answer_15s", -0.1, "answer_15s = -0.1: expected a share between 0 and 1"),
        ("answer_15s", "0.9", "answer_15s = '0.9': expected a number between 0 and 1"),
        ("answer_15s", True, "answer_15s = True: expected a number"),
        ("answer_15", 0.9, "answer_15: unknown target; expected one of answer_<N>s"),
        ("answer_0s", 0.9, "answer_0s: unknown target"),
        ("answer_3601s", 0.9, "answer_3601s: unknown target"),
        ("speed", 0.9, "speed: unknown target"),
    ],
)
def test_bad_entries_name_source_key_value_and_expectation(key, value, expected):
    with pytest.raises(TargetError) as caught:
        targets_from_dict({key: value}, source="/etc/wall.toml")
    message = str(caught.value)
    assert message.startswith("/etc/wall.toml: key kpi.targets.")
    assert expected in message


def test_a_non_table_and_a_huge_value_are_reported_briefly():
    with pytest.raises(TargetError, match="must be a table"):
        targets_from_dict([0.9], source="f.toml")  # type: ignore[arg-type]
    with pytest.raises(TargetError) as caught:
        targets_from_dict({"answer_15s": "x" * 500}, source="f.toml")
    assert len(str(caught.value)) < 200
