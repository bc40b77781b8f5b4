"""The redacted store facade: the store's read API, redacted copies kept in step by diff.

Built on a real Store fed real pages (what the poller does), no Qt.
"""

from __future__ import annotations

import gc
import inspect
from datetime import UTC, datetime, timedelta

import pytest
import records
from records import WITA

from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import IncidentPage
from wallboard.model import (
    Caller,
    CallTaker,
    CallTakerState,
    Incident,
    IncidentCategory,
    Priority,
    RecordKey,
    UnitStatus,
    WaitingCall,
)
from wallboard.redaction import RedactedStore, snap
from wallboard.store import Store, StoreDiff

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=WITA)
NAME, PHONE, STREET = "Siti Rahayu", "081234567890", "Jl. Juanda No. 17"


def incident(rid: str, version: int = 1, text: str = "Rumah terbakar di Jl. Juanda") -> Incident:
    return records.incident(
        rid,
        version=version,
        updated_at=T0 + timedelta(seconds=version),
        location=records.location(
            -0.48312,
            117.13377,
            address=STREET,
            kelurahan="Air Putih",
            kecamatan="Samarinda Ulu",
            city="Samarinda",
        ),
        description=text,
        caller=Caller(name=NAME, phone=PHONE),
    )


def incidents_page(*items: Incident, full: bool = True, removed=()) -> IncidentPage:
    return records.incident_page(*items, full=full, removed=removed)


def call(rid: str):
    return records.call(rid, caller=Caller(name=NAME, phone=PHONE))


def unit(rid: str, version: int = 1):
    return records.unit(
        rid,
        version=version,
        agency="damkar",
        call_sign="DAMKAR 1",
        type="engine",
        status=UnitStatus.ON_SCENE,
        lat=-0.48312,
        lon=117.13377,
    )


def smd(rid: str) -> RecordKey:
    return RecordKey("smd", rid)


@pytest.fixture
def store() -> Store:
    return Store(wall_clock=lambda: datetime(2026, 11, 28, 1, 0, tzinfo=UTC))


def test_facade_has_every_read_method_and_signal_of_the_store(store):
    writers = {
        "apply",
        "set_reference_incidents",
        "record_attempt",
        "record_success",
        "record_failure",
        "record_quality",
    }
    public = {n for n in dir(Store) if not n.startswith("_")} - writers
    facade = RedactedStore(store)
    missing = {n for n in public if not hasattr(facade, n)}
    assert missing == set(), "views could not read these through the facade"
    for name in ("owned_by", "clock_skew", "feed_now"):
        assert inspect.signature(getattr(facade, name)).parameters.keys() == (
            inspect.signature(getattr(store, name)).parameters.keys()
        )


def test_records_held_before_and_after_the_facade_is_made_are_redacted(store):
    store.apply("smd", FeedKind.INCIDENTS, incidents_page(incident("A")))
    facade = RedactedStore(store, grid_m=500)
    store.apply("smd", FeedKind.INCIDENTS, incidents_page(incident("B"), full=False))
    store.apply("smd", FeedKind.CALLS, records.call_page(call("C1")))
    store.apply("smd", FeedKind.UNITS, records.unit_list(unit("U1")))
    for rid in ("A", "B"):
        shown = facade.incidents[smd(rid)]
        assert shown.caller is None and shown.description == ""
        assert shown.location.address == "" and shown.location.kelurahan == "Air Putih"
        assert (shown.location.lat, shown.location.lon) == snap(-0.48312, 117.13377, 500)
        assert shown.category is IncidentCategory.FIRE and shown.priority is Priority.CRITICAL
    assert facade.calls[smd("C1")].caller is None
    assert facade.calls[smd("C1")].offered_at == T0
    shown_unit = facade.units[smd("U1")]
    assert (shown_unit.position.lat, shown_unit.position.lon) == snap(-0.48312, 117.13377, 500)
    # the store itself still holds everything, for the screens that are not redacted
    assert store.incidents[smd("A")].caller.name == NAME
    assert store.calls[smd("C1")].caller.phone == PHONE


def test_two_backends_records_of_one_id_are_both_redacted_and_kept_apart(store):
    facade = RedactedStore(store)
    store.apply("smd", FeedKind.INCIDENTS, incidents_page(incident("A", text="smd")))
    store.apply("psr", FeedKind.INCIDENTS, incidents_page(incident("A", version=3)))
    store.apply("smd", FeedKind.CALLS, records.call_page(call("C1")))
    store.apply("psr", FeedKind.CALLS, records.call_page(call("C1")))
    assert set(facade.incidents) == {smd("A"), RecordKey("psr", "A")}
    assert facade.incidents[RecordKey("psr", "A")].version == 3
    assert facade.incidents[smd("A")].version == 1
    assert all(i.caller is None for i in facade.incidents.values())
    assert set(facade.calls) == {smd("C1"), RecordKey("psr", "C1")}
    assert all(c.caller is None for c in facade.calls.values())
    # one region's record going leaves the other's copy
    store.apply("psr", FeedKind.INCIDENTS, incidents_page())
    assert set(facade.incidents) == {smd("A")}


def test_changed_fires_after_the_copies_are_up_to_date_with_the_same_diff(store):
    facade = RedactedStore(store)
    seen: list[tuple[StoreDiff, set[RecordKey], str]] = []
    facade.changed.connect(
        lambda d: seen.append((d, set(facade.incidents), facade.incidents[smd("A")].description))
    )
    diff = store.apply("smd", FeedKind.INCIDENTS, incidents_page(incident("A")))
    assert seen == [(diff, {smd("A")}, "")]
    keys: list[str] = []
    facade.freshness_changed.connect(keys.append)
    store.record_attempt("smd/incidents", T0)
    assert keys == ["smd/incidents"]
    assert facade.freshness["smd/incidents"].last_attempt == T0


def test_a_diff_re_redacts_only_the_ids_it_names(store):
    many = [incident(f"I{n:05d}") for n in range(10_000)]
    store.apply("smd", FeedKind.INCIDENTS, incidents_page(*many))
    facade = RedactedStore(store)
    before = dict(facade.incidents)
    assert len(before) == 10_000
    store.apply(
        "smd",
        FeedKind.INCIDENTS,
        incidents_page(incident("I00001", version=2), full=False, removed=("I00002",)),
    )
    after = facade.incidents
    one, two = smd("I00001"), smd("I00002")
    assert after[one] is not before[one] and after[one].version == 2
    assert two not in after
    unchanged = [key for key in after if after[key] is before[key]]
    assert len(unchanged) == 9_998  # the very same copies: nothing else was redone


def test_queue_agencies_and_regions_read_through(store):
    facade = RedactedStore(store)
    queue = records.queue(
        T0,
        waiting=(WaitingCall(call_id="C9", since=T0),),
        call_takers=(
            CallTaker(id="ct1", name="Dewi Lestari", state=CallTakerState.TALKING, since=T0),
        ),
    )
    store.apply("smd", FeedKind.QUEUE, queue)
    agency = records.agency("damkar", short="Damkar", name="Dinas Pemadam Kebakaran")
    store.apply("smd", FeedKind.AGENCIES, records.agency_list(agency))
    info = records.region_info(west=117.0, east=117.3)
    store.apply("smd", FeedKind.INFO, info)
    (taker,) = facade.queues["smd"].call_takers
    assert taker.name == "" and taker.state is CallTakerState.TALKING
    assert facade.queues["smd"].waiting == queue.waiting
    assert facade.agencies[smd("damkar")] == agency
    assert facade.regions["smd"] == info
    assert facade.owned_by("smd", FeedKind.AGENCIES) == {smd("damkar")}
    assert facade.feed_now() == store.feed_now()


def test_a_facade_nobody_holds_any_more_stops_following_the_store(store):
    facade = RedactedStore(store)
    assert len(store.changed) == 1 and len(store.freshness_changed) == 1
    del facade  # a re-tile dropped the screens that used it: psygnal held it weakly
    gc.collect()
    store.apply("smd", FeedKind.INCIDENTS, incidents_page(incident("A")))
    assert len(store.changed) == 0 and len(store.freshness_changed) == 0
