"""Resgrid personnel statuses end to end: a Resgrid-shaped server on loopback -> the real
poller (its Resgrid adapter) -> a real Store, as head counts on each group's agency;
plus the status table on its own."""

from __future__ import annotations

import asyncio
import logging

import msgspec
import pytest
from record_support import by_id
from resgrid_server import PERSONNEL_PATH, ResgridServer, group, person, status, unit_status

from wallboard.feed.kinds import FeedKind
from wallboard.model.agency import PersonnelCounts
from wallboard.poller import BackendSpec, Poller
from wallboard.sources import resgrid_personnel
from wallboard.sources.resgrid_statuses import PersonStatuses
from wallboard.store import Store

NAME = "rg"


def spec_for(server: ResgridServer) -> BackendSpec:
    return BackendSpec(
        NAME,
        server.url,
        type="resgrid",
        username=server.username,
        password=server.password,
        timeout=5.0,
    )


def poll(poller: Poller, *kinds: FeedKind) -> None:
    async def polls() -> None:
        for kind in kinds:
            await poller.poll_once(NAME, kind)

    asyncio.run(polls())


# The department's own personnel statuses (GetAllStatusesForPersonnel): ids > 25, each
# with its BaseType; the texts are the department's words, never read.
CUSTOM = [
    status(4123, "Siaga di pos", 0, state_id=12),  # Available
    status(4124, "Menuju lokasi", 2, state_id=12),  # Responding
    status(4125, "Not available", 10, state_id=12),  # Unavailable
    status(4126, "Makan siang", 21, state_id=12),  # OnBreak
    status(4127, "Tiba di lokasi", 3, state_id=12),  # OnScene
    status(4128, "Available for nothing", -1, state_id=12),  # None: no meaning
]


@pytest.fixture
def department():
    with ResgridServer() as server:
        server.dept.person_statuses = CUSTOM
        server.units = [unit_status(1)]  # every unit in group 7
        server.groups = [group(7, "Station 1 Damkar"), group(8, "Polsek Samarinda Ulu")]
        server.personnel = [
            person(1),  # never set a status: "Standing By"
            person(2, StatusId="4", Status="Available Station"),
            person(3, StatusId="6", Status="Responding To Scene", StatusDestinationId="102"),
            person(4, StatusId="3", Status="On Scene"),
            person(5, Staffing="Unavailable", StaffingId="2"),  # standing by, off duty
            person(6, group_id="8", StatusId="4123", Status="Siaga di pos"),  # custom
            person(7, group_id="8", StatusId="1", Status="Not Responding"),
            # On a unit: Resgrid's text names the unit (no word of any table).
            person(8, group_id="0", GroupName="", StatusId="7", Status="On Unit (Engine 1)"),
        ]
        yield server


def test_personnel_statuses_become_counts_on_each_agency(department):
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.UNITS, FeedKind.AGENCIES)
    finally:
        poller.close()
    agencies = by_id(store.agencies)
    assert agencies["RG-G7"].personnel == PersonnelCounts(
        available=2, responding=1, on_scene=1, unavailable=1
    )
    assert agencies["RG-G8"].personnel == PersonnelCounts(available=1, unavailable=1)
    # Someone in no group: the department itself is listed, with that person.
    assert agencies["RG-DEPT"].personnel == PersonnelCounts(responding=1)
    assert store.freshness[f"{NAME}/agencies"].last_error is None
    # Counts only: nothing of who they are reaches the store.
    held = msgspec.json.encode(list(agencies.values())).decode()
    for personal in ("Siti", "Rahayu", "example.id", "0812", "NRP-", "6f1c2a3b", "-0.5012"):
        assert personal not in held


def test_a_bad_personnel_answer_keeps_the_agencies_and_the_last_counts(department, caplog):
    store = Store()
    poller = Poller([spec_for(department)], store)
    caplog.set_level(logging.INFO)
    try:
        poll(poller, FeedKind.AGENCIES)
        good = by_id(store.agencies)["RG-G7"].personnel
        department.groups.append(group(9, "BPBD Samarinda"))
        department.raw[PERSONNEL_PATH] = b"<html>Service Unavailable</html>"
        poll(poller, FeedKind.AGENCIES)
        # The agencies came all the same (the new group too), counts as they were.
        assert by_id(store.agencies)["RG-G7"].personnel == good
        assert by_id(store.agencies)["RG-G9"].personnel == PersonnelCounts()
        assert store.freshness[f"{NAME}/agencies"].last_error is None
        department.raw[PERSONNEL_PATH] = b'{"Data": 12, "Status": "success"}'
        poll(poller, FeedKind.AGENCIES)
        assert by_id(store.agencies)["RG-G7"].personnel == good
        # A login without the Personnel_View right: refused, the same way.
        department.raw.pop(PERSONNEL_PATH)
        department.refuse[PERSONNEL_PATH] = 403
        poll(poller, FeedKind.AGENCIES)
        assert by_id(store.agencies)["RG-G7"].personnel == good
        del department.refuse[PERSONNEL_PATH]
        department.personnel = department.personnel[1:]  # person 1 left group 7
        poll(poller, FeedKind.AGENCIES)
    finally:
        poller.close()
    assert by_id(store.agencies)["RG-G7"].personnel == PersonnelCounts(
        available=1, responding=1, on_scene=1, unavailable=1
    )
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "rg/agencies: personnel statuses not read (malformed JSON from Resgrid" in logged
    assert "not read (`Data` is not an array in the Resgrid answer)" in logged
    assert "; the last good values stay" in logged
    assert "personnel statuses not read (HTTP 403" in logged
    assert "rg/agencies: personnel statuses read again" in logged


def test_no_personnel_answer_yet_means_no_counts_not_zeros(department):
    department.raw[PERSONNEL_PATH] = b'{"Status": "success"}'
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.AGENCIES)
    finally:
        poller.close()
    assert {"RG-G7", "RG-G8"} <= set(by_id(store.agencies))
    assert all(a.personnel is None for a in by_id(store.agencies).values())


def test_entries_that_are_not_people_are_skipped_and_the_rest_counted(department, caplog):
    department.personnel = [person(1), "ghost", 17, person(2, group_id="8")]
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.AGENCIES)
    finally:
        poller.close()
    assert by_id(store.agencies)["RG-G7"].personnel == PersonnelCounts(available=1)
    assert by_id(store.agencies)["RG-G8"].personnel == PersonnelCounts(available=1)
    assert "rg/agencies: personnel: 2 entries were not person records" in caplog.text


@pytest.mark.parametrize(
    ("status_id", "staffing", "state"),
    [
        ("0", "available", "available"),  # Standing By (also: never set a status)
        ("0", "on shift", "available"),
        ("4", "available", "available"),  # Available Station
        ("0", "unavailable", "unavailable"),  # off duty: not available
        ("1", "available", "unavailable"),  # Not Responding
        ("2", "", "responding"),
        ("5", "", "responding"),
        ("6", "", "responding"),
        ("7", "", "responding"),  # On Unit, whatever the text says
        ("3", "", "on_scene"),
        ("4123", "available", "available"),  # custom: by base type
        ("4124", "", "responding"),
        ("4127", "", "on_scene"),
        ("4125", "", "unavailable"),
        ("4126", "", "unavailable"),  # on a break
        ("4128", "", "unavailable"),  # no system meaning: never available
        ("4999", "", "unavailable"),  # unknown custom id
        ("20", "", "unavailable"),  # built-in range, no such ActionTypes value
        ("", "", "unavailable"),
    ],
)
def test_person_state_table(status_id, staffing, state):
    statuses = PersonStatuses.from_answer(CUSTOM)
    assert resgrid_personnel.person_state(statuses, status_id, staffing) == state


def test_hidden_and_disabled_members_are_not_on_duty_for_an_ordinary_login():
    # Resgrid sends hidden/disabled members only to admin logins, and nothing in the
    # record says who they are: the wall logs in as an ordinary member.
    with ResgridServer(admin=False) as server:
        server.units = [unit_status(1)]
        server.groups = [group(7, "Station 1 Damkar")]
        server.personnel = [
            person(1),
            person(2, hidden=True),  # standing by, but hidden from the roster
            person(3, disabled=True),  # left the department
        ]
        store = Store()
        poller = Poller([spec_for(server)], store)
        try:
            poll(poller, FeedKind.UNITS, FeedKind.AGENCIES)
        finally:
            poller.close()
    assert by_id(store.agencies)["RG-G7"].personnel == PersonnelCounts(available=1)


def test_a_native_backend_may_send_the_same_counts_and_bad_ones_are_rejected():
    # The counts are part of the native Agency record (feed v1: optional `personnel`).
    from datetime import UTC, datetime

    from wallboard.feed.decode import decode_body

    base = {
        "id": "pol",
        "version": 1,
        "kind": "police",
        "name": "Polresta Samarinda",
        "short_name": "POLRESTA",
        "region": "samarinda",
        "link": "online",
        "link_checked_at": "2026-11-30T01:00:00Z",
    }
    items = [
        dict(base, personnel={"available": 3, "responding": 1, "on_scene": 0, "unavailable": 2}),
        dict(base, id="dmk", personnel={"available": -1}),
        dict(base, id="psc"),
    ]
    decoded = decode_body(
        FeedKind.AGENCIES,
        msgspec.json.encode({"items": items}),
        source="smd/agencies",
        feed_now=datetime(2026, 11, 30, 2, tzinfo=UTC),
    )
    kept = {a.id: a.personnel for a in decoded.page.items}
    assert kept == {
        "pol": PersonnelCounts(available=3, responding=1, unavailable=2),
        "psc": None,
    }
    (rejected,) = decoded.rejected
    assert rejected.record_id == "dmk" and "personnel.available" in rejected.problem
