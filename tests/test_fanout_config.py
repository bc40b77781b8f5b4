"""``wallboard nginx-config``: the file it writes is one real nginx runs unprivileged,
and the cache key keeps walls with different tokens apart (docs/fanout.md)."""

from __future__ import annotations

import subprocess

import pytest
import requests
from nginx_cache import NGINX_MISSING, NginxCache, nginx_binary

from wallboard.fanout.nginx_config import CacheSpec, write_config
from wallboard.shell.cli import main
from wallboard.simulator import start_simulator

START = "2026-11-28T10:00:00+08:00"


@pytest.fixture
def nginx():
    binary = nginx_binary()
    if binary is None:
        pytest.fail(NGINX_MISSING)
    return binary


@pytest.fixture
def sim():
    with start_simulator(seed=3, start=START, manual_clock=True) as served:
        yield served


def test_the_written_file_is_a_complete_configuration_nginx_accepts(nginx, tmp_path, capsys):
    root = tmp_path / "cache"
    code = main(
        ["nginx-config", "--upstream", "http://127.0.0.1:8112", "--listen", "127.0.0.1:18080",
         "--dir", str(root), "--lifetime", "2"]
    )  # fmt: skip
    assert code == 0
    assert f"nginx -p {root.resolve()}/ -c {root.resolve()}/nginx.conf" in capsys.readouterr().out
    text = (root / "nginx.conf").read_text()
    for directive in (
        "proxy_cache_valid 200 2s;",
        "proxy_cache_lock on;",
        "proxy_cache_use_stale updating;",
        "proxy_cache_revalidate on;",
        "gzip on;",
        "listen 127.0.0.1:18080;",
        "server 127.0.0.1:8112;",
    ):
        assert directive in text
    # every path nginx writes lies under the folder: no root, nothing in /etc or /var
    writers = ("pid ", "error_log ", "access_log ", "proxy_temp_path ", "proxy_cache_path ")
    lines = [line.strip() for line in text.splitlines()]
    paths = [line.split()[1] for line in lines if line.startswith(writers)]
    assert paths and all(p.startswith(str(root.resolve())) for p in paths)
    checked = subprocess.run(
        [nginx, "-t", "-p", f"{root}/", "-c", str(root / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


@pytest.mark.parametrize(
    ("option", "value", "complaint"),
    [
        ("--listen", "8080", "--listen must be HOST:PORT"),
        ("--upstream", "ftp://cad.example", "--upstream must be http(s)://"),
        ("--lifetime", "0", "--lifetime must be"),
    ],
)
def test_bad_options_are_refused_with_the_reason(tmp_path, capsys, option, value, complaint):
    args = {"--upstream": "http://127.0.0.1:8112", "--listen": "127.0.0.1:18080",
            "--dir": str(tmp_path), option: value}  # fmt: skip
    assert main(["nginx-config", *[x for kv in args.items() for x in kv]]) == 2
    assert complaint in capsys.readouterr().err
    assert not (tmp_path / "nginx.conf").exists()


def test_walls_with_different_tokens_never_share_an_answer(nginx, sim, tmp_path):
    with (
        NginxCache(sim.url, tmp_path / "nginx", lifetime_s=30) as cache,
        requests.Session() as http,
    ):
        for token in ("alpha", "alpha", "beta", "alpha", "beta"):
            answer = http.get(
                cache.url + "/api/v1/units", headers={"Authorization": f"Bearer {token}"}
            )
            assert answer.status_code == 200
    # one origin request per token: the origin checked each token once
    assert sim.served(via=True)["/api/v1/units"] == 2


def test_a_shared_token_is_checked_by_the_cache_and_shared_by_all(nginx, sim, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text("wall-read-only-7f3a\n")
    root = tmp_path / "nginx"
    port_holder = NginxCache(sim.url, root, lifetime_s=30)  # picks a free port, writes a config
    port_holder.stop()
    spec = CacheSpec(sim.url, "127.0.0.1", port_holder.port, 30, "wall-read-only-7f3a")
    conf = write_config(spec, root)
    assert conf.stat().st_mode & 0o077 == 0  # the token is in it: owner only
    port_holder.start()
    try:
        with requests.Session() as http:
            url = port_holder.url + "/api/v1/units"
            good = {"Authorization": "Bearer wall-read-only-7f3a"}
            assert http.get(url, headers=good).status_code == 200
            assert http.get(url, headers=good).status_code == 200
            assert http.get(url).status_code == 401
            assert http.get(url, headers={"Authorization": "Bearer guess"}).status_code == 401
    finally:
        port_holder.stop()
    assert sim.served(via=True)["/api/v1/units"] == 1
