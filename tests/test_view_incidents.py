"""The open-incident table: order, cells, running ages, row-level updates, stale marking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import records
from records import WITA
from view_support import FakeClock, _english_locale  # noqa: F401  (autouse fixture)

from views.incident_model import AGE, AREA, CATEGORY, PRIORITY, STATUS, UNITS
from views.incident_panel import IncidentPanel
from views.theme import apply_theme, load_theme
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import IncidentPage
from wallboard.model import (
    Assignment,
    IncidentCategory,
    IncidentStatus,
    Priority,
    RecordKey,
    UnitStatus,
)
from wallboard.store import Store

NOW = datetime(2026, 11, 28, 2, 0, 0, tzinfo=UTC)
SHOTS = Path("/tmp/panel-shots")


def incident(
    iid: str,
    priority: Priority,
    age_s: int,
    *,
    version: int = 1,
    status: IncidentStatus = IncidentStatus.NEW,
    category: IncidentCategory = IncidentCategory.FIRE,
    units: tuple[str, ...] = (),
    kecamatan: str = "Samarinda Ulu",
    kelurahan: str = "Air Putih",
):
    created = NOW - timedelta(seconds=age_s)
    return records.incident(
        iid,
        at=created,
        version=version,
        status=status,
        category=category,
        priority=priority,
        location=records.location(
            -0.49, 117.14, address="Jl. Juanda 12", kecamatan=kecamatan, kelurahan=kelurahan
        ),
        assignments=tuple(
            Assignment(unit_id=u, agency_id="dmk", dispatched_at=created) for u in units
        ),
    )


def page(items, *, full=False, removed=(), cursor="c") -> IncidentPage:
    return records.incident_page(*items, cursor=cursor, full=full, removed=removed)


def engine(uid: str, call_sign: str, status: UnitStatus, version: int = 1):
    return records.unit(
        uid, call_sign=call_sign, type="engine", status=status, at=NOW, version=version
    )


@pytest.fixture
def wall():
    clock = FakeClock(NOW)
    store = Store(wall_clock=clock)
    store.apply(
        "smd",
        FeedKind.UNITS,
        records.unit_list(
            engine("u1", "DMK-01", UnitStatus.EN_ROUTE),
            engine("u2", "DMK-02", UnitStatus.ON_SCENE),
        ),
    )
    store.apply(
        "smd",
        FeedKind.INCIDENTS,
        page(
            [
                incident("low-old", Priority.LOW, 3600),
                incident(
                    "crit-new",
                    Priority.CRITICAL,
                    60,
                    units=("u1", "u2"),
                    status=IncidentStatus.EN_ROUTE,
                ),
                incident("crit-old", Priority.CRITICAL, 600, category=IncidentCategory.MEDICAL),
                incident("high", Priority.HIGH, 30, kecamatan="", kelurahan=""),
                incident("closed", Priority.CRITICAL, 900, status=IncidentStatus.CLOSED),
            ],
            full=True,
        ),
    )
    return clock, store


def make_panel(qtbot, store) -> IncidentPanel:
    panel = IncidentPanel(store, WITA, store.feed_now)
    qtbot.addWidget(panel)
    apply_theme(panel, load_theme("dark"))
    return panel


def ids(panel: IncidentPanel) -> list[str]:
    """The rows' incident ids, top to bottom (the tests feed one backend, "smd")."""
    keys = [panel.model.incident_key(r) for r in range(panel.model.rowCount())]
    assert {k.backend for k in keys} <= {"smd"}
    return [k.id for k in keys]


def cell(panel: IncidentPanel, incident_id: str, column: int) -> str:
    row = panel.model.row_of(RecordKey("smd", incident_id))
    return panel.model.index(row, column).data()


def test_open_incidents_by_priority_then_age(qtbot, wall):
    _, store = wall
    panel = make_panel(qtbot, store)
    assert ids(panel) == ["crit-old", "crit-new", "high", "low-old"]  # closed is not shown
    assert panel.title.text() == "Open incidents: 4"


def test_cells_say_what_a_dispatcher_needs(qtbot, wall):
    _, store = wall
    panel = make_panel(qtbot, store)
    assert cell(panel, "crit-new", PRIORITY) == "P1 Critical"
    assert cell(panel, "crit-new", CATEGORY) == "Fire"
    assert cell(panel, "crit-old", CATEGORY) == "Medical"
    assert cell(panel, "crit-new", AREA) == "Samarinda Ulu / Air Putih"
    assert cell(panel, "high", AREA) == "Jl. Juanda 12"  # no kecamatan: the address
    assert cell(panel, "crit-new", STATUS) == "En route"
    assert cell(panel, "crit-new", UNITS) == "DMK-01, DMK-02"
    assert cell(panel, "low-old", AGE) == "1:00:00"
    assert cell(panel, "crit-new", AGE) == "1:00"


def test_ages_run_on_tick(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store)
    clock.now += timedelta(seconds=5)
    with qtbot.waitSignal(panel.model.dataChanged):
        panel.tick()
    assert cell(panel, "crit-new", AGE) == "1:05"


def test_a_diff_before_the_next_tick_shows_ages_at_the_feed_clock_of_now(qtbot, wall):
    # The panel is made before the backend's clock is known (its wall clock then); the
    # first incidents reach it before the next tick, and their ages must already be
    # counted at the clock of now, not at the moment the panel was made
    clock, store = wall
    panel = make_panel(qtbot, store)
    clock.now += timedelta(hours=2)
    store.apply("smd", FeedKind.INCIDENTS, page([incident("fresh", Priority.HIGH, -7200 + 90)]))
    assert cell(panel, "fresh", AGE) == "1:30"


def test_diffs_move_insert_and_remove_single_rows(qtbot, wall):
    _, store = wall
    panel = make_panel(qtbot, store)
    resets = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    inserted = []
    panel.model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))

    store.apply("smd", FeedKind.INCIDENTS, page([incident("new-crit", Priority.CRITICAL, 120)]))
    assert ids(panel) == ["crit-old", "new-crit", "crit-new", "high", "low-old"]
    assert inserted == [(1, 1)]

    store.apply(
        "smd", FeedKind.INCIDENTS, page([incident("low-old", Priority.CRITICAL, 3600, version=2)])
    )  # escalated
    assert ids(panel)[0] == "low-old"

    store.apply(
        "smd",
        FeedKind.INCIDENTS,
        page(
            [incident("crit-old", Priority.CRITICAL, 600, version=2, status=IncidentStatus.CLOSED)],
            removed=["high"],
        ),
    )
    assert ids(panel) == ["low-old", "new-crit", "crit-new"]
    assert panel.title.text() == "Open incidents: 3"

    store.apply(
        "smd",
        FeedKind.INCIDENTS,
        page(
            [incident("crit-new", Priority.CRITICAL, 60, version=2, status=IncidentStatus.ON_SCENE)]
        ),
    )
    assert cell(panel, "crit-new", STATUS) == "On scene"
    assert resets == []  # no rebuild for small diffs


def test_call_sign_changes_show(qtbot, wall):
    _, store = wall
    panel = make_panel(qtbot, store)
    store.apply(
        "smd",
        FeedKind.UNITS,
        records.unit_list(engine("u1", "DMK-11", UnitStatus.EN_ROUTE, version=2)),
    )
    assert cell(panel, "crit-new", UNITS) == "DMK-11, u2"  # u2 left the feed: its id shows


def test_backend_text_is_not_interpreted(qtbot, wall):
    _, store = wall
    panel = make_panel(qtbot, store)
    store.apply(
        "smd",
        FeedKind.INCIDENTS,
        page([incident("x", Priority.LOW, 5, kecamatan="<b>Sungai</b>", kelurahan="<img src=x>")]),
    )
    assert cell(panel, "x", AREA) == "<b>Sungai</b> / <img src=x>"


def test_thousands_of_rows_and_a_small_diff(qtbot, wall):
    _, store = wall
    panel = make_panel(qtbot, store)
    many = [incident(f"i{n:05d}", Priority(1 + n % 4), n) for n in range(3000)]
    store.apply("smd", FeedKind.INCIDENTS, page(many, full=True))
    assert panel.model.rowCount() == 3000
    expected = sorted(many, key=lambda i: (i.priority, i.created_at, i.id))
    assert ids(panel) == [i.id for i in expected]
    resets = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    store.apply(
        "smd", FeedKind.INCIDENTS, page([incident("i00007", Priority.CRITICAL, 7, version=2)])
    )
    assert resets == []
    assert panel.model.rowCount() == 3000


def test_stale_incidents_mark_the_panel_and_keep_the_rows(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store)
    store.record_success("smd/incidents", clock.now, None)
    store.record_success("smd/units", clock.now, None)
    clock.now += timedelta(seconds=31)
    store.record_success("smd/units", clock.now, None)
    panel.tick()
    assert panel.is_marked_stale
    assert "Incidents: last success 10:00:00 (31 s ago)" in panel.banner.text()
    assert panel.model.rowCount() == 4


def test_screenshot(qtbot, wall):
    _, store = wall
    cats = list(IncidentCategory)
    statuses = [
        IncidentStatus.NEW,
        IncidentStatus.DISPATCHED,
        IncidentStatus.EN_ROUTE,
        IncidentStatus.ON_SCENE,
    ]
    areas = [
        ("Samarinda Ulu", "Air Putih"),
        ("Sungai Kunjang", "Loa Bakung"),
        ("Samarinda Seberang", "Baqa"),
        ("Palaran", "Rawa Makmur"),
        ("Sambutan", "Pulau Atas"),
        ("Loa Janan Ilir", "Simpang Tiga"),
    ]
    items = [
        incident(
            f"s{n}",
            Priority(1 + (n * 3) % 4),
            40 + n * 97,
            category=cats[n % 13],
            status=statuses[n % 4],
            units=("u1", "u2")[: n % 3],
            kecamatan=areas[n % 6][0],
            kelurahan=areas[n % 6][1],
        )
        for n in range(40)
    ]
    store.apply("smd", FeedKind.INCIDENTS, page(items, full=True))
    panel = make_panel(qtbot, store)
    panel.resize(1920, 1000)
    panel.show()
    qtbot.waitExposed(panel)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "incidents.png"))
