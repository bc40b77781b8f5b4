"""The Resgrid source end to end: a Resgrid-shaped server on loopback -> the real poller
(through its Resgrid adapter) -> a real Store; plus the mapping tables on their own."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest
from record_support import by_id
from resgrid_server import (
    CALLS_PATH,
    GROUPS_PATH,
    PERSONNEL_PATH,
    TOKEN_PATH,
    UNITS_PATH,
    ResgridServer,
    call,
    group,
    unit_status,
)

from wallboard.backends import backend_specs
from wallboard.config import ConfigError, settings_from_dict
from wallboard.feed.kinds import FeedKind
from wallboard.model import (
    AgencyKind,
    IncidentCategory,
    IncidentStatus,
    Priority,
    UnitStatus,
)
from wallboard.poller import BackendSpec, Poller
from wallboard.sources import resgrid
from wallboard.store import Store

NAME = "rg"
KINDS = (FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES)


def spec_for(server: ResgridServer, **kw) -> BackendSpec:
    return BackendSpec(
        NAME,
        server.url,
        type="resgrid",
        username=server.username,
        password=kw.pop("password", server.password),
        timeout=kw.pop("timeout", 5.0),
        **kw,
    )


def poll(poller: Poller, *kinds: FeedKind) -> None:
    async def polls() -> None:
        for kind in kinds or KINDS:
            await poller.poll_once(NAME, kind)

    asyncio.run(polls())


def error_of(store: Store, kind: FeedKind) -> str | None:
    return store.freshness[f"{NAME}/{kind.value}"].last_error


@pytest.fixture
def department():
    with ResgridServer() as server:
        server.calls = [
            call(101),
            call(102, Priority=3, Type="Medical", Nature="Unconscious man", State=0,
                 DispatchedOnUtc="2026-11-30T02:05:00Z", Geolocation="-0.50,117.16"),
            call(103, Priority=0, Type="", Nature="Banjir setinggi lutut", Name="Banjir",
                 State=8, Geolocation="", Latitude="-0.51", Longitude="117.12"),
        ]  # fmt: skip
        server.units = [
            unit_status(1),
            unit_status(
                2,
                State="Responding",
                DestinationType=2,
                DestinationId=102,
                TimestampUtc="2026-11-30T02:06:00Z",
            ),
            unit_status(3, State="On Scene", GroupId=0, GroupName="", Latitude=0, Longitude=0),
        ]
        server.groups = [group(7, "Station 1 Damkar"), group(8, "Polsek Samarinda Ulu")]
        yield server


def test_calls_units_and_groups_reach_the_store(department):
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller)
    finally:
        poller.close()
    fire, medical, flood = (by_id(store.incidents)[f"RG-{n}"] for n in (101, 102, 103))
    assert (fire.category, fire.priority, fire.status) == (
        IncidentCategory.FIRE,
        Priority.HIGH,
        IncidentStatus.NEW,
    )
    assert fire.created_at == datetime(2026, 11, 30, 2, 2, 3, 123456, tzinfo=UTC)
    assert (fire.location.lat, fire.location.lon) == (-0.4948, 117.1436)
    assert fire.description == "26-101 Call 101 - Smoke seen from the second floor"
    assert fire.caller is not None and fire.caller.phone == "0812-555-0101"
    assert (medical.category, medical.priority, medical.status) == (
        IncidentCategory.MEDICAL,
        Priority.CRITICAL,
        IncidentStatus.EN_ROUTE,  # dispatched, and engine 2 is responding to it
    )
    assert medical.status_times[IncidentStatus.DISPATCHED] == datetime(
        2026, 11, 30, 2, 5, tzinfo=UTC
    )
    assert (flood.category, flood.priority, flood.status) == (
        IncidentCategory.FLOOD,
        Priority.LOW,
        IncidentStatus.NEW,
    )
    assert (flood.location.lat, flood.location.lon) == (-0.51, 117.12)
    engine1, engine2, engine3 = (by_id(store.units)[f"RG-U{n}"] for n in (1, 2, 3))
    assert (engine1.status, engine1.agency_id) == (UnitStatus.AVAILABLE, "RG-G7")
    assert (engine2.status, engine2.incident_id) == (UnitStatus.EN_ROUTE, "RG-102")
    assert (engine3.status, engine3.position, engine3.agency_id) == (
        UnitStatus.ON_SCENE,
        None,
        "RG-DEPT",
    )
    assert by_id(store.agencies)["RG-G7"].kind is AgencyKind.FIRE
    assert by_id(store.agencies)["RG-G8"].kind is AgencyKind.POLICE
    assert "RG-DEPT" in by_id(store.agencies)  # for the unit in no group
    assert all(store.freshness[f"{NAME}/{k.value}"].last_error is None for k in KINDS)
    assert department.count(TOKEN_PATH, "password") == 1  # one login serves every poll


def test_unchanged_lists_change_nothing_and_a_closed_call_leaves(department):
    store = Store()
    poller = Poller([spec_for(department)], store)
    diffs = []
    store.changed.connect(diffs.append)
    try:
        poll(poller)
        before = dict(by_id(store.incidents))
        diffs.clear()
        poll(poller)
        assert diffs == [] and dict(by_id(store.incidents)) == before
        department.calls = department.calls[1:]  # call 101 closed: no longer active
        department.calls[0] = {**department.calls[0], "Priority": 1}
        poll(poller, FeedKind.INCIDENTS)
    finally:
        poller.close()
    assert "RG-101" not in by_id(store.incidents)
    assert by_id(store.incidents)["RG-102"].priority is Priority.MEDIUM
    assert {k.id for k in diffs[-1].incidents.removed} == {"RG-101"}
    assert {k.id for k in diffs[-1].incidents.changed} == {"RG-102"}


def test_units_on_a_call_become_its_assignments(department):
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.INCIDENTS)  # the first incidents already carry their units
        medical = by_id(store.incidents)["RG-102"]
        (sent,) = medical.assignments
        assert (sent.unit_id, sent.agency_id) == ("RG-U2", "RG-G7")
        assert sent.en_route_at == datetime(2026, 11, 30, 2, 6, tzinfo=UTC)
        assert medical.status is IncidentStatus.EN_ROUTE and medical.agency_ids == ("RG-G7",)
        # The unit arrives, then leaves for another call: on scene, then cleared.
        department.units[1] = unit_status(
            2, State="On Scene", DestinationType=2, DestinationId=102,
            TimestampUtc="2026-11-30T02:10:00Z",
        )  # fmt: skip
        poll(poller, FeedKind.UNITS, FeedKind.INCIDENTS)
        assert by_id(store.incidents)["RG-102"].status is IncidentStatus.ON_SCENE
        department.units[1] = unit_status(
            2, State="Responding", DestinationType=2, DestinationId=101,
            TimestampUtc="2026-11-30T02:30:00Z",
        )  # fmt: skip
        poll(poller, FeedKind.UNITS, FeedKind.INCIDENTS)
    finally:
        poller.close()
    (done,) = by_id(store.incidents)["RG-102"].assignments
    assert done.on_scene_at == datetime(2026, 11, 30, 2, 10, tzinfo=UTC)
    assert done.cleared_at == datetime(2026, 11, 30, 2, 30, tzinfo=UTC)
    assert by_id(store.incidents)["RG-102"].status is IncidentStatus.ON_SCENE
    assert by_id(store.incidents)["RG-101"].status is IncidentStatus.EN_ROUTE


def test_expired_token_logs_in_again(department):
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.INCIDENTS)
        department.expire_tokens()
        department.calls.append(call(104))
        poll(poller, FeedKind.INCIDENTS)
    finally:
        poller.close()
    assert department.count(CALLS_PATH, status=401) == 1
    assert department.count(TOKEN_PATH, "password") == 2
    assert "RG-104" in by_id(store.incidents)
    assert error_of(store, FeedKind.INCIDENTS) is None


def test_token_due_is_refreshed_with_the_refresh_token(department):
    department.expires_in = 0  # due at once: each poll refreshes before asking
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller)
    finally:
        poller.close()
    assert department.count(TOKEN_PATH, "password") == 1
    # Five requests (the first incidents read the units first, the agencies the
    # personnel): one login, four refreshes.
    assert department.count(TOKEN_PATH, "refresh_token") == 4
    assert department.count(UNITS_PATH, status=401) == 0
    assert len(by_id(store.units)) == 3


def test_wrong_password_is_a_clear_error_that_never_shows_it(department):
    store = Store()
    poller = Poller([spec_for(department, password="wrong-pass-123")], store)
    try:
        poll(poller, FeedKind.INCIDENTS)
    finally:
        poller.close()
    error = error_of(store, FeedKind.INCIDENTS)
    assert error is not None
    assert "login refused (HTTP 400, invalid_grant)" in error
    assert "check the username and password" in error
    assert "wrong-pass-123" not in error
    assert not by_id(store.incidents)


def test_malformed_records_are_dropped_and_last_good_kept(department, caplog):
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.INCIDENTS)
        good = by_id(store.incidents)["RG-101"]
        department.calls = [
            call(101, Priority="urgent"),  # bad: the last good version stays
            call(102, Geolocation="", Latitude=None, Longitude=None),  # no position
            call(103, LoggedOnUtc="yesterday"),
            call(105, Priority=17),  # a priority Resgrid does not document
            call(106),
        ]
        poll(poller, FeedKind.INCIDENTS)
    finally:
        poller.close()
    assert by_id(store.incidents)["RG-101"] == good
    assert "RG-106" in by_id(store.incidents) and "RG-105" not in by_id(store.incidents)
    assert "RG-102" in by_id(store.incidents)  # kept from the first poll, not replaced
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "rg/incidents: rejected record 0 (id 'RG-101'): Priority: str is not one" in logged
    assert "no position" in logged
    assert "LoggedOnUtc: not an ISO 8601 timestamp" in logged
    assert "Priority: 17 is not one of Resgrid's 0-3" in logged
    assert "4 record(s) rejected, the rest kept" in logged


def test_unusable_answer_keeps_the_data_and_says_why(department):
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.UNITS)
        department.raw[UNITS_PATH] = b'{"Data": 12, "Status": "success"}'
        poll(poller, FeedKind.UNITS)
        assert "`Data` is not an array in the Resgrid answer" in error_of(store, FeedKind.UNITS)
        department.raw[UNITS_PATH] = b"<html>Service Unavailable</html>"
        poll(poller, FeedKind.UNITS)
    finally:
        poller.close()
    assert "malformed JSON from Resgrid" in error_of(store, FeedKind.UNITS)
    assert store.freshness[f"{NAME}/units"].consecutive_failures == 2
    assert len(by_id(store.units)) == 3  # the last good list stays on the wall


def test_server_down_keeps_the_data(department):
    store = Store()
    poller = Poller([spec_for(department, timeout=2.0)], store)
    try:
        poll(poller, FeedKind.AGENCIES)
        department.stop()
        poll(poller, FeedKind.AGENCIES)
    finally:
        poller.close()
    error = error_of(store, FeedKind.AGENCIES)
    assert error is not None and "refused" in error and department.url in error
    assert {"RG-G7", "RG-G8"} <= set(by_id(store.agencies))


def test_nothing_active_is_an_empty_list(department):
    department.calls = []  # Resgrid answers Status "not_found" with an empty Data
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.INCIDENTS)
    finally:
        poller.close()
    assert error_of(store, FeedKind.INCIDENTS) is None and not by_id(store.incidents)


@pytest.mark.parametrize(
    ("texts", "category"),
    [
        (("Structure Fire", "", ""), IncidentCategory.FIRE),
        (("MVA with injuries", "", ""), IncidentCategory.TRAFFIC_ACCIDENT),
        (("", "Kecelakaan motor di Jl. Juanda", ""), IncidentCategory.TRAFFIC_ACCIDENT),
        (("General", "Pohon tumbang menutup jalan", ""), IncidentCategory.FALLEN_TREE),
        (("", "", "Orang hilang"), IncidentCategory.MISSING_PERSON),
        (("Public Assist", "help needed", ""), IncidentCategory.OTHER),
    ],
)
def test_category_table(texts, category):
    assert resgrid.category_of(*texts) is category


@pytest.mark.parametrize(
    ("state", "status"),
    [
        ("Available", UnitStatus.AVAILABLE),
        ("Committed", UnitStatus.DISPATCHED),
        ("Enroute", UnitStatus.EN_ROUTE),
        ("Staging", UnitStatus.ON_SCENE),
        ("Out of Service", UnitStatus.OUT_OF_SERVICE),
        ("Returning", UnitStatus.RETURNING),
        ("Menuju lokasi", UnitStatus.ON_SCENE),  # a custom state: keywords decide
        ("Kembali ke pos", UnitStatus.RETURNING),
        ("Lunch", UnitStatus.OUT_OF_SERVICE),  # unknown: never counted as available
    ],
)
def test_unit_state_table(state, status):
    assert resgrid.unit_status_of(state) is status


def test_config_names_the_login_variables_and_checks_them(monkeypatch):
    raw = {
        "backends": [
            {
                "name": "rg",
                "type": "resgrid",
                "url": "https://api.resgrid.com",
                "username_env": "RG_USER",
                "password_env": "RG_PASS",
                "poll_interval": 2.0,
            }
        ]
    }
    settings = settings_from_dict(raw, source="wall.toml")
    with pytest.raises(ConfigError, match="environment variable RG_USER is not set"):
        backend_specs(settings, {}, {"OTHER": "x"})
    (spec,) = backend_specs(settings, {}, {"RG_USER": "u", "RG_PASS": "p"})
    assert (spec.type, spec.username, spec.password) == ("resgrid", "u", "p")
    assert "password" not in repr(spec) and "username" not in repr(spec)
    assert dict(spec.intervals) == {
        FeedKind.INCIDENTS: 10.0,
        FeedKind.UNITS: 10.0,
        FeedKind.AGENCIES: 300.0,
    }
    raw["backends"][0]["region"] = "paser"
    settings = settings_from_dict(raw, source="wall.toml")
    (spec,) = backend_specs(settings, {}, {"RG_USER": "u", "RG_PASS": "p"})
    assert spec.region_info is not None and spec.region_info.timezone == "Asia/Makassar"
    assert spec.intervals[FeedKind.INFO] == 300.0
    raw["backends"][0]["region"] = "atlantis"
    settings = settings_from_dict(raw, source="wall.toml")
    with pytest.raises(ConfigError, match="backend rg: region 'atlantis'"):
        backend_specs(settings, {}, {"RG_USER": "u", "RG_PASS": "p"})
    del raw["backends"][0]["region"]
    del raw["backends"][0]["password_env"]
    with pytest.raises(ConfigError, match=r"wall.toml: key backends\[0\]: type = 'resgrid' needs"):
        settings_from_dict(raw, source="wall.toml")
    raw["backends"][0].update(password_env="RG PASS")
    with pytest.raises(ConfigError, match="password_env = 'RG PASS': expected the NAME"):
        settings_from_dict(raw, source="wall.toml")


def test_the_configured_region_is_the_backends_region_info(department):
    region = backend_specs(
        settings_from_dict(
            {
                "backends": [
                    {
                        "name": NAME,
                        "type": "resgrid",
                        "url": department.url,
                        "username_env": "U",
                        "password_env": "P",
                        "region": "samarinda",
                    }
                ]
            },
            source="wall.toml",
        ),
        {},
        {"U": department.username, "P": department.password},
    )[0].region_info
    store = Store()
    poller = Poller([spec_for(department, region_info=region)], store)
    try:
        poll(poller, FeedKind.INFO)
    finally:
        poller.close()
    assert store.regions[NAME] == region
    assert department.seen == []  # the region comes from the configuration alone


def test_the_running_poller_asks_resgrid_only_for_its_endpoints(department):
    # A native backend's poller also fetches last week's calls from /api/v1/calls;
    # a Resgrid backend has no such endpoint and must not be asked.
    from wallboard.backends import region_info

    fast = dict.fromkeys((FeedKind.INFO, *KINDS), 0.1)
    spec = spec_for(department, region_info=region_info(NAME, "samarinda"), intervals=fast)
    store = Store()
    poller = Poller([spec], store, reference_day_check_s=60.0)
    polled: list[str] = []

    async def run_until_every_kind_polled() -> None:
        every = asyncio.Event()

        def seen(outcome) -> None:
            # Twice each: a reference-day request queued on the backend's thread
            # after the first round would have been made by then.
            polled.append(outcome.key)
            if all(polled.count(f"{NAME}/{k.value}") >= 2 for k in KINDS):
                every.set()

        poller.polled.connect(seen)
        running = asyncio.ensure_future(poller.run())
        await asyncio.wait_for(every.wait(), 30)
        poller.stop()
        await running

    try:
        asyncio.run(run_until_every_kind_polled())
    finally:
        poller.close()
    assert {s.path for s in department.seen} == {
        TOKEN_PATH,
        CALLS_PATH,
        UNITS_PATH,
        GROUPS_PATH,
        PERSONNEL_PATH,
    }


def test_groups_answer_json_is_what_the_server_documents(department):
    # Guard the test server itself: the envelope carries the documented fields.
    body = department.data_answer(GROUPS_PATH)[1]
    envelope = json.loads(body)
    assert set(envelope) == {
        "Data",
        "PageSize",
        "Timestamp",
        "Version",
        "Node",
        "Environment",
        "RequestId",
        "Status",
    }
