"""`main.py report` in a centre whose CAD is behind TLS from an internal CA and reached
through a proxy: --proxy and --ca-file, as a wall's backend keys say."""

from __future__ import annotations

import json
import ssl

import pytest
import trustme
from proxy_server import ProxyServer
from tls_front import TLSFront

from wallboard.shell.cli import main
from wallboard.simulator import start_simulator

START = "2026-11-30T14:00:00+08:00"
DAY = ("--from", "2026-11-30T00:00:00+08:00", "--to", "2026-12-01T00:00:00+08:00")


@pytest.fixture
def centre(tmp_path):
    """(the CAD's https URL, its CA file, the proxy) around a simulator."""
    ca = trustme.CA()
    ca_file = tmp_path / "cad-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with (
        start_simulator(seed=21, manual_clock=True, start=START) as sim,
        TLSFront(sim.url, context) as cad,
        ProxyServer() as proxy,
    ):
        yield cad.url, ca_file, proxy


def test_report_through_the_proxy_with_the_ca_file(qapp, centre, tmp_path, capsys):
    url, ca_file, proxy = centre
    out = tmp_path / "report"
    args = ["--backend", url, *DAY, "--out", str(out), "--lang", "en"]
    assert main(["report", *args, "--proxy", proxy.url, "--ca-file", str(ca_file)]) == 0
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["kpis"]["answering"]["offered"] > 1000
    assert report["region"] == "Kota Samarinda"
    assert set(proxy.methods()) == {"CONNECT"}  # every request went through the tunnel
    capsys.readouterr()
    assert main(["report", *args, "--proxy", proxy.url]) == 1  # no --ca-file
    assert "certificate not trusted (unable to get local issuer" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--proxy", "https://10.0.0.1:3128", "--proxy 'https://10.0.0.1:3128': expected"),
        ("--ca-file", "/nonexistent/ca.pem", "--ca-file '/nonexistent/ca.pem': no such file"),
    ],
)
def test_a_bad_proxy_or_ca_file_is_a_usage_error(tmp_path, capsys, option, value, said):
    args = ["report", "--backend", "https://10.0.0.5:8443", *DAY, "--out", str(tmp_path)]
    assert main([*args, option, value]) == 2
    assert f"wallboard report: {said}" in capsys.readouterr().err
