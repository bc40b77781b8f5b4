"""Agency cards: units per status, open incidents assigned, link state, stale marking,
and the personnel-available column when a backend sends staffing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import records
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication
from records import WITA
from view_support import FakeClock, _english_locale  # noqa: F401  (autouse fixture)

from views.agency_card import PERSONNEL
from views.agency_panel import AgencyPanel
from views.theme import apply_theme, load_theme
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import AgencyList, IncidentPage, UnitList
from wallboard.model import (
    Agency,
    AgencyKind,
    IncidentStatus,
    LinkStatus,
    Priority,
    RecordKey,
    UnitStatus,
)
from wallboard.model.agency import PersonnelCounts
from wallboard.shell.translations import install_language
from wallboard.store import Store

T0 = datetime(2026, 11, 28, 2, 0, 0, tzinfo=UTC)
SHOTS = Path("/tmp/panel-shots")


def agency(
    aid: str, short: str, kind: AgencyKind, link=LinkStatus.ONLINE, version=1, personnel=None
) -> Agency:
    return records.agency(
        aid,
        kind,
        short=short,
        name=f"{short} Kota Samarinda",
        link=link,
        version=version,
        at=T0,
        personnel=personnel,
    )


def unit(uid: str, aid: str, status: UnitStatus, version: int = 1):
    return records.unit(
        uid, agency=aid, status=status, version=version, at=T0, call_sign=uid.upper()
    )


def incident(iid: str, agencies: tuple[str, ...], *, closed: bool = False, version=1):
    status = IncidentStatus.CLOSED if closed else IncidentStatus.DISPATCHED
    return records.incident(
        iid,
        at=T0,
        version=version,
        status=status,
        priority=Priority.HIGH,
        assignments=records.sent(agencies, T0),
    )


@pytest.fixture
def wall():
    clock = FakeClock(T0)
    store = Store(wall_clock=clock)
    store.apply(
        "smd",
        FeedKind.AGENCIES,
        AgencyList(
            items=[
                agency("pol", "POLRESTA", AgencyKind.POLICE),
                agency("dmk", "DAMKAR", AgencyKind.FIRE, LinkStatus.DEGRADED),
                agency("psc", "PSC 119", AgencyKind.MEDICAL, LinkStatus.OFFLINE),
            ]
        ),
    )
    store.apply(
        "smd",
        FeedKind.UNITS,
        UnitList(
            items=[
                unit("p1", "pol", UnitStatus.AVAILABLE),
                unit("p2", "pol", UnitStatus.AVAILABLE),
                unit("p3", "pol", UnitStatus.EN_ROUTE),
                unit("d1", "dmk", UnitStatus.ON_SCENE),
                unit("d2", "dmk", UnitStatus.OUT_OF_SERVICE),
                unit("a1", "psc", UnitStatus.RETURNING),
            ]
        ),
    )
    store.apply(
        "smd",
        FeedKind.INCIDENTS,
        IncidentPage(
            items=[
                incident("i1", ("pol", "dmk")),
                incident("i2", ("dmk",)),
                incident("i3", ("pol",), closed=True),
            ],
            cursor="1",
            full=True,
        ),
    )
    return clock, store


def make_panel(qtbot, store, clock) -> AgencyPanel:
    panel = AgencyPanel(store, WITA, store.feed_now)
    qtbot.addWidget(panel)
    apply_theme(panel, load_theme("dark"))
    return panel


def smd(aid: str) -> RecordKey:
    """An agency's key: the tests feed one backend, "smd"."""
    return RecordKey("smd", aid)


def counts(panel: AgencyPanel, aid: str) -> dict[str, str]:
    card = panel.cards[smd(aid)]
    shown = {s.value: label.text() for s, label in card.units.items()}
    shown["open"] = card.open_incidents.text()
    return shown


def test_one_card_per_agency_with_units_by_status_and_open_incidents(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store, clock)
    assert [k.id for k in panel.cards] == ["pol", "dmk", "psc"]  # by kind: police, fire, medical
    assert counts(panel, "pol") == {
        "available": "2",
        "dispatched": "0",
        "en_route": "1",
        "on_scene": "0",
        "returning": "0",
        "out_of_service": "0",
        "open": "1",  # i3 is closed
    }
    assert counts(panel, "dmk")["on_scene"] == "1"
    assert counts(panel, "dmk")["out_of_service"] == "1"
    assert counts(panel, "dmk")["open"] == "2"
    assert counts(panel, "psc")["open"] == "0"


def test_link_state_is_said_in_words_not_only_colour(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store, clock)
    assert panel.cards[smd("pol")].link.text() == "✔ Online"
    assert panel.cards[smd("dmk")].link.text() == "▲ Degraded"
    assert panel.cards[smd("psc")].link.text() == "✖ Offline"
    assert panel.cards[smd("psc")].property("link") == "offline"
    store.apply(
        "smd",
        FeedKind.AGENCIES,
        AgencyList(
            items=[
                agency("pol", "POLRESTA", AgencyKind.POLICE),
                agency("dmk", "DAMKAR", AgencyKind.FIRE, LinkStatus.DEGRADED),
                agency("psc", "PSC 119", AgencyKind.MEDICAL, LinkStatus.ONLINE, version=2),
            ]
        ),
    )
    assert panel.cards[smd("psc")].link.text() == "✔ Online"


def test_diffs_move_counts(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store, clock)
    store.apply(
        "smd",
        FeedKind.UNITS,
        UnitList(
            items=[
                unit("p1", "pol", UnitStatus.DISPATCHED, version=2),
                unit("p2", "pol", UnitStatus.AVAILABLE),
                unit("p3", "pol", UnitStatus.EN_ROUTE),
                unit("d1", "dmk", UnitStatus.ON_SCENE),
                unit("a1", "psc", UnitStatus.RETURNING),
            ]
        ),
    )  # d2 left the feed
    assert counts(panel, "pol")["available"] == "1"
    assert counts(panel, "pol")["dispatched"] == "1"
    assert counts(panel, "dmk")["out_of_service"] == "0"
    store.apply(
        "smd",
        FeedKind.INCIDENTS,
        IncidentPage(
            items=[
                incident("i1", ("pol", "dmk"), closed=True, version=2),
                incident("i4", ("psc",)),
            ],
            cursor="2",
            full=False,
        ),
    )
    assert counts(panel, "pol")["open"] == "0"
    assert counts(panel, "dmk")["open"] == "1"
    assert counts(panel, "psc")["open"] == "1"


def test_agency_leaving_the_feed_loses_its_card(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store, clock)
    store.apply(
        "smd", FeedKind.AGENCIES, AgencyList(items=[agency("pol", "POLRESTA", AgencyKind.POLICE)])
    )
    assert [k.id for k in panel.cards] == ["pol"]
    assert counts(panel, "pol")["available"] == "2"


def test_stale_units_mark_the_panel_and_keep_the_last_data(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store, clock)
    for kind in ("agencies", "units", "incidents"):
        store.record_success(f"smd/{kind}", clock.now, None)
    assert not panel.is_marked_stale
    clock.now += timedelta(seconds=45)
    for kind in ("agencies", "incidents"):
        store.record_success(f"smd/{kind}", clock.now, None)
    panel.tick()
    assert panel.is_marked_stale
    assert panel.property("stale") == "true"
    assert panel.banner.text() == ("⚠ DATA NOT CURRENT — Units: last success 10:00:00 (45 s ago)")
    assert counts(panel, "pol")["available"] == "2"  # last data still shown
    store.record_success("smd/units", clock.now, None)
    assert not panel.is_marked_stale


def test_screenshot(qtbot, wall):
    clock, store = wall
    kinds = [
        AgencyKind.POLICE,
        AgencyKind.FIRE,
        AgencyKind.MEDICAL,
        AgencyKind.DISASTER,
        AgencyKind.SEARCH_RESCUE,
        AgencyKind.UTILITY,
        AgencyKind.TRANSPORT,
        AgencyKind.PUBLIC_ORDER,
        AgencyKind.VOLUNTEER,
    ]
    names = [
        "POLRESTA",
        "DAMKAR",
        "PSC 119",
        "BPBD",
        "BASARNAS",
        "PLN",
        "DISHUB",
        "SATPOL PP",
        "RAPI",
    ]
    links = [LinkStatus.ONLINE] * 9
    links[2], links[5] = LinkStatus.OFFLINE, LinkStatus.DEGRADED
    store.apply(
        "smd",
        FeedKind.AGENCIES,
        AgencyList(
            items=[
                agency(f"a{i}", n, k, link)
                for i, (n, k, link) in enumerate(zip(names, kinds, links, strict=True))
            ]
        ),
    )
    statuses = list(UnitStatus)
    store.apply(
        "smd",
        FeedKind.UNITS,
        UnitList(items=[unit(f"u{i}", f"a{i % 9}", statuses[(i * 7) % 6]) for i in range(120)]),
    )
    panel = make_panel(qtbot, store, clock)
    panel.resize(1920, 1000)
    panel.show()
    qtbot.waitExposed(panel)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "agencies.png"))


# -- personnel available ---------------------------------------------------------------


def staffed(store: Store, version: int, **available: int) -> None:
    """The three agencies again, those named with that many people available."""
    rows = [
        ("pol", "POLRESTA", AgencyKind.POLICE),
        ("dmk", "DAMKAR", AgencyKind.FIRE),
        ("psc", "PSC 119", AgencyKind.MEDICAL),
    ]
    items = []
    for aid, short, kind in rows:
        people = None
        if aid in available:
            people = PersonnelCounts(available=available[aid], responding=2, unavailable=1)
        items.append(agency(aid, short, kind, version=version, personnel=people))
    store.apply("smd", FeedKind.AGENCIES, AgencyList(items=items))


def personnel_column_shown(panel: AgencyPanel) -> bool:
    caption = panel.header.captions[PERSONNEL]
    cells = [card.personnel for card in panel.cards.values()]
    shown = [not w.isHidden() for w in (caption, *cells)]
    assert len(set(shown)) == 1, "the header and the rows disagree"
    return shown[0]


def test_personnel_column_only_when_some_agency_has_counts(qtbot, wall):
    clock, store = wall
    panel = make_panel(qtbot, store, clock)
    panel.resize(1920, 600)
    panel.show()
    qtbot.waitExposed(panel)
    assert not personnel_column_shown(panel)
    units_width = panel.cards[smd("pol")].units[UnitStatus.AVAILABLE].width()
    staffed(store, 2, pol=5, dmk=0)
    assert personnel_column_shown(panel)
    assert panel.header.captions[PERSONNEL].text() == "Personnel available"
    assert panel.cards[smd("pol")].personnel.text() == "5"
    assert panel.cards[smd("dmk")].personnel.text() == "0"
    assert panel.cards[smd("dmk")].personnel.property("zero") == "true"  # recedes like unit zeros
    assert panel.cards[smd("psc")].personnel.text() == "–"  # its backend says nothing
    # Readable from 5 m: the figure is the rows' bold data type, not a footnote.
    assert QFontInfo(panel.cards[smd("pol")].personnel.font()).pixelSize() >= 20
    # The new column shares the row with the others, in line with its header.
    qtbot.waitUntil(lambda: panel.cards[smd("pol")].personnel.width() > 0)
    header, cell = panel.header.captions[PERSONNEL], panel.cards[smd("pol")].personnel
    assert abs(header.mapTo(panel, header.rect().center()).x() -
               cell.mapTo(panel, cell.rect().center()).x()) <= 2  # fmt: skip
    staffed(store, 3, pol=4)
    assert panel.cards[smd("pol")].personnel.text() == "4"
    staffed(store, 4)  # no agency has counts any more: the column goes
    assert not personnel_column_shown(panel)
    qtbot.waitUntil(
        lambda: panel.cards[smd("pol")].units[UnitStatus.AVAILABLE].width() == units_width
    )


@pytest.fixture
def indonesian():
    app = QApplication.instance()
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    translator = install_language(app, "id")
    yield
    if translator is not None:
        app.removeTranslator(translator)
    QLocale.setDefault(old)


def test_personnel_column_in_indonesian_screenshot(qtbot, wall, indonesian):
    clock, store = wall
    staffed(store, 2, pol=12, dmk=3, psc=0)
    panel = make_panel(qtbot, store, clock)
    panel.resize(1920, 400)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.header.captions[PERSONNEL].text() == "Personel siaga"
    assert panel.cards[smd("pol")].personnel.text() == "12"
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "agencies-personnel-id.png"))
