"""A province desk over two regions whose CADs number their records alike.

Two real simulators of one scenario (different seeds, each region named for itself)
serve different incidents and units under the very same ids. The desk polls both over
loopback into one store and lists both regions' incidents, each a row of its own with
its region; choosing either row of a shared id rings that region's marker on the map
(the page knows it by the key's text) and opens that region's record in the details;
a unit's incident is its own region's.
"""

from __future__ import annotations

import msgspec
import pytest
from desk_support import BACKEND, build_desk, map_ready, take_down
from test_desk_window import chosen_on_map

from views.desk import incident_columns as ic
from views.desk import unit_columns as uc
from views.desk.record_model import KEY_ROLE
from views.vocabulary import name_of
from wallboard.model import RecordKey
from wallboard.simulator import start_simulator
from wallboard.simulator.scenario import load_scenario

SIM_START = "2026-11-20T10:00:00+08:00"
OTHER = "seberang"
NAMES = {BACKEND: "Samarinda Ilir", OTHER: "Samarinda Seberang"}


def scenario_named(name: str):
    scenario = load_scenario("samarinda")
    return msgspec.structs.replace(
        scenario, region=msgspec.structs.replace(scenario.region, name=name)
    )


@pytest.fixture
def desk(qapp, qtbot, tmp_path):
    sims = [
        start_simulator(
            seed=31 + n, scenario=scenario_named(NAMES[b]), start=SIM_START, manual_clock=True
        )
        for n, b in enumerate((BACKEND, OTHER))
    ]
    built = []
    try:
        built.append(build_desk(qapp, sims[0].url, tmp_path, more={OTHER: sims[1].url}))
        built[0].poll_all()
        yield built[0]
    finally:
        take_down(qtbot, built)
        for sim in sims:
            sim.stop()


def listed(panel) -> list[RecordKey]:
    model = panel.model
    return [model.record_key(r) for r in range(model.rowCount())]


def test_both_regions_incidents_are_listed_and_each_row_rings_its_own_marker(qtbot, desk):
    window, store = desk.window, desk.parts.store
    incidents = window.incidents
    open_keys = {k for k, i in store.incidents.items() if i.is_open}
    assert {k.backend for k in open_keys} == {BACKEND, OTHER}
    # every open incident of both regions is a row of its own
    rows = listed(incidents)
    assert len(rows) == len(set(rows)) and set(rows) == open_keys
    # an id both regions use, placed apart: two rows, told apart by their region
    shared = sorted(
        key.id
        for key in open_keys
        if key.backend == BACKEND
        and (twin := store.incidents.get(RecordKey(OTHER, key.id))) is not None
        and twin.is_open
        and twin.is_placed
        and store.incidents[key].is_placed
        and twin.location != store.incidents[key].location
    )
    assert shared, "the two simulated regions should share open incident ids"
    rid = shared[0]
    assert not incidents.table.isColumnHidden(ic.REGION)
    proxy = incidents.proxy
    regions_of_rid = sorted(
        proxy.index(r, ic.REGION).data()
        for r in range(proxy.rowCount())
        if proxy.index(r, ic.ID).data() == rid
    )
    assert regions_of_rid == sorted(NAMES.values())

    # choosing each row rings that region's marker, where that region's incident is
    panel = map_ready(qtbot, desk)
    for backend in (OTHER, BACKEND):
        key = RecordKey(backend, rid)
        assert incidents.table.select_record(key)
        qtbot.waitUntil(
            lambda k=key: (chosen_on_map(qtbot, panel) or {}).get("id") == k.text,
            timeout=10_000,
        )
        ring = chosen_on_map(qtbot, panel)
        at = store.incidents[key].location
        assert (ring["lat"], ring["lon"]) == pytest.approx((at.lat, at.lon))
        window.open_details("incident", key)
        rows = dict(window.details.rows())
        assert window.details.ref.key == key
        assert rows["Region"] == NAMES[backend]
        report = " ".join(store.incidents[key].description.split())
        assert rows.get("Report", "") == report[:400]

    # the region filter keeps one region's rows
    incidents.choose(ic.REGION, OTHER)
    shown = {proxy.index(r, 0).data(KEY_ROLE) for r in range(proxy.rowCount())}
    assert shown == {k for k in open_keys if k.backend == OTHER}


def test_a_units_incident_is_its_own_regions(qtbot, desk):
    store, units = desk.parts.store, desk.window.units
    busy = [(k, u) for k, u in store.units.items() if u.incident_id]
    assert {k.backend for k, _u in busy} == {BACKEND, OTHER}
    proxy = units.proxy
    text_of = {
        proxy.index(r, 0).data(KEY_ROLE): proxy.index(r, uc.INCIDENT).data()
        for r in range(proxy.rowCount())
    }
    for key, unit in busy:
        incident = store.incidents.get(key.sibling(unit.incident_id))
        if incident is not None:
            assert text_of[key] == f"{incident.id} · {name_of(incident.category)}"
