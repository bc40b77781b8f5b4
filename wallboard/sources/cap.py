"""CAP 1.2 alert feeds -> Alert records. Pure functions, no network.

A CAP feed is a list (RSS 2.0 ``<item><link>``, or Atom ``<entry><link href>``) of
links to CAP documents, as BMKG publishes its nowcast weather warnings, or an Atom list
with each CAP document inline in its ``<content>`` (as NAAD/Pelmorex's feed does). Each
document is one OASIS CAP 1.2 ``<alert>`` (namespace urn:oasis:names:tc:emergency:cap:1.2;
the element names and rules cited below are the standard's, section 3.2):
identifier, sender, sent, status, msgType, scope, references; one ``<info>`` per
language; each info's ``<area>`` has ``<areaDesc>``, ``<polygon>`` ("lat,lon lat,lon ..."
closed ring, >= 4 pairs), ``<circle>`` ("lat,lon radius_km") and ``<geocode>``
(valueName, value).

As agencies really send it:

- the info blocks shown are those in the wall's language, else English, else the first
  block's language (CAP: ``<language>`` defaults to "en-US"); identical blocks once;
- an area given only by ``<areaDesc>``/``<geocode>`` is kept (listed, not drawn): BoM,
  WCATWC, IPAWS and others send no polygon; the region's own geocodes get its outline
  later (``hazard_relevance``);
- a bad ``<polygon>``/``<circle>`` (an empty ``<polygon/>`` beside geocodes, an open
  ring) is dropped with a note, the rest of the info kept; a pair's trailing comma (as
  some NOAA messages write "38.47,-120.14,") is read as the pair;
- an info with ``<urgency>Past</urgency>`` or ``<responseType>AllClear</responseType>``
  is an all-clear: it ends what its document updates and is not shown itself;
- ``<severity>Unknown</severity>`` (or none) stays "unknown", not "minor".

Which alerts are current (``current_alerts``): see there.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from wallboard.feed.decode import RecordRejection
from wallboard.model.alert import Alert, AlertKind, Circle, clean_text, valid_position
from wallboard.sources.bmkg import HazardFeedError
from wallboard.sources.hazard_xml import child, children, local, parse_xml, text_of

MAX_ENTRIES = 200  # documents taken from one list
MAX_POINTS = 2000  # corners of one polygon
MAX_GEOCODES = 200  # codes of one area
_CAP_SEVERITY = {
    "extreme": "extreme",
    "severe": "severe",
    "moderate": "moderate",
    "minor": "minor",
    "unknown": "unknown",
}
# CAP 1.2 3.2.2: an alert with no <expires> has no end; the wall lets it go after this
DEFAULT_NO_EXPIRY = timedelta(hours=24)


@dataclass(frozen=True)
class FeedEntry:
    """One CAP document of the list: a link to it, or the document inline (Atom
    ``<content>``); ``updated`` is its date as the list says it."""

    link: str
    updated: str
    inline: ET.Element | None = None


@dataclass(frozen=True)
class CapDocument:
    """One CAP <alert>: its key, what it supersedes, and its alerts in our language.

    ``ends``: it carries an all-clear (urgency Past or responseType AllClear) for what it
    updates. ``refused``: info blocks it had in our language that could not be used.
    """

    sender: str
    identifier: str
    status: str
    msg_type: str
    references: frozenset[tuple[str, str]]  # (sender, identifier) it updates or cancels
    alerts: tuple[Alert, ...]
    scope: str = "Public"
    ends: bool = False
    refused: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return (self.sender, self.identifier)

    @property
    def accepted(self) -> bool:
        """Whether it may act on what it references: a public document that brought
        something usable (a Cancel needs no info; an Update must bring alerts or an
        all-clear, else the alert it updates stays)."""
        if self.scope != "Public":
            return False
        if self.msg_type == "Cancel":
            return True
        return bool(self.alerts) or self.ends


def parse_list(body: bytes, base_url: str) -> list[FeedEntry]:
    """The CAP documents of an RSS 2.0 or Atom list: links made absolute (http(s) only)
    and documents inline in an Atom ``<content>``.

    Raises HazardFeedError when the body is no such list, or when it has entries but
    none usable (a broken source must not look healthy with nothing to show).
    """
    root = parse_xml(body)
    name = local(root.tag)
    entries: list[FeedEntry] = []
    if name == "rss":
        channel = child(root, "channel")
        items = children(channel, "item") if channel is not None else []
        for item in items:
            entries.append(FeedEntry(_rss_link(item), text_of(item, "pubDate")))
    elif name == "feed":
        for entry in children(root, "entry"):
            links = children(entry, "link")
            # Prefer the link typed as CAP, then an "alternate"/untyped one.
            links.sort(key=lambda e: "cap" not in e.get("type", ""))
            href = links[0].get("href", "") if links else ""
            updated = text_of(entry, "updated") or text_of(entry, "published")
            entries.append(FeedEntry(href, updated, _inline_alert(entry)))
    elif name == "alert":
        raise HazardFeedError("a CAP document, not a list of them (RSS or Atom)")
    else:
        raise HazardFeedError(f"not an RSS or Atom list (root element {clean_text(name, 40)!r})")
    good = []
    for entry in entries[:MAX_ENTRIES]:
        updated = clean_text(entry.updated, 64)
        if entry.inline is not None:
            good.append(FeedEntry(f"{base_url}#entry-{len(good)}", updated, entry.inline))
            continue
        link = urljoin(base_url, entry.link.strip())
        if entry.link.strip() and urlsplit(link).scheme in ("http", "https"):
            good.append(FeedEntry(link, updated))
    if entries and not good:
        raise HazardFeedError(
            f"{len(entries)} entries, none with a CAP document inline or an http(s) link to one"
        )
    return good


def _rss_link(item: ET.Element) -> str:
    """An item's <link>; its <guid> only when that is itself an absolute http(s) URL
    marked a permalink (RSS 2.0: isPermaLink defaults to true). A guid is an id, never
    resolved against the list's URL into one."""
    link = text_of(item, "link")
    if link:
        return link
    guid = child(item, "guid")
    if guid is None or guid.get("isPermaLink", "true").strip().lower() == "false":
        return ""
    text = (guid.text or "").strip()
    return text if urlsplit(text).scheme in ("http", "https") and urlsplit(text).netloc else ""


def _inline_alert(entry: ET.Element) -> ET.Element | None:
    """The CAP <alert> inside an Atom entry's <content>, if any (NAAD's format)."""
    content = child(entry, "content")
    if content is None:
        return None
    return child(content, "alert")


def parse_document(
    body: bytes, *, source: str, language: str, credit: str
) -> tuple[CapDocument, tuple[RecordRejection, ...]]:
    """One CAP 1.2 document; HazardFeedError when it is not one."""
    return parse_alert(parse_xml(body), source=source, language=language, credit=credit)


def parse_alert(
    root: ET.Element, *, source: str, language: str, credit: str
) -> tuple[CapDocument, tuple[RecordRejection, ...]]:
    """One CAP 1.2 ``<alert>`` element (a document's root, or inline in an Atom list)."""
    if local(root.tag) != "alert":
        raise HazardFeedError("not a CAP <alert> document")
    identifier = text_of(root, "identifier")
    sender = text_of(root, "sender")
    sent_text = text_of(root, "sent")
    if not identifier or not sender or not sent_text:
        raise HazardFeedError("CAP alert without identifier, sender or sent")
    try:
        sent = _cap_time(sent_text, "sent")
    except ValueError as exc:
        raise HazardFeedError(str(exc)) from None
    references = frozenset(_references(text_of(root, "references")))
    chosen = _distinct(_in_language(children(root, "info"), language))
    alerts: list[Alert] = []
    rejected: list[RecordRejection] = []
    ends = False
    refused = 0
    for index, info in enumerate(chosen):
        alert_id = f"cap-{sender}-{identifier}-{index}"
        if _all_clear(info):
            ends = True
            continue
        notes: list[str] = []
        try:
            alerts.append(_info_alert(info, alert_id, source, sent, credit, notes))
        except ValueError as exc:
            refused += 1
            notes.append(str(exc))
        rejected.extend(
            RecordRejection(index, None, f"{clean_text(alert_id, 80)}: {note}") for note in notes
        )
    document = CapDocument(
        sender=sender,
        identifier=identifier,
        status=text_of(root, "status"),
        msg_type=text_of(root, "msgType"),
        references=references,
        alerts=tuple(alerts),
        scope=text_of(root, "scope") or "Public",
        ends=ends,
        refused=refused,
    )
    return document, tuple(rejected)


def current_alerts(
    documents: Iterable[CapDocument], now: datetime, no_expiry: timedelta = DEFAULT_NO_EXPIRY
) -> list[Alert]:
    """The alerts to show at ``now``.

    Shown: documents of status Actual and scope Public (CAP 3.2.1: Restricted and Private
    are not for the public), msgType Alert or Update, not superseded, whose info has not
    expired; an info without ``<expires>`` leaves ``no_expiry`` after it was sent.

    Superseded: a document referenced by an accepted (``CapDocument.accepted``) Update or
    Cancel of the same status, so a Test update never removes an Actual alert and an
    update we cannot show keeps the alert it updates. A reference names (sender,
    identifier); senders are named loosely (WCATWC refers to itself as "PAAQ" while
    signing its documents with a URL), so when no document has the exact pair, the one
    document of that status with that identifier is the one meant (none or several: the
    reference is ignored).
    """
    docs = list(documents)
    by_key = {d.key: d for d in docs}
    by_id: dict[str, list[CapDocument]] = {}
    for d in docs:
        by_id.setdefault(d.identifier, []).append(d)
    superseded: set[tuple[str, str]] = set()
    for doc in docs:
        if doc.msg_type not in ("Update", "Cancel") or not doc.accepted:
            continue
        for ref in doc.references:
            target = by_key.get(ref)
            if target is None:
                same = [d for d in by_id.get(ref[1], []) if d.status == doc.status and d is not doc]
                target = same[0] if len(same) == 1 else None
            if target is not None and target.status == doc.status:
                superseded.add(target.key)
    shown: list[Alert] = []
    for doc in docs:
        if doc.status != "Actual" or doc.scope != "Public":
            continue
        if doc.msg_type not in ("Alert", "Update") or doc.key in superseded:
            continue
        for a in doc.alerts:
            end = a.expires if a.expires is not None else a.sent + no_expiry
            if end > now:
                shown.append(a)
    return sorted(shown, key=lambda a: (a.sent, a.id), reverse=True)


def _in_language(infos: list[ET.Element], language: str) -> list[ET.Element]:
    """The info blocks in the wall's language ("id" matches "id-ID"), else in English,
    else in the first block's language."""

    def lang(info: ET.Element) -> str:
        # CAP 1.2 3.2.2: language defaults to "en-US" when the element is absent
        return (text_of(info, "language") or "en-US").lower()

    for wanted_language in (language.lower(), "en"):
        wanted = [i for i in infos if lang(i).split("-")[0] == wanted_language]
        if wanted:
            return wanted
    if not infos:
        return []
    first = lang(infos[0])
    return [i for i in infos if lang(i) == first]


def _canonical(element: ET.Element) -> tuple:
    return (
        local(element.tag),
        (element.text or "").strip(),
        tuple(sorted(element.attrib.items())),
        tuple(_canonical(sub) for sub in element),
    )


def _distinct(infos: list[ET.Element]) -> list[ET.Element]:
    """Identical info blocks (some senders repeat one) once, in order."""
    seen: set[tuple] = set()
    out = []
    for info in infos:
        key = _canonical(info)
        if key not in seen:
            seen.add(key)
            out.append(info)
    return out


def _all_clear(info: ET.Element) -> bool:
    if text_of(info, "urgency").lower() == "past":
        return True
    return any((r.text or "").strip().lower() == "allclear" for r in children(info, "responseType"))


def _info_alert(
    info: ET.Element, alert_id: str, source: str, sent: datetime, credit: str, notes: list[str]
) -> Alert:
    """One info as an Alert; a bad shape is dropped with a note in ``notes``; ValueError
    when nothing says where it is."""
    polygons: list[tuple[tuple[float, float], ...]] = []
    circles: list[Circle] = []
    places: list[str] = []
    geocodes: list[tuple[str, str]] = []
    for area in children(info, "area"):
        places.append(clean_text(text_of(area, "areaDesc"), 200))
        for element in children(area, "polygon"):
            try:
                polygons.append(_polygon(element.text or ""))
            except ValueError as exc:
                notes.append(f"polygon dropped, the rest kept: {exc}")
        for element in children(area, "circle"):
            try:
                circles.append(_circle(element.text or ""))
            except ValueError as exc:
                notes.append(f"circle dropped, the rest kept: {exc}")
        for code in children(area, "geocode")[:MAX_GEOCODES]:
            name, value = (
                clean_text(text_of(code, "valueName"), 80),
                clean_text(text_of(code, "value"), 80),
            )
            if value:
                geocodes.append((name, value))
    area_text = clean_text(", ".join(dict.fromkeys(p for p in places if p)))
    lat: float | None = None
    lon: float | None = None
    if polygons:
        ring = polygons[0][:-1]  # the closing corner repeats the first
        lat = sum(p[0] for p in ring) / len(ring)
        lon = sum(p[1] for p in ring) / len(ring)
    elif circles:
        lat, lon = circles[0].lat, circles[0].lon
    elif not area_text and not geocodes:
        raise ValueError("no area: no polygon, circle, geocode or areaDesc says where")
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
        severity=_CAP_SEVERITY.get(text_of(info, "severity").lower(), "unknown"),
        onset=_cap_time(onset, "onset") if onset else None,
        expires=_cap_time(expires, "expires") if expires else None,
        urgency=clean_text(text_of(info, "urgency"), 20) or None,
        certainty=clean_text(text_of(info, "certainty"), 20) or None,
        polygons=tuple(polygons),
        circles=tuple(circles),
        area=area_text,
        potential=clean_text(text_of(info, "instruction") or text_of(info, "description")),
        geocodes=tuple(geocodes),
    )


def _polygon(text: str) -> tuple[tuple[float, float], ...]:
    pairs = [p.rstrip(",") for p in text.split() if p.strip(",")]
    if not pairs:
        raise ValueError("an empty polygon")
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
    try:
        radius = float(parts[1])
    except ValueError:
        raise ValueError("a circle's radius is not a number") from None
    if not 0 <= radius <= 5000:
        raise ValueError("a circle's radius must be 0 to 5000 km")
    return Circle(lat, lon, radius)


def _point(text: str) -> tuple[float, float]:
    lat_text, comma, lon_text = text.partition(",")
    if not comma:
        raise ValueError("a point must be 'lat,lon'")
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise ValueError(f"a point is not 'lat,lon': {clean_text(text, 40)!r}") from None
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
    "DEFAULT_NO_EXPIRY",
    "CapDocument",
    "FeedEntry",
    "current_alerts",
    "parse_alert",
    "parse_document",
    "parse_list",
]
