"""The takeover queue and its banner over a real store: who takes over, for how long,
stacking, acknowledgement, units as they are sent, and what a redacted screen shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
import records
from PySide6.QtWidgets import QWidget
from records import T0
from view_support import FakeClock, _english_locale  # noqa: F401  (autouse fixture)

from views.takeover_banner import TakeoverBanner
from views.theme import apply_theme, load_theme
from wallboard.alerting.takeover import TakeoverRule, Takeovers
from wallboard.feed.kinds import FeedKind
from wallboard.model import IncidentCategory, IncidentStatus, Priority, UnitStatus
from wallboard.model.incident import Location
from wallboard.redaction import RedactedStore
from wallboard.store import Store

B = "samarinda"


class Wall:
    """A store fed by hand, its takeover queue and one screen's banner."""

    def __init__(self, qtbot, rule: TakeoverRule | None = None, store_of=None) -> None:
        rule = rule or TakeoverRule()
        self.clock = FakeClock(T0)
        self.store = Store(wall_clock=self.clock)
        self.takeovers = Takeovers(self.store, rule, self.clock)
        self.screen = QWidget()
        self.screen.resize(1600, 900)
        apply_theme(self.screen, load_theme("dark"))
        shown = store_of(self.store) if store_of else self.store
        self.banner = TakeoverBanner(self.takeovers, shown, self.clock, self.clock, self.screen)
        self.banner.anchor_to(self.screen)
        qtbot.addWidget(self.screen)
        self.screen.show()
        self.held: dict[str, object] = {}

    def send(self, *incidents, units=()) -> None:
        """The backend's full listing now: what it held before plus ``incidents``."""
        for i in incidents:
            self.held[i.id] = i
        if units:
            self.store.apply(B, FeedKind.UNITS, records.unit_list(*units))
        self.store.apply(B, FeedKind.INCIDENTS, records.incident_page(*self.held.values()))
        # as the poller does: the page applied, then the poll recorded as a success
        self.store.record_success(f"{B}/incidents", self.clock(), None)

    def later(self, seconds: float) -> None:
        self.clock.now += timedelta(seconds=seconds)
        self.takeovers.tick()  # as the wall's one-second tick does
        self.banner.tick()

    def texts(self) -> list[str]:
        labels = [self.banner.title]
        for row in self.banner.rows:
            if not row.isHidden():
                labels += [row.headline, row.area, row.detail]
        return [label.text() for label in labels]


def p1(rid: str, minutes: float = 0, **fields):
    return records.incident(rid, at=T0 + timedelta(minutes=minutes), **fields)


def test_incidents_open_at_start_never_take_over_a_new_p1_does(qtbot):
    wall = Wall(qtbot)
    wall.send(p1("OLD-1", -30), p1("OLD-2", -5))  # the wall's first listing
    assert wall.takeovers.active == ()
    assert wall.banner.isHidden()
    wall.later(10)
    wall.send(p1("NEW-1", 0.1, priority=Priority.HIGH))  # a P2: no takeover
    assert wall.takeovers.active == ()
    wall.send(p1("NEW-2", 0.2))
    assert [t.key.id for t in wall.takeovers.active] == ["NEW-2"]
    assert wall.banner.isVisible() and wall.banner.shown_ids() == ["NEW-2"]
    assert wall.texts()[:2] == ["⚠ NEW INCIDENT", "P1 Critical · Fire"]


def test_rule_chooses_priorities_and_categories(qtbot):
    rule = TakeoverRule(
        priorities=frozenset({Priority.CRITICAL, Priority.HIGH}),
        categories=frozenset({IncidentCategory.FLOOD}),
    )
    wall = Wall(qtbot, rule)
    wall.send()
    wall.send(
        p1("FIRE", 1), p1("FLOOD-P2", 1, category=IncidentCategory.FLOOD, priority=Priority.HIGH)
    )
    assert [t.key.id for t in wall.takeovers.active] == ["FLOOD-P2"]


def test_two_at_once_stack_newest_first_and_each_ends_after_its_time_without_flicker(qtbot):
    wall = Wall(qtbot, TakeoverRule(seconds=20))
    wall.send()
    wall.send(p1("A", 1))
    wall.later(8)
    wall.send(p1("B", 2))
    assert wall.banner.shown_ids() == ["B", "A"]
    assert wall.texts()[0] == "⚠ 2 NEW INCIDENTS"
    hidden_at: list[float] = []
    for second in range(1, 25):  # A ends 20 s after it came, B 8 s after that
        wall.later(1)
        if wall.banner.isHidden():
            hidden_at.append(second)
        if second == 13:
            assert wall.banner.shown_ids() == ["B"]
    # one continuous showing: hidden only once B's time is up, never in between
    assert hidden_at == list(range(20, 25))
    assert wall.takeovers.active == ()


def test_acknowledgement_ends_every_takeover_and_they_do_not_come_back(qtbot):
    wall = Wall(qtbot)
    wall.send()
    wall.send(p1("A", 1), p1("B", 1))
    assert wall.takeovers.acknowledge() == 2
    assert wall.banner.isHidden()
    wall.send(p1("A", 1, version=2, status=IncidentStatus.DISPATCHED))  # a new revision of A
    assert wall.takeovers.active == ()


def test_units_assigned_show_as_they_are_sent(qtbot):
    wall = Wall(qtbot)
    wall.send()
    wall.send(p1("A", -0.5))
    assert wall.texts()[-1].endswith("Units: none yet")
    unit = records.unit("DMK-3", status=UnitStatus.DISPATCHED, incident_id="A")
    wall.send(p1("A", -0.5, version=2, assignments=records.sent(["dmk"], T0)), units=[unit])
    # records.sent names unit u-dmk; the unit list holds DMK-3: both shown as known
    assert "u-dmk" in wall.texts()[-1]
    wall.send(
        p1(
            "A",
            -0.5,
            version=3,
            assignments=(records.Assignment(unit_id="DMK-3", agency_id="dmk", dispatched_at=T0),),
        ),
        units=[unit],
    )
    assert wall.texts()[-1].endswith("Units: DMK-3")
    wall.later(5)
    assert wall.texts()[-1].startswith("Age 0:35")  # created 30 s before T0; now T0 + 5 s


@pytest.mark.parametrize("redacted", [False, True])
def test_redacted_screens_show_only_what_redaction_keeps(qtbot, redacted):
    wall = Wall(qtbot, store_of=RedactedStore if redacted else None)
    wall.send()
    place = Location(lat=-0.5, lon=117.15, address="Jl. Merdeka No. 12", kelurahan="", kecamatan="")
    wall.send(p1("A", 1, location=place, description="Pak Budi, rumah biru"))
    text = " ".join(wall.texts())
    assert "Budi" not in text  # free text is never on the banner
    assert ("Merdeka" in text) is not redacted
    assert wall.banner.shown_ids() == ["A"]


def test_the_desks_action_acknowledges_like_the_wall_key(qtbot):
    from wallboard.shell.takeover_hub import TakeoverHub

    clock = FakeClock(T0)
    store = Store(wall_clock=clock)
    hub = TakeoverHub(store, TakeoverRule(), clock, sound=False)
    ended: list[int] = []
    hub.acknowledged.connect(ended.append)
    store.apply(B, FeedKind.INCIDENTS, records.incident_page())
    store.record_success(f"{B}/incidents", clock(), None)
    store.apply(B, FeedKind.INCIDENTS, records.incident_page(p1("A", 1)))
    assert [t.key.id for t in hub.takeovers.active] == ["A"]
    assert hub.acknowledge_action.text() == "Acknowledge new incident"
    hub.acknowledge_action.trigger()  # what a desk's button given the action does
    assert hub.takeovers.active == () and ended == [1]
    hub.close()
