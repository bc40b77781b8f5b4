"""Scenarios are data: Paser runs from its file alone; a broken file is named in the error."""

from __future__ import annotations

import importlib.resources
import os
import re
import signal
import subprocess
import sys
import time

import msgspec
import pytest
import requests

from wallboard.feed.pages import IncidentPage, RegionInfo, UnitList
from wallboard.simulator import ScenarioError, load_scenario, start_simulator

PASER = importlib.resources.files("resources.scenarios") / "paser.toml"


@pytest.fixture
def paser_copy(tmp_path):
    path = tmp_path / "regency.toml"
    path.write_text(PASER.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_paser_runs_from_its_data_file_alone(paser_copy):
    scenario = load_scenario(paser_copy)
    kecamatan = {k.name for k in scenario.kecamatan}
    agencies = {a.id for a in scenario.agencies}
    with (
        start_simulator(
            seed=2, scenario=paser_copy, start="2026-11-28T20:00:00+08:00", manual_clock=True
        ) as sim,
        requests.Session() as http,
    ):
        info = msgspec.json.decode(http.get(f"{sim.url}/api/v1/info").content, type=RegionInfo)
        incidents = msgspec.json.decode(
            http.get(f"{sim.url}/api/v1/incidents").content, type=IncidentPage
        ).items
        units = msgspec.json.decode(http.get(f"{sim.url}/api/v1/units").content, type=UnitList)
    assert (info.region, info.name) == ("paser", "Kabupaten Paser")
    assert incidents and {i.location.kecamatan for i in incidents} <= kecamatan
    assert all(i.location.city == "Paser" for i in incidents)
    assert {u.agency_id for u in units.items} <= agencies
    assert len(units.items) < 40  # smaller than the city


def _broken(paser_copy, old, new):
    text = paser_copy.read_text(encoding="utf-8")
    assert old in text
    paser_copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(paser_copy)
    return info.value


@pytest.mark.parametrize(
    ("old", "new", "key", "expected"),
    [
        ("per_day = 600", 'per_day = "many"', "calls.per_day", "Expected `float`"),
        ("per_day = 600\n", "", "calls.per_day", "required key is missing"),
        ("per_day = 600", "per_dya = 600", "calls.per_dya", "unknown key"),
        ("break_chance = 0.04", "break_chance = 0.04\ncofee = 1", "staffing.cofee", "unknown"),
        (
            'agencies = ["police", "medical"]',
            'agencies = ["navy"]',
            "incidents.categories[0].agencies[0]",
            "Invalid enum value 'navy'",
        ),
        ("prank = 0.33", "prank = 0.50", "calls.disposition", "add up to 1.0"),
        ('timezone = "Asia/Makassar"', 'timezone = "Borneo/Grogot"', "region.timezone", "IANA"),
        (
            "center = [-1.9080, 116.1960]",
            "center = [1.9080, 116.1960]",
            "kecamatan[0].center",
            "inside region.bounds",
        ),
        (
            "on_scene_minutes = [20, 75]",
            "on_scene_minutes = [75, 20]",
            "incidents.categories[0].on_scene_minutes",
            "min <= max",
        ),
        (
            "Kecelakaan lalu lintas di {street}",
            "Kecelakaan di {jalan}",
            "incidents.categories[0].descriptions[0]",
            "placeholders",
        ),
    ],
)
def test_a_broken_scenario_names_file_key_and_expectation(paser_copy, old, new, key, expected):
    error = _broken(paser_copy, old, new)
    assert error.source == str(paser_copy)
    assert error.key == key
    assert str(paser_copy) in str(error) and key in str(error) and expected in str(error)


def test_invalid_toml_and_unknown_names_are_clear(paser_copy):
    error = _broken(paser_copy, "[calls]", "[calls")
    assert "valid TOML" in str(error)
    with pytest.raises(ScenarioError, match="built-in scenario name"):
        load_scenario("atlantis")


def test_command_line_starts_answers_and_exits_0_on_ctrl_c():
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wallboard.simulator",
            "--port",
            "0",
            "--seed",
            "3",
            "--speed",
            "10",
            "--scenario",
            "paser",
            "--start",
            "2026-11-28T12:00:00+08:00",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()  # the URL, printed once listening
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+\n", line), line
        url = line.strip()
        deadline = time.monotonic() + 10
        feed_times = set()
        while len(feed_times) < 2 and time.monotonic() < deadline:
            r = requests.get(f"{url}/api/v1/info", timeout=5)
            assert r.status_code == 200 and r.json()["region"] == "paser"
            feed_times.add(r.headers["X-Feed-Time"])
        assert len(feed_times) == 2, "simulated time did not move at speed 10"
    finally:
        proc.send_signal(signal.SIGINT)
        rc = proc.wait(timeout=10)
        proc.stdout.close()
        stderr = proc.stderr.read()
        proc.stderr.close()
    assert rc == 0, stderr


def test_command_line_reports_a_broken_scenario(paser_copy):
    paser_copy.write_text("[region]\nid = 1\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "wallboard.simulator", "--port", "0", "--scenario", str(paser_copy)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 2
    assert str(paser_copy) in proc.stderr and "region" in proc.stderr
