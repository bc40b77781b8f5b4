"""How a request that got no answer is worded: short, token-free, naming the real culprit.

requests' own texts are long nests of exceptions. The wall shows the first words of the
problem in its header and logs the whole line, so the words say which hop failed (the
backend, the proxy in front of it, or the TLS check of its certificate) and why.
"""

from __future__ import annotations

import os
import re
import socket
import ssl
from collections.abc import Iterator
from http.client import RemoteDisconnected

import requests
from urllib3.exceptions import ProtocolError, ReadTimeoutError

from wallboard.poller.session import proxy_shown

# urllib3's words when a proxy answers CONNECT with anything but 2xx
_TUNNEL_RE = re.compile(r"Tunnel connection failed: ([0-9]{3}(?: [A-Za-z][A-Za-z -]{0,40})?)")
# OpenSSL's reason, e.g. "[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1000)"
_SSL_REASON_RE = re.compile(r"\] ([^(]{1,120}?) ?(\(_ssl|$)")


def describe_request_error(
    exc: requests.exceptions.RequestException,
    timeout: float,
    shown: str,
    session: requests.Session,
    url: str,
) -> str:
    """A short, token-free problem for a request that got no answer."""
    proxy = proxy_shown(session, url)
    causes = list(_causes(exc))
    if isinstance(exc, requests.exceptions.ProxyError):
        return _proxy_problem(causes, proxy or "(unknown)", shown)
    if isinstance(exc, requests.exceptions.SSLError) or any(
        isinstance(c, ssl.SSLError) for c in causes
    ):
        return _tls_problem(causes, shown, session.verify)
    problem = _connection_problem(exc, causes, timeout, shown)
    return f"{problem} through proxy {proxy}" if proxy else problem


def describe_local_error(exc: OSError, session: requests.Session, shown: str) -> str:
    """A request that failed before reaching the network: requests finds no ca_file."""
    if isinstance(session.verify, str) and not os.path.exists(session.verify):
        return f"cannot read ca_file {session.verify} to check {shown}"
    return f"request to {shown} failed ({exc.strerror or type(exc).__name__})"


def _connection_problem(
    exc: requests.exceptions.RequestException,
    causes: list[BaseException],
    timeout: float,
    shown: str,
) -> str:
    if isinstance(exc, requests.exceptions.Timeout) or any(
        isinstance(c, ReadTimeoutError | socket.timeout | TimeoutError) for c in causes
    ):
        return f"timed out after {float(timeout)} s waiting for {shown}"
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return f"connection refused by {shown}"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return f"connection dropped in the middle of the body from {shown}"
    if any(
        isinstance(c, RemoteDisconnected | ConnectionResetError | ProtocolError) for c in causes
    ):
        return f"connection dropped by the server at {shown}"
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return f"undecodable Content-Encoding from {shown}"
    return f"request to {shown} failed ({type(exc).__name__})"


def _proxy_problem(causes: list[BaseException], proxy: str, shown: str) -> str:
    """The proxy, not the backend, failed: unreachable, or it refused the tunnel."""
    for cause in causes:
        match = _TUNNEL_RE.search(str(cause))
        if match:
            answer = match.group(1)
            # 4xx: its rules say no (403, 407); 5xx: it could not reach the backend
            did = "refused the tunnel" if answer.startswith("4") else "could not open a tunnel"
            return f"proxy {proxy} {did} (HTTP {answer}) to {shown}"
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return f"connection refused by proxy {proxy} (for {shown})"
    if any(isinstance(c, socket.timeout | TimeoutError) for c in causes):
        return f"timed out waiting for proxy {proxy} (for {shown})"
    if any(isinstance(c, RemoteDisconnected | ConnectionResetError) for c in causes):
        return f"connection dropped by proxy {proxy} (for {shown})"
    return f"proxy {proxy} failed (for {shown})"


def _tls_problem(causes: list[BaseException], shown: str, verify: object) -> str:
    """The TLS handshake failed: above all, a certificate we do not trust, and why."""
    against = f"ca_file {verify}" if isinstance(verify, str) else "the public CA list (no ca_file)"
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = (cause.verify_message or "verification failed").rstrip(".")
            return f"certificate not trusted ({reason}) at {shown}; checked against {against}"
    for cause in causes:
        if isinstance(cause, ssl.SSLError):
            match = _SSL_REASON_RE.search(str(cause))
            reason = match.group(1) if match else (cause.reason or "unknown reason")
            if isinstance(verify, str) and getattr(cause, "library", None) == "X509":
                # OpenSSL could not load the file (replaced since the wall started)
                return f"cannot use ca_file {verify} ({reason}) to check {shown}"
            return f"TLS handshake failed ({reason}) with {shown}"
    return f"TLS error talking to {shown}"


def _causes(exc: BaseException, depth: int = 0) -> Iterator[BaseException]:
    """The exception, its chained causes and the exceptions held in its args."""
    if depth > 8:
        return
    yield exc
    nested = [exc.__cause__, exc.__context__, getattr(exc, "reason", None), *exc.args]
    for inner in nested:
        if isinstance(inner, BaseException) and inner is not exc:
            yield from _causes(inner, depth + 1)
