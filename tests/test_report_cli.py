"""`main.py report`: against a real simulator over HTTP and against files of call records."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import msgspec
import pytest
import requests
from PySide6.QtGui import QImage

from wallboard.feed.pages import CallPage, IncidentPage
from wallboard.kpi import TargetSet, summarize
from wallboard.shell.cli import main
from wallboard.simulator import start_simulator

START = "2026-11-30T14:00:00+08:00"
DAY = ("2026-11-30T00:00:00+08:00", "2026-12-01T00:00:00+08:00")
LAST_WEEK_SHIFT = ("2026-11-23T07:00:00+08:00", "2026-11-23T19:00:00+08:00")


@pytest.fixture(scope="module")
def sim():
    with start_simulator(seed=21, manual_clock=True, start=START) as server:
        yield server


def feed(sim, path: str, **params):
    response = requests.get(f"{sim.url}/api/v1/{path}", params=params, timeout=30)
    assert response.status_code == 200
    return response


def expected(sim, start: str, end: str, now: datetime, incidents: bool = True) -> dict:
    """The figures computed independently from the simulator's own answers."""
    calls = msgspec.json.decode(
        feed(sim, "calls", **{"from": start, "to": end}).content, type=CallPage
    )
    held = msgspec.json.decode(
        feed(sim, "incidents", **{"from": start, "to": end}).content, type=IncidentPage
    ).items
    s, e = datetime.fromisoformat(start), datetime.fromisoformat(end)
    return summarize(calls.items, held if incidents else [], s, e, TargetSet(), now).to_dict()


def run(*args: str) -> int:
    return main(["report", *args])


def test_report_of_today_from_the_simulator(qapp, sim, tmp_path, capsys):
    out = tmp_path / "today"
    assert (
        run(
            "--backend",
            sim.url,
            "--from",
            DAY[0],
            "--to",
            DAY[1],
            "--out",
            str(out),
            "--lang",
            "en",
        )
        == 0
    )
    printed = capsys.readouterr().out.split()
    assert printed == [str(out / "report.json"), str(out / "report.csv"), str(out / "report.png")]
    report = json.loads((out / "report.json").read_text("utf-8"))
    # a running day is judged at the backend's clock, like the wall
    assert report["kpis"]["period"]["now"] == START
    assert report["kpis"] == expected(sim, *DAY, datetime.fromisoformat(START))
    assert report["region"] == "Kota Samarinda" and report["timezone"] == "Asia/Makassar"
    assert report["kpis"]["answering"]["offered"] > 1000
    assert "PSC 119" in report["agency_names"].values()
    rows = list(csv.reader((out / "report.csv").read_text("utf-8").splitlines()))
    assert rows[0] == ["section", "key", "value", "goal", "verdict"]
    first = report["kpis"]["targets"][0]
    assert rows[1] == ["target", "service_level_15s", str(first["value"]), "0.9", first["verdict"]]
    assert ["answering", "offered", str(report["kpis"]["answering"]["offered"]), "", ""] in rows
    page = QImage(str(out / "report.png"))
    assert (page.width(), page.height()) == (1240, 1754)
    assert page.pixelColor(600, 20).name() == "#ffffff"  # a white page with ink on it
    assert any(page.pixelColor(x, 100).name() != "#ffffff" for x in range(70, 600))


def test_missing_arguments_are_a_usage_error(sim, capsys):
    with pytest.raises(SystemExit) as exited:
        run("--backend", sim.url, "--from", LAST_WEEK_SHIFT[0], "--to", LAST_WEEK_SHIFT[1])
    assert exited.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_report_of_a_past_shift_as_pdf_is_judged_at_its_end(qapp, sim, tmp_path):
    out = tmp_path / "week"
    args = ["--backend", sim.url, "--from", LAST_WEEK_SHIFT[0], "--to", LAST_WEEK_SHIFT[1]]
    assert run(*args, "--out", str(out), "--format", "pdf") == 0
    assert (out / "report.pdf").read_bytes()[:5] == b"%PDF-"
    report = json.loads((out / "report.json").read_text("utf-8"))
    end = datetime.fromisoformat(LAST_WEEK_SHIFT[1])
    assert report["kpis"]["period"]["now"] == LAST_WEEK_SHIFT[1]
    assert report["kpis"] == expected(sim, *LAST_WEEK_SHIFT, end)
    assert report["kpis"]["answering"]["waiting"] == 0  # a finished shift: nobody waits
    # last week's dispatch and response times are real (/incidents?from=&to=)
    assert report["kpis"]["response"]["to_dispatch"]["count"] > 50
    assert report["kpis"]["response"]["to_on_scene"]["count"] > 50


def test_report_from_a_file_of_call_records_page_or_list(qapp, sim, tmp_path):
    body = feed(sim, "calls", **{"from": DAY[0], "to": DAY[1]}).content
    page_file = tmp_path / "calls.json"
    page_file.write_bytes(body)
    list_file = tmp_path / "list.json"
    list_file.write_text(json.dumps(json.loads(body)["items"]), "utf-8")
    # a file is judged as at its latest timestamp (when it was exported, as near as it says)
    calls = msgspec.json.decode(body, type=CallPage).items
    latest = max(t for c in calls for t in (c.offered_at, c.answered_at, c.ended_at) if t)
    done = expected(sim, *DAY, latest, incidents=False)
    for name, source in (("page", page_file), ("list", list_file)):
        out = tmp_path / name
        assert run("--calls", str(source), "--from", DAY[0], "--to", DAY[1], "--out", str(out)) == 0
        report = json.loads((out / "report.json").read_text("utf-8"))
        assert report["kpis"] == done, name
        assert report["source"] == str(source)


def test_bad_records_in_a_file_are_left_out_and_counted(qapp, tmp_path):
    records = [
        {
            "id": "a",
            "version": 1,
            "region": "smr",
            "offered_at": "2026-11-30T08:00:00+08:00",
            "answered_at": "2026-11-30T08:00:09+08:00",
        },
        {"id": "b", "version": 1, "region": "smr", "offered_at": "2026-11-30T08:01:00"},  # naive
    ]
    source = tmp_path / "calls.json"
    source.write_text(json.dumps(records), "utf-8")
    out = tmp_path / "out"
    assert run("--calls", str(source), "--from", DAY[0], "--to", DAY[1], "--out", str(out)) == 0
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["rejected"]["invalid_field"] == 1 and sum(report["rejected"].values()) == 1
    assert set(report["repaired"].values()) == {0}
    assert report["kpis"]["answering"]["offered"] == 1
    assert report["kpis"]["answering"]["service_level"]["10"] == 1.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"calls": []}', "expected a list of call records or a /calls page"),
    ],
)
def test_a_file_that_is_not_call_records_is_refused(qapp, tmp_path, capsys, content, message):
    source = tmp_path / "calls.json"
    source.write_bytes(content)
    assert (
        run("--calls", str(source), "--from", DAY[0], "--to", DAY[1], "--out", str(tmp_path)) == 1
    )
    err = capsys.readouterr().err
    assert str(source) in err and message in err
    assert not (tmp_path / "report.json").exists()


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (("yesterday", DAY[1]), "--from 'yesterday': expected an ISO 8601 time"),
        ((DAY[1], DAY[0]), "is not after --from"),
        (("2026-11-01T00:00+08:00", DAY[1]), "at most 8 days"),
    ],
)
def test_bad_periods_are_refused(qapp, tmp_path, capsys, period, message):
    assert (
        run("--calls", "x.json", "--from", period[0], "--to", period[1], "--out", str(tmp_path))
        == 2
    )
    assert message in capsys.readouterr().err


def test_an_unreachable_backend_fails_with_a_reason(qapp, tmp_path, capsys):
    with start_simulator(manual_clock=True) as gone:
        url = gone.url
    assert (
        run(
            "--backend",
            url,
            "--from",
            DAY[0],
            "--to",
            DAY[1],
            "--out",
            str(tmp_path),
            "--timeout",
            "2",
        )
        == 1
    )
    assert "connection refused" in capsys.readouterr().err


def test_main_py_report_runs_as_a_program(sim, tmp_path):
    out = tmp_path / "prog"
    command = [sys.executable, "main.py", "report", "--backend", sim.url, "--from", DAY[0]]
    command += ["--to", DAY[1], "--out", str(out), "--format", "pdf"]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[1]
    )
    assert done.returncode == 0, done.stderr
    assert (out / "report.pdf").stat().st_size > 10_000
