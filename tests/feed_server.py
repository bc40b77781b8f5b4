"""A real, scriptable, misbehaving HTTP server on loopback for the poller's tests.

Each test tells it what to answer next on a path: a status, headers and body, a delay
before answering, a body sent slowly, or a dropped connection. Every request is
recorded (path, query, headers, status answered) so tests can count 304s and check what
the client sent.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Reply:
    """One scripted answer. ``drop`` closes the connection without a word; ``delay``
    waits before answering; ``etag`` makes the server honour If-None-Match with 304."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    etag: str | None = None
    content_length: int | None = None  # lie about the length (None: the true one)
    chunked: bool = False  # no Content-Length at all: Transfer-Encoding: chunked
    drip: float = 0.0  # seconds between 16-byte pieces of the body: a trickling server


@dataclass(frozen=True)
class Seen:
    """One request as the server saw it, and the status it answered (None: dropped)."""

    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    status: int | None
    at: float = field(default_factory=time.monotonic)  # when the answer was decided


class FeedServer:
    """Serves scripted replies per path on 127.0.0.1; use as a context manager."""

    def __init__(self, port: int = 0) -> None:
        self._lock = threading.Lock()
        self._sticky: dict[str, Reply] = {}
        self._queued: dict[str, deque[Reply]] = defaultdict(deque)
        self._closing = threading.Event()
        self.seen: list[Seen] = []
        self._in_flight: dict[str, int] = defaultdict(int)
        self.max_in_flight: dict[str, int] = defaultdict(int)
        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.feed = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set(self, path: str, reply: Reply) -> None:
        """Answer ``path`` with ``reply`` from now on (after any queued replies)."""
        with self._lock:
            self._sticky[path] = reply

    def queue(self, path: str, *replies: Reply) -> None:
        """Answer the next requests to ``path`` with ``replies``, once each, in order."""
        with self._lock:
            self._queued[path].extend(replies)

    def statuses(self, path: str) -> list[int | None]:
        with self._lock:
            return [s.status for s in self.seen if s.path == path]

    def requests_to(self, path: str) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if s.path == path]

    def stop(self) -> None:
        self._closing.set()  # wakes handlers sleeping in a delay
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)

    def __enter__(self) -> FeedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next_reply(self, path: str) -> Reply:
        with self._lock:
            queued = self._queued.get(path)
            if queued:
                return queued.popleft()
            return self._sticky.get(path, Reply(404, b'{"error":"not_found","message":"no"}'))

    def _record(self, seen: Seen) -> None:
        with self._lock:
            self.seen.append(seen)

    def _enter(self, path: str) -> None:
        with self._lock:
            self._in_flight[path] += 1
            self.max_in_flight[path] = max(self.max_in_flight[path], self._in_flight[path])

    def _leave(self, path: str) -> None:
        with self._lock:
            self._in_flight[path] -= 1


def free_port() -> int:
    """A loopback port nothing listens on (for 'backend down at start')."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    feed: FeedServer

    def handle_error(self, request, client_address) -> None:
        pass  # clients that time out and hang up are the point of these tests


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real backends do
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    timeout = 10
    server: _Server

    def log_message(self, format, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.server.feed._enter(path)
        try:
            self._answer()
        finally:
            self.server.feed._leave(path)

    def _answer(self) -> None:
        feed = self.server.feed
        parts = urlsplit(self.path)
        reply = feed._next_reply(parts.path)
        headers = {k: v for k, v in self.headers.items()}
        if reply.delay and feed._closing.wait(reply.delay):
            return
        if reply.drop:
            feed._record(Seen(parts.path, parse_qs(parts.query), headers, None))
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        status, body = reply.status, reply.body
        if reply.etag is not None and self.headers.get("If-None-Match") == reply.etag:
            status, body = 304, b""
        feed._record(Seen(parts.path, parse_qs(parts.query), headers, status))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if reply.etag is not None:
            self.send_header("ETag", reply.etag)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if status != 304 and reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif status != 304:
            length = len(body) if reply.content_length is None else reply.content_length
            self.send_header("Content-Length", str(length))
        self.end_headers()
        with contextlib.suppress(OSError):
            if reply.chunked:
                for start in range(0, len(body), 16 * 1024):
                    piece = body[start : start + 16 * 1024]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.write(b"0\r\n\r\n")
            elif reply.drip:
                for start in range(0, len(body), 16):
                    if feed._closing.wait(reply.drip):
                        return
                    self.wfile.write(body[start : start + 16])
                    self.wfile.flush()
            else:
                self.wfile.write(body)
            if reply.content_length is not None and reply.content_length > len(body):
                # a body cut short: the peer hangs up before the promised length
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)


# -- sample feed bodies: valid by default, so each test corrupts exactly one thing -------

T0 = "2026-11-28T08:00:00+08:00"
T1 = "2026-11-28T08:05:00+08:00"
FEED_TIME = {"X-Feed-Time": "2026-11-28T08:10:00+08:00"}


def incident(iid: str, version: int = 1, **changes: object) -> dict:
    """An incident record as the wire carries it."""
    record = {
        "id": iid,
        "version": version,
        "region": "samarinda",
        "category": "fire",
        "priority": 1,
        "status": "new",
        "status_times": {"new": T0},
        "created_at": T0,
        "updated_at": T0,
        "location": {"lat": -0.5, "lon": 117.15, "address": "Jl. Sudirman 1"},
        "description": f"incident {iid}",
    }
    record.update(changes)
    return record


def unit(uid: str, version: int = 1, **changes: object) -> dict:
    """A unit record as the wire carries it."""
    record = {
        "id": uid,
        "version": version,
        "agency_id": "damkar",
        "call_sign": f"DMK-{uid}",
        "type": "engine",
        "status": "available",
        "status_since": T0,
        "position": {"lat": -0.49, "lon": 117.14, "at": T0},
    }
    record.update(changes)
    return record


def incident_page(items: list[dict], cursor: str, full: bool, removed=()) -> bytes:
    body = {"items": items, "cursor": cursor, "full": full, "removed": list(removed)}
    return json.dumps(body).encode()


def unit_list(items: list[dict]) -> bytes:
    return json.dumps({"items": items}).encode()


def region_info() -> bytes:
    return json.dumps(
        {
            "region": "samarinda",
            "name": "Kota Samarinda",
            "timezone": "Asia/Makassar",
            "center_lat": -0.5,
            "center_lon": 117.15,
            "south": -0.7,
            "west": 116.9,
            "north": -0.3,
            "east": 117.4,
        }
    ).encode()
