"""The Resgrid source end to end: a Resgrid-shaped server on loopback (tests/resgrid_server.py,
built from Resgrid/Core's result models) -> the real poller (through its Resgrid adapter)
-> a real Store: calls, priorities, call states, calls that leave, login and lockout."""

from __future__ import annotations

import asyncio
import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
import requests
from record_support import by_id
from resgrid_server import (
    CALLS_PATH,
    EXTRA_PATH,
    GROUPS_PATH,
    PERSON_STATUSES_PATH,
    PERSONNEL_PATH,
    PRIORITIES_PATH,
    TOKEN_PATH,
    UNIT_LOCATION_PATH,
    UNIT_STATUSES_PATH,
    UNITS_PATH,
    ResgridServer,
    call,
    group,
    priority,
    unit_status,
)

from wallboard.backends import backend_specs
from wallboard.config import ConfigError, settings_from_dict
from wallboard.feed.kinds import FeedKind
from wallboard.model import AgencyKind, IncidentCategory, IncidentStatus, Priority, UnitStatus
from wallboard.poller import BackendSpec, Poller
from wallboard.sources import resgrid, resgrid_priorities
from wallboard.sources.resgrid_token import LOGIN_PAUSE_S, LOGIN_REFUSED, TokenKeeper
from wallboard.store import Store

NAME = "rg"
KINDS = (FeedKind.INCIDENTS, FeedKind.UNITS, FeedKind.AGENCIES)


def spec_for(server: ResgridServer, **kw) -> BackendSpec:
    return BackendSpec(
        NAME,
        server.url,
        type="resgrid",
        username=kw.pop("username", server.username),
        password=kw.pop("password", server.password),
        timeout=kw.pop("timeout", 5.0),
        **kw,
    )


def poll(poller: Poller, *kinds: FeedKind) -> None:
    async def polls() -> None:
        for kind in kinds or KINDS:
            await poller.poll_once(NAME, kind)

    asyncio.run(polls())


def polled(server: ResgridServer, *kinds: FeedKind, store: Store | None = None, **kw) -> Store:
    store = store if store is not None else Store()
    poller = Poller([spec_for(server, **kw)], store)
    try:
        poll(poller, *kinds)
    finally:
        poller.close()
    return store


def error_of(store: Store, kind: FeedKind) -> str | None:
    return store.freshness[f"{NAME}/{kind.value}"].last_error


@pytest.fixture
def department():
    with ResgridServer() as server:
        server.calls = [
            call(101),
            call(102, Priority=3, Type="Medical", Nature="Unconscious man",
                 Geolocation="-0.50,117.16"),
            # The address did not geocode: ConvertCall leaves Geolocation null.
            call(103, Priority=0, Type="", Nature="Banjir setinggi lutut", Name="Banjir",
                 Geolocation=None, Address="Jl. Gatot Subroto, Samarinda"),
        ]  # fmt: skip
        server.units = [
            unit_status(1),
            unit_status(2, State="Responding", DestinationType=2, DestinationId=102),
            unit_status(3, State="On Scene", GroupId=0, GroupName="", Latitude=0, Longitude=0),
        ]
        server.groups = [group(7, "Station 1 Damkar"), group(8, "Polsek Samarinda Ulu")]
        yield server


def test_calls_units_and_groups_reach_the_store(department):
    store = polled(department)
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
    assert (medical.category, medical.priority) == (IncidentCategory.MEDICAL, Priority.CRITICAL)
    # Listed without a position: in the store (lists, KPIs, agencies), not placeable.
    assert (flood.category, flood.priority, flood.status) == (
        IncidentCategory.FLOOD,
        Priority.LOW,
        IncidentStatus.NEW,
    )
    assert (flood.location.lat, flood.location.lon) == (None, None)
    assert flood.location.address == "Jl. Gatot Subroto, Samarinda" and not flood.is_placed
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
    assert all(error_of(store, k) is None for k in KINDS)
    assert department.count(TOKEN_PATH, "password") == 1  # one login serves every poll


def test_every_active_call_is_kept_whatever_its_position_or_priority(department, caplog):
    department.calls = [
        call(201, Geolocation=None),
        call(202, Geolocation=""),
        call(203, Geolocation="0,0"),  # Resgrid's "nothing" for a point
        call(204, Geolocation="Jl. Merdeka"),  # not "lat,lon"
        call(205, Geolocation="-95.0,117.1"),  # out of range
        call(206, Priority=17),  # a priority id no list names: P2, never played down
    ]
    store = polled(department, FeedKind.INCIDENTS)
    assert set(by_id(store.incidents)) == {f"RG-{n}" for n in range(201, 207)}
    assert [by_id(store.incidents)[f"RG-{n}"].is_placed for n in range(201, 206)] == [False] * 5
    assert by_id(store.incidents)["RG-206"].priority is Priority.HIGH
    assert "call RG-206 has priority id 17, which the department's priority list" in caplog.text


def test_department_priorities_map_by_name_then_sort_order_and_show_their_name(department):
    # A department's own list (GetAllCallPriorites), ids far beyond 0-3.
    department.dept.priorities = [
        priority(40, "Kebakaran Besar", 9),  # no rank word: the top of the sort order, P1
        priority(41, "Rutin", 1),  # "rutin": routine -> P4
        priority(42, "Segera", 5),  # "segera": urgent -> P2
        priority(43, "Patroli", 3),  # no word: its place in the sort order
        priority(44, "Darurat", 0),  # the word beats a low sort place
    ]
    department.calls = [call(300 + n, Priority=40 + n) for n in range(5)]
    store = polled(department, FeedKind.INCIDENTS)
    got = {i.id: i.priority for i in by_id(store.incidents).values()}
    assert got == {
        "RG-300": Priority.CRITICAL,
        "RG-301": Priority.LOW,
        "RG-302": Priority.HIGH,
        "RG-303": Priority.MEDIUM,  # the middle of five by Sort
        "RG-304": Priority.CRITICAL,
    }
    assert by_id(store.incidents)["RG-300"].description.startswith(
        "Kebakaran Besar · 26-300 Call 300"
    )
    assert department.count(PRIORITIES_PATH) == 1


def test_resgrids_default_priorities_keep_their_plain_description(department):
    table = resgrid_priorities.PriorityTable.from_answer([])
    assert [table.lookup(n)[:2] for n in range(4)] == [
        (Priority.LOW, "Low"),
        (Priority.MEDIUM, "Medium"),
        (Priority.HIGH, "High"),
        (Priority.CRITICAL, "Emergency"),
    ]
    store = polled(department, FeedKind.INCIDENTS)  # the server serves the defaults
    assert by_id(store.incidents)["RG-101"].description == (
        "26-101 Call 101 - Smoke seen from the second floor"
    )


def test_call_states_are_resgrids_0_to_5(department, caplog):
    assert frozenset({1, 2, 3, 4, 5}) == resgrid.CLOSED_STATES
    raw = call(1, State=6)
    with pytest.raises(
        resgrid.RecordProblem, match=r"State: 6 is not a Resgrid call state \(0-5\)"
    ):
        resgrid.call_to_incident(
            raw, "x", resgrid_priorities.PriorityTable(), datetime(2026, 11, 30, 3, tzinfo=UTC)
        )
    closed = resgrid.call_to_incident(
        call(2, State=3),
        "x",
        resgrid_priorities.PriorityTable(),
        datetime(2026, 11, 30, 3, tzinfo=UTC),
    )
    assert closed.status is IncidentStatus.CLOSED


def test_a_call_that_leaves_the_active_list_is_closed_at_the_time_it_left(department):
    store = Store()
    poller = Poller([spec_for(department)], store)
    diffs = []
    store.changed.connect(diffs.append)
    try:
        poll(poller)
        before = dict(by_id(store.incidents))
        diffs.clear()
        poll(poller)
        assert diffs == [] and dict(by_id(store.incidents)) == before  # nothing changed
        department.calls[0]["State"] = 1  # closed in Resgrid: GetActiveCalls drops it
        department.calls[1] = {**department.calls[1], "Priority": 1}
        asked = datetime.now(UTC)
        poll(poller, FeedKind.INCIDENTS)
        answered = datetime.now(UTC)
        gone = by_id(store.incidents)["RG-101"]
        assert gone.status is IncidentStatus.CLOSED
        assert asked - timedelta(seconds=1) <= gone.status_times[IncidentStatus.CLOSED] <= answered
        assert by_id(store.incidents)["RG-102"].priority is Priority.MEDIUM
        assert {k.id for k in diffs[-1].incidents.changed} == {"RG-101", "RG-102"}
        diffs.clear()
        poll(poller, FeedKind.INCIDENTS)  # still gone: closed once, not again
        assert diffs == []
        department.calls[0]["State"] = 0  # reopened
        poll(poller, FeedKind.INCIDENTS)
    finally:
        poller.close()
    assert by_id(store.incidents)["RG-101"].status is IncidentStatus.NEW


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
    department.expires_in = 0  # due at once: each request refreshes before asking
    store = polled(department)
    gets = sum(1 for s in department.seen if s.path != TOKEN_PATH)
    assert department.count(TOKEN_PATH, "password") == 1
    assert department.count(TOKEN_PATH, "refresh_token") == gets - 1
    assert department.count(UNITS_PATH, status=401) == 0
    assert len(by_id(store.units)) == 3


def test_login_is_by_user_name_not_e_mail(department):
    store = polled(department, FeedKind.INCIDENTS, username=department.email)
    assert LOGIN_REFUSED in error_of(store, FeedKind.INCIDENTS)
    assert "the user NAME, not the e-mail address" in error_of(store, FeedKind.INCIDENTS)
    assert by_id(polled(department, FeedKind.INCIDENTS).incidents)  # by name: in


def test_a_refused_password_stops_every_login_so_the_account_is_never_locked(department):
    store = Store()
    poller = Poller([spec_for(department, password="wrong-pass-123")], store)
    try:
        for _ in range(8):  # a wall polling every kind, again and again
            poll(poller)
    finally:
        poller.close()
    assert department.count(TOKEN_PATH, "password") == 1  # one try, then none
    assert not department.locked()  # Resgrid locks after 5 (Startup.cs)
    for kind in KINDS:
        error = error_of(store, kind)
        assert error is not None and LOGIN_REFUSED in error
        assert "wrong-pass-123" not in error
    assert "no new login for 60 min" in error_of(store, FeedKind.UNITS)
    assert not by_id(store.incidents) and not by_id(store.units)
    # The configuration changed (the right password): a new backend logs in at once.
    assert by_id(polled(department, FeedKind.INCIDENTS).incidents)


def test_after_the_documented_pause_one_login_is_tried_again(department):
    now = [1000.0]
    keeper = TokenKeeper(department.url, department.username, "wrong", clock=lambda: now[0])
    session, lock, abort = requests.Session(), threading.Lock(), threading.Event()
    tries = []
    try:
        for step in (0.0, 60.0, LOGIN_PAUSE_S - 61.0, 2.0, 1.0, LOGIN_PAUSE_S + 1.0):
            now[0] += step
            with pytest.raises(Exception, match=LOGIN_REFUSED):
                keeper.token(session, lock, abort, 5.0)
            tries.append(department.count(TOKEN_PATH, "password"))
    finally:
        session.close()
    assert tries == [1, 1, 1, 2, 2, 3]  # one try per hour, whatever the polls
    assert LOGIN_PAUSE_S == 3600.0


def test_the_server_locks_an_account_as_resgrid_does(department):
    # Guard the test server itself: five refusals lock, then even the right one fails.
    for _ in range(5):
        assert (
            department.token_answer(
                {"grant_type": "password", "username": department.username, "password": "x"}
            )[0]
            == 400
        )
    assert department.locked()
    right = {"grant_type": "password", "username": department.username,
             "password": department.password, "scope": "openid profile offline_access"}  # fmt: skip
    assert department.token_answer(right) == (400, {
        "error": "invalid_grant", "error_description": "The username or password is invalid."
    })  # fmt: skip


def test_malformed_records_are_dropped_and_last_good_kept(department, caplog):
    store = Store()
    poller = Poller([spec_for(department)], store)
    try:
        poll(poller, FeedKind.INCIDENTS)
        good = by_id(store.incidents)["RG-101"]
        department.calls = [
            call(101, Priority="urgent"),  # bad: the last good version stays
            call(103, LoggedOnUtc="yesterday"),
            call(106),
        ]
        poll(poller, FeedKind.INCIDENTS)
    finally:
        poller.close()
    assert by_id(store.incidents)["RG-101"] == good
    assert "RG-106" in by_id(store.incidents)
    assert by_id(store.incidents)["RG-103"].status is not IncidentStatus.CLOSED  # kept, not "left"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "(id 'RG-101'): Priority: expected a number, got str" in logged
    assert "(id 'RG-103'): LoggedOnUtc: not an ISO 8601 timestamp" in logged
    assert "rg/incidents: 2 record(s) rejected, the rest kept" in logged


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
    store = polled(department, FeedKind.INCIDENTS)
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
    store = polled(department, FeedKind.INFO, region_info=region)
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
    seen: list[str] = []

    async def run_until_every_kind_polled() -> None:
        every = asyncio.Event()

        def note(outcome) -> None:
            # Twice each: a reference-day request queued on the backend's thread
            # after the first round would have been made by then.
            seen.append(outcome.key)
            if all(seen.count(f"{NAME}/{k.value}") >= 2 for k in KINDS):
                every.set()

        poller.polled.connect(note)
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
        EXTRA_PATH,
        PRIORITIES_PATH,
        PERSON_STATUSES_PATH,
        UNIT_STATUSES_PATH,
        UNITS_PATH,
        UNIT_LOCATION_PATH,
        GROUPS_PATH,
        PERSONNEL_PATH,
    }


def test_answers_carry_resgrids_envelope(department):
    # Guard the test server itself: the envelope has StandardApiResponseV4Base's fields.
    envelope = json.loads(department.data_answer(GROUPS_PATH)[1])
    assert set(envelope) == {
        "Data",
        "PageSize",
        "Page",
        "Timestamp",
        "Version",
        "Node",
        "Environment",
        "RequestId",
        "Status",
        "PreviousPageUrl",
        "NextPageUrl",
    }
    served = json.loads(department.data_answer(CALLS_PATH)[1])["Data"]
    assert all(c["Latitude"] is None and c["Longitude"] is None for c in served)
    assert not served[0]["LoggedOnUtc"].endswith("Z")  # LegacyZonelessUtcDateTimeConverter
