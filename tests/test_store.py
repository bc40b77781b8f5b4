"""The store: merging pages by version and by backend, diffs, signals, failures."""

from __future__ import annotations

from datetime import datetime, timedelta

import msgspec
import pytest
import records
from hypothesis import given, settings
from hypothesis import strategies as st
from records import WITA

from wallboard.feed.decode import decode_body
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import IncidentPage
from wallboard.model import AgencyKind, Incident, IncidentStatus, RecordKey, Unit, WaitingCall
from wallboard.store import KindDiff, StoreDiff
from wallboard.store.store import Store

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=WITA)


def incident(rid: str, version: int, status: IncidentStatus = IncidentStatus.NEW) -> Incident:
    return records.incident(
        rid,
        version=version,
        status=status,
        status_times={IncidentStatus.NEW: T0},
        updated_at=T0 + timedelta(seconds=version),
        description=f"revision {version}",
    )


def full(*items: Incident, cursor: str = "1") -> IncidentPage:
    return records.incident_page(*items, cursor=cursor)


def delta(*items: Incident, removed: tuple[str, ...] = (), cursor: str = "2") -> IncidentPage:
    return records.incident_page(*items, cursor=cursor, full=False, removed=removed)


def unit(rid: str, version: int) -> Unit:
    return records.unit(rid, version=version, agency="BPBD", type="rescue")


def held(store: Store) -> dict[str, int]:
    """The incidents held, as "backend/id" -> version."""
    return {key.text: rec.version for key, rec in store.incidents.items()}


def keys(*texts: str) -> frozenset[RecordKey]:
    """Record keys from their text, "smd/A"."""
    return frozenset(RecordKey.parse(t) for t in texts)


def smd(rid: str) -> RecordKey:
    return RecordKey("smd", rid)


@pytest.fixture
def store():
    return Store(wall_clock=lambda: T0)


@pytest.fixture
def emitted(store):
    diffs: list[StoreDiff] = []
    store.changed.connect(diffs.append)
    return diffs


def test_a_full_page_adds_and_emits_one_diff(store, emitted):
    diff = store.apply("smd", FeedKind.INCIDENTS, full(incident("A", 1), incident("B", 2)))
    assert diff.incidents == KindDiff(added=keys("smd/A", "smd/B"))
    assert diff.calls.is_empty and not diff.queue_changed and not diff.is_empty
    assert emitted == [diff]
    assert held(store) == {"smd/A": 1, "smd/B": 2}
    assert store.incidents[smd("B")].description == "revision 2"


def test_the_same_page_twice_gives_an_empty_diff_and_no_signal(store, emitted):
    page = full(incident("A", 1), incident("B", 2))
    store.apply("smd", FeedKind.INCIDENTS, page)
    again = store.apply("smd", FeedKind.INCIDENTS, page)
    assert again.is_empty
    assert len(emitted) == 1


def test_an_older_or_equal_version_changes_nothing(store, emitted):
    store.apply("smd", FeedKind.INCIDENTS, delta(incident("A", 5)))
    assert store.apply("smd", FeedKind.INCIDENTS, delta(incident("A", 3))).is_empty
    assert store.apply("smd", FeedKind.INCIDENTS, delta(incident("A", 5))).is_empty
    assert held(store) == {"smd/A": 5}
    newer = store.apply("smd", FeedKind.INCIDENTS, delta(incident("A", 6, IncidentStatus.CLOSED)))
    assert newer.incidents == KindDiff(changed=keys("smd/A"))
    assert store.incidents[smd("A")].status is IncidentStatus.CLOSED
    assert len(emitted) == 2


def test_a_delta_keeps_what_it_does_not_mention_and_removes_its_removed_ids(store):
    store.apply("smd", FeedKind.INCIDENTS, full(incident("A", 1), incident("B", 2)))
    diff = store.apply("smd", FeedKind.INCIDENTS, delta(incident("C", 3), removed=("A",)))
    assert diff.incidents == KindDiff(added=keys("smd/C"), removed=keys("smd/A"))
    assert held(store) == {"smd/B": 2, "smd/C": 3}


def test_a_full_page_removes_only_this_backends_records(store):
    store.apply("smd", FeedKind.INCIDENTS, full(incident("SMD-1", 1), incident("SMD-2", 2)))
    store.apply("psr", FeedKind.INCIDENTS, full(incident("PSR-1", 1)))
    diff = store.apply("smd", FeedKind.INCIDENTS, full(incident("SMD-2", 2)))
    assert diff.incidents == KindDiff(removed=keys("smd/SMD-1"))
    assert held(store) == {"smd/SMD-2": 2, "psr/PSR-1": 1}
    # An empty full page empties only that backend.
    store.apply("psr", FeedKind.INCIDENTS, full())
    assert held(store) == {"smd/SMD-2": 2}
    assert store.owned_by("smd", FeedKind.INCIDENTS) == {smd("SMD-2")}


def test_a_delta_cannot_remove_another_backends_record(store):
    store.apply("psr", FeedKind.INCIDENTS, full(incident("X", 1)))
    assert store.apply("smd", FeedKind.INCIDENTS, delta(removed=("X",))).is_empty
    assert held(store) == {"psr/X": 1}


def test_two_backends_using_the_same_id_each_keep_their_own_record(store, caplog):
    # two regions' CADs both number from 1: two records, neither overwrites the other
    store.apply("psr", FeedKind.INCIDENTS, full(incident("X", 1)))
    diff = store.apply("smd", FeedKind.INCIDENTS, full(incident("X", 9)))
    assert diff.incidents == KindDiff(added=keys("smd/X"))
    assert held(store) == {"psr/X": 1, "smd/X": 9}
    assert store.incidents[RecordKey("psr", "X")].version == 1
    # a newer revision from one backend changes its own record only
    diff = store.apply("psr", FeedKind.INCIDENTS, delta(incident("X", 2)))
    assert diff.incidents == KindDiff(changed=keys("psr/X"))
    assert held(store) == {"psr/X": 2, "smd/X": 9}
    # one backend's full page without the id, or its delta removing it, leaves the other's
    assert store.apply("smd", FeedKind.INCIDENTS, full()).incidents == KindDiff(
        removed=keys("smd/X")
    )
    assert held(store) == {"psr/X": 2}
    store.apply("smd", FeedKind.INCIDENTS, delta(incident("X", 10)))
    assert store.apply("psr", FeedKind.INCIDENTS, delta(removed=("X",))).incidents == KindDiff(
        removed=keys("psr/X")
    )
    assert held(store) == {"smd/X": 10}
    assert store.owned_by("smd", FeedKind.INCIDENTS) == {smd("X")}
    assert "already held" not in caplog.text  # nothing refused, nothing to warn about


def test_a_late_page_cannot_bring_back_a_removed_record(store):
    store.apply("smd", FeedKind.INCIDENTS, delta(incident("A", 4)))
    store.apply("smd", FeedKind.INCIDENTS, delta(removed=("A",)))
    assert store.apply("smd", FeedKind.INCIDENTS, delta(incident("A", 4))).is_empty
    assert smd("A") not in store.incidents
    back = store.apply("smd", FeedKind.INCIDENTS, delta(incident("A", 8)))
    assert back.incidents.added == {smd("A")}


def test_removed_and_resent_in_one_page_counts_as_changed(store):
    store.apply("smd", FeedKind.INCIDENTS, delta(incident("A", 1)))
    diff = store.apply("smd", FeedKind.INCIDENTS, delta(incident("A", 2), removed=("A",)))
    assert diff.incidents == KindDiff(changed=keys("smd/A"))
    assert held(store) == {"smd/A": 2}


def test_a_record_rejected_from_a_full_page_keeps_its_last_good_version(store):
    store.apply("smd", FeedKind.INCIDENTS, full(incident("A", 1), incident("B", 1)))
    raw = msgspec.json.decode(msgspec.json.encode(full(incident("A", 2), incident("B", 2))))
    raw["items"][0]["priority"] = "urgent"
    decoded = decode_body(
        FeedKind.INCIDENTS, msgspec.json.encode(raw), source="smd/incidents", feed_now=T0
    )
    assert [r.record_id for r in decoded.rejected] == ["A"]
    diff = store.apply("smd", FeedKind.INCIDENTS, decoded)
    assert diff.incidents == KindDiff(changed=keys("smd/B"))
    assert held(store) == {"smd/A": 1, "smd/B": 2}


def test_units_and_agencies_are_always_full_lists(store, emitted):
    store.apply("smd", FeedKind.UNITS, records.unit_list(unit("U1", 1), unit("U2", 1)))
    diff = store.apply("smd", FeedKind.UNITS, records.unit_list(unit("U2", 3)))
    assert diff.units == KindDiff(changed=keys("smd/U2"), removed=keys("smd/U1"))
    assert diff.incidents.is_empty
    assert list(store.units) == [smd("U2")]
    agency = records.agency("BPBD", AgencyKind.DISASTER, name="BPBD Kota Samarinda")
    diff = store.apply("smd", FeedKind.AGENCIES, records.agency_list(agency))
    assert diff.agencies.added == {smd("BPBD")}
    assert store.agencies[smd("BPBD")] is agency


def test_calls_are_merged_like_incidents(store):
    c = records.call("C1", offered=T0)
    answered = msgspec.structs.replace(c, version=2, answered_at=T0 + timedelta(seconds=7))
    store.apply("smd", FeedKind.CALLS, records.call_page(c, cursor="1"))
    diff = store.apply("smd", FeedKind.CALLS, records.call_page(answered, cursor="2", full=False))
    assert diff.calls == KindDiff(changed=keys("smd/C1"))
    assert store.calls[smd("C1")].answered_at == T0 + timedelta(seconds=7)


def test_a_queue_snapshot_replaces_the_older_one_per_backend(store, emitted):
    q1 = records.queue(T0)
    q2 = records.queue(T0 + timedelta(seconds=5), waiting=(WaitingCall(call_id="C", since=T0),))
    assert store.apply("smd", FeedKind.QUEUE, q1).queue_changed
    assert store.apply("smd", FeedKind.QUEUE, q2).queue_changed
    assert store.apply("smd", FeedKind.QUEUE, q2).is_empty
    assert store.apply("smd", FeedKind.QUEUE, q1).is_empty  # older: old news
    store.apply("psr", FeedKind.QUEUE, q1)
    assert store.queues == {"smd": q2, "psr": q1}
    assert [d.queue_changed for d in emitted] == [True, True, True]


def test_region_info_is_kept_per_backend(store):
    info = records.region_info()
    assert store.apply("smd", FeedKind.INFO, info).regions_changed
    assert store.apply("smd", FeedKind.INFO, info).is_empty
    assert store.regions["smd"].name == "Kota Samarinda"


def test_a_page_of_the_wrong_kind_is_refused(store):
    with pytest.raises(TypeError, match="units expects UnitList, got IncidentPage"):
        store.apply("smd", FeedKind.UNITS, full(incident("A", 1)))
    assert store.incidents == {} and store.units == {}


def test_views_are_read_only(store):
    store.apply("smd", FeedKind.INCIDENTS, full(incident("A", 1)))
    with pytest.raises(TypeError):
        store.incidents[smd("B")] = incident("B", 1)  # type: ignore[index]
    with pytest.raises(TypeError):
        store.freshness["x"] = None  # type: ignore[index]


def test_failures_touch_freshness_only_never_the_data(store):
    keys: list[str] = []
    store.freshness_changed.connect(keys.append)
    store.apply("smd", FeedKind.INCIDENTS, full(incident("A", 1)))
    store.record_attempt("smd/incidents", T0)
    store.record_success("smd/incidents", T0 + timedelta(seconds=1), None)
    for n in range(3):
        store.record_failure("smd/incidents", T0 + timedelta(seconds=10 + n), "HTTP 503")
    f = store.freshness["smd/incidents"]
    assert f.consecutive_failures == 3
    assert f.last_error == "HTTP 503" and f.last_error_at == T0 + timedelta(seconds=12)
    assert f.last_success == T0 + timedelta(seconds=1) and f.last_attempt == T0
    assert held(store) == {"smd/A": 1}
    assert keys == ["smd/incidents"] * 5
    store.record_success("smd/incidents", T0 + timedelta(seconds=20), None)
    assert store.freshness["smd/incidents"].consecutive_failures == 0


def test_a_huge_error_message_is_clipped(store):
    store.record_failure("smd/queue", T0, "x" * 1_000_000)
    assert len(store.freshness["smd/queue"].last_error) <= 500


# -- property: order and duplicates do not matter -------------------------------------

IDS = ["A", "B", "C", "D", "E"]
revision = st.tuples(st.sampled_from(IDS), st.integers(min_value=0, max_value=30))
pages = st.lists(st.lists(revision, min_size=0, max_size=6), min_size=1, max_size=12)


def as_page(revisions: list[tuple[str, int]]) -> IncidentPage:
    return delta(*(incident(rid, v) for rid, v in revisions))


@settings(max_examples=150, deadline=None)
@given(pages=pages, data=st.data())
def test_any_order_with_duplicates_ends_at_each_ids_max_version(pages, data):
    sequence = data.draw(st.permutations(pages + data.draw(st.lists(st.sampled_from(pages)))))
    shuffled, ordered = Store(), Store()
    for revisions in sequence:
        shuffled.apply("smd", FeedKind.INCIDENTS, as_page(revisions))
    for revisions in sorted(pages, key=lambda rs: max((v for _, v in rs), default=-1)):
        ordered.apply("smd", FeedKind.INCIDENTS, as_page(revisions))
    expected: dict[str, int] = {}
    for revisions in pages:
        for rid, v in revisions:
            expected[f"smd/{rid}"] = max(v, expected.get(f"smd/{rid}", -1))
    assert held(shuffled) == expected
    assert dict(shuffled.incidents) == dict(ordered.incidents)
    # Applying everything again changes nothing.
    for revisions in sequence:
        assert shuffled.apply("smd", FeedKind.INCIDENTS, as_page(revisions)).is_empty


def test_only_a_new_sources_first_poll_start_is_signalled(store):
    # a poll's start shows nothing new for a known source: no view re-judges for it
    keys: list[str] = []
    store.freshness_changed.connect(keys.append)
    store.record_attempt("smd/incidents", T0)
    assert keys == ["smd/incidents"]  # it appears, waiting for its first data
    store.record_success("smd/incidents", T0 + timedelta(seconds=1), None)
    store.record_attempt("smd/incidents", T0 + timedelta(seconds=2))
    assert keys == ["smd/incidents"] * 2
    assert store.freshness["smd/incidents"].last_attempt == T0 + timedelta(seconds=2)
