"""What the wall's header says when the centre's network stands between it and the CAD:
a certificate from a CA the wall was not told about, or a proxy that is down.

The real poller polls the real simulator behind TLS (tests/tls_front.py), the header is
built on the store it fills, and its status line is read as a person would read it.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import trustme
from PySide6.QtCore import QLocale
from tls_front import TLSFront

from views.header_panel import HeaderPanel
from views.theme import apply_theme, load_theme
from wallboard.backends import backend_specs
from wallboard.config import settings_from_dict
from wallboard.feed.kinds import FeedKind
from wallboard.poller import Poller
from wallboard.simulator import start_simulator
from wallboard.store import Store

SHOTS = Path("/tmp/panel-shots")


@pytest.fixture(autouse=True)
def _english_locale():
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(old)


@pytest.fixture
def cad():
    """The simulator behind TLS with a certificate from a CA the wall is not told about."""
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with start_simulator(seed=3, manual_clock=True) as sim, TLSFront(sim.url, context) as front:
        yield front


def polled_store(backend: dict) -> Store:
    settings = settings_from_dict({"backends": [{"name": "samarinda", **backend}]}, source="w")
    store = Store()
    poller = Poller(backend_specs(settings, {}), store)

    async def polls() -> None:
        for kind in FeedKind:
            await poller.poll_once("samarinda", kind)

    try:
        asyncio.run(polls())
    finally:
        poller.close()
    return store


def header_for(qtbot, store: Store, name: str) -> HeaderPanel:
    panel = HeaderPanel(store, ZoneInfo("Asia/Makassar"), store.feed_now, region_name="Samarinda")
    qtbot.addWidget(panel)
    apply_theme(panel, load_theme("dark"))
    panel.resize(1920, 120)
    panel.show()
    SHOTS.mkdir(parents=True, exist_ok=True)
    panel.grab().save(str(SHOTS / f"header-{name}.png"))
    return panel


def test_an_untrusted_certificate_is_said_in_the_header(qtbot, cad):
    store = polled_store({"url": cad.url})
    panel = header_for(qtbot, store, "untrusted-certificate")
    text = panel.status_text()
    assert "NO DATA — never received" in text
    assert "error: certificate not trusted (unable to get local issuer" in text


def test_a_proxy_that_is_down_is_said_in_the_header(qtbot, cad):
    # a port nothing listens on: bind one, then let it go
    with socket.create_server(("127.0.0.1", 0)) as sock:
        port = sock.getsockname()[1]
    store = polled_store({"url": cad.url, "proxy": f"http://127.0.0.1:{port}"})
    panel = header_for(qtbot, store, "proxy-down")
    assert f"error: connection refused by proxy 127.0.0.1:{port}" in panel.status_text()
