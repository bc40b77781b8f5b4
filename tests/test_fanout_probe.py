"""``wallboard probe``: K headless walls against a backend, one JSON line of what they
cost it and what each ended with (docs/fanout.md)."""

from __future__ import annotations

import json
import socket

import msgspec
import requests

from wallboard.feed.decode import PAGE_TYPES
from wallboard.feed.kinds import FeedKind
from wallboard.shell.cli import main
from wallboard.simulator import start_simulator

KEYS = {"requests", "ok", "not_modified", "bytes", "errors", "records", "data_age_s"}


def full_count(url: str, kind: FeedKind) -> int:
    body = requests.get(url + kind.path, timeout=5).content
    return len(msgspec.json.decode(body, type=PAGE_TYPES[kind]).items)


def test_three_walls_each_end_with_the_whole_centre(capsys):
    with start_simulator(seed=4, start="2026-11-28T10:00:00+08:00", manual_clock=True) as sim:
        code = main(["probe", "--backend", sim.url, "--seconds", "4.5", "--clients", "3",
                     "--no-reference-day"])  # fmt: skip
        kinds = (FeedKind.INCIDENTS, FeedKind.CALLS, FeedKind.UNITS, FeedKind.AGENCIES)
        want = {k.value: full_count(sim.url, k) for k in kinds}
        served = sum(sim.served().values())
    lines = capsys.readouterr().out.splitlines()
    assert code == 0 and len(lines) == 1
    result = json.loads(lines[0])
    assert set(result) >= KEYS
    assert result["errors"] == 0
    assert result["records"] == [want] * 3
    # a still backend: after the first full answers, the walls' repeated polls are 304s
    assert result["not_modified"] > 0
    assert result["ok"] + result["not_modified"] == result["requests"]
    # the backend saw them all, and perhaps the few still in flight when the probe ended
    assert result["requests"] <= served <= result["requests"] + 3 * len(FeedKind)
    assert result["bytes"] > 0


def test_an_unreachable_backend_is_counted_as_errors_not_a_crash(capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    code = main(["probe", "--backend", f"http://127.0.0.1:{port}", "--seconds", "1",
                 "--clients", "2"])  # fmt: skip
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert result["errors"] == result["requests"] >= 2
    assert result["records"] == [{"incidents": 0, "calls": 0, "units": 0, "agencies": 0}] * 2
