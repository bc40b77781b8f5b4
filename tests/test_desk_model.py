"""The desk's record model keeps its rows in order by diff (inserts, moves, removals)
exactly as a fresh sort would, either way round, and a moved row keeps its selection."""

from __future__ import annotations

import random
from datetime import timedelta

import msgspec
import pytest
import records
from PySide6.QtCore import Qt
from record_support import keys
from records import T0

from views.desk import incident_columns as ic
from views.desk.desk_lists import incident_list
from views.desk.record_model import KEY_ROLE
from wallboard.feed.kinds import FeedKind
from wallboard.model import IncidentCategory, IncidentStatus, Priority, RecordKey
from wallboard.store import Store

NOW = T0 + timedelta(hours=6)


def random_incident(rng: random.Random, rid: str, version: int = 1):
    return records.incident(
        rid,
        version=version,
        at=T0 + timedelta(seconds=rng.randrange(0, 5 * 3600)),
        priority=rng.choice(list(Priority)),
        category=rng.choice(list(IncidentCategory)),
        status=rng.choice(list(IncidentStatus)),  # closed ones leave the list
    )


def shown_keys(panel) -> list[RecordKey]:
    proxy = panel.proxy
    return [proxy.index(r, 0).data(KEY_ROLE) for r in range(proxy.rowCount())]


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
@pytest.mark.parametrize("column", [ic.PRIORITY, ic.AGE, ic.CATEGORY, ic.ID])
def test_diffs_keep_the_order_a_fresh_sort_gives(qapp, column, order):
    rng = random.Random(column * 10 + int(order == Qt.SortOrder.DescendingOrder))
    store = Store(wall_clock=lambda: NOW)
    live = {f"I-{k:03d}": random_incident(rng, f"I-{k:03d}") for k in range(60)}
    store.apply("b", FeedKind.INCIDENTS, records.incident_page(*live.values()))
    panel = incident_list(store, lambda: NOW)
    panel.table.sortByColumn(column, order)
    for round_ in range(15):
        changed = []
        for rid in rng.sample(sorted(live), 8):  # new revisions: priority, status, time
            live[rid] = random_incident(rng, rid, version=live[rid].version + 1)
            changed.append(live[rid])
        for k in range(3):  # new incidents
            rid = f"N-{round_:02d}-{k}"
            live[rid] = random_incident(rng, rid)
            changed.append(live[rid])
        touched = {i.id for i in changed}  # (one page never both sends and removes one)
        gone = rng.sample(sorted(set(live) - touched), 2)
        for rid in gone:
            del live[rid]
        page = records.incident_page(*changed, full=False, removed=gone)
        panel.model.apply(store.apply("b", FeedKind.INCIDENTS, page).incidents)
        fresh = incident_list(store, lambda: NOW)
        fresh.table.sortByColumn(column, order)
        assert shown_keys(panel) == shown_keys(fresh)
        assert set(shown_keys(panel)) == set(keys((r for r, i in live.items() if i.is_open), "b"))


def test_a_row_that_moves_keeps_its_selection(qapp):
    store = Store(wall_clock=lambda: NOW)
    incidents = [
        records.incident(f"I-{k}", priority=Priority.LOW, status=IncidentStatus.NEW)
        for k in range(10)
    ]
    store.apply("b", FeedKind.INCIDENTS, records.incident_page(*incidents))
    panel = incident_list(store, lambda: NOW)  # sorted by priority at start
    table = panel.table
    seventh = RecordKey("b", "I-7")
    assert table.select_record(seventh)
    before = shown_keys(panel).index(seventh)
    raised = msgspec.structs.replace(incidents[7], version=2, priority=Priority.CRITICAL)
    page = records.incident_page(raised, full=False)
    panel.model.apply(store.apply("b", FeedKind.INCIDENTS, page).incidents)
    assert shown_keys(panel)[0] == seventh != shown_keys(panel)[before]
    assert table.selected_record() == seventh
    selected = table.selectionModel().selectedRows()
    assert [i.data(KEY_ROLE) for i in selected] == [seventh]


def test_two_backends_with_the_same_ids_are_two_rows_and_two_agencies(qapp):
    store = Store(wall_clock=lambda: NOW)
    for backend, category, name in (
        ("utara", IncidentCategory.FIRE, "Damkar Utara"),
        ("selatan", IncidentCategory.FLOOD, "Damkar Selatan"),
    ):
        store.apply(backend, FeedKind.AGENCIES, records.agency_list(records.agency(short=name)))
        page = records.incident_page(
            records.incident("INC-1", category=category, agency_ids=("dmk",))
        )
        store.apply(backend, FeedKind.INCIDENTS, page)
    panel = incident_list(store, lambda: NOW, ("utara", "selatan"))
    assert set(shown_keys(panel)) == {RecordKey("utara", "INC-1"), RecordKey("selatan", "INC-1")}
    assert not panel.table.isColumnHidden(ic.REGION)
    by_key = {
        panel.proxy.index(r, 0).data(KEY_ROLE): panel.proxy.index(r, ic.AGENCIES).data()
        for r in range(panel.proxy.rowCount())
    }
    # each incident's agency is its own region's (both regions call theirs "dmk")
    assert by_key == {
        RecordKey("utara", "INC-1"): "Damkar Utara",
        RecordKey("selatan", "INC-1"): "Damkar Selatan",
    }
    # the agency filter offers both "dmk"s and keeps only the chosen region's incident
    box = panel.filters[ic.AGENCIES]
    assert {box.itemData(i) for i in range(1, box.count())} == {
        RecordKey("utara", "dmk"),
        RecordKey("selatan", "dmk"),
    }
    panel.choose(ic.AGENCIES, RecordKey("selatan", "dmk"))
    assert shown_keys(panel) == [RecordKey("selatan", "INC-1")]
    # a desk of one region has no region column
    assert incident_list(store, lambda: NOW, ("utara",)).table.isColumnHidden(ic.REGION)
