"""A backend's proxy and ca_file in the configuration: what loads, and errors that name
the file, the key and the value (through --check-config too)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import trustme

from wallboard.backends import backend_specs
from wallboard.config import ConfigError, load_settings
from wallboard.poller import BackendSpec

REPO = Path(__file__).resolve().parent.parent


def config(tmp_path: Path, **backend: str) -> Path:
    lines = "\n".join(f"{key} = {value!r}" for key, value in backend.items())
    path = tmp_path / "wall.toml"
    path.write_text(f'[[backends]]\nname = "samarinda"\n{lines}\n', encoding="utf-8")
    return path


@pytest.fixture
def ca_file(tmp_path) -> Path:
    path = tmp_path / "cad-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(path))
    return path


def test_proxy_and_ca_file_reach_the_poller(tmp_path, ca_file):
    path = config(
        tmp_path, url="https://10.0.0.5:8443", proxy="http://10.0.0.1:3128", ca_file=str(ca_file)
    )
    [spec] = backend_specs(load_settings(path), {})
    assert (spec.proxy, spec.ca_file) == ("http://10.0.0.1:3128", str(ca_file))
    [spec] = backend_specs(load_settings(config(tmp_path, url="http://h:1", proxy="env")), {})
    assert spec.proxy == "env"
    [spec] = backend_specs(load_settings(config(tmp_path, url="http://h:1")), {})
    assert (spec.proxy, spec.ca_file) == (None, None)  # unset: direct, the public CA list


def test_a_ca_file_under_home_is_expanded(tmp_path, ca_file, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    [spec] = backend_specs(
        load_settings(config(tmp_path, url="https://h:1", ca_file="~/cad-ca.pem")), {}
    )
    assert spec.ca_file == str(ca_file)


@pytest.mark.parametrize(
    ("proxy", "expected"),
    [
        ("https://10.0.0.1:3128", "tunnels HTTPS through it (CONNECT), so the scheme is http://"),
        ("socks5://10.0.0.1:1080", "expected 'http://host:port'"),
        ("10.0.0.1:3128", "expected 'http://host:port'"),
        ("http://10.0.0.1", "expected 'http://host:port' (such as 'http://10.0.0.1:3128')"),
        ("http://10.0.0.1:squid", "expected 'http://host:port'"),
        ("http://10.0.0.1:3128/proxy.pac", "expected 'http://host:port'"),
        ("http://:3128", "expected 'http://host:port'"),
        ("ENV", "or 'env'"),
    ],
)
def test_a_proxy_that_is_not_host_and_port_is_refused(tmp_path, proxy, expected):
    path = config(tmp_path, url="http://10.0.0.5:8112", proxy=proxy)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: key backends[0].proxy = {proxy!r}: ")
    assert expected in message


def test_proxy_credentials_are_refused_without_repeating_them(tmp_path):
    path = config(tmp_path, url="http://10.0.0.5:8112", proxy="http://wall:Rahasia9@10.0.0.1:3128")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: key backends[0].proxy: credentials do not belong")
    assert "Rahasia9" not in message


@pytest.mark.parametrize("key", ["proxy", "ca_file"])
def test_the_embedded_simulator_takes_no_proxy_or_ca(tmp_path, ca_file, key):
    value = {"proxy": "http://10.0.0.1:3128", "ca_file": str(ca_file)}[key]
    path = config(tmp_path, url="simulator", **{key: value})
    with pytest.raises(ConfigError, match=rf"key backends\[0\]\.{key} = .*embedded simulator"):
        load_settings(path)


def write_not_a_certificate(path: Path) -> None:
    path.write_text("-----BEGIN PRIVATE KEY-----\nnot a certificate\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (None, "no such file; expected a PEM file of the CA certificate(s)"),
        (Path.mkdir, "is a folder; expected a PEM file"),
        (write_not_a_certificate, "holds no certificate; expected the CA certificate(s) in PEM"),
        (lambda p: p.write_bytes(b""), "holds no certificate"),
    ],
)
def test_a_ca_file_that_cannot_be_used_is_a_configuration_error(tmp_path, make, problem):
    ca = tmp_path / "cad-ca.pem"
    if make is not None:
        make(ca)
    path = config(tmp_path, url="https://10.0.0.5:8443", ca_file=str(ca))
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}: key backends[0].ca_file = {str(ca)!r}: {problem}")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_ca_file_is_a_configuration_error(tmp_path, ca_file):
    ca_file.chmod(0)
    path = config(tmp_path, url="https://10.0.0.5:8443", ca_file=str(ca_file))
    with pytest.raises(ConfigError, match=r"ca_file = .*: cannot read it \(Permission denied\)"):
        load_settings(path)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="Linux's /proc")
def test_a_ca_file_whose_reading_fails_is_a_configuration_error(tmp_path):
    """/proc/self/mem opens but cannot be read from its start (EIO), for root too."""
    path = config(tmp_path, url="https://10.0.0.5:8443", ca_file="/proc/self/mem")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == (
        f"{path}: key backends[0].ca_file = '/proc/self/mem': cannot read it (Input/output error)"
    )


def test_a_relative_ca_file_is_refused(tmp_path):
    path = config(tmp_path, url="https://10.0.0.5:8443", ca_file="certs/cad-ca.pem")
    with pytest.raises(ConfigError, match=r"ca_file = 'certs/cad-ca.pem': expected an absolute"):
        load_settings(path)


def test_backend_spec_refuses_a_proxy_the_poller_cannot_use():
    with pytest.raises(ValueError, match="proxy must be 'env' or http://host:port"):
        BackendSpec("x", "http://h:1", proxy="socks5://p:1080")
    assert BackendSpec("x", "http://h:1", proxy="env").proxy == "env"


def run_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--check-config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_config_names_a_missing_ca_file_and_passes_a_good_one(tmp_path, ca_file):
    missing = tmp_path / "gone" / "cad-ca.pem"
    path = config(tmp_path, url="https://10.0.0.5:8443", ca_file=str(missing))
    result = run_check(path)
    assert result.returncode == 2
    assert (
        f"{path}: key backends[0].ca_file = '{missing}': no such file; expected a PEM file"
        in result.stderr
    )
    path = config(
        tmp_path, url="https://10.0.0.5:8443", ca_file=str(ca_file), proxy="http://10.0.0.1:3128"
    )
    result = run_check(path)
    assert result.returncode == 0, result.stderr
