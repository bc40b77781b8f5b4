"""CAP as agencies really send it: BoM, NTWC/WCATWC, NWS, NOAA, IPAWS, NAAD, BMKG shapes
(tests/cap_documents.py) through the real parser and the rule of what is current."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from cap_documents import (
    KECAMATAN_RINGS,
    WCATWC_URL,
    alert,
    area,
    bmkg_nowcast,
    bom_thunderstorm,
    info,
    ipaws_evacuation,
    naad_atom,
    naad_entry,
    noaa_trailing_commas,
    nws_blizzard,
    wcatwc_tsunami,
)

from maps.alert_layer import alert_items
from wallboard.sources.bmkg import HazardFeedError
from wallboard.sources.cap import current_alerts, parse_alert, parse_document, parse_list

NOON = datetime.fromisoformat("2026-11-30T12:00:00+08:00")
SAMARINDA_RING = "-0.45,117.10 -0.45,117.18 -0.52,117.18 -0.52,117.10 -0.45,117.10"


def parse(text: str, language: str = "id"):
    return parse_document(text.encode(), source="cap", language=language, credit="CAP")


def shown(*texts: str, now: datetime = NOON, **kw) -> list:
    return current_alerts([parse(t)[0] for t in texts], now, **kw)


# -- areas given by name and codes only -----------------------------------------------------


@pytest.mark.parametrize(
    ("document", "place", "codes"),
    [
        (bom_thunderstorm(), "Darling Downs and Granite Belt, Southeast Coast",
         [("AMOC-AreaCode", "QLD_PW010"), ("AMOC-AreaCode", "QLD_PW016")]),
        (wcatwc_tsunami("PAAQ-1-abc123"),
         "Southeast Alaska outer coast from Cape Fairweather to Cape Decision",
         [("UGC", "AKZ025"), ("UGC", "AKZ028")]),
        (ipaws_evacuation(), "Lower Valley, Example County", [("SAME", "006113")]),
    ],
)  # fmt: skip
def test_an_area_given_only_by_geocodes_is_listed_not_dropped(document, place, codes):
    doc, rejected = parse(document)
    [a] = doc.alerts
    assert rejected == ()
    assert a.area == place and list(a.geocodes) == codes
    assert not a.mapped and a.lat is None and a.polygons == () and a.circles == ()
    assert current_alerts([doc], NOON) == [a]
    assert alert_items({"cap": (a,)}) == []  # listed in the panel, nothing drawn


def test_bom_credit_is_the_bureau_and_its_language_falls_back_to_english():
    [a] = parse(bom_thunderstorm())[0].alerts  # an Indonesian wall, an en-AU document
    assert a.headline.startswith("Severe Thunderstorm Warning")
    assert a.credit.startswith("Australian Government Bureau of Meteorology")


# -- updates and cancels ----------------------------------------------------------------------


def test_a_test_update_never_removes_an_actual_alert():
    warning = wcatwc_tsunami("PAAQ-1-abc123")
    drill = wcatwc_tsunami(
        "PAAQ-2-abc124", "Update", f"{WCATWC_URL},PAAQ-1-abc123,2026-11-30T09:00:00+08:00",
        headline="Tsunami Warning test", status="Test",
    )  # fmt: skip
    assert [a.headline for a in shown(warning, drill)] == ["Tsunami Warning"]


def test_an_update_that_cannot_be_shown_keeps_the_alert_it_updates():
    warning = wcatwc_tsunami("PAAQ-1-abc123")
    # its only info says nowhere: refused, so it must not leave an empty wall
    broken = wcatwc_tsunami(
        "PAAQ-2-abc124", "Update", f"{WCATWC_URL},PAAQ-1-abc123,2026-11-30T09:00:00+08:00",
        headline="Tsunami Warning update", areas="",
    )  # fmt: skip
    doc, rejected = parse(broken)
    assert doc.alerts == () and "no area" in rejected[0].problem and not doc.accepted
    assert [a.headline for a in shown(warning, broken)] == ["Tsunami Warning"]


def test_a_reference_naming_the_centre_by_its_id_matches_by_identifier():
    warning = wcatwc_tsunami("PAAQ-1-abc123")
    # NTWC signs with its URL but names itself "PAAQ" in references (CAP-TSU)
    update = wcatwc_tsunami(
        "PAAQ-2-abc124", "Update", "PAAQ,PAAQ-1-abc123,2026-11-30T09:00:00+08:00",
        headline="Tsunami Advisory",
    )  # fmt: skip
    assert [a.headline for a in shown(warning, update)] == ["Tsunami Advisory"]
    cancel = wcatwc_tsunami("PAAQ-3-abc125", "Cancel", "PAAQ,PAAQ-2-abc124,2026-11-30T10:00:00Z")
    assert shown(warning, update, cancel) == []


def test_an_ambiguous_identifier_from_another_sender_is_not_guessed():
    mine = wcatwc_tsunami("1")
    other = alert("1", "someone@else.example", info("Other", area("Elsewhere")))
    update = wcatwc_tsunami("2", "Update", "PAAQ,1,2026-11-30T09:00:00Z", headline="Advisory")
    # two documents are "1": the loose reference matches neither
    assert sorted(a.headline for a in shown(mine, other, update)) == [
        "Advisory", "Other", "Tsunami Warning"]  # fmt: skip


@pytest.mark.parametrize(
    "ending",
    [{"urgency": "Past"}, {"response": "AllClear"}],
)
def test_an_all_clear_ends_the_alert_it_updates(ending):
    storm = alert("sv-1", "w-nws.webmaster@noaa.gov", info("Storm Warning", area("Kidder")))
    clear = alert(
        "sv-2", "w-nws.webmaster@noaa.gov",
        info("The storm warning has been cancelled", area("Kidder"), **ending),
        msg_type="Update", references="w-nws.webmaster@noaa.gov,sv-1,2026-11-30T09:00:00+08:00",
    )  # fmt: skip
    doc, _ = parse(clear)
    assert doc.ends and doc.alerts == ()
    assert shown(storm, clear) == []


# -- shapes -----------------------------------------------------------------------------------


def test_nws_empty_polygon_is_dropped_and_the_codes_kept():
    doc, rejected = parse(nws_blizzard())
    [a] = doc.alerts
    assert a.headline.startswith("Blizzard Warning") and a.polygons == ()
    assert ("UGC", "NDZ035") in a.geocodes and a.area == "Burleigh; Emmons; Kidder"
    assert len(rejected) == 1 and "empty polygon" in rejected[0].problem


def test_noaa_trailing_commas_still_make_the_ring():
    doc, rejected = parse(noaa_trailing_commas())
    [a] = doc.alerts
    assert rejected == ()
    assert a.polygons[0][0] == (38.47, -120.14) == a.polygons[0][-1]
    assert len(a.polygons[0]) == 5


def test_bmkg_open_ring_is_dropped_the_other_kecamatan_kept_and_noted_once():
    doc, rejected = parse(bmkg_nowcast())
    [a] = doc.alerts  # the Indonesian block only
    assert a.headline.startswith("Hujan lebat")
    assert len(a.polygons) == 2  # Samarinda Utara and Palaran; Sungai Kunjang's is open
    assert a.area == ", ".join(name for name, _ring in KECAMATAN_RINGS)
    assert len(rejected) == 1 and "closed ring" in rejected[0].problem
    drawn = alert_items({"cap": (a,)})
    assert [i["label"] for i in drawn] == [a.headline, ""]


# -- time -------------------------------------------------------------------------------------


def test_an_alert_without_expires_leaves_after_the_configured_time():
    doc = alert("x-1", "bmkg@bmkg.go.id", info("Angin kencang", area("Palaran"), expires=None))
    sent = datetime.fromisoformat("2026-11-30T09:00:00+08:00")
    assert len(shown(doc, now=sent + timedelta(hours=23))) == 1
    assert shown(doc, now=sent + timedelta(hours=25)) == []
    assert shown(doc, now=sent + timedelta(hours=5), no_expiry=timedelta(hours=4)) == []


# -- lists ------------------------------------------------------------------------------------


def test_naad_atom_with_cap_inline_is_read():
    body = naad_atom([naad_entry("urn:oid:2.49.0.1.124.1", "2026-11-30T01:00:00Z"),
                      naad_entry("urn:oid:2.49.0.1.124.2", "2026-11-30T01:05:00Z")])  # fmt: skip
    entries = parse_list(body.encode(), "http://127.0.0.1:9/naad/atom.xml")
    assert len(entries) == 2 and all(e.inline is not None for e in entries)
    doc, _ = parse_alert(entries[0].inline, source="cap", language="id", credit="CAP")
    # an Indonesian wall: no Indonesian block, so English before French
    assert [a.headline for a in doc.alerts] == ["rainfall warning in effect"]
    assert doc.alerts[0].area == "City of Ottawa"


def test_a_list_with_entries_but_none_usable_is_a_failure():
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x:1</id>'
        "<updated>2026-11-30T01:00:00Z</updated><content>text only</content></entry></feed>"
    )
    with pytest.raises(HazardFeedError, match="none"):
        parse_list(atom.encode(), "http://h/atom.xml")
    assert parse_list(b'<feed xmlns="http://www.w3.org/2005/Atom"/>', "http://h/a.xml") == []


def rss(item: str) -> bytes:
    return f'<rss version="2.0"><channel><title>x</title>{item}</channel></rss>'.encode()


def test_an_rss_item_without_link_does_not_make_its_guid_a_url():
    base = "http://127.0.0.1:9/feeds/rss.xml"
    opaque = "<item><guid>2.49.0.1.360.0.2026.11.30.1</guid></item>"
    marked = '<item><guid isPermaLink="false">http://h/cap/1.xml</guid></item>'
    with pytest.raises(HazardFeedError):
        parse_list(rss(opaque + marked), base)  # no usable link: never base + "2.49..."
    permalink = "<item><guid>http://h/cap/2.xml</guid></item>"
    assert [e.link for e in parse_list(rss(opaque + permalink), base)] == ["http://h/cap/2.xml"]


# -- smaller things ---------------------------------------------------------------------------


def test_severity_unknown_is_its_own_kind_on_the_map():
    doc, _ = parse(alert("u-1", "x@y", info("Something", area("Palaran", polygons=(
        SAMARINDA_RING,)), severity="Unknown")))  # fmt: skip
    [a] = doc.alerts
    assert a.severity == "unknown"
    assert {i["severity"] for i in alert_items({"cap": (a,)})} == {"unknown"}


def test_identical_info_blocks_are_shown_once():
    block = info("Banjir", area("Palaran", polygons=(SAMARINDA_RING,)), language="id")
    doc, _ = parse(alert("d-1", "x@y", block + block))
    assert len(doc.alerts) == 1


def test_language_fallback_wall_then_english_then_first():
    blocks = (
        info("Avis de pluie", area("Ottawa"), language="fr-CA")
        + info("Rain warning", area("Ottawa"), language="en-CA")
        + info("Peringatan hujan", area("Ottawa"), language="id-ID")
    )
    assert [a.headline for a in parse(alert("l-1", "x@y", blocks))[0].alerts] == [
        "Peringatan hujan"
    ]
    assert [a.headline for a in parse(alert("l-1", "x@y", blocks), "en")[0].alerts] == [
        "Rain warning"
    ]
    french_only = info("Avis de pluie", area("Ottawa"), language="fr-CA") + info(
        "Aviso de lluvia", area("Ottawa"), language="es-MX"
    )
    assert [a.headline for a in parse(alert("l-2", "x@y", french_only))[0].alerts] == [
        "Avis de pluie"
    ]


@pytest.mark.parametrize("scope", ["Private", "Restricted"])
def test_only_public_alerts_are_shown_and_only_they_act(scope):
    private = alert("p-1", "x@y", info("Internal", area("Palaran")), scope=scope)
    assert shown(private) == []
    public = alert("p-0", "x@y", info("Public warning", area("Palaran")))
    cancel = alert("p-2", "x@y", "", msg_type="Cancel", scope=scope,
                   references="x@y,p-0,2026-11-30T09:00:00+08:00")  # fmt: skip
    assert [a.headline for a in shown(public, cancel)] == ["Public warning"]
