"""BMKG's open earthquake feeds (JSON) -> Alert records. Pure functions, no network.

BMKG publishes three files under https://data.bmkg.go.id/DataMKG/TEWS/ (listed in
BMKG's own repository infoBMKG/data-gempabumi, README "Data Gempabumi Terbuka BMKG"):

- ``autogempa.json``: the latest quake, ``{"Infogempa": {"gempa": {...}}}`` (one object);
- ``gempaterkini.json``: the 15 latest quakes of M 5.0+, ``{"Infogempa": {"gempa": [...]}}``;
- ``gempadirasakan.json``: the 15 latest felt quakes, same envelope as a list.

Fields of one ``gempa`` (the README's PHP example reads Tanggal, Jam, DateTime,
Magnitude, Kedalaman, Lintang, Bujur, Wilayah, Potensi, Dirasakan; the JSON flattens
the XML's ``point/coordinates`` into ``Coordinates``, documented by the bmkg_gempa
package on pub.dev as "gabungan latitude kemudian longitude", and ``DateTime`` as UTC
"+00:00"):

- ``DateTime``: ISO 8601 with offset, e.g. "2026-11-30T01:12:40+00:00" (Tanggal/Jam are
  the same moment in WIB words, not used);
- ``Coordinates``: "lat,lon" in decimal degrees, e.g. "-0.95,117.62" (Lintang/Bujur are
  the same as "0.95 LS"/"117.62 BT", not used);
- ``Magnitude``: a string, e.g. "5.2";
- ``Kedalaman``: depth as "10 km";
- ``Wilayah``: the place ("Pusat gempa berada di laut 30 km Tenggara Kutai Timur");
- ``Potensi`` (autogempa, gempaterkini): tsunami potential, e.g. "Tidak berpotensi tsunami";
- ``Dirasakan`` (autogempa, gempadirasakan): MMI by place, e.g. "III Samarinda, II Bontang";
- ``Shakemap`` (autogempa): an image name, not used.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from wallboard.feed.decode import RecordRejection
from wallboard.model.alert import Alert, AlertKind, clean_text, valid_position

CREDIT = "BMKG"
FEEDS = ("autogempa.json", "gempaterkini.json", "gempadirasakan.json")
MAX_QUAKES = 100  # BMKG lists 15; more is not a BMKG file


class HazardFeedError(ValueError):
    """A hazard feed body that cannot be used at all; the text says why."""


def parse_quakes(body: bytes, *, source: str) -> tuple[list[Alert], tuple[RecordRejection, ...]]:
    """The quakes of one BMKG JSON body, and the records dropped (with why).

    Raises HazardFeedError when the body is not BMKG's ``Infogempa`` envelope.
    """
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise HazardFeedError(f"not JSON ({type(exc).__name__})") from None
    info = data.get("Infogempa") if isinstance(data, dict) else None
    gempa = info.get("gempa") if isinstance(info, dict) else None
    if isinstance(gempa, dict):
        records: list[object] = [gempa]  # autogempa.json: the latest quake alone
    elif isinstance(gempa, list):
        records = gempa[:MAX_QUAKES]
    else:
        raise HazardFeedError("no Infogempa.gempa object or list (not a BMKG quake feed)")
    alerts: list[Alert] = []
    rejected: list[RecordRejection] = []
    for index, record in enumerate(records):
        try:
            alerts.append(quake(record, source=source))
        except ValueError as exc:
            rejected.append(RecordRejection(index, None, str(exc)))
    return alerts, tuple(rejected)


def quake(record: object, *, source: str) -> Alert:
    """One ``gempa`` object as an Alert; ValueError names what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("a quake must be a JSON object")
    sent = _datetime(record.get("DateTime"))
    lat, lon = _coordinates(record.get("Coordinates"))
    magnitude = _number(record.get("Magnitude"), "Magnitude")
    depth = _depth(record.get("Kedalaman"))
    potential = clean_text(record.get("Potensi"))
    place = clean_text(record.get("Wilayah"))
    return Alert(
        # BMKG gives no id: the origin time and epicentre name one quake in all three files
        id=f"bmkg-{sent.astimezone(UTC):%Y%m%dT%H%M%SZ}-{lat:.2f},{lon:.2f}",
        source=source,
        kind=AlertKind.QUAKE,
        headline=place,
        sent=sent,
        onset=sent,
        lat=lat,
        lon=lon,
        credit=CREDIT,
        severity=quake_severity(magnitude, potential),
        magnitude=magnitude,
        depth_km=depth,
        area=place,
        felt=clean_text(record.get("Dirasakan")),
        potential=potential,
    )


def quake_severity(magnitude: float, potential: str) -> str:
    """Our own scale for the map's colours (BMKG gives none): a tsunami potential is
    extreme; else M 7+ extreme, M 6+ severe, M 5+ moderate, below minor."""
    words = potential.lower()
    if "tsunami" in words and "tidak" not in words and "no " not in words:
        return "extreme"
    if magnitude >= 7:
        return "extreme"
    if magnitude >= 6:
        return "severe"
    return "moderate" if magnitude >= 5 else "minor"


# BMKG's list of recent M5+ quakes can reach back weeks: older ones are history, not alerts
QUAKE_SHOWN_FOR = timedelta(hours=72)


def current_quakes(alerts: Iterable[Alert], now: datetime) -> list[Alert]:
    """The quakes of the last three days (a wall shows alerts, not the archive)."""
    return [a for a in alerts if now - a.sent <= QUAKE_SHOWN_FOR]


def merge_quakes(groups: Iterable[Iterable[Alert]]) -> list[Alert]:
    """One alert per quake across the three files, the fullest text of each kept,
    newest first."""
    merged: dict[str, Alert] = {}
    for group in groups:
        for alert in group:
            held = merged.get(alert.id)
            if held is None:
                merged[alert.id] = alert
                continue
            merged[alert.id] = _fuller(held, alert)
    return sorted(merged.values(), key=lambda a: (a.sent, a.id), reverse=True)


def _fuller(a: Alert, b: Alert) -> Alert:
    return replace(
        a,
        felt=a.felt or b.felt,
        potential=a.potential or b.potential,
        area=a.area if len(a.area) >= len(b.area) else b.area,
        headline=a.headline if len(a.headline) >= len(b.headline) else b.headline,
        depth_km=a.depth_km if a.depth_km is not None else b.depth_km,
    )


def _datetime(value: object) -> datetime:
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("DateTime must be an ISO 8601 string")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError("DateTime is not ISO 8601") from None
    if parsed.utcoffset() is None:
        raise ValueError("DateTime has no UTC offset")
    return parsed


def _coordinates(value: object) -> tuple[float, float]:
    if not isinstance(value, str) or value.count(",") != 1 or len(value) > 60:
        raise ValueError("Coordinates must be 'lat,lon'")
    lat_text, lon_text = value.split(",")
    lat = _number(lat_text, "Coordinates latitude")
    lon = _number(lon_text, "Coordinates longitude")
    if not valid_position(lat, lon):
        raise ValueError("Coordinates out of range")
    return lat, lon


def _number(value: object, name: str) -> float:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ValueError(f"{name} must be a number")
    try:
        number = float(str(value).strip()[:20])
    except ValueError:
        raise ValueError(f"{name} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{name} is not finite")
    return number


def _depth(value: object) -> float | None:
    if value is None:
        return None
    text = str(value).strip().lower().removesuffix("km").strip()
    try:
        depth = float(text[:12])
    except ValueError:
        return None  # an unreadable depth loses the depth, not the quake
    return depth if 0 <= depth <= 1000 else None


__all__ = ["CREDIT", "FEEDS", "HazardFeedError", "merge_quakes", "parse_quakes", "quake"]
