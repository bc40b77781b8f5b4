"""CAP 1.2 alert feeds -> Alert records. Pure functions, no network.

A CAP feed is a list (RSS 2.0 ``<item><link>``, or Atom ``<entry><link href>``) of
links to CAP documents, as BMKG publishes its nowcast weather warnings. Each document
is one OASIS CAP 1.2 ``<alert>`` (namespace urn:oasis:names:tc:emergency:cap:1.2):
identifier, sender, sent, status, msgType, references; one ``<info>`` per language
(we take the wall's language, else the first block's); each info's ``<area>`` has
``<areaDesc>``, ``<polygon>`` ("lat,lon lat,lon ..." closed ring, >= 4 pairs) and
``<circle>`` ("lat,lon radius_km").

Which alerts are current (``current_alerts``): documents with status Actual and
msgType Alert or Update, not referenced by a later Update or Cancel in the feed, whose
info has not expired.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from wallboard.feed.decode import RecordRejection
from wallboard.model.alert import Alert, AlertKind, Circle, clean_text, valid_position
from wallboard.sources.bmkg import HazardFeedError
from wallboard.sources.hazard_xml import child, children, local, parse_xml, text_of

MAX_ENTRIES = 200  # documents taken from one list
MAX_POINTS = 2000  # corners of one polygon
_CAP_SEVERITY = {"extreme": "extreme", "severe": "severe", "moderate": "moderate"}


@dataclass(frozen=True)
class FeedEntry:
    """One CAP document the list links to; ``updated`` is its date as the list says it."""

    link: str
    updated: str


@dataclass(frozen=True)
class CapDocument:
    """One CAP <alert>: its key, what it supersedes, and its alerts in our language."""

    sender: str
    identifier: str
    status: str
    msg_type: str
    references: frozenset[tuple[str, str]]  # (sender, identifier) it updates or cancels
    alerts: tuple[Alert, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.sender, self.identifier)


def parse_list(body: bytes, base_url: str) -> list[FeedEntry]:
    """The CAP document links of an RSS 2.0 or Atom list, absolute, http(s) only."""
    root = parse_xml(body)
    name = local(root.tag)
    entries: list[FeedEntry] = []
    if name == "rss":
        channel = child(root, "channel")
        items = children(channel, "item") if channel is not None else []
        for item in items:
            link = text_of(item, "link") or text_of(item, "guid")
            entries.append(FeedEntry(link, text_of(item, "pubDate")))
    elif name == "feed":
        for entry in children(root, "entry"):
            links = children(entry, "link")
            # Prefer the link typed as CAP, then an "alternate"/untyped one.
            links.sort(key=lambda e: "cap" not in e.get("type", ""))
            href = links[0].get("href", "") if links else ""
            entries.append(FeedEntry(href, text_of(entry, "updated")))
    elif name == "alert":
        raise HazardFeedError("a CAP document, not a list of them (RSS or Atom)")
    else:
        raise HazardFeedError(f"not an RSS or Atom list (root element {clean_text(name, 40)!r})")
    good = []
    for entry in entries[:MAX_ENTRIES]:
        link = urljoin(base_url, entry.link.strip())
        if entry.link.strip() and urlsplit(link).scheme in ("http", "https"):
            good.append(FeedEntry(link, clean_text(entry.updated, 64)))
    return good


def parse_document(
    body: bytes, *, source: str, language: str, credit: str
) -> tuple[CapDocument, tuple[RecordRejection, ...]]:
    """One CAP 1.2 document; HazardFeedError when it is not one."""
    root = parse_xml(body)
    if local(root.tag) != "alert":
        raise HazardFeedError("not a CAP <alert> document")
    identifier = text_of(root, "identifier")
    sender = text_of(root, "sender")
    sent_text = text_of(root, "sent")
    if not identifier or not sender or not sent_text:
        raise HazardFeedError("CAP alert without identifier, sender or sent")
    sent = _cap_time(sent_text, "sent")
    references = frozenset(_references(text_of(root, "references")))
    infos = children(root, "info")
    chosen = _in_language(infos, language)
    alerts: list[Alert] = []
    rejected: list[RecordRejection] = []
    for index, info in enumerate(chosen):
        alert_id = f"cap-{sender}-{identifier}-{index}"
        try:
            alerts.append(_info_alert(info, alert_id, source, sent, credit))
        except ValueError as exc:
            rejected.append(RecordRejection(index, None, f"{clean_text(alert_id, 80)}: {exc}"))
    document = CapDocument(
        sender=sender,
        identifier=identifier,
        status=text_of(root, "status"),
        msg_type=text_of(root, "msgType"),
        references=references,
        alerts=tuple(alerts),
    )
    return document, tuple(rejected)


def current_alerts(documents: Iterable[CapDocument], now: datetime) -> list[Alert]:
    """The alerts to show at ``now``: actual, not updated or cancelled since, not expired."""
    docs = list(documents)
    superseded = {ref for d in docs if d.msg_type in ("Update", "Cancel") for ref in d.references}
    shown: list[Alert] = []
    for doc in docs:
        if doc.status != "Actual" or doc.msg_type not in ("Alert", "Update"):
            continue
        if doc.key in superseded:
            continue
        shown.extend(a for a in doc.alerts if a.is_current(now))
    return sorted(shown, key=lambda a: (a.sent, a.id), reverse=True)


def _in_language(infos: list[ET.Element], language: str) -> list[ET.Element]:
    """The info blocks in the wall's language ("id" matches "id-ID"), else the first's."""

    def lang(info: ET.Element) -> str:
        # CAP: language defaults to "en-US" when the element is absent
        return (text_of(info, "language") or "en-US").lower()

    wanted = [i for i in infos if lang(i).split("-")[0] == language.lower()]
    if wanted or not infos:
        return wanted
    first = lang(infos[0])
    return [i for i in infos if lang(i) == first]


def _info_alert(info: ET.Element, alert_id: str, source: str, sent: datetime, credit: str) -> Alert:
    polygons: list[tuple[tuple[float, float], ...]] = []
    circles: list[Circle] = []
    places: list[str] = []
    for area in children(info, "area"):
        places.append(clean_text(text_of(area, "areaDesc"), 200))
        polygons.extend(_polygon(p.text or "") for p in children(area, "polygon"))
        circles.extend(_circle(c.text or "") for c in children(area, "circle"))
    if polygons:
        ring = polygons[0][:-1]  # the closing corner repeats the first
        lat = sum(p[0] for p in ring) / len(ring)
        lon = sum(p[1] for p in ring) / len(ring)
    elif circles:
        lat, lon = circles[0].lat, circles[0].lon
    else:
        raise ValueError("no polygon or circle to place it on the map")
    onset = text_of(info, "onset") or text_of(info, "effective")
    expires = text_of(info, "expires")
    headline = clean_text(text_of(info, "headline") or text_of(info, "event"))
    return Alert(
        id=alert_id,
        source=source,
        kind=AlertKind.AREA,
        headline=headline,
        sent=sent,
        lat=lat,
        lon=lon,
        credit=clean_text(text_of(info, "senderName"), 80) or credit,
        severity=_CAP_SEVERITY.get(text_of(info, "severity").lower(), "minor"),
        onset=_cap_time(onset, "onset") if onset else None,
        expires=_cap_time(expires, "expires") if expires else None,
        urgency=clean_text(text_of(info, "urgency"), 20) or None,
        certainty=clean_text(text_of(info, "certainty"), 20) or None,
        polygons=tuple(polygons),
        circles=tuple(circles),
        area=clean_text(", ".join(p for p in places if p)),
        potential=clean_text(text_of(info, "instruction") or text_of(info, "description")),
    )


def _polygon(text: str) -> tuple[tuple[float, float], ...]:
    pairs = text.split()
    if not 4 <= len(pairs) <= MAX_POINTS:
        raise ValueError("a polygon needs 4 or more 'lat,lon' pairs (a closed ring)")
    ring = tuple(_point(p) for p in pairs)
    if ring[0] != ring[-1]:
        raise ValueError("a polygon's first and last pairs must be the same (a closed ring)")
    return ring


def _circle(text: str) -> Circle:
    parts = text.split()
    if len(parts) != 2:
        raise ValueError("a circle must be 'lat,lon radius_km'")
    lat, lon = _point(parts[0])
    radius = float(parts[1])
    if not 0 <= radius <= 5000:
        raise ValueError("a circle's radius must be 0 to 5000 km")
    return Circle(lat, lon, radius)


def _point(text: str) -> tuple[float, float]:
    lat_text, comma, lon_text = text.partition(",")
    if not comma:
        raise ValueError("a point must be 'lat,lon'")
    lat, lon = float(lat_text), float(lon_text)
    if not valid_position(lat, lon):
        raise ValueError("a point is out of range")
    return (lat, lon)


def _references(text: str) -> Iterable[tuple[str, str]]:
    """CAP references: space-separated "sender,identifier,sent" triples."""
    for triple in text.split():
        parts = triple.split(",")
        if len(parts) == 3:
            yield (parts[0], parts[1])


def _cap_time(text: str, name: str) -> datetime:
    """A CAP dateTime ("2026-11-30T10:15:00+08:00"); an RSS date is accepted too."""
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            raise ValueError(f"{name} is not a date-time") from None
    if parsed.utcoffset() is None:
        raise ValueError(f"{name} has no UTC offset")
    return parsed


__all__ = [
    "CapDocument",
    "FeedEntry",
    "current_alerts",
    "parse_document",
    "parse_list",
]
