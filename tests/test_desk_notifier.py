"""Notifications of new P1 incidents: what the notice says, and never more than one per
gap, those held back counted into the next (a clock the test moves)."""

from __future__ import annotations

import records
from PySide6.QtWidgets import QWidget

from wallboard.feed.kinds import FeedKind
from wallboard.model import IncidentCategory, Priority
from wallboard.shell.desk.notifier import P1Notifier
from wallboard.store import Store


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def send(store: Store, *incidents) -> None:
    store.apply("b", FeedKind.INCIDENTS, records.incident_page(*incidents, full=False))


def test_one_notice_per_gap_and_the_held_ones_counted_into_the_next(qtbot):
    store = Store()
    window = QWidget()
    qtbot.addWidget(window)  # never shown: out of view
    clock = Clock()
    notifier = P1Notifier(store, window, min_gap_s=10.0, clock=clock)
    send(store, records.incident("OLD-1"))  # open at start: old news
    assert notifier.sent == []
    place = records.location(kecamatan="Palaran")
    send(store, records.incident("P1-A", category=IncidentCategory.FLOOD, location=place))
    assert notifier.sent == [("New priority-1 incident", "Flood · P1-A · Palaran")]
    clock.now += 4
    send(store, records.incident("P1-B"), records.incident("P2-X", priority=Priority.HIGH))
    clock.now += 4
    send(store, records.incident("P1-C"))
    assert len(notifier.sent) == 1  # within the gap: held back
    clock.now += 3
    send(store, records.incident("P1-D"))
    assert notifier.sent[-1] == (
        "New priority-1 incident",
        "Fire · P1-D\nand 2 more since the last notice",
    )
    send(store, records.incident("P3-Y", priority=Priority.MEDIUM))  # not P1: nothing
    clock.now += 60
    send(store, records.incident("P3-Z", priority=Priority.LOW))
    assert len(notifier.sent) == 2
