"""The simulator speaks the native feed v1 over real loopback HTTP: bodies, ETags, deltas."""

from __future__ import annotations

import importlib.resources
import logging
from datetime import datetime, timedelta

import msgspec
import pytest
import requests

from wallboard.feed.pages import (
    FEED_TIME_HEADER,
    AgencyList,
    CallPage,
    FeedError,
    IncidentPage,
    RegionInfo,
    UnitList,
)
from wallboard.model import QueueSnapshot
from wallboard.simulator import start_simulator

START = "2026-11-28T09:30:00+08:00"
ENVELOPES = {
    "info": RegionInfo,
    "incidents": IncidentPage,
    "calls": CallPage,
    "units": UnitList,
    "agencies": AgencyList,
    "queue": QueueSnapshot,
}


@pytest.fixture
def sim():
    with start_simulator(seed=7, scenario="samarinda", start=START, manual_clock=True) as s:
        yield s


@pytest.fixture
def http():
    with requests.Session() as session:
        yield session


def get(http, sim, endpoint, **kwargs):
    return http.get(f"{sim.url}/api/v1/{endpoint}", timeout=5, **kwargs)


def decode(response, envelope):
    return msgspec.json.decode(response.content, type=envelope)


@pytest.mark.parametrize("endpoint", list(ENVELOPES))
def test_every_endpoint_answers_json_that_decodes_into_its_envelope(sim, http, endpoint):
    r = get(http, sim, endpoint)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json"
    assert r.headers["Cache-Control"] == "no-cache"
    assert r.headers["ETag"].startswith('"') and r.headers["ETag"].endswith('"')
    feed_time = datetime.fromisoformat(r.headers[FEED_TIME_HEADER])
    assert feed_time.utcoffset() == timedelta(hours=8)
    assert feed_time == sim.now().replace(microsecond=0)
    body = decode(r, ENVELOPES[endpoint])
    if endpoint in ("incidents", "calls", "units", "agencies"):
        assert body.items, f"{endpoint} is empty after the warm-up"


def test_timestamps_on_the_wire_are_whole_seconds_in_wita(sim, http):
    raw = msgspec.json.decode(get(http, sim, "calls").content)
    offered = raw["items"][0]["offered_at"]
    assert offered.endswith("+08:00") and "." not in offered


def test_info_describes_the_region(sim, http):
    info = decode(get(http, sim, "info"), RegionInfo)
    assert (info.region, info.timezone) == ("samarinda", "Asia/Makassar")
    assert info.south < info.center_lat < info.north and info.west < info.center_lon < info.east


def test_unchanged_backend_answers_304_with_no_body_and_200_after_a_change(sim, http):
    first = get(http, sim, "calls")
    etag = first.headers["ETag"]
    again = get(http, sim, "calls", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    assert FEED_TIME_HEADER in again.headers
    sim.advance(timedelta(minutes=10))  # mid-morning: calls certainly arrive
    changed = get(http, sim, "calls", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert len(decode(changed, CallPage).items) > len(decode(first, CallPage).items)


def test_etag_depends_only_on_the_body(sim, http):
    a = get(http, sim, "agencies")
    sim.advance(timedelta(seconds=1))
    b = get(http, sim, "agencies")
    assert (a.content == b.content) == (a.headers["ETag"] == b.headers["ETag"])


def test_delta_since_a_cursor_holds_only_changed_records(sim, http):
    full = decode(get(http, sim, "incidents"), IncidentPage)
    assert full.full and full.removed == []
    cursor = int(full.cursor)
    sim.advance(timedelta(minutes=20))
    delta = decode(get(http, sim, "incidents", params={"since": full.cursor}), IncidentPage)
    assert not delta.full
    assert delta.items, "twenty busy minutes changed no incident"
    assert all(i.version > cursor for i in delta.items)
    now_full = decode(get(http, sim, "incidents"), IncidentPage)
    expected = {i.id: i for i in now_full.items if i.version > cursor}
    assert {i.id: i for i in delta.items} == expected
    assert len(delta.items) < len(now_full.items)
    # nothing more since the new cursor: an empty delta
    empty = decode(get(http, sim, "incidents", params={"since": delta.cursor}), IncidentPage)
    assert (empty.items, empty.removed, empty.cursor) == ([], [], delta.cursor)


def test_records_leaving_the_window_are_listed_as_removed():
    start = "2026-11-28T23:00:00+08:00"
    with (
        start_simulator(seed=3, start=start, manual_clock=True) as sim,
        requests.Session() as http,
    ):
        before = decode(get(http, sim, "incidents"), IncidentPage)
        closed_early = {
            i.id for i in before.items if i.status == "closed" and i.updated_at.hour < 12
        }
        assert closed_early
        sim.advance(timedelta(hours=13))  # past noon of the next day
        delta = decode(get(http, sim, "incidents", params={"since": before.cursor}), IncidentPage)
        after = decode(get(http, sim, "incidents"), IncidentPage)
    assert closed_early <= set(delta.removed)
    assert not closed_early & {i.id for i in after.items}
    assert not set(delta.removed) & {i.id for i in after.items}


def test_expired_cursor_answers_410_and_garbage_cursor_400():
    start = "2026-11-28T08:00:00+08:00"
    with (
        start_simulator(seed=4, start=start, manual_clock=True, tombstone_limit=10) as sim,
        requests.Session() as http,
    ):
        old = decode(get(http, sim, "calls"), CallPage).cursor
        sim.advance(timedelta(hours=49))  # yesterday's calls leave the 48 h window
        gone = get(http, sim, "calls", params={"since": old})
        future = get(http, sim, "incidents", params={"since": "999999999999"})
        bad = [get(http, sim, "incidents", params={"since": v}) for v in ("abc", "-1", "")]
        unknown = get(http, sim, "nowhere")
    assert gone.status_code == 410
    assert decode(gone, FeedError).error == "cursor_expired"
    assert future.status_code == 410
    for r in bad:
        assert r.status_code == 400
        assert decode(r, FeedError).error == "bad_cursor"
    assert unknown.status_code == 404
    assert decode(unknown, FeedError).error == "not_found"


def test_openapi_document_is_served_from_resources(sim, http):
    r = get(http, sim, "openapi.json")
    doc = importlib.resources.files("resources.openapi") / "feed-v1.json"
    if doc.is_file():
        assert r.status_code == 200
        assert r.content == doc.read_bytes()
        assert "openapi" in r.json()
    else:
        assert r.status_code == 404
        assert decode(r, FeedError).error == "not_found"


def test_queue_lists_waiting_calls_oldest_first_and_its_last_change(sim, http):
    for _ in range(30):
        sim.advance(timedelta(seconds=20))
        queue = decode(get(http, sim, "queue"), QueueSnapshot)
        assert queue.at <= sim.now()
        assert [w.since for w in queue.waiting] == sorted(w.since for w in queue.waiting)
        assert {t.state for t in queue.call_takers} - {"offline"}


def test_bulk_load_hooks_serve_ten_thousand_incidents_and_bump_versions(sim, http):
    assert len(sim.inject_incidents(10_000)) == 10_000
    assert len(sim.inject_units(2_000)) == 2_000
    full = decode(get(http, sim, "incidents"), IncidentPage)
    units = decode(get(http, sim, "units"), UnitList)
    assert sum(1 for i in full.items if i.is_open) >= 10_000
    assert len(units.items) >= 2_000
    changed = sim.touch_incidents(0.05)
    assert changed >= 500
    delta = decode(get(http, sim, "incidents", params={"since": full.cursor}), IncidentPage)
    assert len(delta.items) == changed


def test_a_stopped_simulator_stops_answering_kept_alive_connections_too():
    sim = start_simulator(seed=2, manual_clock=True)
    with requests.Session() as session:
        session.trust_env = False
        assert session.get(sim.url + "/api/v1/queue", timeout=5).status_code == 200
        sim.stop()
        with pytest.raises(requests.ConnectionError):
            session.get(sim.url + "/api/v1/queue", timeout=5)


def test_a_client_gone_mid_answer_leaves_no_traceback_on_the_console(capsys, caplog):
    from wallboard.simulator.server import FeedHTTPServer

    server = FeedHTTPServer(("127.0.0.1", 0), lambda path, query: None, lambda: "")
    caplog.set_level(logging.DEBUG, logger="wallboard.simulator.server")
    try:
        for gone in (ConnectionResetError("reset by peer"), BrokenPipeError("pipe")):
            try:
                raise gone
            except OSError:
                server.handle_error(None, ("127.0.0.1", 50000))
        try:
            raise RuntimeError("a bug in an answer")
        except RuntimeError:
            server.handle_error(None, ("127.0.0.1", 50001))
    finally:
        server.server_close()
    assert capsys.readouterr().err == ""  # socketserver's default prints a traceback
    levels = [(r.levelno, r.exc_info is not None) for r in caplog.records]
    assert levels == [(logging.DEBUG, False), (logging.DEBUG, False), (logging.ERROR, True)]
