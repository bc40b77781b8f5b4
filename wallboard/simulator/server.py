"""The simulator's HTTP face: routes, ETags, conditional requests and JSON errors.

One lock guards the engine: each request first advances the engine to the current
simulated time, then takes the (cached) body for its endpoint.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import logging
import re
import socket
import sys
import threading
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import msgspec

from wallboard.feed.pages import API_PREFIX, FEED_TIME_HEADER, FeedError
from wallboard.simulator.encoding import Body, FeedBodies, make_body
from wallboard.simulator.journal import CursorExpired

log = logging.getLogger(__name__)
_CURSOR = re.compile(r"[0-9]{1,18}")


class FeedFailure(Exception):
    """An answer other than 200: HTTP status, stable error code, message for people."""

    def __init__(self, status: HTTPStatus, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


def openapi_body() -> Body:
    """The OpenAPI document from resources/openapi/feed-v1.json, read on each request
    (it is small, and another part of the project may update it)."""
    try:
        res = importlib.resources.files("resources.openapi") / "feed-v1.json"
        return make_body(res.read_bytes())
    except (OSError, ModuleNotFoundError):
        raise FeedFailure(
            HTTPStatus.NOT_FOUND, "not_found", "the OpenAPI document is not installed"
        ) from None


def parse_since(query: dict[str, list[str]]) -> int | None:
    values = query.get("since")
    if values is None:
        return None
    value = values[-1]
    if not _CURSOR.fullmatch(value):
        raise FeedFailure(
            HTTPStatus.BAD_REQUEST, "bad_cursor", "since must be a cursor returned by this feed"
        )
    return int(value)


def parse_range(query: dict[str, list[str]]) -> tuple[datetime, datetime] | None:
    """``from`` and ``to`` (ISO 8601 with offset) of a ranged /calls or /incidents
    request, or None."""
    if "from" not in query and "to" not in query:
        return None
    if "since" in query:
        raise FeedFailure(
            HTTPStatus.BAD_REQUEST, "bad_range", "from/to and since cannot be combined"
        )
    bounds = []
    for name in ("from", "to"):
        values = query.get(name)
        # an unencoded "+08:00" arrives as " 08:00": read it as meant
        text = values[-1].replace(" ", "+") if values else ""
        try:
            value = datetime.fromisoformat(text) if 0 < len(text) <= 40 else None
        except ValueError:
            value = None
        if value is None or value.utcoffset() is None:
            raise FeedFailure(
                HTTPStatus.BAD_REQUEST,
                "bad_range",
                f"{name} must be an ISO 8601 time with a UTC offset, "
                "e.g. 2026-11-23T00:00:00+08:00",
            )
        bounds.append(value)
    start, end = bounds
    if end <= start:
        raise FeedFailure(HTTPStatus.BAD_REQUEST, "bad_range", "to must be later than from")
    return start, end


class FeedRoutes:
    """Maps a path and query to a body; raises FeedFailure for every non-200 answer."""

    def __init__(self, bodies: FeedBodies) -> None:
        self._bodies = bodies
        b = bodies
        self._plain: dict[str, Callable[[], Body]] = {
            f"{API_PREFIX}/info": b.info,
            f"{API_PREFIX}/units": b.units,
            f"{API_PREFIX}/agencies": b.agencies,
            f"{API_PREFIX}/queue": b.queue,
            f"{API_PREFIX}/openapi.json": openapi_body,
        }
        self._paged: dict[str, Callable[[int | None], Body]] = {
            f"{API_PREFIX}/incidents": b.incidents,
            f"{API_PREFIX}/calls": b.calls,
        }

    def body(self, path: str, query: dict[str, list[str]]) -> Body:
        if path in self._plain:
            return self._plain[path]()
        if path in self._paged:
            since = parse_since(query)
            try:
                return self._paged[path](since)
            except CursorExpired:
                raise FeedFailure(
                    HTTPStatus.GONE,
                    "cursor_expired",
                    "this cursor is no longer remembered; fetch again without since",
                ) from None
        raise FeedFailure(HTTPStatus.NOT_FOUND, "not_found", "no such endpoint in feed v1")


class FeedHandler(BaseHTTPRequestHandler):
    """One request: advance the model, pick the body, answer 200 or 304 or an error."""

    protocol_version = "HTTP/1.1"
    server_version = "Wallboard112Simulator/1"
    timeout = 60  # idle keep-alive connections are closed after this
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms stall
    server: FeedHTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, open_=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, open_=False)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        self.server.count(parts.path, query, via=self.headers.get("Via") is not None)
        try:
            body, feed_time = self.server.respond(parts.path, query)
        except FeedFailure as failure:
            self._send_error(failure, send_body)
            return
        except Exception:
            log.exception("simulator failed to answer %s", self.path)
            failure = FeedFailure(HTTPStatus.INTERNAL_SERVER_ERROR, "internal", "simulator fault")
            self._send_error(failure, send_body)
            return
        if _etag_matches(self.headers.get("If-None-Match"), body.etag):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._common_headers(feed_time)
            self.send_header("ETag", body.etag)
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self._common_headers(feed_time)
        self.send_header("ETag", body.etag)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body.data)))
        self.end_headers()
        if send_body:
            self.wfile.write(body.data)

    def _send_error(self, failure: FeedFailure, send_body: bool) -> None:
        data = msgspec.json.encode(FeedError(error=failure.error, message=failure.message))
        self.send_response(failure.status)
        self._common_headers(self.server.feed_time())
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def _common_headers(self, feed_time: str) -> None:
        self.send_header("Cache-Control", "no-cache")
        self.send_header(FEED_TIME_HEADER, feed_time)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.address_string(), format % args)


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    tags = [t.strip() for t in header.split(",")]
    return "*" in tags or etag in tags or f"W/{etag}" in tags


class FeedHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that asks ``respond`` for each request's body."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        respond: Callable[[str, dict[str, list[str]]], tuple[Body, str]],
        feed_time: Callable[[], str],
    ) -> None:
        super().__init__(address, FeedHandler)
        self.respond = respond
        self.feed_time = feed_time
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self._served: Counter[tuple[str, bool]] = Counter()

    def count(self, path: str, query: dict[str, list[str]], *, via: bool) -> None:
        """Count one request by its URL shape: the path and its query's names, sorted
        (``/api/v1/incidents?since``), so a cache's origin load can be read per shape;
        ``via``: it came through an intermediary (RFC 9110 §7.6.3), as a cache's do."""
        shape = path + ("?" + "&".join(sorted(query)) if query else "")
        with self._connections_lock:
            self._served[shape, via] += 1

    def served(self, via: bool | None = None) -> Counter[str]:
        """Requests answered so far (any status) by URL shape, a copy: all of them, or
        only those that came through an intermediary (``via=True``) or not (False)."""
        with self._connections_lock:
            counts: Counter[str] = Counter()
            for (shape, through), n in self._served.items():
                if via is None or through == via:
                    counts[shape] += n
            return counts

    def track(self, connection: socket.socket, *, open_: bool) -> None:
        with self._connections_lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        """Cut kept-alive connections too: a stopped backend must look stopped."""
        with self._connections_lock:
            connections, self._connections = list(self._connections), set()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: object, client_address: tuple) -> None:
        """A client that went away (or a connection ``stop()`` cut) is not an error worth
        a traceback on the wall's console; anything else is logged with one."""
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError) or (isinstance(exc, ValueError) and "closed file" in str(exc)):
            log.debug("feed connection from %s ended: %r", client_address, exc)
            return
        log.exception("feed request from %s failed", client_address)

    def start(self, name: str) -> threading.Thread:
        thread = threading.Thread(target=self._serve, name=name, daemon=True)
        thread.start()
        return thread

    def _serve(self) -> None:
        self.serve_forever(poll_interval=0.05)  # a short poll makes stop() prompt
