"""The wall as a program in a centre whose CAD is behind TLS from an internal CA and is
reached through the centre's proxy, with a different proxy in the environment.

main.py runs in a subprocess (offscreen, one screen) with a configuration naming the
proxy and the CA file; the simulator runs in the test, behind TLS (tests/tls_front.py),
and the proxy (tests/proxy_server.py) counts what the wall sent through it. Screenshot
mode exits 0 only once every source has answered, so a 0 is the whole wall polling.
"""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
from pathlib import Path

import trustme
from proxy_server import ProxyServer
from tls_front import TLSFront

from wallboard.simulator import start_simulator

REPO = Path(__file__).resolve().parent.parent


def one_screen(folder: Path) -> Path:
    path = folder / "screens.json"
    screen = {"name": "0-screen", "x": 0, "y": 0, "width": 1920, "height": 1080}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    path.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return path


def test_the_wall_polls_its_cad_through_the_proxy_with_its_ca(tmp_path):
    ca = trustme.CA()
    ca_file = tmp_path / "cad-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with (
        start_simulator(seed=112) as sim,
        TLSFront(sim.url, context) as cad,
        ProxyServer() as proxy,
        ProxyServer() as trap,
    ):
        config = tmp_path / "wall.toml"
        config.write_text(
            f"""
[[backends]]
name = "samarinda"
url = "{cad.url}"
proxy = "{proxy.url}"
ca_file = "{ca_file}"

[map]
tiles = "none"
""",
            encoding="utf-8",
        )
        environment = dict(
            os.environ,
            QT_QPA_PLATFORM=f"offscreen:configfile={one_screen(tmp_path)}",
            QTWEBENGINE_DISABLE_SANDBOX="1",
            HTTP_PROXY=trap.url,
            HTTPS_PROXY=trap.url,
            REQUESTS_CA_BUNDLE=str(REPO / "pyproject.toml"),  # would break any TLS it ruled
        )
        out = tmp_path / "shots"
        command = [sys.executable, str(REPO / "main.py"), "--config", str(config)]
        result = subprocess.run(
            [*command, "--screenshot", str(out), "--screenshot-timeout", "60"],
            capture_output=True,
            text=True,
            timeout=120,
            env=environment,
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert (out / "screen-0.png").is_file()
        shots = Path("/tmp/panel-shots")
        shots.mkdir(parents=True, exist_ok=True)
        (shots / "wall-through-proxy.png").write_bytes((out / "screen-0.png").read_bytes())
        assert proxy.methods() and set(proxy.methods()) == {"CONNECT"}
        assert set(proxy.targets("CONNECT")) == {cad.url.removeprefix("https://")}
        assert cad.relayed >= 1 and cad.handshake_errors == []
        assert trap.hits == []
