"""One blocking poll of one endpoint: conditional GET, timeout, size cap, then decode.

Runs in an executor thread, never on the event loop. Everything that can go wrong on
the wire becomes a :class:`FetchError` whose text names the problem and the URL (never
the token, which travels only in the session's headers).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit, urlunsplit

import msgspec
import requests
import urllib3

from wallboard.feed.decode import Decoded, decode_body
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import FEED_TIME_HEADER, FeedError
from wallboard.poller.backoff import parse_retry_after
from wallboard.poller.cache_age import cache_age
from wallboard.poller.request_errors import describe_local_error, describe_request_error
from wallboard.poller.session import proxy_shown

_CHUNK = 64 * 1024
# The whole exchange may take a few read timeouts (a slow but live server trickling a
# big body), but not forever: a server dribbling one byte per second is a timeout too.
_TOTAL_TIMEOUTS = 4
_ETAG_RE = re.compile(r'^(W/)?"[\x21\x23-\x7e\x80-\xff]*"$')
_ERROR_CODE_RE = re.compile(r"^[a-z0-9_]{1,40}$")
_ERROR_BODY_PEEK = 4096


class FetchError(Exception):
    """A poll that brought nothing usable; ``str(e)`` is the problem, without the source.

    ``retry_after`` holds the seconds a 429/503 asked us to wait, if it said.
    """

    def __init__(
        self, problem: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.status = status
        self.retry_after = retry_after


class CursorExpired(FetchError):
    """The backend no longer remembers our delta cursor (410): fetch in full."""


@dataclass(frozen=True)
class Fetched:
    """What one successful poll brought: 200 with a decoded page, or 304 with nothing."""

    status: int
    url: str
    body_bytes: int
    etag: str | None
    feed_time: datetime | None
    decoded: Decoded | None
    # seconds the answer sat in an HTTP cache (wallboard/poller/cache_age.py): the
    # backend's clock was ``feed_time + cache_age`` when we received it; None: unknown
    cache_age: float | None = 0.0


def describe_size(n: int) -> str:
    """A byte count for people: ``64 MiB``, ``512 KiB`` or ``1000 bytes``."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n} bytes"


def public_url(url: str) -> str:
    """The URL without any user:password part, fit for logs."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def request_url(endpoint: str, cursor: str | None) -> str:
    """The endpoint URL, with ``?since=`` when we hold a delta cursor."""
    if cursor is None:
        return endpoint
    return f"{endpoint}?since={quote(cursor, safe='')}"


def parse_feed_time(value: str | None) -> datetime | None:
    """The backend's clock from ``X-Feed-Time``, or None when absent or unreadable."""
    if not value or len(value) > 64:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None


def fetch_and_decode(
    session: requests.Session,
    lock: threading.Lock,
    abort: threading.Event,
    kind: FeedKind,
    url: str,
    etag: str | None,
    timeout: float,
    max_bytes: int,
    source: str,
    fallback_now: datetime,
) -> Fetched:
    """GET ``url`` (conditionally on ``etag``) and decode a 200's body; blocking.

    Raises FetchError (or CursorExpired for a 410 to a delta request), and lets
    FeedDecodeError through for a body that cannot be used at all. Setting ``abort``
    (the poller is closing) ends a body download between two reads.
    """
    headers = {"If-None-Match": etag} if etag else {}
    shown = public_url(url)
    with lock:  # a Session is not safe for concurrent use from several threads
        if abort.is_set():
            raise FetchError(f"poller closed before requesting {shown}")
        try:
            body, response = _get(session, url, headers, timeout, max_bytes, shown, abort)
        except requests.exceptions.RequestException as exc:
            raise FetchError(describe_request_error(exc, timeout, shown, session, url)) from None
        except OSError as exc:  # requests' own: a ca_file gone since the wall started
            raise FetchError(describe_local_error(exc, session, shown)) from None
    if response.status_code == 304:
        if not etag:
            raise FetchError(f"HTTP 304 to an unconditional request from {shown}", status=304)
        feed_time = parse_feed_time(response.headers.get(FEED_TIME_HEADER))
        age = cache_age(response.headers, feed_time)
        return Fetched(304, url, 0, etag, feed_time, None, age)
    if response.status_code != 200:
        raise _http_error(response, body, kind, url, shown + _answered_by_proxy(session, url))
    feed_time = parse_feed_time(response.headers.get(FEED_TIME_HEADER))
    decoded = decode_body(kind, body, source=source, feed_now=feed_time or fallback_now)
    new_etag = response.headers.get("ETag")
    if new_etag is not None and (len(new_etag) > 256 or not _ETAG_RE.match(new_etag)):
        new_etag = None  # unusable validator: poll unconditionally rather than echo junk
    age = cache_age(response.headers, feed_time)
    return Fetched(200, url, len(body), new_etag, feed_time, decoded, age)


def exchange(
    session: requests.Session,
    lock: threading.Lock,
    abort: threading.Event,
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    headers: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
) -> tuple[int, Mapping[str, str], bytes]:
    """One blocking request for a source adapter (wallboard/sources): the poller's session,
    lock, timeouts, size cap and error wording, without decoding. POSTs ``form`` when given.

    Returns (status, headers, body) whatever the status; raises FetchError when no answer
    came. ``http_error`` words a non-2xx answer like the native feed's.
    """
    shown = public_url(url)
    with lock:
        if abort.is_set():
            raise FetchError(f"poller closed before requesting {shown}")
        try:
            body, response = _get(
                session, url, headers or {}, timeout, max_bytes, shown, abort, data=form
            )
        except requests.exceptions.RequestException as exc:
            raise FetchError(describe_request_error(exc, timeout, shown, session, url)) from None
        except OSError as exc:  # requests' own: a ca_file gone since the wall started
            raise FetchError(describe_local_error(exc, session, shown)) from None
    return response.status_code, response.headers, body


def http_error(status: int, headers: Mapping[str, str], body: bytes, url: str) -> FetchError:
    """The FetchError for a non-2xx answer to ``exchange`` (Retry-After honoured)."""
    retry_after = None
    if status in (429, 503):
        retry_after = parse_retry_after(headers.get("Retry-After"), datetime.now(UTC))
    waiting = f"; Retry-After {retry_after:g} s" if retry_after is not None else ""
    return FetchError(
        f"HTTP {status} from {public_url(url)}{_error_detail(body)}{waiting}",
        status=status,
        retry_after=retry_after,
    )


def _get(
    session: requests.Session,
    url: str,
    headers: dict[str, str],
    timeout: float,
    max_bytes: int,
    shown: str,
    abort: threading.Event,
    data: dict[str, str] | None = None,
) -> tuple[bytes, requests.Response]:
    deadline = time.monotonic() + timeout * _TOTAL_TIMEOUTS
    method = "GET" if data is None else "POST"
    with session.request(
        method, url, headers=headers, data=data, timeout=(timeout, timeout), stream=True
    ) as response:
        ok = response.status_code == 200
        declared = response.headers.get("Content-Length", "")
        if ok and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"response larger than {describe_size(max_bytes)} from {shown}")
        # Error bodies are only peeked at, so a huge 500 page costs nothing.
        limit = max_bytes if ok else _ERROR_BODY_PEEK
        try:
            body = _read_body(response, limit, deadline, abort)
        except _TooLarge:
            if ok:
                raise FetchError(
                    f"response larger than {describe_size(max_bytes)} from {shown}"
                ) from None
            body = b""
        except _Aborted:
            raise FetchError(f"poller closed while reading the body of {shown}") from None
        except _TooSlow:
            total = float(timeout * _TOTAL_TIMEOUTS)
            raise FetchError(f"timed out after {total} s reading the body of {shown}") from None
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(_describe_body_error(exc, timeout, shown)) from None
        return body, response


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


class _Aborted(Exception):
    pass


def _read_body(
    response: requests.Response, limit: int, deadline: float, abort: threading.Event
) -> bytes:
    """The (decompressed) body, read as it arrives so the size and time caps hold.

    ``read1`` returns whatever the socket has, where ``iter_content`` would wait for a
    whole chunk and let a trickling server run past the deadline.
    """
    body = bytearray()
    while chunk := response.raw.read1(_CHUNK, decode_content=True):
        body += chunk
        if len(body) > limit:
            raise _TooLarge
        if time.monotonic() > deadline:
            raise _TooSlow
        if abort.is_set():
            raise _Aborted
    return bytes(body)


def _describe_body_error(exc: urllib3.exceptions.HTTPError, timeout: float, shown: str) -> str:
    if isinstance(exc, urllib3.exceptions.ReadTimeoutError):
        return f"timed out after {float(timeout)} s reading the body of {shown}"
    if isinstance(exc, urllib3.exceptions.ProtocolError):
        return f"connection dropped in the middle of the body from {shown}"
    if isinstance(exc, urllib3.exceptions.DecodeError):
        return f"undecodable Content-Encoding from {shown}"
    return f"reading the body of {shown} failed ({type(exc).__name__})"


def _answered_by_proxy(session: requests.Session, url: str) -> str:
    """`` (through proxy …)`` when a plain-HTTP request went through a proxy: its error
    page (502, 503, 407) may be the proxy's, not the backend's. HTTPS answers come
    through the tunnel from the backend itself."""
    proxy = proxy_shown(session, url) if url.startswith("http://") else None
    return f" (through proxy {proxy})" if proxy else ""


def _http_error(
    response: requests.Response, body: bytes, kind: FeedKind, url: str, shown: str
) -> FetchError:
    status = response.status_code
    detail = _error_detail(body)
    if status == 410 and kind.has_delta and "since=" in url:
        return CursorExpired(f"cursor expired (HTTP 410{detail}) at {shown}", status=410)
    retry_after = None
    if status in (429, 503):
        retry_after = parse_retry_after(response.headers.get("Retry-After"), datetime.now(UTC))
    waiting = f"; Retry-After {retry_after:g} s" if retry_after is not None else ""
    return FetchError(
        f"HTTP {status} from {shown}{detail}{waiting}", status=status, retry_after=retry_after
    )


def _error_detail(body: bytes) -> str:
    """`` (code: message)`` from a FeedError body; backend text is cleaned and cut short."""
    try:
        error = msgspec.json.decode(body, type=FeedError)
    except msgspec.MsgspecError:
        return ""
    if not _ERROR_CODE_RE.match(error.error):
        return ""
    message = "".join(c if c.isprintable() else " " for c in error.message)[:120].strip()
    return f" ({error.error}: {message})" if message else f" ({error.error})"
