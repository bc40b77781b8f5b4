"""Resgrid units end to end: statuses by their base type (a department's own statuses per
unit type), a unit with no state that is not a change on every poll, and a GPS fix with
its own time -- the Resgrid-shaped server on loopback -> the real poller -> a Store."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from record_support import by_id
from resgrid_server import (
    UNIT_LOCATION_PATH,
    UNIT_STATUSES_PATH,
    ResgridServer,
    stateless_unit,
    status,
    unit_location,
    unit_status,
    unit_type_statuses,
)

from wallboard.feed.kinds import FeedKind
from wallboard.model import UnitStatus
from wallboard.poller import BackendSpec, Poller
from wallboard.sources.resgrid_statuses import UnitStatuses
from wallboard.store import Store

NAME = "rg"
STATUS_AT = datetime(2026, 11, 30, 1, 50, tzinfo=UTC)


def spec_for(server: ResgridServer) -> BackendSpec:
    return BackendSpec(
        NAME, server.url, type="resgrid", username=server.username, password=server.password,
        timeout=5.0,
    )  # fmt: skip


def poll(poller: Poller, *kinds: FeedKind) -> None:
    async def polls() -> None:
        for kind in kinds:
            await poller.poll_once(NAME, kind)

    asyncio.run(polls())


# The ambulances' own status set (a CustomState for unit type "Ambulance"): ids > 25,
# each with its BaseType (ActionBaseTypes).
AMBULANCE = [
    status(4130, "Tiba di TKP", 3, kind=2, state_id=31),  # OnScene
    status(4131, "Menuju TKP", 2, kind=2, state_id=31),  # Responding
    status(4132, "Siaga", 0, kind=2, state_id=31),  # Available
    status(4133, "Istirahat", 21, kind=2, state_id=31),  # OnBreak
    status(4134, "Antar Pasien", 12, kind=2, state_id=31),  # Transporting
    status(4135, "Kembali ke Pos", 8, kind=2, state_id=31),  # Returning
    status(4136, "Label saja", -1, kind=2, state_id=31),  # None: no system meaning
]


@pytest.fixture
def department():
    with ResgridServer() as server:
        server.dept.unit_type_statuses = [unit_type_statuses("Ambulance", 31, AMBULANCE)]
        yield server


@pytest.mark.parametrize(
    ("unit_type", "state", "expected"),
    [
        ("Ambulance", "Tiba di TKP", UnitStatus.ON_SCENE),
        ("Ambulance", "Menuju TKP", UnitStatus.EN_ROUTE),  # no guessing from words
        ("Ambulance", "Siaga", UnitStatus.AVAILABLE),
        ("Ambulance", "Istirahat", UnitStatus.OUT_OF_SERVICE),
        ("Ambulance", "Antar Pasien", UnitStatus.EN_ROUTE),
        ("Ambulance", "Kembali ke Pos", UnitStatus.RETURNING),
        ("Ambulance", "Label saja", UnitStatus.OUT_OF_SERVICE),  # never counted available
        ("Ambulance", "Makan siang", UnitStatus.OUT_OF_SERVICE),  # unknown: the same
        ("Engine", "Committed", UnitStatus.DISPATCHED),  # Resgrid's own texts
        ("Engine", "Out of Service", UnitStatus.OUT_OF_SERVICE),  # default BaseType 0 unread
        ("Engine", "Enroute", UnitStatus.EN_ROUTE),
        ("Engine", "Unknown", UnitStatus.OUT_OF_SERVICE),  # never had a state
    ],
)
def test_unit_statuses_by_base_type(department, unit_type, state, expected):
    department.units = [unit_status(1, Type=unit_type, State=state)]
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.UNITS)
    finally:
        poller.close()
    assert by_id(store.units)["RG-U1"].status is expected


def test_the_default_statuses_base_type_is_not_read():
    # Resgrid lists its defaults with StateId 0 and BaseType 0 ("Available"), never set:
    # read by base type, "Out of Service" would count as available.
    table = UnitStatuses.from_answer(
        [unit_type_statuses("0", 0, [status(4, "Out of Service", 0, kind=2)])]
    )
    assert table.of_text("Out of Service", "Engine") is UnitStatus.OUT_OF_SERVICE
    assert table.of_id(4) is UnitStatus.OUT_OF_SERVICE


def test_status_lists_are_read_once_then_every_five_minutes(department):
    department.units = [unit_status(1)]
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.UNITS, FeedKind.UNITS, FeedKind.INCIDENTS, FeedKind.AGENCIES)
    finally:
        poller.close()
    assert department.count(UNIT_STATUSES_PATH) == 1


def test_a_unit_with_no_state_is_not_a_change_on_every_poll(department):
    department.units = [unit_status(1), stateless_unit(2)]
    store = Store()
    poller = Poller([spec_for(department)], store)
    diffs = []
    try:
        poll(poller, FeedKind.UNITS)
        first = by_id(store.units)["RG-U2"]
        store.changed.connect(diffs.append)
        poll(poller, FeedKind.UNITS, FeedKind.UNITS)  # Resgrid stamps it "now" each time
    finally:
        poller.close()
    assert first.status is UnitStatus.OUT_OF_SERVICE
    assert diffs == [] and by_id(store.units)["RG-U2"] == first


def test_a_units_position_has_its_gps_fix_time(department):
    fix_at = STATUS_AT - timedelta(minutes=40)  # older than the status
    department.units = [unit_status(1, since=STATUS_AT), unit_status(2, since=STATUS_AT)]
    department.dept.locations["1"] = unit_location(1, -0.5102, 117.1611, fix_at)
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.UNITS)
        one, two = by_id(store.units)["RG-U1"], by_id(store.units)["RG-U2"]
        assert (one.position.lat, one.position.lon, one.position.at) == (-0.5102, 117.1611, fix_at)
        assert one.status_since == STATUS_AT
        # No fix on record: the position GetAllUnitStatuses gives, at the status time.
        assert (two.position.lat, two.position.at) == (-0.5, STATUS_AT)
        poll(poller, FeedKind.UNITS)
        assert department.count(UNIT_LOCATION_PATH) == 2  # asked once per position
        moved = fix_at + timedelta(minutes=30)
        department.dept.locations["1"] = unit_location(1, -0.52, 117.17, moved)
        poll(poller, FeedKind.UNITS)
    finally:
        poller.close()
    assert department.count(UNIT_LOCATION_PATH) == 3
    assert by_id(store.units)["RG-U1"].position.at == moved
