"""Public hazard feeds end to end: a loopback server -> the real poller (through the hazard
adapter) -> a real Store, on a hand-driven clock (politeness is counted, never timed)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from hazard_server import HazardServer, cap_document, quake, rss_list

from wallboard.backends import backend_specs
from wallboard.config import ConfigError, settings_from_dict
from wallboard.feed.kinds import HazardKind
from wallboard.poller import BackendSpec, Poller
from wallboard.redaction import RedactedStore
from wallboard.store import Store

ALERTS = HazardKind.ALERTS
TEWS = "/DataMKG/TEWS"
START = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def gempa(*records) -> str:
    payload = records[0] if len(records) == 1 and isinstance(records[0], dict) else list(records)
    return json.dumps({"Infogempa": {"gempa": payload}})


LATEST = quake("2026-11-30T01:12:40+00:00", "-0.95,117.62", "5.4", "30 km Tenggara Kutai Timur",
               felt="III Samarinda", potential="Tidak berpotensi tsunami")  # fmt: skip
OLDER = quake("2026-11-29T20:00:00+00:00", "-3.10,128.20", "6.2", "Laut Banda",
              potential="Tidak berpotensi tsunami")  # fmt: skip
FELT = quake("2026-11-30T00:30:00+00:00", "-1.20,116.80", "3.1", "12 km Barat Daya Balikpapan",
             felt="II Balikpapan")  # fmt: skip


def serve_bmkg(server: HazardServer) -> None:
    server.serve(f"{TEWS}/autogempa.json", gempa(LATEST))
    server.serve(f"{TEWS}/gempaterkini.json", gempa(LATEST, OLDER))
    server.serve(f"{TEWS}/gempadirasakan.json", gempa(FELT, LATEST))


def rig(server: HazardServer, kind: str, path: str):
    clock = Clock()
    store = Store(wall_clock=clock)
    spec = BackendSpec(kind, server.url + path, type=kind, intervals={ALERTS: 60.0}, timeout=5.0)
    return clock, store, Poller([spec], store, wall_clock=clock)


def poll(poller: Poller, name: str) -> None:
    asyncio.run(poller.poll_once(name, ALERTS))


@pytest.fixture
def server():
    with HazardServer() as s:
        yield s


def test_bmkg_files_become_one_alert_per_quake(server):
    serve_bmkg(server)
    _clock, store, poller = rig(server, "bmkg", TEWS)
    try:
        poll(poller, "bmkg")
    finally:
        poller.close()
    alerts = store.alerts["bmkg"]
    assert [a.magnitude for a in alerts] == [5.4, 3.1, 6.2]  # newest first
    assert alerts[0].felt == "III Samarinda" and alerts[0].potential.startswith("Tidak")
    assert store.freshness["bmkg/alerts"].last_error is None


def test_never_two_requests_to_one_url_within_a_minute(server):
    serve_bmkg(server)
    clock, store, poller = rig(server, "bmkg", TEWS)
    try:
        poll(poller, "bmkg")
        for _ in range(5):  # the poller asked too soon (a retry, a bad config): no request
            clock.advance(10)
            poll(poller, "bmkg")
        assert len(server.hits_to(f"{TEWS}/autogempa.json")) == 1
        clock.advance(11)  # 61 s after the first
        poll(poller, "bmkg")
    finally:
        poller.close()
    hits = server.hits_to(f"{TEWS}/autogempa.json")
    assert [h.status for h in hits] == [200, 304]
    assert hits[1].if_none_match and hits[1].if_modified_since  # conditional
    assert len(store.alerts["bmkg"]) == 3


def test_a_throttled_list_of_felt_quakes_at_start_still_shows_the_others(server):
    serve_bmkg(server)
    server.throttle(f"{TEWS}/gempadirasakan.json", 120)
    clock, store, poller = rig(server, "bmkg", TEWS)
    try:
        poll(poller, "bmkg")
        clock.advance(61)
        poll(poller, "bmkg")  # too soon for the throttled file: not asked again
        server.throttle(f"{TEWS}/gempadirasakan.json", None)
        clock.advance(60)
        poll(poller, "bmkg")
    finally:
        poller.close()
    hits = [h.status for h in server.hits_to(f"{TEWS}/gempadirasakan.json")]
    assert hits == [429, 200]
    assert [a.magnitude for a in store.alerts["bmkg"]] == [5.4, 3.1, 6.2]
    assert store.freshness["bmkg/alerts"].consecutive_failures == 0


def test_429_retry_after_is_respected_and_alerts_kept(server):
    serve_bmkg(server)
    clock, store, poller = rig(server, "bmkg", TEWS)
    try:
        poll(poller, "bmkg")
        server.throttle(f"{TEWS}/autogempa.json", 600)
        clock.advance(61)
        poll(poller, "bmkg")
        assert "HTTP 429" in store.freshness["bmkg/alerts"].last_error
        assert len(store.alerts["bmkg"]) == 3  # last good alerts stay
        server.throttle(f"{TEWS}/autogempa.json", None)
        for _ in range(8):  # 8 minutes: still inside the 10 the server asked for
            clock.advance(60)
            poll(poller, "bmkg")
        assert [h.status for h in server.hits_to(f"{TEWS}/autogempa.json")] == [200, 429]
        clock.advance(125)
        poll(poller, "bmkg")
    finally:
        poller.close()
    assert server.hits_to(f"{TEWS}/autogempa.json")[-1].status == 304
    assert store.freshness["bmkg/alerts"].consecutive_failures == 0


def test_malformed_feed_keeps_last_good_alerts_and_says_why(server):
    serve_bmkg(server)
    clock, store, poller = rig(server, "bmkg", TEWS)
    try:
        poll(poller, "bmkg")
        server.serve(f"{TEWS}/autogempa.json", "<html>Sedang perbaikan</html>")
        clock.advance(61)
        poll(poller, "bmkg")
    finally:
        poller.close()
    fresh = store.freshness["bmkg/alerts"]
    assert fresh.consecutive_failures == 1
    assert "autogempa.json" in fresh.last_error and "not JSON" in fresh.last_error
    assert [a.magnitude for a in store.alerts["bmkg"]] == [5.4, 3.1, 6.2]


def test_a_broken_list_of_recent_quakes_does_not_hide_a_new_quake(server, caplog):
    serve_bmkg(server)
    clock, store, poller = rig(server, "bmkg", TEWS)
    newest = quake("2026-11-30T01:50:00+00:00", "-0.50,117.20", "4.8", "5 km Utara Samarinda")
    try:
        poll(poller, "bmkg")
        server.serve(f"{TEWS}/gempaterkini.json", "<html>Sedang perbaikan</html>")
        server.serve(f"{TEWS}/autogempa.json", gempa(newest))
        clock.advance(61)
        poll(poller, "bmkg")
    finally:
        poller.close()
    assert store.freshness["bmkg/alerts"].consecutive_failures == 0
    # the new quake shows; the broken list's last good quakes (M 6.2) stay
    assert [a.magnitude for a in store.alerts["bmkg"]] == [4.8, 5.4, 3.1, 6.2]
    assert any("gempaterkini.json" in r.message and "not JSON" in r.message
               for r in caplog.records)  # fmt: skip


def serve_cap(server: HazardServer, docs: dict[str, str], dates: dict[str, str] | None = None):
    dates = dates or {}
    for name, body in docs.items():
        server.serve(f"/cap/{name}.xml", body, "application/cap+xml")
    links = [(f"/cap/{n}.xml", dates.get(n, "Mon, 30 Nov 2026 01:00:00 +0000")) for n in docs]
    server.serve("/alerts/rss.xml", rss_list(links), "application/rss+xml")


def test_cap_documents_fetched_once_per_list_date(server):
    serve_cap(server, {"w1": cap_document("w1"), "w2": cap_document("w2", severity="Severe")})
    clock, store, poller = rig(server, "cap", "/alerts/rss.xml")
    clock.now = datetime.fromisoformat("2026-11-30T10:00:00+08:00")
    try:
        poll(poller, "cap")
        assert sorted(a.severity for a in store.alerts["cap"]) == ["moderate", "severe"]
        # the list changes (new date for w1, w2 cancelled by w3): only new ones are fetched
        cancel = cap_document(
            "w3", msg_type="Cancel", references="bmkg@bmkg.go.id,w2,2026-11-30T09:00:00+08:00"
        )
        serve_cap(
            server,
            {"w1": cap_document("w1", headline_id="Hujan sangat lebat"), "w2": cap_document("w2"),
             "w3": cancel},
            {"w1": "Mon, 30 Nov 2026 02:10:00 +0000"},
        )  # fmt: skip
        clock.advance(61)
        poll(poller, "cap")
        assert [a.headline for a in store.alerts["cap"]] == ["Hujan sangat lebat"]
        clock.advance(4 * 3600)  # past every document's expiry
        poll(poller, "cap")
    finally:
        poller.close()
    assert len(server.hits_to("/cap/w1.xml")) == 2
    assert len(server.hits_to("/cap/w2.xml")) == 1
    assert len(server.hits_to("/cap/w3.xml")) == 1
    assert store.alerts["cap"] == ()


def test_one_bad_cap_document_does_not_stop_the_others(server):
    serve_cap(server, {"w1": cap_document("w1"), "bad": "<alert><oops></alert>"})
    clock, store, poller = rig(server, "cap", "/alerts/rss.xml")
    clock.now = datetime.fromisoformat("2026-11-30T10:00:00+08:00")
    try:
        poll(poller, "cap")
        assert [a.id for a in store.alerts["cap"]] == ["cap-bmkg@bmkg.go.id-w1-0"]
        server.serve("/alerts/rss.xml", "<rss><channel><item>", "application/rss+xml")
        clock.advance(61)
        poll(poller, "cap")
    finally:
        poller.close()
    assert "malformed XML" in store.freshness["cap/alerts"].last_error
    assert len(store.alerts["cap"]) == 1


def test_config_holds_hazard_feeds_to_a_minute():
    base = {"backends": [{"name": "bmkg", "type": "bmkg", "url": "https://data.bmkg.go.id/x/"}]}
    [spec] = backend_specs(settings_from_dict(base, source="wall.toml"), {})
    assert spec.interval(ALERTS) == 60.0  # unset: once a minute, not the dispatch feed's 2 s
    base["backends"][0]["poll_interval"] = 30
    with pytest.raises(ConfigError, match="at most once a minute"):
        settings_from_dict(base, source="wall.toml")
    base["backends"][0]["poll_interval"] = 300
    [spec] = backend_specs(settings_from_dict(base, source="wall.toml"), {})
    assert spec.interval(ALERTS) == 300.0 and spec.type == "bmkg"
    with pytest.raises(ConfigError, match="feed's URL"):
        settings_from_dict(
            {"backends": [{"name": "c", "type": "cap", "poll_interval": 60}]}, source="wall.toml"
        )


def test_public_screens_see_the_same_alerts(server):
    serve_bmkg(server)
    _clock, store, poller = rig(server, "bmkg", TEWS)
    facade = RedactedStore(store)
    seen = []
    facade.changed.connect(lambda diff: seen.append(diff.alerts_changed))
    try:
        poll(poller, "bmkg")
    finally:
        poller.close()
    assert seen == [True]
    assert facade.alerts["bmkg"] == store.alerts["bmkg"] and len(facade.alerts["bmkg"]) == 3


def test_cap_info_in_the_walls_language(server):
    serve_cap(server, {"w1": cap_document("w1")})
    raw = {"backends": [{"name": "cap", "type": "cap", "url": server.url + "/alerts/rss.xml",
                         "poll_interval": 60}], "wall": {"language": "en"}}  # fmt: skip
    [spec] = backend_specs(settings_from_dict(raw, source="wall.toml"), {})
    assert spec.language == "en"
    clock = Clock()
    clock.now = datetime.fromisoformat("2026-11-30T10:00:00+08:00")
    store = Store(wall_clock=clock)
    poller = Poller([spec], store, wall_clock=clock)
    try:
        poll(poller, "cap")
    finally:
        poller.close()
    assert [a.headline for a in store.alerts["cap"]] == ["Heavy rain with lightning"]
