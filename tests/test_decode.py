"""Decoding feed bodies: good bodies come through typed; bad records are named and dropped.

Bodies are built from real Structs with msgspec, then corrupted the way a broken backend
would corrupt them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import msgspec
import pytest
import records
from records import WITA

from wallboard.feed.decode import Decoded, FeedDecodeError, RecordRejection, decode_body
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import IncidentPage, UnitList
from wallboard.model import (
    AgencyKind,
    Assignment,
    Caller,
    CallRecord,
    CallTaker,
    CallTakerState,
    IncidentCategory,
    IncidentStatus,
    Location,
    Position,
    Priority,
    WaitingCall,
)

NOW = datetime(2026, 11, 28, 14, 30, 0, tzinfo=WITA)
SOURCE = "samarinda/incidents"


def incident(i: int, version: int = 1, **changes):
    t = NOW - timedelta(minutes=30)
    fields = dict(
        category=IncidentCategory.TRAFFIC_ACCIDENT,
        priority=Priority.HIGH,
        status=IncidentStatus.DISPATCHED,
        status_times={IncidentStatus.NEW: t, IncidentStatus.DISPATCHED: t + timedelta(minutes=2)},
        updated_at=t + timedelta(minutes=2),
        location=Location(lat=-0.5022, lon=117.1536, address="Jl. Juanda 12", city="Samarinda"),
        description="Tabrakan motor dan mobil",
        caller=Caller(name="Budi", phone="+6281234567"),
        assignments=(
            Assignment(unit_id="AMB-3", agency_id="DINKES", dispatched_at=t + timedelta(minutes=2)),
        ),
        agency_ids=("DINKES",),
    )
    fields.update(changes)
    return records.incident(f"SMD-{i}", at=t, version=version, **fields)


def incident_body(n: int = 5, *, full: bool = True) -> bytes:
    page = IncidentPage(items=[incident(i, i + 1) for i in range(n)], cursor="42", full=full)
    return msgspec.json.encode(page)


def corrupt(body: bytes, edit) -> bytes:
    """Decode untyped, let ``edit`` break it in place, and encode it again."""
    raw = msgspec.json.decode(body)
    edit(raw)
    return msgspec.json.encode(raw)


def decode(kind: FeedKind, body: bytes, source: str = SOURCE) -> Decoded:
    return decode_body(kind, body, source=source, feed_now=NOW)


def call(i: int, **changes) -> CallRecord:
    fields = dict(answer_s=8, ended_at=NOW - timedelta(minutes=2), version=i + 1) | changes
    return records.call(f"C-{i}", offered=NOW - timedelta(minutes=5), **fields)


def unit(i: int, **changes):
    fields = dict(
        agency="DINKES",
        call_sign=f"Ambulans {i}",
        type="ambulance",
        at=NOW - timedelta(hours=1),
        position=Position(lat=-0.49, lon=117.14, at=NOW - timedelta(seconds=20)),
    )
    fields.update(changes)
    return records.unit(f"AMB-{i}", version=i + 1, **fields)


def queue(**changes):
    fields = dict(
        at=NOW - timedelta(seconds=3),
        waiting=(WaitingCall(call_id="C-9", since=NOW - timedelta(seconds=12)),),
        call_takers=(CallTaker(id="CT-1", name="Sari", state=CallTakerState.TALKING, since=NOW),),
    )
    fields.update(changes)
    return records.queue(**fields)


region = records.region_info


# -- good bodies ----------------------------------------------------------------------


def test_a_good_page_of_every_kind_decodes_to_the_same_records():
    agency = records.agency(
        "DINKES", AgencyKind.MEDICAL, version=3, at=NOW, name="Dinas Kesehatan", short="Dinkes"
    )
    pages = {
        FeedKind.INCIDENTS: records.incident_page(incident(1), incident(2), cursor="7", full=False),
        FeedKind.CALLS: records.call_page(call(1), call(2), cursor="9", removed=["C-0"]),
        FeedKind.UNITS: records.unit_list(unit(1), unit(2, position=None)),
        FeedKind.AGENCIES: records.agency_list(agency),
        FeedKind.QUEUE: queue(),
        FeedKind.INFO: region(),
    }
    for kind, page in pages.items():
        got = decode(kind, msgspec.json.encode(page))
        assert got.rejected == ()
        assert got.page == page, kind


def test_a_timestamp_a_few_minutes_ahead_is_tolerated():
    ahead = incident(1, updated_at=NOW + timedelta(minutes=9))
    body = msgspec.json.encode(IncidentPage(items=[ahead], cursor="1", full=True))
    assert decode(FeedKind.INCIDENTS, body).page.items == [ahead]


# -- whole body unusable --------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"items": [', "samarinda/incidents: malformed JSON: Input data was truncated"),
        (b"", "samarinda/incidents: malformed JSON: Input data was truncated"),
        (b"<html>502 Bad Gateway</html>", "samarinda/incidents: malformed JSON: "),
        (b"[1, 2]", "samarinda/incidents: expected a JSON object, got list"),
        (b'{"cursor": "1", "full": true}', "samarinda/incidents: missing `items` - at `$.items`"),
        (
            b'{"items": {}, "cursor": "1", "full": true}',
            "samarinda/incidents: `items` is not an array",
        ),
        (
            b'{"items": [], "cursor": "1", "full": "yes"}',
            "samarinda/incidents: Expected `bool`, got `str` - at `$.full`",
        ),
        (
            b'{"items": [], "full": true}',
            "samarinda/incidents: Object missing required field `cursor`",
        ),
    ],
)
def test_an_unusable_body_raises_naming_source_and_problem(body, expected):
    with pytest.raises(FeedDecodeError) as err:
        decode(FeedKind.INCIDENTS, body)
    assert str(err.value).startswith(expected)
    assert err.value.source == SOURCE
    assert str(err.value) == f"{err.value.source}: {err.value.problem}"


def test_feed_now_must_be_aware():
    with pytest.raises(ValueError, match="timezone-aware"):
        decode_body(FeedKind.INCIDENTS, incident_body(), source=SOURCE, feed_now=datetime.now())


# -- one bad record among good ones ---------------------------------------------------


def reject_one(edit, index: int = 3) -> tuple[Decoded, RecordRejection]:
    """Corrupt record ``index`` of a five-record page; the other four must survive."""
    body = corrupt(incident_body(5), lambda raw: edit(raw["items"][index]))
    got = decode(FeedKind.INCIDENTS, body)
    assert [r.id for r in got.page.items] == [f"SMD-{i}" for i in range(5) if i != index]
    assert got.page.cursor == "42"
    (rejection,) = got.rejected
    assert rejection.index == index
    return got, rejection


def test_a_wrong_type_rejects_that_record_with_index_id_and_path():
    _, r = reject_one(lambda item: item.update(priority="1"))
    assert str(r) == "record 3 (id 'SMD-3'): Expected `int`, got `str` - at `$.priority`"


def test_a_missing_field_is_named():
    _, r = reject_one(lambda item: item.pop("version"))
    assert r.record_id == "SMD-3"
    assert r.problem == "Object missing required field `version`"


def test_an_unreadable_id_leaves_record_id_empty():
    _, r = reject_one(lambda item: item.update(id=17))
    assert r.record_id is None
    assert str(r) == "record 3: Expected `str`, got `int` - at `$.id`"


def test_an_unknown_enum_value_is_named():
    _, r = reject_one(lambda item: item.update(category="volcano"))
    assert r.problem == "Invalid enum value 'volcano' - at `$.category`"
    _, r = reject_one(lambda item: item["status_times"].update(teleported=NOW.isoformat()))
    assert "'teleported'" in r.problem and "status_times" in r.problem


def test_a_latitude_beyond_the_pole_is_rejected():
    _, r = reject_one(lambda item: item["location"].update(lat=91))
    assert r.problem == "Expected `float` <= 90.0 - at `$.location.lat`"


def test_coordinates_zero_zero_are_rejected():
    _, r = reject_one(lambda item: item["location"].update(lat=0, lon=0))
    assert "coordinates (0, 0)" in r.problem and "location" in r.problem


def test_a_naive_timestamp_is_rejected():
    _, r = reject_one(lambda item: item.update(created_at="2026-11-28T14:00:00"))
    assert "timezone" in r.problem and "$.created_at" in r.problem


def test_a_timestamp_from_the_future_is_rejected_with_field_and_times():
    def edit(item):
        item["status_times"]["new"] = "2031-01-01T00:00:00+08:00"

    _, r = reject_one(edit)
    assert r.problem == (
        "timestamp from the future: status_times.new is 2031-01-01T00:00:00+08:00, "
        f"feed time is {NOW.isoformat()}"
    )


def test_a_future_assignment_time_is_rejected():
    _, r = reject_one(
        lambda item: item["assignments"][0].update(on_scene_at="2031-01-01T00:00:00+08:00")
    )
    assert "assignments[0].on_scene_at" in r.problem


def test_indices_name_positions_in_the_body_even_after_earlier_rejections():
    def edit(raw):
        raw["items"][1]["priority"] = 9  # schema: not a Priority
        raw["items"][3]["location"] = {"lat": 0, "lon": 0}  # plausibility

    got = decode(FeedKind.INCIDENTS, corrupt(incident_body(5), edit))
    assert [(r.index, r.record_id) for r in got.rejected] == [(1, "SMD-1"), (3, "SMD-3")]
    assert [r.reason for r in got.rejected] == ["invalid_field", "absurd_value"]
    assert [r.id for r in got.page.items] == ["SMD-0", "SMD-2", "SMD-4"]


def test_every_record_bad_gives_an_empty_page_not_an_error():
    got = decode(
        FeedKind.INCIDENTS,
        corrupt(incident_body(3), lambda raw: [i.update(version=-1) for i in raw["items"]]),
    )
    assert got.page.items == []
    assert [r.index for r in got.rejected] == [0, 1, 2]
    assert all(r.problem == "Expected `int` >= 0 - at `$.version`" for r in got.rejected)


def test_an_incident_step_out_of_order_is_repaired_within_the_bound_else_dropped():
    t = NOW - timedelta(minutes=30)
    early = Assignment(
        unit_id="AMB-3",
        agency_id="DINKES",
        dispatched_at=t + timedelta(minutes=2),
        en_route_at=t + timedelta(minutes=1, seconds=57),  # the unit's terminal: 3 s early
    )
    skewed = incident(1, assignments=(early,))
    status_late = incident(
        2,
        status_times={IncidentStatus.NEW: t, IncidentStatus.DISPATCHED: t - timedelta(minutes=11)},
    )
    body = msgspec.json.encode(
        IncidentPage(items=[incident(0), skewed, status_late], cursor="8", full=True)
    )
    got = decode(FeedKind.INCIDENTS, body)
    assert [r.id for r in got.page.items] == ["SMD-0", "SMD-1"]
    (fixed,) = got.repaired
    assert (fixed.index, fixed.reasons) == (1, ("incident_step_order",))
    (r,) = got.rejected
    assert (r.index, r.reason) == (2, "beyond_skew_bound")
    assert r.problem.startswith("status_times.dispatched ")


def test_a_record_that_is_not_an_object_is_rejected():
    got = decode(FeedKind.INCIDENTS, corrupt(incident_body(2), lambda raw: raw["items"].append(5)))
    assert [r.id for r in got.page.items] == ["SMD-0", "SMD-1"]
    assert str(got.rejected[0]) == "record 2: Expected `object`, got `int`"


def test_quoted_backend_text_is_short_and_printable():
    evil = "x\x1b[2J" + "A" * 100_000
    _, r = reject_one(lambda item: item.update(category=evil))
    assert len(r.problem) <= 300
    assert "\x1b" not in r.problem
    _, r = reject_one(lambda item: item.update(id="B" * 5000, version="z"))
    assert r.record_id == "B" * 63 + "…"


# -- duplicates -----------------------------------------------------------------------


@pytest.mark.parametrize("order", [(2, 7, 5), (7, 2, 5), (5, 2, 7)])
def test_a_duplicated_id_keeps_the_highest_version_and_older_ones_are_no_error(order):
    items = [incident(1, v, description=f"v{v}") for v in order] + [incident(2, 1)]
    body = msgspec.json.encode(IncidentPage(items=items, cursor="8", full=True))
    got = decode(FeedKind.INCIDENTS, body)
    kept = {r.id: r for r in got.page.items}
    assert kept["SMD-1"].version == 7 and kept["SMD-1"].description == "v7"
    assert len(got.page.items) == 2
    # older revisions are not newer, not rejected
    assert got.rejected == () and got.repaired == ()


@pytest.mark.parametrize("order", [(2, 7, 5), (7, 2, 5), (5, 2, 7)])
def test_a_dropped_newest_revision_lets_no_older_one_win(order):
    """The newest revision is unusable: no older one of the same page takes its place."""
    items = [call(1, version=v) for v in order]
    body = corrupt(
        msgspec.json.encode(records.call_page(*items, cursor="8", full=False)),
        lambda raw: raw["items"][order.index(7)].update(offered_at="yesterday"),
    )
    got = decode(FeedKind.CALLS, body)
    assert got.page.items == []
    (r,) = got.rejected  # the stale revisions are not counted
    assert (r.index, r.record_id, r.reason) == (order.index(7), "C-1", "invalid_field")


def test_a_dropped_older_revision_leaves_the_newest_standing():
    items = [call(1, version=3, answered_at=NOW), call(1, version=2)]
    body = corrupt(
        msgspec.json.encode(records.call_page(*items, cursor="8", full=False)),
        lambda raw: raw["items"][1].update(region=5),
    )
    got = decode(FeedKind.CALLS, body)
    assert [(c.id, c.version) for c in got.page.items] == [("C-1", 3)]


def test_a_newest_revision_beyond_the_skew_bound_lets_no_older_one_win():
    waiting = call(1, version=2, answered_at=None, ended_at=None)
    corrupt_answer = call(1, version=3, answered_at=NOW - timedelta(hours=1))
    got = decode(FeedKind.CALLS, call_body(waiting, corrupt_answer))
    assert got.page.items == []
    assert [(r.record_id, r.reason) for r in got.rejected] == [("C-1", "beyond_skew_bound")]


# -- calls, units, agencies -----------------------------------------------------------


def call_body(*calls: CallRecord) -> bytes:
    return msgspec.json.encode(records.call_page(*calls, cursor="3", full=False))


OFFER = NOW - timedelta(minutes=5)


@pytest.mark.parametrize(
    ("bad", "reason", "problem"),
    [
        (
            call(1, answered_at=OFFER - timedelta(minutes=11)),
            "beyond_skew_bound",
            "answered_at 2026-11-28T14:14:00+08:00 is before offered_at "
            "2026-11-28T14:25:00+08:00 by more than 10 min",
        ),
        (
            call(1, answered_at=None, abandoned_at=OFFER - timedelta(minutes=30)),
            "beyond_skew_bound",
            "abandoned_at ",
        ),
        (
            call(1, ended_at=OFFER - timedelta(minutes=11)),
            "beyond_skew_bound",
            "ended_at 2026-11-28T14:14:00+08:00 is before answered_at 2026-11-28T14:25:08+08:00"
            " by more than 10 min",
        ),
        (
            call(1, ended_at=NOW + timedelta(hours=2)),
            "future_timestamp",
            "timestamp from the future",
        ),
        (
            call(
                1,
                offered_at=NOW - timedelta(days=3),
                answered_at=NOW - timedelta(days=3, seconds=-9),
                ended_at=NOW,
            ),
            "absurd_value",
            "ended_at is over a day after answered_at",
        ),
        (
            call(1, offered_at=NOW - timedelta(days=3), ended_at=None),
            "absurd_value",
            "answered_at is over a day after offered_at",
        ),
    ],
)
def test_an_unusable_call_is_rejected_by_reason(bad, reason, problem):
    got = decode(FeedKind.CALLS, call_body(call(0), bad, call(2)))
    assert [r.id for r in got.page.items] == ["C-0", "C-2"]
    (r,) = got.rejected
    assert (r.index, r.record_id, r.reason) == (1, "C-1", reason)
    assert r.problem.startswith(problem)
    assert got.repaired == ()


@pytest.mark.parametrize(
    ("odd", "reasons"),
    [
        (call(1, answered_at=OFFER - timedelta(seconds=2)), ("step_before_offer",)),
        (
            call(1, answered_at=None, abandoned_at=OFFER - timedelta(minutes=10), ended_at=None),
            ("step_before_offer",),
        ),
        (call(1, abandoned_at=OFFER + timedelta(seconds=30)), ("answered_and_abandoned",)),
        (call(1, ended_at=OFFER + timedelta(seconds=5)), ("end_before_answer",)),
        (
            call(
                1,
                answered_at=OFFER - timedelta(seconds=4),
                abandoned_at=OFFER + timedelta(seconds=1),
                ended_at=OFFER - timedelta(seconds=9),
            ),
            ("step_before_offer", "answered_and_abandoned", "end_before_answer"),
        ),
    ],
)
def test_a_call_a_kpi_rule_can_judge_is_kept_as_sent_and_flagged(odd, reasons):
    got = decode(FeedKind.CALLS, call_body(call(0), odd, call(2)))
    assert got.page.items == [call(0), odd, call(2)]  # kept, timestamps untouched
    assert got.rejected == ()
    (r,) = got.repaired
    assert (r.index, r.record_id, r.reasons) == (1, "C-1", reasons)


def test_a_waiting_call_is_fine():
    waiting = call(1, answered_at=None, ended_at=None)
    assert decode(FeedKind.CALLS, call_body(waiting)).page.items == [waiting]


def test_a_unit_at_zero_zero_is_rejected_and_one_without_position_is_kept():
    stray = unit(2, position=Position(lat=0, lon=0, at=NOW))
    body = msgspec.json.encode(UnitList(items=[unit(1, position=None), stray]))
    got = decode(FeedKind.UNITS, body)
    assert [u.id for u in got.page.items] == ["AMB-1"]
    assert got.rejected[0].record_id == "AMB-2"
    assert "position" in got.rejected[0].problem


def test_an_agency_with_a_bad_link_status_is_rejected():
    agencies = [
        records.agency(f"A{i}", AgencyKind.POLICE, at=NOW, name="Polresta", short="Polri")
        for i in range(3)
    ]
    body = corrupt(
        msgspec.json.encode(records.agency_list(*agencies)),
        lambda raw: raw["items"][0].update(link="flaky"),
    )
    got = decode(FeedKind.AGENCIES, body, source="samarinda/agencies")
    assert [a.id for a in got.page.items] == ["A1", "A2"]
    assert str(got.rejected[0]) == "record 0 (id 'A0'): Invalid enum value 'flaky' - at `$.link`"


# -- queue and region: one record each --------------------------------------------------


def test_a_queue_from_the_future_is_unusable():
    body = msgspec.json.encode(queue(at=NOW + timedelta(hours=1)))
    with pytest.raises(FeedDecodeError, match=r"samarinda/queue: timestamp from the future: at"):
        decode(FeedKind.QUEUE, body, source="samarinda/queue")


def test_a_queue_entry_from_the_future_is_dropped_and_the_rest_kept():
    q = queue(
        waiting=(
            WaitingCall(call_id="C-1", since=NOW - timedelta(seconds=40)),
            WaitingCall(call_id="C-2", since=NOW + timedelta(days=1)),
        )
    )
    got = decode(FeedKind.QUEUE, msgspec.json.encode(q), source="samarinda/queue")
    assert [w.call_id for w in got.page.waiting] == ["C-1"]
    assert got.page.call_takers == q.call_takers
    assert got.rejected[0].record_id == "C-2"
    assert "waiting[1].since" in got.rejected[0].problem


def test_a_queue_with_a_wrong_type_is_unusable():
    body = corrupt(msgspec.json.encode(queue()), lambda raw: raw["call_takers"][0].pop("state"))
    with pytest.raises(FeedDecodeError) as err:
        decode(FeedKind.QUEUE, body, source="samarinda/queue")
    assert str(err.value) == (
        "samarinda/queue: Object missing required field `state` - at `$.call_takers[0]`"
    )


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"timezone": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
        ({"timezone": "../../etc/passwd"}, "unknown time zone"),
        ({"south": 1.0}, "map extent"),
        ({"center_lat": 0.0, "center_lon": 0.0}, "coordinates (0, 0)"),
    ],
)
def test_an_implausible_region_is_unusable(changes, problem):
    with pytest.raises(FeedDecodeError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        decode(FeedKind.INFO, msgspec.json.encode(region(**changes)), source="samarinda/info")


def test_the_garbage_collector_is_back_on_after_success_and_failure():
    import gc

    assert gc.isenabled()
    decode(FeedKind.INCIDENTS, incident_body())
    assert gc.isenabled()
    with pytest.raises(FeedDecodeError):
        decode(FeedKind.INCIDENTS, b"{")
    assert gc.isenabled()
    gc.disable()
    try:
        decode(FeedKind.INCIDENTS, incident_body())
        assert not gc.isenabled()  # a caller who turned it off keeps it off
    finally:
        gc.enable()


def test_status_times_listed_out_of_lifecycle_order_are_judged_by_lifecycle():
    t = NOW - timedelta(minutes=30)
    listed = {
        IncidentStatus.DISPATCHED: t + timedelta(minutes=2),
        IncidentStatus.NEW: t,  # listed second, but in order in time: nothing wrong
    }
    fine = incident(1, status_times=listed)
    early = incident(
        2,
        status_times={IncidentStatus.DISPATCHED: t - timedelta(seconds=5), IncidentStatus.NEW: t},
    )
    body = msgspec.json.encode(IncidentPage(items=[fine, early], cursor="8", full=True))
    got = decode(FeedKind.INCIDENTS, body)
    assert [r.id for r in got.page.items] == ["SMD-1", "SMD-2"]
    assert [(r.record_id, r.reasons) for r in got.repaired] == [("SMD-2", ("incident_step_order",))]
