"""BMKG quake JSON -> alerts: the documented fields, bad records dropped, bad bodies refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hazard_server import quake

from wallboard.model.alert import AlertKind
from wallboard.sources.bmkg import HazardFeedError, current_quakes, merge_quakes, parse_quakes

LATEST = quake(
    "2026-11-30T01:12:40+00:00",
    "-0.95,117.62",
    "5.4",
    "Pusat gempa berada di laut 30 km Tenggara Kutai Timur",
    depth="12 km",
    felt="III Samarinda, II Bontang",
    potential="Tidak berpotensi tsunami",
)


def body(gempa) -> bytes:
    return json.dumps({"Infogempa": {"gempa": gempa}}).encode()


def test_latest_quake_fields():
    alerts, rejected = parse_quakes(body(LATEST), source="bmkg")
    assert rejected == ()
    [a] = alerts
    assert a.kind is AlertKind.QUAKE
    assert (a.lat, a.lon, a.magnitude, a.depth_km) == (-0.95, 117.62, 5.4, 12.0)
    assert a.sent == datetime(2026, 11, 30, 1, 12, 40, tzinfo=UTC)
    assert a.felt == "III Samarinda, II Bontang"
    assert a.potential == "Tidak berpotensi tsunami"
    assert a.area.startswith("Pusat gempa")
    assert a.credit == "BMKG" and a.source == "bmkg"
    assert a.severity == "moderate"


def test_list_keeps_good_records_and_names_bad_ones():
    bad_coords = dict(LATEST, Coordinates="south,east")
    no_time = {k: v for k, v in LATEST.items() if k != "DateTime"}
    naive = dict(LATEST, DateTime="2026-11-30T01:12:40")
    strong = quake("2026-11-29T20:00:00+00:00", "-3.1,128.2", "7.1", "Laut Banda")
    alerts, rejected = parse_quakes(body([bad_coords, LATEST, no_time, naive, strong]), source="b")
    assert [a.magnitude for a in alerts] == [5.4, 7.1]
    assert [r.index for r in rejected] == [0, 2, 3]
    assert "Coordinates" in rejected[0].problem and "offset" in rejected[2].problem
    assert alerts[1].severity == "extreme"


def test_tsunami_potential_is_extreme():
    wave = dict(LATEST, Potensi="Berpotensi tsunami")
    [a], _ = parse_quakes(body(wave), source="b")
    assert a.severity == "extreme"


def test_same_quake_in_two_files_is_one_alert_with_both_texts():
    terkini = {k: v for k, v in LATEST.items() if k != "Dirasakan"}
    dirasakan = {k: v for k, v in LATEST.items() if k != "Potensi"}
    a, _ = parse_quakes(body([terkini]), source="b")
    b, _ = parse_quakes(body([dirasakan]), source="b")
    [merged] = merge_quakes([a, b])
    assert merged.felt and merged.potential


@pytest.mark.parametrize(
    "raw",
    [b"", b"<html>maintenance</html>", b"[]", b'{"Infogempa": {}}', b'{"Infogempa": {"gempa": 5}}'],
)
def test_unusable_bodies_are_refused_clearly(raw):
    with pytest.raises(HazardFeedError):
        parse_quakes(raw, source="b")


def test_hostile_text_is_one_plain_line():
    nasty = dict(LATEST, Wilayah="<b>x</b>\u202e\n\tline" + "y" * 5000)
    [a], _ = parse_quakes(body(nasty), source="b")
    assert "\n" not in a.area and "\u202e" not in a.area and len(a.area) <= 400


def test_quakes_older_than_three_days_are_history_not_alerts():
    old = quake("2026-11-20T08:00:00+00:00", "-1.2,116.8", "5.9", "Laut Makassar")
    alerts, _ = parse_quakes(body([LATEST, old]), source="bmkg")
    now = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    assert [a.magnitude for a in current_quakes(alerts, now)] == [5.4]
    assert current_quakes(alerts, datetime(2026, 12, 3, 2, 0, tzinfo=UTC)) == []
