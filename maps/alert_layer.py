"""The store's hazard alerts -> the map page's alert items (``maps.payload.alert_item``).

Pure Python. A quake is its epicentre with magnitude; a warning area is one item per
polygon or circle, the first labelled with the headline. Ids are prefixed with the
source (two feeds may name the same quake).
"""

from __future__ import annotations

from collections.abc import Mapping

from maps.payload import alert_item
from wallboard.model.alert import Alert, AlertKind


def alert_items(alerts: Mapping[str, tuple[Alert, ...]]) -> list[dict[str, object]]:
    """What the page draws for every current alert, oldest first (newest on top)."""
    ordered = sorted((a for items in alerts.values() for a in items), key=lambda a: a.sent)
    items: list[dict[str, object]] = []
    for alert in ordered:
        items.extend(_items_of(alert))
    return items


def _items_of(alert: Alert) -> list[dict[str, object]]:
    key = f"{alert.source}:{alert.id}"
    if alert.kind is AlertKind.QUAKE:
        label = alert.area or alert.headline
        return [alert_item(key, "quake", alert.lat, alert.lon, magnitude=alert.magnitude,
                           label=label, severity=alert.severity)]  # fmt: skip
    items = []
    label = alert.headline  # on the first shape only
    for i, ring in enumerate(alert.polygons):
        corners = ring[:-1] if len(ring) > 3 and ring[0] == ring[-1] else ring
        lat = sum(p[0] for p in corners) / len(corners)
        lon = sum(p[1] for p in corners) / len(corners)
        items.append(
            alert_item(f"{key}#p{i}", "area", lat, lon, polygon=ring, label=label,
                       severity=alert.severity)
        )  # fmt: skip
        label = ""
    for i, c in enumerate(alert.circles):
        items.append(
            alert_item(f"{key}#c{i}", "area", c.lat, c.lon, radius_m=c.radius_km * 1000.0,
                       label=label, severity=alert.severity)
        )  # fmt: skip
        label = ""
    return items


__all__ = ["alert_items"]
