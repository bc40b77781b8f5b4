"""The map's pure payload functions: records and diffs -> JSON messages for the page."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import records
from record_support import keyed
from records import WITA

from maps.payload import (
    LABEL_MAX,
    PendingBatch,
    alert_item,
    apply_call,
    incident_item,
    js_string_literal,
    unit_item,
)
from wallboard.model import (
    AgencyKind,
    IncidentCategory,
    IncidentStatus,
    Priority,
    RecordKey,
    UnitStatus,
)

NOW = datetime(2026, 11, 28, 14, 30, tzinfo=WITA)
HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned = 2">',
    "`${window.__pwned = 3}`",
    "</script><script>window.__pwned = 4</script>",
    "\u2028\u2029'\"\\",
]


def incident(
    rid: str = "INC-1",
    lat: float = -0.5,
    lon: float = 117.15,
    *,
    category: IncidentCategory = IncidentCategory.FIRE,
    priority: Priority = Priority.CRITICAL,
    status: IncidentStatus = IncidentStatus.NEW,
    description: str = "Rumah terbakar",
    version: int = 1,
):
    """An incident record as the feed would decode it."""
    return records.incident(
        rid,
        at=NOW,
        version=version,
        status=status,
        category=category,
        priority=priority,
        created_at=NOW - timedelta(minutes=12),
        location=records.location(lat, lon, kelurahan="Sidodadi", kecamatan="Samarinda Ulu"),
        description=description,
    )


def unit(
    rid: str = "U-1",
    lat: float | None = -0.49,
    lon: float = 117.14,
    *,
    agency_id: str = "AG-POL",
    status: UnitStatus = UnitStatus.AVAILABLE,
    call_sign: str = "PATROLI 01",
):
    """A unit record; ``lat=None`` gives a unit with no known position."""
    return records.unit(
        rid, agency=agency_id, status=status, call_sign=call_sign, at=NOW, lat=lat, lon=lon
    )


def key(rid: str, backend: str = "smd") -> RecordKey:
    return RecordKey(backend, rid)


def pairs(*records, backend: str = "smd") -> list:
    """(key, record) pairs of one backend, as a store diff hands them over."""
    return [(RecordKey(backend, r.id), r) for r in records]


def keys(*rids: str) -> list[RecordKey]:
    return [RecordKey("smd", r) for r in rids]


def test_incident_item_holds_only_what_the_page_draws():
    item = incident(description="  Rumah\n terbakar  ")
    assert incident_item(key("INC-1"), item) == {
        "id": "smd/INC-1",  # the record's key as text: backend and id
        "lat": -0.5,
        "lon": 117.15,
        "category": "fire",
        "priority": 1,
        "status": "new",
        "label": "Rumah terbakar",
        "place": "Sidodadi",
        "since": int((NOW - timedelta(minutes=12)).timestamp() * 1000),
    }


def test_closed_incident_and_unplaced_unit_are_not_drawn():
    assert incident_item(key("INC-1"), incident(status=IncidentStatus.CLOSED)) is None
    assert unit_item(key("U-1"), unit(lat=None), AgencyKind.POLICE) is None


def test_long_description_is_cut_for_the_tooltip():
    label = incident_item(key("INC-1"), incident(description="x" * 1000))["label"]
    assert len(label) == LABEL_MAX and label.endswith("…")


def test_unit_item_carries_agency_kind_and_status():
    item = unit_item(key("U-1"), unit(status=UnitStatus.ON_SCENE), AgencyKind.MEDICAL)
    assert (item["kind"], item["status"], item["label"]) == ("medical", "on_scene", "PATROLI 01")
    assert unit_item(key("U-1"), unit(), None)["kind"] == ""


def test_batch_coalesces_by_id_latest_word_wins():
    batch = PendingBatch()
    kinds = {key("AG-POL"): AgencyKind.POLICE}
    batch.add_changes(pairs(incident("A"), incident("B")), [], pairs(unit("U1")), [], kinds)
    batch.add_changes(pairs(incident("A", lat=-0.6)), keys("B"), [], keys("U1", "U9"), kinds)
    batch.add_changes(pairs(incident("B", lat=-0.7)), [], [], [], kinds)
    message = batch.take()
    assert message["reset"] is False
    assert {i["id"]: i["lat"] for i in message["upsert_incidents"]} == {
        "smd/A": -0.6,
        "smd/B": -0.7,
    }
    assert message["remove_incidents"] == []
    assert message["upsert_units"] == []
    assert sorted(message["remove_units"]) == ["smd/U1", "smd/U9"]
    assert batch.take() is None


def test_two_backends_records_of_one_id_are_two_markers_and_coloured_by_their_own_agency():
    batch = PendingBatch()
    kinds = {key("AG-1"): AgencyKind.POLICE, key("AG-1", "psr"): AgencyKind.MEDICAL}
    smd_unit, psr_unit = unit("U1", agency_id="AG-1"), unit("U1", lat=-1.9, agency_id="AG-1")
    batch.add_changes(
        [*pairs(incident("A")), *pairs(incident("A", lat=-1.8), backend="psr")],
        [],
        [*pairs(smd_unit), *pairs(psr_unit, backend="psr")],
        [],
        kinds,
    )
    message = batch.take()
    assert {i["id"]: i["lat"] for i in message["upsert_incidents"]} == {
        "smd/A": -0.5,
        "psr/A": -1.8,
    }
    assert {u["id"]: u["kind"] for u in message["upsert_units"]} == {
        "smd/U1": "police",
        "psr/U1": "medical",
    }
    # removing one region's marker leaves the other's
    batch.add_changes([], [key("A", "psr")], [], [], kinds)
    assert batch.take()["remove_incidents"] == ["psr/A"]
    assert RecordKey.parse("psr/A") == key("A", "psr")


def test_closing_an_incident_removes_it():
    batch = PendingBatch()
    batch.add_changes(pairs(incident("A", status=IncidentStatus.CLOSED)), [], [], [], {})
    assert batch.take()["remove_incidents"] == ["smd/A"]


def test_full_state_replaces_whatever_was_pending():
    batch = PendingBatch()
    batch.add_changes(pairs(incident("OLD")), keys("GONE"), [], [], {})
    batch.add_state(keyed([incident("A")]), keyed([unit("U1"), unit("U2", lat=None)]), {})
    batch.add_changes([], keys("A"), [], [], {})
    message = batch.take()
    assert message["reset"] is True
    assert message["upsert_incidents"] == []
    assert [u["id"] for u in message["upsert_units"]] == ["smd/U1"]
    # a reset clears the page, so it sends no removals
    assert message["remove_incidents"] == [] and message["remove_units"] == []


def test_js_string_literal_is_data_in_any_context():
    for text in HOSTILE:
        literal = js_string_literal(text)
        assert json.loads(literal) == text
        assert literal.startswith('"') and literal.endswith('"')
        for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
            assert forbidden not in literal


def test_apply_call_is_one_fixed_function_call_with_a_string():
    message = PendingBatch()
    message.add_changes(pairs(*[incident(description=t) for t in HOSTILE]), [], [], [], {})
    call = apply_call(message.take())
    assert call.startswith('window.wb.apply("') and call.endswith('")')
    inner = json.loads(call[len("window.wb.apply(") : -1])
    assert [i["label"] for i in json.loads(inner)["upsert_incidents"]][-1] == " ".join(
        HOSTILE[-1].split()
    )
    assert "</script" not in call and "<img" not in call


def test_messages_carry_the_feed_clock_and_the_regions_day():
    batch = PendingBatch()
    batch.add_changes(pairs(incident("A")), [], [], [], {})
    message = batch.take()
    # no clock given: the newest record time stands in for the feed's clock
    assert message["now"] == int(NOW.timestamp() * 1000)
    midnight = NOW.replace(hour=0, minute=0, second=0, microsecond=0)
    assert message["day_start"] == int(midnight.timestamp() * 1000)
    # a clock in UTC still gives the region's local day (its zone, or the records' offset)
    utc_clock = NOW.astimezone(ZoneInfo("UTC")).replace(hour=17)  # 01:30 WITA, next day
    batch = PendingBatch(clock=lambda: utc_clock, zone=WITA)
    batch.add_changes(pairs(incident("A")), [], [], [], {})
    message = batch.take()
    next_midnight = (midnight + timedelta(days=1)).timestamp() * 1000
    assert message["now"] == int(utc_clock.timestamp() * 1000)
    assert message["day_start"] == int(next_midnight)


def test_alerts_are_sent_whole_and_only_when_set():
    batch = PendingBatch()
    quake = alert_item("Q1", "quake", -0.5, 117.1, magnitude=5.6, label=" Gempa\n M5.6 ")
    batch.set_alerts([quake])
    message = batch.take()
    assert message["alerts"] == [
        {
            "id": "Q1",
            "kind": "quake",
            "lat": -0.5,
            "lon": 117.1,
            "radius_m": 0.0,
            "polygon": None,
            "magnitude": 5.6,
            "label": "Gempa M5.6",
            "severity": "minor",
        }
    ]
    assert message["upsert_incidents"] == [] and "now" not in message
    batch.add_changes(pairs(incident("A")), [], [], [], {})
    assert "alerts" not in batch.take()  # not set again: the page keeps what it has
    batch.set_alerts([])
    assert batch.take()["alerts"] == []  # an empty list clears them
