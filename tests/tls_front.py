"""TLS in front of a plain-HTTP server on loopback, as a centre puts its CAD's API behind
a TLS terminator (nginx, stunnel) with a certificate from its internal CA.

Each connection is accepted, its TLS handshake done with the given server context, and
its decrypted bytes relayed to the server behind and back. It counts the connections
whose bytes reached the server: a client that refused the certificate sends none.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from urllib.parse import urlsplit

from proxy_server import relay


class TLSFront:
    """``url`` (https://127.0.0.1:PORT) in front of ``upstream`` (http://host:port)."""

    def __init__(self, upstream: str, context: ssl.SSLContext, host: str = "127.0.0.1") -> None:
        parts = urlsplit(upstream)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._context = context
        self._listener = socket.create_server((host, 0))
        self._listener.settimeout(0.1)
        self.url = f"https://{host}:{self._listener.getsockname()[1]}"
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self.relayed = 0  # connections whose requests reached the server behind
        self.handshake_errors: list[str] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> TLSFront:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        with self._lock:
            for sock in list(self._open):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _count_relayed(self) -> None:
        with self._lock:
            self.relayed += 1

    def _serve(self, connection: socket.socket) -> None:
        with self._lock:
            self._open.add(connection)
        try:
            connection.settimeout(5)
            try:
                tls = self._context.wrap_socket(connection, server_side=True)
            except (ssl.SSLError, OSError) as exc:
                with self._lock:
                    self.handshake_errors.append(str(exc))
                return
            with tls, socket.create_connection(self._upstream, timeout=5) as upstream:
                tls.settimeout(None)
                upstream.settimeout(None)
                relay(tls, upstream, self._stopping, first_bytes=self._count_relayed)
        finally:
            with self._lock:
                self._open.discard(connection)
            connection.close()
