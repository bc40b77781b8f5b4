"""Only the hazards that matter to the region: BMKG-shaped national quake files and CAP
lists through the real poller (configuration -> adapter -> store), the magnitude bands,
felt-in-the-region, distance and direction, geocodes of the region, the count left off."""

from __future__ import annotations

import asyncio
import json
import math
from datetime import UTC, datetime

import pytest
from cap_documents import alert as cap_alert
from cap_documents import area, bmkg_nowcast, geocode_only_samarinda, info, naad_atom, naad_entry
from hazard_server import HazardServer, quake, rss_list

from wallboard.backends import backend_specs
from wallboard.config import ConfigError, settings_from_dict
from wallboard.feed.kinds import HazardKind
from wallboard.poller import Poller
from wallboard.sources.bmkg import parse_quakes
from wallboard.sources.cap import parse_document
from wallboard.sources.hazard_region import load_region
from wallboard.sources.hazard_relevance import Relevance, relevant_areas, relevant_quakes
from wallboard.store import Store

ALERTS = HazardKind.ALERTS
TEWS = "/DataMKG/TEWS"
NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
SAMARINDA = load_region("samarinda")
# the easternmost corner of the project's Samarinda outline (lat, lon)
EAST_EDGE = max((c for ring in SAMARINDA.outline for c in ring), key=lambda c: c[1])


def east_of_region(km: float) -> str:
    """BMKG "lat,lon" of a point ``km`` due east of the region's outline."""
    lat, lon = EAST_EDGE
    return f"{lat:.4f},{lon + km / (111.195 * math.cos(math.radians(lat))):.4f}"


def gempa(*records) -> str:
    return json.dumps({"Infogempa": {"gempa": list(records)}})


NEAR = quake("2026-11-30T01:12:40+00:00", "-0.95,117.62", "5.4", "30 km Tenggara Kutai Timur",
             felt="III Samarinda, II Bontang", potential="Tidak berpotensi tsunami")  # fmt: skip
# the three quakes of the issue: felt only across the strait, and far away
SIGI = quake("2026-11-30T00:50:00+00:00", "-1.38,119.97", "4.1",
             "Pusat gempa berada di darat 12 km BaratDaya Sigi", felt="II Sigi")  # fmt: skip
TANIMBAR = quake("2026-11-29T22:00:00+00:00", "-7.50,131.20", "6.7",
                 "Pusat gempa berada di laut 120 km BaratLaut Kep. Tanimbar")  # fmt: skip
MANGGARAI = quake("2026-11-29T21:00:00+00:00", "-8.60,120.40", "4.6",
                  "Pusat gempa berada di laut 30 km Selatan Manggarai",
                  felt="II Ruteng")  # fmt: skip
# farther than its magnitude's radius, but felt in one of the region's kecamatan
FELT_HERE = quake("2026-11-30T00:10:00+00:00", "-0.20,120.10", "4.8",
                  "Pusat gempa berada di laut Selat Makassar",
                  felt="II Palaran, II Bontang")  # fmt: skip


def settings(url: str, kind: str = "bmkg", **extra) -> dict:
    backend = {"name": kind, "type": kind, "url": url, "poll_interval": 60, **extra}
    return {"backends": [backend]}


def run(raw: dict, name: str) -> Store:
    [spec] = backend_specs(settings_from_dict(raw, source="wall.toml"), {})
    store = Store(wall_clock=lambda: NOW)
    poller = Poller([spec], store, wall_clock=lambda: NOW)
    try:
        asyncio.run(poller.poll_once(name, ALERTS))
    finally:
        poller.close()
    return store


@pytest.fixture
def server():
    with HazardServer() as s:
        yield s


def test_a_national_list_shows_what_matters_here_and_counts_the_rest(server):
    server.serve(f"{TEWS}/autogempa.json", json.dumps({"Infogempa": {"gempa": NEAR}}))
    server.serve(f"{TEWS}/gempaterkini.json", gempa(NEAR, TANIMBAR))
    server.serve(f"{TEWS}/gempadirasakan.json", gempa(NEAR, SIGI, MANGGARAI, FELT_HERE))
    store = run(settings(server.url + TEWS), "bmkg")
    shown = store.alerts["bmkg"]
    assert [a.magnitude for a in shown] == [5.4, 4.8]
    assert store.alerts_left_off["bmkg"] == 3  # Sigi, Tanimbar, Manggarai: counted, not lost
    near, felt = shown
    assert 40 < near.distance_km < 70 and 112.5 <= near.bearing_deg < 157.5  # Tenggara
    assert felt.distance_km > 300  # beyond M4.8's 150 km: shown because felt in Palaran


@pytest.mark.parametrize(
    ("magnitude", "radius"), [("4.9", 150), ("5.0", 300), ("5.9", 300), ("6.0", 600),
                              ("6.9", 600), ("7.0", 1200), ("8.1", 1200)],
)  # fmt: skip
def test_each_magnitude_band_has_its_radius(magnitude, radius):
    inside = quake("2026-11-30T01:00:00+00:00", east_of_region(radius - 10), magnitude, "in")
    outside = quake("2026-11-30T01:00:01+00:00", east_of_region(radius + 10), magnitude, "out")
    alerts, _ = parse_quakes(gempa(inside, outside).encode(), source="bmkg")
    shown, left_off = relevant_quakes(alerts, Relevance(SAMARINDA))
    assert [a.area for a in shown] == ["in"] and left_off == 1
    assert abs(shown[0].distance_km - (radius - 10)) < 3
    assert 67.5 <= shown[0].bearing_deg < 112.5  # Timur


def test_the_radius_table_comes_from_the_configuration(server):
    far = quake("2026-11-30T01:00:00+00:00", east_of_region(250), "4.5", "Selat Makassar")
    server.serve("/one/autogempa.json", json.dumps({"Infogempa": {"gempa": far}}))
    url = server.url + "/one/autogempa.json"
    assert run(settings(url), "bmkg").alerts_left_off["bmkg"] == 1
    wide = settings(url, quake_radius_km=[[0, 400], [6, 800]])
    store = run(wide, "bmkg")
    assert [a.area for a in store.alerts["bmkg"]] == ["Selat Makassar"]
    assert store.alerts_left_off["bmkg"] == 0


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ([[5, 300], [0, 150]], "magnitudes rising"),
        ([[1, 150]], "starting at magnitude 0"),
        ([[0, -5]], "quake_radius_km"),
        ([[0, 150, 3]], "quake_radius_km"),
        ([], "starting at magnitude 0"),
    ],
)
def test_a_bad_radius_table_is_refused_with_its_key(table, problem):
    raw = settings("https://data.bmkg.go.id/DataMKG/TEWS/", quake_radius_km=table)
    with pytest.raises(ConfigError, match=problem):
        settings_from_dict(raw, source="wall.toml")


def test_hazard_keys_belong_to_hazard_backends_only():
    raw = {"backends": [{"name": "kota", "url": "http://10.0.0.5:8112", "no_expiry_hours": 6}]}
    with pytest.raises(ConfigError, match="no_expiry_hours"):
        settings_from_dict(raw, source="wall.toml")
    cap = settings("https://h/rss.xml", "cap", quake_radius_km=[[0, 100]])
    with pytest.raises(ConfigError, match="quake_radius_km"):
        settings_from_dict(cap, source="wall.toml")
    with pytest.raises(ConfigError, match="region"):
        backend_specs(
            settings_from_dict(settings("https://h/x/", region="atlantis"), source="w"), {}
        )


def test_cap_alerts_near_the_region_or_naming_it_by_code_are_shown(server):
    docs = {
        "nowcast": bmkg_nowcast(),  # Samarinda's kecamatan: inside
        "city": geocode_only_samarinda("64.72"),  # the city's own code: drawn as its outline
        "district": geocode_only_samarinda("64.72.05"),  # a kecamatan's code: listed only
        "strait": cap_alert("strait-1", "bmkg@bmkg.go.id", info("Gelombang tinggi", area(
            "Selat Makassar bagian utara", circles=(f"{east_of_region(200)} 60",)),
            language="id", sender_name="BMKG")),  # 140 km from the outline: near
        "jakarta": cap_alert("jkt-1", "bmkg@bmkg.go.id", info("Hujan lebat", area(
            "Jakarta Selatan", polygons=("-6.20,106.75 -6.20,106.85 -6.30,106.85 -6.30,106.75 "
                                         "-6.20,106.75",)), language="id")),
        "faraway": cap_alert("far-1", "x@y", info("Flood", area("Somewhere else"))),
    }  # fmt: skip
    for name, text in docs.items():
        server.serve(f"/cap/{name}.xml", text, "application/cap+xml")
    server.serve("/rss.xml", rss_list([(f"/cap/{n}.xml", "Mon, 30 Nov 2026 01:00:00 +0000")
                                       for n in docs]))  # fmt: skip
    store = run(settings(server.url + "/rss.xml", "cap", no_expiry_hours=48), "cap")
    shown = {a.headline: a for a in store.alerts["cap"]}
    assert sorted(a.headline for a in store.alerts["cap"]) == [
        "Gelombang tinggi",
        "Hujan lebat disertai kilat/petir dan angin kencang",
        "Peringatan dini banjir",
        "Peringatan dini banjir",
    ]
    assert store.alerts_left_off["cap"] == 2  # Jakarta (1,100 km) and an unnamed elsewhere
    floods = sorted((a for a in store.alerts["cap"] if a.headline.startswith("Peringatan")),
                    key=lambda a: a.mapped)  # fmt: skip
    listed, drawn = floods
    assert not listed.mapped and listed.distance_km == 0.0
    assert drawn.polygons == SAMARINDA.outline and drawn.distance_km == 0.0
    assert 130 < shown["Gelombang tinggi"].distance_km < 150


def test_naad_atom_inline_reaches_the_store_and_a_list_of_nothing_usable_fails(server):
    server.serve("/naad.xml", naad_atom([naad_entry("urn:oid:2.49.0.1.124.9",
                                                    "2026-11-30T01:00:00Z")]))  # fmt: skip
    raw = settings(server.url + "/naad.xml", "cap", region="samarinda")
    raw["backends"][0]["alert_radius_km"] = 20_000  # the whole world is near, for this test
    store = run(raw, "cap")
    assert [a.headline for a in store.alerts["cap"]] == ["rainfall warning in effect"]
    assert len(server.hits) == 1  # the document came inline: nothing more was fetched
    # a list whose every document fails is a failed source, not a quiet one
    server.serve("/rss.xml", rss_list([("/cap/gone.xml", "Mon, 30 Nov 2026 01:00:00 +0000")]))
    store = run(settings(server.url + "/rss.xml", "cap"), "cap")
    assert "cap" not in store.alerts
    [fresh] = store.freshness.values()
    assert fresh.consecutive_failures == 1


@pytest.mark.parametrize(
    ("region", "felt", "here"),
    [
        ("samarinda", "III Samarinda, II Bontang", True),
        ("samarinda", "II - III Samarinda Utara", True),  # a kecamatan of the city
        ("samarinda", "II Sungai Kunjang", True),
        ("samarinda", "II Kutai Timur, II Bontang", False),
        ("samarinda", "II Samarindah", False),  # whole words only
        ("paser", "III Penajam Paser Utara", False),  # the neighbouring regency
        ("paser", "II Tanah Grogot, II Kab. Paser", True),
        ("balikpapan", "III Balikpapan", True),
    ],
)
def test_felt_in_the_region_means_one_of_its_own_places(region, felt, here):
    far = quake("2026-11-30T01:00:00+00:00", "-3.10,128.20", "4.0", "Laut Banda", felt=felt)
    alerts, _ = parse_quakes(gempa(far).encode(), source="bmkg")
    shown, left_off = relevant_quakes(alerts, Relevance(load_region(region)))
    assert (len(shown), left_off) == ((1, 0) if here else (0, 1))


@pytest.mark.parametrize(
    ("geocode", "shown"),
    [
        (("kode_wilayah", "64.72"), True),
        (("BPS", "6472"), True),
        (("kode_wilayah", "64"), True),  # the province holds the region
        (("kode_wilayah", "64.72.05"), True),  # a kecamatan of the region
        (("kode_wilayah", "64.71"), False),  # Balikpapan, next door
        (("SAME", "647200"), False),  # a foreign scheme is never compared with ours
        (("FIPS6", "6472"), False),
        (("profile:CAP-CP:Location:0.3", "6472"), False),
        (("kode_wilayah", "6472a"), False),
    ],
)
def test_a_warning_named_by_code_is_the_region_s_only_by_an_indonesian_code(geocode, shown):
    text = cap_alert("g-1", "x@y", info("Banjir", area("Daerah tertentu", geocodes=(geocode,))))
    [alert], _ = parse_document_alerts(text)
    kept, left_off = relevant_areas([alert], Relevance(SAMARINDA))
    assert (len(kept), left_off) == ((1, 0) if shown else (0, 1))
    if shown and geocode[1].replace(".", "") == "6472":
        assert kept[0].polygons == SAMARINDA.outline and kept[0].mapped


def parse_document_alerts(text: str):
    doc, rejected = parse_document(text.encode(), source="cap", language="id", credit="CAP")
    return doc.alerts, rejected


def test_a_bad_ring_is_logged_once_while_the_document_stays(server, caplog):
    server.serve("/cap/nowcast.xml", bmkg_nowcast(), "application/cap+xml")
    server.serve("/rss.xml", rss_list([("/cap/nowcast.xml", "Mon, 30 Nov 2026 01:00:00 +0000")]))
    [spec] = backend_specs(settings_from_dict(settings(server.url + "/rss.xml", "cap"),
                                              source="wall.toml"), {})  # fmt: skip
    clock = [NOW]
    store = Store(wall_clock=lambda: clock[0])
    poller = Poller([spec], store, wall_clock=lambda: clock[0])
    try:
        for _ in range(3):
            asyncio.run(poller.poll_once("cap", ALERTS))
            clock[0] = clock[0].replace(minute=clock[0].minute + 2)
    finally:
        poller.close()
    warned = [r for r in caplog.records if "closed ring" in r.getMessage()]
    assert len(warned) == 1 and warned[0].levelname == "WARNING"
    [shown] = store.alerts["cap"]
    assert len(shown.polygons) == 2  # the two good kecamatan, every poll
