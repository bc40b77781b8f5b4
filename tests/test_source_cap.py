"""CAP 1.2 lists and documents -> alerts: language, areas, expiry, updates, cancels, safety."""

from __future__ import annotations

from datetime import datetime

import pytest
from hazard_server import atom_list, cap_document, rss_list

from wallboard.model.alert import AlertKind
from wallboard.sources.bmkg import HazardFeedError
from wallboard.sources.cap import current_alerts, parse_document, parse_list

NOON = datetime.fromisoformat("2026-11-30T12:00:00+08:00")


def doc(identifier: str, language: str = "id", **kw):
    document, rejected = parse_document(
        cap_document(identifier, **kw).encode(), source="cap", language=language, credit="CAP"
    )
    return document, rejected


def test_rss_and_atom_lists_give_absolute_links():
    base = "http://127.0.0.1:9/alerts/rss.xml"
    rss = parse_list(rss_list([("cap/a.xml", "Mon, 30 Nov 2026 01:00:00 +0000")]).encode(), base)
    atom = parse_list(atom_list([("http://h/b.xml", "2026-11-30T01:00:00Z")]).encode(), base)
    assert [e.link for e in rss] == ["http://127.0.0.1:9/alerts/cap/a.xml"]
    assert [e.link for e in atom] == ["http://h/b.xml"]


def test_list_drops_non_http_links_and_refuses_a_list_of_nothing_usable():
    bad = [("javascript:alert(1)", "x"), ("file:///etc/passwd", "y")]
    body = rss_list([*bad, ("/cap/ok.xml", "z")]).encode()
    assert [e.link for e in parse_list(body, "http://h/list.xml")] == ["http://h/cap/ok.xml"]
    # entries, none usable: a broken source, not an empty one
    with pytest.raises(HazardFeedError, match="none"):
        parse_list(rss_list(bad).encode(), "http://h/list.xml")


def test_info_in_the_walls_language_else_english():
    d_id, _ = doc("a1")
    d_en, _ = doc("a1", language="en")
    d_fr, _ = doc("a1", language="fr")
    assert d_id.alerts[0].headline == "Hujan lebat disertai petir"
    assert d_en.alerts[0].headline == "Heavy rain with lightning"
    assert d_fr.alerts[0].headline == "Heavy rain with lightning"  # English before the first


def test_polygon_and_circle_areas():
    d, _ = doc("a2", circle="-0.50,117.15 12.5")
    a = d.alerts[0]
    assert a.kind is AlertKind.AREA and a.severity == "moderate"
    assert len(a.polygons[0]) == 5 and a.circles[0].radius_km == 12.5
    assert a.area == "Samarinda Ulu, Sungai Kunjang"
    assert -0.52 < a.lat < -0.45 and 117.10 < a.lon < 117.18
    only_circle, _ = doc("a3", polygon=None, circle="-0.50,117.15 5")
    assert (only_circle.alerts[0].lat, only_circle.alerts[0].lon) == (-0.5, 117.15)


def test_open_ring_is_dropped_and_the_named_area_kept():
    d, rejected = doc("a4", polygon="-0.45,117.10 -0.45,117.18 -0.52,117.18 -0.52,117.10")
    [a] = d.alerts
    assert a.polygons == () and not a.mapped and a.area == "Samarinda Ulu, Sungai Kunjang"
    assert "closed ring" in rejected[0].problem and "dropped" in rejected[0].problem


def test_expired_alerts_drop():
    d, _ = doc("a5", expires="2026-11-30T11:00:00+08:00")
    assert current_alerts([d], NOON) == []
    assert len(current_alerts([d], datetime.fromisoformat("2026-11-30T10:00:00+08:00"))) == 1


def test_update_replaces_and_cancel_removes_what_they_reference():
    first, _ = doc("w1")
    update, _ = doc(
        "w2", msg_type="Update", references="bmkg@bmkg.go.id,w1,2026-11-30T09:00:00+08:00",
        headline_id="Hujan lebat meluas",
    )  # fmt: skip
    shown = current_alerts([first, update], NOON)
    assert [a.headline for a in shown] == ["Hujan lebat meluas"]
    cancel, _ = doc(
        "w3", msg_type="Cancel", references="bmkg@bmkg.go.id,w2,2026-11-30T09:00:00+08:00"
    )
    assert current_alerts([first, update, cancel], NOON) == []


def test_test_and_exercise_messages_are_not_shown():
    d, _ = doc("t1", status="Exercise")
    assert current_alerts([d], NOON) == []


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol2;</identifier></alert>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<alert><identifier>&x;</identifier></alert>"""


@pytest.mark.parametrize("raw", [BOMB, EXTERNAL, b"<alert><unclosed></alert>", b"", b"{}"])
def test_unsafe_or_malformed_xml_is_refused(raw):
    with pytest.raises(HazardFeedError):
        parse_document(raw, source="cap", language="id", credit="CAP")
    with pytest.raises(HazardFeedError):
        parse_list(raw, "http://h/l.xml")
