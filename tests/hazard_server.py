"""A real HTTP server on loopback serving public hazard feeds, for the hazard tests.

It serves whatever bodies a test puts at a path (BMKG's quake JSON, an RSS or Atom
list, CAP documents), each with an ETag and a Last-Modified, answers conditional
requests with 304, can answer a path with 429 + Retry-After, and logs every hit (path,
status, the conditional headers sent). The bodies are built by the tests from the
documented shapes (see ``quake`` and ``cap_document``), not copied from BMKG.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Hit:
    path: str
    status: int
    if_none_match: str | None
    if_modified_since: str | None


class HazardServer:
    """``serve(path, body)``; ``throttle(path, seconds)``; ``hits``; use as a context."""

    def __init__(self) -> None:
        self._bodies: dict[str, tuple[bytes, str, str]] = {}
        self._throttled: dict[str, int] = {}
        self._lock = threading.Lock()
        self.hits: list[Hit] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._answer(self)

            def log_message(self, *_args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> HazardServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def serve(self, path: str, body: bytes | str, content_type: str = "application/json") -> None:
        data = body.encode() if isinstance(body, str) else body
        stamp = format_datetime(datetime.now(UTC), usegmt=True)
        with self._lock:
            self._bodies[path] = (data, content_type, stamp)

    def throttle(self, path: str, retry_after_s: int | None) -> None:
        """Answer ``path`` with 429 and this Retry-After (None: serve normally again)."""
        with self._lock:
            if retry_after_s is None:
                self._throttled.pop(path, None)
            else:
                self._throttled[path] = retry_after_s

    def hits_to(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        with self._lock:
            found = self._bodies.get(path)
            wait = self._throttled.get(path)
        etag_sent = handler.headers.get("If-None-Match")
        since_sent = handler.headers.get("If-Modified-Since")
        if wait is not None:
            status, body, headers = 429, b"slow down", {"Retry-After": str(wait)}
        elif found is None:
            status, body, headers = 404, b"not here", {}
        else:
            data, content_type, stamp = found
            etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
            headers = {"ETag": etag, "Last-Modified": stamp, "Content-Type": content_type}
            if etag_sent == etag:
                status, body = 304, b""
            else:
                status, body = 200, data
        with self._lock:
            self.hits.append(Hit(path, status, etag_sent, since_sent))
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


# -- bodies in the documented shapes ------------------------------------------------------


def quake(
    when: str,
    coordinates: str,
    magnitude: str,
    place: str,
    *,
    depth: str = "10 km",
    felt: str | None = None,
    potential: str | None = None,
) -> dict[str, str]:
    """One BMKG ``gempa`` record (Tanggal/Jam/Lintang/Bujur as BMKG words them too)."""
    moment = datetime.fromisoformat(when)
    lat, lon = (float(x) for x in coordinates.split(","))
    record = {
        "Tanggal": moment.strftime("%d %b %Y"),
        "Jam": moment.strftime("%H:%M:%S") + " WIB",
        "DateTime": when,
        "Coordinates": coordinates,
        "Lintang": f"{abs(lat):.2f} {'LS' if lat < 0 else 'LU'}",
        "Bujur": f"{abs(lon):.2f} BT",
        "Magnitude": magnitude,
        "Kedalaman": depth,
        "Wilayah": place,
    }
    if potential is not None:
        record["Potensi"] = potential
    if felt is not None:
        record["Dirasakan"] = felt
    return record


def rss_list(links: list[tuple[str, str]]) -> str:
    """An RSS 2.0 list of CAP documents: (link, pubDate) per item."""
    items = "".join(
        f"<item><title>Peringatan dini</title><link>{escape(link)}</link>"
        f"<pubDate>{escape(date)}</pubDate></item>"
        for link, date in links
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Peringatan Dini Cuaca</title>{items}</channel></rss>"
    )


def atom_list(links: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<entry><id>{escape(link)}</id><updated>{escape(date)}</updated>"
        f'<link rel="alternate" type="application/cap+xml" href="{escape(link)}"/></entry>'
        for link, date in links
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>CAP</title>{entries}</feed>"
    )


def cap_document(
    identifier: str,
    *,
    sent: str = "2026-11-30T09:00:00+08:00",
    expires: str = "2026-11-30T13:00:00+08:00",
    msg_type: str = "Alert",
    status: str = "Actual",
    references: str = "",
    headline_id: str = "Hujan lebat disertai petir",
    headline_en: str = "Heavy rain with lightning",
    area: str = "Samarinda Ulu, Sungai Kunjang",
    polygon: str | None = "-0.45,117.10 -0.45,117.18 -0.52,117.18 -0.52,117.10 -0.45,117.10",
    circle: str | None = None,
    severity: str = "Moderate",
    sender: str = "bmkg@bmkg.go.id",
) -> str:
    """A CAP 1.2 document with an Indonesian and an English info block."""
    refs = f"<references>{escape(references)}</references>" if references else ""
    shapes = ""
    if polygon:
        shapes += f"<polygon>{polygon}</polygon>"
    if circle:
        shapes += f"<circle>{circle}</circle>"

    def info(language: str, headline: str) -> str:
        return (
            f"<info><language>{language}</language><category>Met</category>"
            f"<event>Cuaca</event><urgency>Immediate</urgency><severity>{severity}</severity>"
            f"<certainty>Likely</certainty><effective>{sent}</effective>"
            f"<expires>{expires}</expires><senderName>BMKG</senderName>"
            f"<headline>{escape(headline)}</headline>"
            f"<description>{escape(headline)} pada {escape(area)}</description>"
            f"<area><areaDesc>{escape(area)}</areaDesc>{shapes}</area></info>"
        )

    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
        f"<identifier>{escape(identifier)}</identifier><sender>{escape(sender)}</sender>"
        f"<sent>{sent}</sent><status>{status}</status><msgType>{msg_type}</msgType>"
        f"<scope>Public</scope>{refs}"
        f"{info('id', headline_id)}{info('en', headline_en)}</alert>"
    )
