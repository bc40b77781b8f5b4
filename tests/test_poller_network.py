"""A centre's network, end to end: proxies and an internal CA between the wall and its CAD.

Every test builds the wall's poller from a configuration file (load_settings ->
backend_specs -> Poller, as the wall does) and polls the real simulator over loopback:
through a real forward proxy (tests/proxy_server.py, which counts what it carries),
behind real TLS (tests/tls_front.py) with a certificate from a CA made in the test, or
both (HTTPS through a CONNECT tunnel). What is checked is what the wall gets: the store's
records, each source's freshness and its error text, and what the proxy saw.
"""

from __future__ import annotations

import asyncio
import re
import socket
import ssl
from pathlib import Path

import msgspec
import pytest
import requests
import trustme
from proxy_server import ProxyServer
from record_support import by_id
from tls_front import TLSFront

from wallboard.backends import backend_specs
from wallboard.config import load_settings
from wallboard.feed.decode import PAGE_TYPES
from wallboard.feed.kinds import FeedKind
from wallboard.poller import Poller
from wallboard.simulator import start_simulator
from wallboard.store import Store

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
# what requests (REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE) or OpenSSL (SSL_CERT_FILE) would read
# for the CAs to trust if the wall let them: with trust_env on, requests even lets them
# replace a session's own CA file
CA_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE")
RECORD_KINDS = (FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    """The centre's internal certificate authority, made for this test run."""
    return trustme.CA(organization_name="Pusat 112 Samarinda (test CA)")


@pytest.fixture
def ca_file(ca, tmp_path) -> Path:
    path = tmp_path / "centre-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def simulator():
    with start_simulator(seed=7, manual_clock=True) as sim:
        yield sim


def tls_context(ca: trustme.CA, *names: str) -> ssl.SSLContext:
    """A server context with a certificate for ``names``, issued by ``ca``."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(context)
    return context


@pytest.fixture
def cad(simulator, ca):
    """The simulator behind TLS, with a certificate for 127.0.0.1 from the centre's CA."""
    with TLSFront(simulator.url, tls_context(ca, "127.0.0.1")) as front:
        yield front


@pytest.fixture
def proxy():
    with ProxyServer() as server:
        yield server


@pytest.fixture
def trap():
    """A proxy the environment names: the wall must not use it unless told to."""
    with ProxyServer() as server:
        yield server


@pytest.fixture
def clean_environment(monkeypatch):
    """No proxy or CA variables from the machine running the tests; returns a setter."""
    for name in (*PROXY_VARIABLES, "NO_PROXY", *CA_VARIABLES):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


def name_a_ca_bundle(monkeypatch, path: Path) -> None:
    for name in CA_VARIABLES:
        monkeypatch.setenv(name, str(path))


def name_every_proxy_variable(monkeypatch, url: str) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.setenv(name, url)
        monkeypatch.setenv(name.lower(), url)


def wall_poller(tmp_path: Path, **backend: str) -> tuple[Poller, Store]:
    """The wall's poller and store for one backend, from a configuration file."""
    lines = "\n".join(f"{key} = {value!r}" for key, value in backend.items())
    path = tmp_path / "wall.toml"
    path.write_text(f'[[backends]]\nname = "samarinda"\n{lines}\n', encoding="utf-8")
    store = Store()
    return Poller(backend_specs(load_settings(path), {}), store), store


def poll_every_kind(poller: Poller) -> None:
    async def polls() -> None:
        for kind in FeedKind:
            await poller.poll_once("samarinda", kind)

    try:
        asyncio.run(polls())
    finally:
        poller.close()


def truth(url: str, kind: FeedKind):
    """The simulator's own full answer for ``kind``, fetched directly."""
    with requests.Session() as session:
        session.trust_env = False
        response = session.get(url + kind.path, timeout=5)
    assert response.status_code == 200
    return msgspec.json.decode(response.content, type=PAGE_TYPES[kind])


def assert_store_holds_the_simulator(store: Store, simulator) -> None:
    for kind in RECORD_KINDS:
        want = {r.id: r.version for r in truth(simulator.url, kind).items}
        assert want, f"the simulator served no {kind}"
        held = {k.id: r.version for k, r in getattr(store, kind.value).items()}
        assert held == want, kind
    assert store.queues["samarinda"] == truth(simulator.url, FeedKind.QUEUE)
    failing = {k: f.last_error for k, f in store.freshness.items() if f.consecutive_failures}
    assert failing == {}
    assert len(store.freshness) == len(FeedKind)


def errors(store: Store) -> dict[str, str | None]:
    return {key: f.last_error for key, f in store.freshness.items()}


def test_an_explicit_proxy_carries_every_poll(tmp_path, simulator, proxy, trap, clean_environment):
    name_every_proxy_variable(clean_environment, trap.url)  # the file's proxy wins
    poller, store = wall_poller(tmp_path, url=simulator.url, proxy=proxy.url)
    poll_every_kind(poller)
    assert_store_holds_the_simulator(store, simulator)
    # every poll went through the proxy, in absolute-form, and nothing else did
    assert proxy.targets("GET") == [simulator.url + kind.path for kind in FeedKind]
    assert proxy.methods() == ["GET"] * len(FeedKind)
    assert trap.hits == []


def test_proxy_variables_are_ignored_unless_asked_for(
    tmp_path, simulator, cad, ca_file, trap, clean_environment
):
    name_every_proxy_variable(clean_environment, trap.url)
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    name_a_ca_bundle(clean_environment, other)  # nor does this replace ca_file
    poller, store = wall_poller(tmp_path, url=simulator.url)
    poll_every_kind(poller)
    assert_store_holds_the_simulator(store, simulator)
    poller, store = wall_poller(tmp_path, url=cad.url, ca_file=str(ca_file))
    poll_every_kind(poller)
    assert_store_holds_the_simulator(store, simulator)
    assert trap.hits == []  # neither plain HTTP nor HTTPS was rerouted


def test_the_internal_ca_is_trusted_with_ca_file(tmp_path, simulator, cad, ca_file):
    poller, store = wall_poller(tmp_path, url=cad.url, ca_file=str(ca_file))
    poll_every_kind(poller)
    assert_store_holds_the_simulator(store, simulator)
    assert cad.relayed >= 1 and cad.handshake_errors == []


@pytest.mark.parametrize(
    ("setting", "names", "reason", "against"),
    [
        ("none", ["127.0.0.1"], "unable to get local issuer certificate", "the public CA list"),
        ("another CA", ["127.0.0.1"], "unable to get local issuer certificate", "ca_file"),
        ("centre CA", ["localhost"], "IP address mismatch", "ca_file"),
    ],
)
def test_a_certificate_not_trusted_is_refused_and_said(
    tmp_path, simulator, ca, ca_file, clean_environment, setting, names, reason, against
):
    """Verification stays on: no CA file, the wrong CA, or a certificate for another name
    are refused before any request is sent, and the source's freshness says why. The
    environment's CA variables are not read either: only ca_file adds a CA."""
    centre_ca_again = tmp_path / "env-ca.pem"
    ca.cert_pem.write_to_path(str(centre_ca_again))
    name_a_ca_bundle(clean_environment, centre_ca_again)
    if setting == "another CA":
        trustme.CA().cert_pem.write_to_path(str(ca_file))
    with TLSFront(simulator.url, tls_context(ca, *names)) as cad:
        extra = {} if setting == "none" else {"ca_file": str(ca_file)}
        poller, store = wall_poller(tmp_path, url=cad.url, **extra)
        poll_every_kind(poller)
        assert cad.relayed == 0  # not one byte of a request reached the CAD
        assert cad.handshake_errors, "the client never refused the handshake"
    for kind in FeedKind:
        key = f"samarinda/{kind.value}"
        freshness = store.freshness[key]
        assert freshness.last_success is None and freshness.consecutive_failures == 1
        assert freshness.last_error.startswith(f"{key}: certificate not trusted ({reason}")
        assert f"at {cad.url}{kind.path}; checked against {against}" in freshness.last_error
    assert not by_id(store.incidents) and not by_id(store.units) and not store.queues


def test_https_goes_through_the_proxy_in_a_tunnel(tmp_path, simulator, cad, ca_file, proxy):
    poller, store = wall_poller(tmp_path, url=cad.url, proxy=proxy.url, ca_file=str(ca_file))
    poll_every_kind(poller)
    assert_store_holds_the_simulator(store, simulator)
    # the proxy saw only CONNECTs to the CAD (the polls travel inside the TLS tunnel)
    authority = cad.url.removeprefix("https://")
    assert proxy.methods() and set(proxy.methods()) == {"CONNECT"}
    assert set(proxy.targets("CONNECT")) == {authority}
    assert cad.relayed == len(proxy.targets("CONNECT"))  # every tunnel reached the CAD


@pytest.mark.parametrize("no_proxy", [None, "127.0.0.1"])
def test_proxy_env_takes_the_environments_proxy(
    tmp_path, simulator, cad, ca_file, proxy, trap, clean_environment, no_proxy
):
    """proxy = "env": HTTPS_PROXY for an https backend (HTTP_PROXY is for http ones), and
    NO_PROXY as curl reads it; the default (test above) reads none of them."""
    clean_environment.setenv("HTTPS_PROXY", proxy.url)
    clean_environment.setenv("HTTP_PROXY", trap.url)
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    name_a_ca_bundle(clean_environment, other)  # "env" is for the proxy alone
    if no_proxy:
        clean_environment.setenv("NO_PROXY", no_proxy)
    poller, store = wall_poller(tmp_path, url=cad.url, proxy="env", ca_file=str(ca_file))
    poll_every_kind(poller)
    assert_store_holds_the_simulator(store, simulator)
    assert trap.hits == []
    if no_proxy:
        assert proxy.hits == []
    else:
        assert set(proxy.methods()) == {"CONNECT"}


def test_plain_http_takes_http_proxy_with_proxy_env(
    tmp_path, simulator, proxy, trap, clean_environment
):
    clean_environment.setenv("HTTP_PROXY", proxy.url)
    clean_environment.setenv("HTTPS_PROXY", trap.url)
    poller, store = wall_poller(tmp_path, url=simulator.url, proxy="env")
    poll_every_kind(poller)
    assert_store_holds_the_simulator(store, simulator)
    assert proxy.methods() == ["GET"] * len(FeedKind)
    assert trap.hits == []


def test_a_proxy_that_fails_is_named_and_the_data_stays(tmp_path, simulator, cad, ca_file):
    """A proxy that refuses the tunnel, then goes away: the last good data stays on the
    wall, and the error names the proxy rather than blaming the CAD."""
    key = "samarinda/incidents"
    target = f"{cad.url}{FeedKind.INCIDENTS.path}"
    with ProxyServer() as proxy:
        poller, store = wall_poller(tmp_path, url=cad.url, proxy=proxy.url, ca_file=str(ca_file))
        try:
            asyncio.run(poller.poll_once("samarinda", FeedKind.INCIDENTS))
            held = dict(by_id(store.incidents))
            assert held and store.freshness[key].consecutive_failures == 0
            proxy.deny_connect = True
            proxy.cut_connections()  # the open tunnel ends: the next poll asks for another
            asyncio.run(poller.poll_once("samarinda", FeedKind.INCIDENTS))
            # the delta poll that follows a full one asks from the cursor it was given
            assert re.fullmatch(
                re.escape(f"{key}: proxy {proxy.url} refused the tunnel (HTTP 403 Forbidden) to ")
                + re.escape(target)
                + r"\?since=[0-9]+",
                store.freshness[key].last_error,
            ), store.freshness[key].last_error
        except BaseException:
            poller.close()
            raise
    asyncio.run(poller.poll_once("samarinda", FeedKind.INCIDENTS))  # its port refuses now
    poller.close()
    assert re.fullmatch(
        re.escape(f"{key}: connection refused by proxy {proxy.url} (for {target}")
        + r"\?since=[0-9]+\)",
        store.freshness[key].last_error,
    ), store.freshness[key].last_error
    assert store.freshness[key].consecutive_failures == 2
    assert dict(by_id(store.incidents)) == held  # the last good data stays


def test_a_ca_file_gone_while_the_wall_runs_is_said_and_recovered(
    tmp_path, simulator, cad, ca_file
):
    """The bundle checked at start-up is deleted, then replaced by something else (a
    botched update): polls fail with the file named, and succeed again once it is back,
    with no restart."""
    poller, store = wall_poller(tmp_path, url=cad.url, ca_file=str(ca_file))
    key = "samarinda/queue"
    pem = ca_file.read_bytes()
    try:
        ca_file.unlink()
        asyncio.run(poller.poll_once("samarinda", FeedKind.QUEUE))
        target = f"{cad.url}{FeedKind.QUEUE.path}"
        assert store.freshness[key].last_error == (
            f"{key}: cannot read ca_file {ca_file} to check {target}"
        )
        ca_file.write_text("<html>404 Not Found</html>\n", encoding="utf-8")
        asyncio.run(poller.poll_once("samarinda", FeedKind.QUEUE))
        assert store.freshness[key].last_error == (
            f"{key}: cannot use ca_file {ca_file} (no certificate or crl found) to check {target}"
        )
        ca_file.write_bytes(pem)
        asyncio.run(poller.poll_once("samarinda", FeedKind.QUEUE))
    finally:
        poller.close()
    assert store.freshness[key].consecutive_failures == 0
    assert store.queues["samarinda"] == truth(simulator.url, FeedKind.QUEUE)


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_backend_down_behind_a_live_proxy_is_told_apart(tmp_path, proxy, scheme):
    """The proxy is up but cannot reach the backend: its 502 is not the CAD's own."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        dead = f"{scheme}://127.0.0.1:{sock.getsockname()[1]}"  # nothing listens after this
    poller, store = wall_poller(tmp_path, url=dead, proxy=proxy.url)
    try:
        asyncio.run(poller.poll_once("samarinda", FeedKind.QUEUE))
    finally:
        poller.close()
    key = "samarinda/queue"
    target = f"{dead}{FeedKind.QUEUE.path}"
    expected = {
        "http": f"{key}: HTTP 502 from {target} (through proxy {proxy.url})",
        "https": f"{key}: proxy {proxy.url} could not open a tunnel (HTTP 502 Bad Gateway) "
        f"to {target}",
    }[scheme]
    assert store.freshness[key].last_error == expected
    assert len(proxy.hits) == 1
