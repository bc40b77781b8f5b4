"""The HTTP session of one backend: its token, its proxy and the CAs it trusts.

A centre's network decides how the wall reaches its CAD: directly, through an explicit
HTTP proxy (``proxy = "http://host:port"``), or through whatever proxy the environment
names (``proxy = "env"``: HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY). A proxy is never
taken from the environment unless the configuration says so: a wall started by a
supervisor or from a technician's shell must poll the same way. HTTPS goes through a
proxy as a CONNECT tunnel, so the backend's certificate is still checked end to end,
against the public CA list requests ships (certifi's; not the operating system's store)
or, with ``ca_file``, against the CAs in that file alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

import requests
from requests.utils import get_environ_proxies, select_proxy

# proxy = "env": take the proxy from the environment's *_PROXY variables (and NO_PROXY)
PROXY_FROM_ENV = "env"


class BackendSession(requests.Session):
    """A keep-alive session for one backend; the token lives only in its headers.

    ``trust_env`` is always off: ~/.netrc cannot replace our Authorization header,
    REQUESTS_CA_BUNDLE cannot replace ``ca_file``, and proxy variables reroute nothing
    unless ``proxy`` is ``"env"``, in which case they (and only they) are read for each
    request, as curl and requests read them.
    """

    def __init__(self, proxy: str | None = None) -> None:
        super().__init__()
        self.trust_env = False
        self.proxy = proxy
        if proxy and proxy != PROXY_FROM_ENV:
            self.proxies = {"http": proxy, "https": proxy}

    def merge_environment_settings(
        self,
        url: str | bytes | None,
        proxies: Mapping[str, str] | None,
        stream: bool | None,
        verify: bool | str | None,
        cert: str | tuple[str, str] | None,
    ) -> dict[str, object]:
        if self.proxy == PROXY_FROM_ENV and url:
            proxies = {**environment_proxies(str(url)), **(proxies or {})}
        return super().merge_environment_settings(url, proxies, stream, verify, cert)

    def proxy_for(self, url: str) -> str | None:
        """The proxy a request to ``url`` goes through (None: straight to the server)."""
        if self.proxy == PROXY_FROM_ENV:
            return select_proxy(url, environment_proxies(url))
        return select_proxy(url, self.proxies)


def environment_proxies(url: str) -> dict[str, str]:
    """The proxies the environment names for ``url``: none when NO_PROXY covers its host."""
    proxies = get_environ_proxies(url)
    proxies.pop("no", None)  # NO_PROXY was already applied to this url
    return proxies


def make_session(
    token: str | None, *, proxy: str | None = None, ca_file: str | None = None
) -> BackendSession:
    """The session for one backend: bearer ``token``, ``proxy`` (a URL, ``"env"`` or None
    for a direct connection) and ``ca_file`` (a PEM bundle: the only CAs then trusted)."""
    session = BackendSession(proxy)
    session.headers["Accept"] = "application/json"
    session.headers["User-Agent"] = "wallboard112"
    if token:
        session.headers["Authorization"] = f"Bearer {token}"
    if ca_file:
        session.verify = ca_file
    adapter = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=1, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def proxy_shown(session: requests.Session, url: str) -> str | None:
    """The proxy in front of ``url`` as a log may show it (scheme, host and port)."""
    proxy = session.proxy_for(url) if isinstance(session, BackendSession) else None
    if not proxy:
        return None
    parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    host = parts.hostname or "?"
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # an environment variable with a port that is no number
        port = ""
    return f"{parts.scheme}://{host}{port}"
