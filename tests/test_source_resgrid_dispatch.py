"""Resgrid dispatch times and assignments from each call's own record
(``GetCallExtraData``), end to end: the Resgrid-shaped server on loopback -> the real
poller -> a real Store. True turnout (the status Resgrid sets at dispatch is not a crew
turning out), released units, group dispatches, scheduled calls, a restart, and asking
only about calls that changed."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from record_support import by_id
from resgrid_server import (
    EXTRA_PATH,
    ResgridServer,
    call,
    extra_data,
    group,
    group_dispatch,
    scheduled,
    status,
    unit_activity,
    unit_dispatch,
    unit_status,
    unit_type_statuses,
)

from wallboard.feed.kinds import FeedKind
from wallboard.model import IncidentStatus, UnitStatus
from wallboard.poller import BackendSpec, Poller
from wallboard.sources.resgrid_assignments import PER_POLL
from wallboard.store import Store

NAME = "rg"
T0 = datetime(2026, 11, 30, 2, 2, 3, 123456, tzinfo=UTC)  # call 501 logged (and dispatched)
KINDS = (FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES)
RESPONDING, ON_SCENE, RELEASED = 5, 6, 10  # UnitStateTypes
ARRIVED = 4130  # a custom unit status (CustomStateDetailId > 25), BaseType OnScene


def spec_for(server: ResgridServer) -> BackendSpec:
    return BackendSpec(
        NAME, server.url, type="resgrid", username=server.username, password=server.password,
        timeout=5.0,
    )  # fmt: skip


def poll(poller: Poller, *kinds: FeedKind) -> None:
    async def polls() -> None:
        for kind in kinds or KINDS:
            await poller.poll_once(NAME, kind)

    asyncio.run(polls())


def extra_asked(server: ResgridServer) -> list[str]:
    return [q.removeprefix("callId=") for q in server.queries(EXTRA_PATH)]


@pytest.fixture
def department():
    with ResgridServer() as server:
        server.calls = [call(501, logged=T0)]
        # Engine 2 and Engine 4 sent with the call (LastDispatchedOn unset), and group 8.
        # Resgrid set both to Responding at the dispatch (CallDispatchStatusService);
        # Engine 2's crew pressed Responding 95 s later and arrived (a custom status);
        # Engine 4 was released.
        server.dept.extra["501"] = extra_data(
            dispatches=[
                unit_dispatch(2, "Engine 2"),
                unit_dispatch(4, "Engine 4"),
                group_dispatch(8, "Polsek Samarinda Ulu"),
            ],
            activity=[
                unit_activity(9001, "Engine 2", T0 + timedelta(seconds=1.5), RESPONDING),
                unit_activity(9002, "Engine 4", T0 + timedelta(seconds=1.6), RESPONDING),
                unit_activity(9003, "Engine 2", T0 + timedelta(seconds=95), RESPONDING),
                unit_activity(9004, "Engine 4", T0 + timedelta(minutes=5), RELEASED),
                unit_activity(9005, "Engine 2", T0 + timedelta(minutes=9), ARRIVED),
            ],
        )
        server.dept.unit_type_statuses = [
            unit_type_statuses("Engine", 31, [
                status(ARRIVED, "Tiba di TKP", 3, kind=2, state_id=31),
                status(4131, "Menuju TKP", 2, kind=2, state_id=31),
            ]),
        ]  # fmt: skip
        server.units = [
            unit_status(2, State="Tiba di TKP", DestinationType=2, DestinationId=501,
                        since=T0 + timedelta(minutes=9)),
            # Released keeps the call as its destination.
            unit_status(4, State="Released", DestinationType=2, DestinationId=501,
                        since=T0 + timedelta(minutes=5)),
        ]  # fmt: skip
        server.groups = [group(7, "Station 1 Damkar"), group(8, "Polsek Samarinda Ulu")]
        yield server


def test_true_dispatch_en_route_and_on_scene_times_from_the_calls_record(department):
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller)
    finally:
        poller.close()
    incident = by_id(store.incidents)["RG-501"]
    times = incident.status_times
    assert times[IncidentStatus.DISPATCHED] == T0  # dispatched when saved
    # Not the status Resgrid set at the dispatch (turnout 1.5 s) but the crew's own.
    assert times[IncidentStatus.EN_ROUTE] == T0 + timedelta(seconds=95)
    assert times[IncidentStatus.ON_SCENE] == T0 + timedelta(minutes=9)
    assert incident.status is IncidentStatus.ON_SCENE
    engine2, engine4 = incident.assignments
    assert (engine2.unit_id, engine2.agency_id, engine2.dispatched_at) == ("RG-U2", "RG-G7", T0)
    assert engine2.en_route_at == T0 + timedelta(seconds=95)
    assert engine2.on_scene_at == T0 + timedelta(minutes=9) and engine2.cleared_at is None
    assert (engine4.unit_id, engine4.en_route_at, engine4.on_scene_at) == ("RG-U4", None, None)
    assert engine4.cleared_at == T0 + timedelta(minutes=5)
    # The group sent with the call is one of its agencies, with no unit of its own.
    assert incident.agency_ids == ("RG-G7", "RG-G8")
    # The released unit still points at the call in Resgrid, but no longer works it.
    assert by_id(store.units)["RG-U4"].incident_id is None
    assert by_id(store.units)["RG-U2"].incident_id == "RG-501"
    assert by_id(store.units)["RG-U2"].status is UnitStatus.ON_SCENE  # custom status, BaseType 3


def test_a_restarted_wall_has_the_same_history(department):
    stores = []
    for _ in range(2):  # the second wall starts after the events
        store = Store()
        poller = Poller([spec_for(department)], store)
        try:
            poll(poller, FeedKind.INCIDENTS)
        finally:
            poller.close()
        stores.append(by_id(store.incidents)["RG-501"])
    first, second = stores
    assert first.assignments == second.assignments
    assert first.status_times == second.status_times


def test_a_scheduled_call_waits_and_is_dispatched_at_its_time(department):
    later = datetime.now(UTC) + timedelta(hours=2)  # scheduled: not sent yet
    department.calls += [
        call(502, logged=T0, **scheduled(later)),
        call(503, logged=T0, **scheduled(T0 + timedelta(minutes=30))),  # sent at 02:32
    ]
    # Its dispatch list is saved with it, but nobody is notified before the time.
    department.dept.extra["502"] = extra_data(dispatches=[unit_dispatch(2, "Engine 2")])
    department.dept.extra["503"] = extra_data(dispatches=[unit_dispatch(4, "Engine 4")])
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.INCIDENTS)
    finally:
        poller.close()
    waiting, sent = by_id(store.incidents)["RG-502"], by_id(store.incidents)["RG-503"]
    assert waiting.status is IncidentStatus.NEW  # not "dispatched" two hours ahead
    assert IncidentStatus.DISPATCHED not in waiting.status_times and not waiting.assignments
    assert sent.status is IncidentStatus.DISPATCHED
    assert sent.status_times[IncidentStatus.DISPATCHED] == T0 + timedelta(minutes=30)
    assert sent.assignments[0].dispatched_at == T0 + timedelta(minutes=30)


def test_extra_data_is_asked_only_for_calls_that_changed(department):
    department.calls += [call(510 + n, logged=T0) for n in range(3)]
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.INCIDENTS, FeedKind.UNITS)
        assert sorted(extra_asked(department)) == ["501", "510", "511", "512"]
        department.seen.clear()
        poll(poller, FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.INCIDENTS)
        assert extra_asked(department) == []  # nothing changed: nothing asked
        # Engine 2 leaves the scene for call 511: both calls' records of events changed.
        department.units[0] = unit_status(
            2, State="Responding", DestinationType=2, DestinationId=511,
            since=T0 + timedelta(minutes=20),
        )  # fmt: skip
        department.calls[1] = {**department.calls[1], "Nature": "Asap tebal"}  # call 510
        department.calls[3]["NotesCount"] = 1  # call 512 got a note
        poll(poller, FeedKind.UNITS, FeedKind.INCIDENTS)
    finally:
        poller.close()
    assert sorted(extra_asked(department)) == ["501", "510", "511", "512"]


def test_many_new_calls_are_asked_about_a_few_at_a_time(department):
    department.calls = [call(600 + n, logged=T0 + timedelta(seconds=n)) for n in range(25)]
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.INCIDENTS)
        first = len(extra_asked(department))
        poll(poller, FeedKind.INCIDENTS)
    finally:
        poller.close()
    assert (first, len(extra_asked(department))) == (PER_POLL, 25)
    assert len(by_id(store.incidents)) == 25  # every call listed from the first poll


def test_a_call_without_a_position_still_has_its_units_and_agencies(department):
    department.calls[0]["Geolocation"] = None  # the address did not geocode
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller)
    finally:
        poller.close()
    incident = by_id(store.incidents)["RG-501"]
    assert not incident.is_placed
    assert incident.unit_ids == ("RG-U2", "RG-U4")
    assert incident.agency_ids == ("RG-G7", "RG-G8")  # counted for both agencies


def test_unusable_extra_data_keeps_the_calls_listed(department, caplog):
    department.calls += [call(520, logged=T0), call(" 521 ", logged=T0)]
    department.dept.extra["520"] = {
        "Activity": "none",
        "Dispatches": [17, {"Type": "Unit", "Id": {"x": 1}}, {"Type": "Unit", "Id": "2"}],
    }
    department.dept.extra[" 521 "] = {
        "Activity": [{"Type": "Unit", "Name": "Engine 2", "StatusId": "5",
                      "Timestamp": "yesterday"}],
        "Dispatches": None,
    }  # fmt: skip
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.INCIDENTS)
        department.raw[EXTRA_PATH] = b"<html>Service Unavailable</html>"
        department.calls.append(call(522, logged=T0))
        poll(poller, FeedKind.INCIDENTS)
    finally:
        poller.close()
    assert {"RG-501", "RG-520", "RG-521", "RG-522"} <= set(by_id(store.incidents))
    assert by_id(store.incidents)["RG-520"].unit_ids == ("RG-U2",)  # the one usable entry
    assert by_id(store.incidents)["RG-501"].status is IncidentStatus.ON_SCENE  # last good kept
    assert "call extra data not read (malformed JSON from Resgrid" in caplog.text
