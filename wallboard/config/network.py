"""Checks of how a backend is reached: its ``proxy`` and its ``ca_file``.

Both are read when the configuration is loaded (and by ``--check-config``), so a typo or
a CA bundle that was never copied to the wall's PC is a configuration error that names
the file, the key and the value, not a wall that starts and then shows every source as
failing.
"""

from __future__ import annotations

import ssl
from pathlib import Path
from urllib.parse import urlsplit

from wallboard.config.settings import PROXY_FROM_ENV, SIMULATOR_URL, BackendSettings

_PROXY_EXAMPLE = "such as 'http://10.0.0.1:3128'"


class NetworkSettingError(ValueError):
    """One of a backend's network keys is unusable; ``key`` names it."""

    def __init__(self, key: str, problem: str, *, secret: bool = False) -> None:
        super().__init__(problem)
        self.key = key
        self.secret = secret  # the value holds a password: never repeat it


def check_network(backend: BackendSettings) -> None:
    """Raise NetworkSettingError when ``proxy`` or ``ca_file`` cannot be used."""
    if backend.url == SIMULATOR_URL:
        for key in ("proxy", "ca_file"):
            if getattr(backend, key) is not None:
                raise NetworkSettingError(
                    key,
                    "the embedded simulator (url = 'simulator') is reached on loopback over "
                    "plain HTTP, never through a proxy or TLS; expected no "
                    f"{key}, or the URL of a real backend",
                )
        return
    if backend.proxy is not None:
        check_proxy(backend.proxy)
    if backend.ca_file is not None:
        check_ca_file(backend.ca_file)


def check_proxy(proxy: str) -> None:
    """``proxy`` is "env" or an HTTP proxy's ``http://host:port`` with nothing else."""
    if proxy == PROXY_FROM_ENV:
        return
    parts = urlsplit(proxy)
    expected = f"expected 'http://host:port' ({_PROXY_EXAMPLE}) or '{PROXY_FROM_ENV}'"
    if parts.scheme != "http":
        raise NetworkSettingError(
            "proxy",
            f"{expected}; the wall speaks plain HTTP to its proxy and tunnels HTTPS "
            "through it (CONNECT), so the scheme is http://",
        )
    if parts.username is not None or parts.password is not None:
        raise NetworkSettingError(
            "proxy",
            "credentials do not belong in the file (it is not a secret store); expected "
            f"'http://host:port' ({_PROXY_EXAMPLE}) of a proxy that admits the wall's PC",
            secret=True,
        )
    try:
        port = parts.port
    except ValueError:
        port = None
    if not parts.hostname or port is None or parts.path not in ("", "/"):
        raise NetworkSettingError("proxy", expected)
    if parts.query or parts.fragment:
        raise NetworkSettingError("proxy", expected)


def ca_path(ca_file: str) -> Path:
    """The file ``ca_file`` names (``~`` expanded)."""
    return Path(ca_file).expanduser()


def check_ca_file(ca_file: str) -> None:
    """``ca_file`` is an absolute path to a readable PEM file holding certificates."""
    path = ca_path(ca_file)
    if not path.is_absolute():
        raise NetworkSettingError(
            "ca_file",
            "expected an absolute path such as '/etc/wallboard112/cad-ca.pem' (a relative "
            "one would depend on the folder the wall is started from)",
        )
    if path.is_dir():
        raise NetworkSettingError(
            "ca_file", "is a folder; expected a PEM file of the CA certificate(s)"
        )
    if not path.exists():
        raise NetworkSettingError(
            "ca_file", "no such file; expected a PEM file of the CA certificate(s)"
        )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        context.load_verify_locations(cafile=path)
    except ssl.SSLError:
        raise NetworkSettingError(
            "ca_file",
            "holds no certificate; expected the CA certificate(s) in PEM "
            "('-----BEGIN CERTIFICATE-----' ...)",
        ) from None
    except OSError as exc:
        raise NetworkSettingError(
            "ca_file", f"cannot read it ({exc.strerror or type(exc).__name__})"
        ) from None
