"""Targets: the standard defaults, verdicts, and the [targets] table of the config file."""

import math
import tomllib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import records

from wallboard.kpi import (
    DEFAULT_TARGETS,
    Target,
    TargetError,
    Verdict,
    answering_kpis,
    targets_from_dict,
    verdict,
)
from wallboard.kpi.targets import DEFAULT_TARGET_SET, TargetSet, target_set_from_dict

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
    calls = [records.call(str(i), offered=start, answer_s=s) for i, s in enumerate([3, 8, 14, 16])]
    k = answering_kpis(calls, start, start + timedelta(hours=1), start + timedelta(minutes=5))
    assert verdict(SL15, k.service_level[15]) is Verdict.MISSED  # 3 of 4 = 0.75
    assert verdict(ABANDON, k.abandon_rate) is Verdict.MET  # 0 abandoned
    assert verdict(SL15, answering_kpis([], start, start, start).service_level[15]) == "no_data"


def test_a_toml_table_becomes_targets():
    raw = tomllib.loads(
        "[targets]\nanswer_10s = 0.9\nanswer_20s = 0.95\ndispatch_60s = 0.9\n"
        "on_scene_600s = 0.8\nabandon_rate = 0.05\n"
    )
    targets = targets_from_dict(raw["targets"], source="/etc/wall.toml")
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
    assert message.startswith("/etc/wall.toml: key targets.")
    assert expected in message


def test_a_non_table_and_a_huge_value_are_reported_briefly():
    with pytest.raises(TargetError, match="must be a table"):
        targets_from_dict([0.9], source="f.toml")  # type: ignore[arg-type]
    with pytest.raises(TargetError) as caught:
        targets_from_dict({"answer_15s": "x" * 500}, source="f.toml")
    assert len(str(caught.value)) < 200


def test_the_targets_table_merges_over_the_defaults():
    assert target_set_from_dict({}, "c.toml") == DEFAULT_TARGET_SET
    assert DEFAULT_TARGET_SET.thresholds_s == (10, 15, 20)
    merged = target_set_from_dict(
        {"answer_15s": 0.8, "on_scene_900s": 0.75, "service_levels_s": [30, 10]}, "c.toml"
    )
    goals = {(t.kpi, t.threshold_s): (t.goal, t.source) for t in merged.targets}
    assert goals["service_level", 15] == (0.8, "set in c.toml")
    assert goals["service_level", 20][0] == 0.95  # a default not named stays
    assert goals["dispatch_within", 60][0] == 0.90
    assert goals["on_scene_within", 900] == (0.75, "set in c.toml")
    assert merged.service_levels_s == (10, 30)
    # the levels shown plus those a target needs
    assert merged.thresholds_s == (10, 15, 20, 30)
    assert target_set_from_dict({"short_abandon_s": 0}, "c.toml").short_abandon_s == 0.0
    assert TargetSet().of("dispatch_within")[0].threshold_s == 60


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"service_levels_s": [0]}, "targets.service_levels_s = [0]: expected 1 to 6 whole"),
        ({"service_levels_s": 15}, "targets.service_levels_s = 15: expected"),
        ({"service_levels_s": [1.5]}, "targets.service_levels_s = [1.5]: expected"),
        ({"short_abandon_s": 90}, "targets.short_abandon_s = 90: expected seconds between 0"),
        ({"short_abandon_s": "5"}, "targets.short_abandon_s = '5': expected seconds"),
        ({"answer_15s": 1.5}, "targets.answer_15s = 1.5: expected a share between 0 and 1"),
    ],
)
def test_bad_targets_table_entries_name_file_key_value(raw, expected):
    with pytest.raises(TargetError) as caught:
        target_set_from_dict(raw, "c.toml")
    assert str(caught.value).startswith("c.toml: key targets.")
    assert expected in str(caught.value)


def test_the_configuration_file_checks_the_targets_table():
    from wallboard.config import ConfigError
    from wallboard.config.loading import settings_from_dict

    settings = settings_from_dict({"targets": {"answer_15s": 0.8}}, source="wall.toml")
    assert target_set_from_dict(settings.targets, "wall.toml").of("service_level")[0].goal == 0.8
    with pytest.raises(ConfigError) as caught:
        settings_from_dict({"targets": {"answer_15s": 90}}, source="wall.toml")
    assert str(caught.value) == (
        "wall.toml: key targets.answer_15s = 90: expected a share between 0 and 1 "
        "(write 90 % as 0.9)"
    )
