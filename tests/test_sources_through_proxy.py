"""Every backend type goes through the poller's one session, so through its proxy and CA.

A Resgrid department (tests/resgrid_server.py), BMKG's quake files and a CAP alert list
(tests/hazard_server.py) are polled by pollers built from a configuration file with a
``proxy`` (and, for BMKG over HTTPS, a ``ca_file``): every request the adapters make,
the Resgrid login and each CAP document a list links to included, shows at the proxy.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from datetime import UTC, datetime
from pathlib import Path

import pytest
import trustme
from hazard_server import HazardServer, cap_document, quake, rss_list
from proxy_server import ProxyServer
from record_support import by_id
from resgrid_server import CALLS_PATH, ResgridServer, call, group, unit_status
from tls_front import TLSFront

from wallboard.backends import backend_specs
from wallboard.config import settings_from_dict
from wallboard.feed.kinds import FeedKind, HazardKind
from wallboard.poller import Poller
from wallboard.store import Store

TEWS = "/DataMKG/TEWS"
# the moment the test alerts are current (the quake just felt, the CAP warning in force)
NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
BMKG_FILES = ("autogempa.json", "gempaterkini.json", "gempadirasakan.json")


@pytest.fixture
def proxy():
    with ProxyServer() as server:
        yield server


def poll(backend: dict, kinds, environ: dict[str, str] | None = None) -> Store:
    """Poll each of ``kinds`` once with the wall's poller for ``backend`` (a config table)."""
    settings = settings_from_dict({"backends": [backend]}, source="wall.toml")
    store = Store(wall_clock=lambda: NOW)
    poller = Poller(backend_specs(settings, {}, environ), store, wall_clock=lambda: NOW)

    async def polls() -> None:
        for kind in kinds:
            await poller.poll_once(backend["name"], kind)

    try:
        asyncio.run(polls())
    finally:
        poller.close()
    return store


def test_resgrid_login_and_lists_go_through_the_proxy(proxy):
    with ResgridServer() as department:
        department.calls = [call(101)]
        department.units = [unit_status(1)]
        department.groups = [group(7, "Station 1 Damkar")]
        backend = {
            "name": "rg",
            "type": "resgrid",
            "url": department.url,
            "username_env": "RG_USER",
            "password_env": "RG_PASS",
            "proxy": proxy.url,
        }
        login = {"RG_USER": department.username, "RG_PASS": department.password}
        store = poll(backend, (FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES), login)
    assert "RG-101" in by_id(store.incidents) and by_id(store.units) and by_id(store.agencies)
    assert not [f.last_error for f in store.freshness.values() if f.consecutive_failures]
    assert "POST" in proxy.methods()  # the OAuth login too
    assert f"{department.url}{CALLS_PATH}" in proxy.targets("GET")
    assert all(hit.target.startswith(department.url) for hit in proxy.hits)


def test_bmkg_over_https_goes_through_the_proxy_with_the_ca_file(proxy, tmp_path: Path):
    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    record = quake("2026-11-30T01:12:40+00:00", "-0.95,117.62", "5.4", "Kutai Timur")
    with HazardServer() as server, TLSFront(server.url, context) as front:
        for name in BMKG_FILES:
            server.serve(f"{TEWS}/{name}", json.dumps({"Infogempa": {"gempa": record}}))
        backend = {
            "name": "bmkg",
            "type": "bmkg",
            "url": front.url + TEWS,
            "proxy": proxy.url,
            "ca_file": str(ca_file),
        }
        store = poll(backend, (HazardKind.ALERTS,))
        assert sorted(hit.path for hit in server.hits) == sorted(f"{TEWS}/{n}" for n in BMKG_FILES)
    assert [a.magnitude for a in store.alerts["bmkg"]] == [5.4]
    assert set(proxy.methods()) == {"CONNECT"}  # the files travelled inside the tunnel
    assert set(proxy.targets("CONNECT")) == {front.url.removeprefix("https://")}


def test_cap_list_and_documents_go_through_the_proxy(proxy):
    with HazardServer() as server:
        server.serve("/cap/w1.xml", cap_document("w1"), "application/cap+xml")
        links = [("/cap/w1.xml", "Mon, 30 Nov 2026 01:00:00 +0000")]
        server.serve("/alerts/rss.xml", rss_list(links), "application/rss+xml")
        backend = {
            "name": "cap",
            "type": "cap",
            "url": server.url + "/alerts/rss.xml",
            "proxy": proxy.url,
        }
        store = poll(backend, (HazardKind.ALERTS,))
    assert len(store.alerts["cap"]) == 1
    assert proxy.targets("GET") == [server.url + "/alerts/rss.xml", server.url + "/cap/w1.xml"]
