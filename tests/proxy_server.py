"""A forward HTTP proxy on loopback for the network tests, counting all it carries.

It behaves as a centre's outbound proxy (squid, say) does for a client configured with
``http://host:port``:
- a plain-HTTP request comes in absolute-form (``GET http://host:port/path``, RFC 9112
  §3.2.2); the proxy sends it on in origin-form to that host, without the hop-by-hop
  headers (RFC 9110 §7.6.1), and relays the answer;
- HTTPS comes as ``CONNECT host:port`` in authority-form (RFC 9112 §3.2.3); a 2xx answer
  turns the connection into a blind tunnel of bytes both ways (RFC 9110 §9.3.6), so the
  proxy never sees inside the TLS. ``deny_connect`` answers 403 instead, as squid does
  for a port its rules do not allow (its default squid.conf: ``http_access deny CONNECT
  !SSL_ports``).
Every request is logged as a :class:`Hit` (method and target) before it is carried.
"""

from __future__ import annotations

import contextlib
import http.client
import selectors
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# RFC 9110 §7.6.1: meaningful for one connection only, never forwarded
_HOP_BY_HOP = {
    "connection",
    "proxy-connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Hit:
    """One request the proxy received: ``GET http://127.0.0.1:8112/api/v1/queue`` or
    ``CONNECT 127.0.0.1:8443``."""

    method: str
    target: str


def relay(
    a: socket.socket,
    b: socket.socket,
    stopping: threading.Event,
    first_bytes: Callable[[], None] = lambda: None,
) -> int:
    """Copy bytes both ways until either side closes (or ``stopping``); returns how many
    bytes went from ``a`` to ``b``, calling ``first_bytes`` before the first of them goes.
    TLS sockets' already-decrypted bytes count as ready."""
    peer = {a: b, b: a}
    sent = 0
    with selectors.DefaultSelector() as selector:
        for sock in peer:
            selector.register(sock, selectors.EVENT_READ)
        while not stopping.is_set():
            ready = [key.fileobj for key, _ in selector.select(timeout=0.1)]
            ready += [s for s in peer if isinstance(s, ssl.SSLSocket) and s.pending()]
            for source in dict.fromkeys(ready):
                try:
                    data = source.recv(_CHUNK)
                except (OSError, ssl.SSLError):
                    return sent
                if not data:
                    return sent
                if source is a:
                    if not sent:
                        first_bytes()
                    sent += len(data)
                try:
                    peer[source].sendall(data)
                except OSError:
                    return sent
    return sent


class ProxyServer:
    """``url`` (http://127.0.0.1:PORT) and ``hits``; use as a context manager."""

    def __init__(self, *, deny_connect: bool = False) -> None:
        self.deny_connect = deny_connect
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler, self)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> ProxyServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.close_connections()
        self._httpd.server_close()

    def cut_connections(self) -> None:
        """Drop every open client connection and tunnel, as a proxy restart does."""
        self._httpd.close_connections()

    def record(self, method: str, target: str) -> None:
        with self._lock:
            self.hits.append(Hit(method, target))

    def methods(self) -> list[str]:
        with self._lock:
            return [hit.method for hit in self.hits]

    def targets(self, method: str) -> list[str]:
        with self._lock:
            return [hit.target for hit in self.hits if hit.method == method]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], handler: type, proxy: ProxyServer) -> None:
        super().__init__(address, handler)
        self.proxy = proxy
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def track(self, connection: socket.socket, *, open_: bool) -> None:
        with self._connections_lock:
            (self._connections.add if open_ else self._connections.discard)(connection)

    def close_connections(self) -> None:
        with self._connections_lock:
            for connection in list(self._connections):
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive with the client, as a real proxy does
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, open_=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, open_=False)

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._forward()

    def do_HEAD(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def do_CONNECT(self) -> None:
        proxy = self.server.proxy
        proxy.record("CONNECT", self.path)
        if proxy.deny_connect:
            self._answer(403, b"CONNECT denied by the proxy's rules")
            self.close_connection = True
            return
        host, _, port = self.path.rpartition(":")
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=5)
        except (OSError, ValueError):
            self._answer(502, b"cannot reach " + self.path.encode("ascii", "replace"))
            return
        with upstream:
            upstream.settimeout(None)
            self.send_response_only(200, "Connection established")
            self.end_headers()
            self.wfile.flush()
            relay(self.connection, upstream, proxy._stopping)
        self.close_connection = True

    def _forward(self) -> None:
        self.server.proxy.record(self.command, self.path)
        parts = urlsplit(self.path)
        if parts.scheme != "http" or not parts.hostname:
            # an origin-form request: the client took us for the server itself
            self._answer(400, b"a proxy expects an absolute-form request target")
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        named = {h.strip().lower() for h in self.headers.get("Connection", "").split(",")}
        headers = {
            name: value
            for name, value in self.headers.items()
            if name.lower() not in _HOP_BY_HOP | named
        }
        origin_form = parts.path or "/"
        if parts.query:
            origin_form += "?" + parts.query
        upstream = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=10)
        try:
            upstream.request(self.command, origin_form, body=body, headers=headers)
            response = upstream.getresponse()
            data = response.read()  # still encoded: Content-Encoding passes through
        except OSError:
            self._answer(502, b"cannot reach " + parts.netloc.encode("ascii", "replace"))
            return
        finally:
            upstream.close()
        self.send_response_only(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in _HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        if self.command == "HEAD":
            declared = response.getheader("Content-Length")
            if declared is not None:
                self.send_header("Content-Length", declared)
        elif response.status not in (204, 304):
            self.send_header("Content-Length", str(len(data)))
        self.send_header("Via", "1.1 test-proxy")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response_only(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
