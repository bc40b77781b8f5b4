"""Panels deleted while the store lives on (a monitor unplugged) leave no connection behind."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import records
from PySide6.QtCore import QCoreApplication, QEvent

from views.agency_panel import AgencyPanel
from views.header_panel import HeaderPanel
from views.incident_panel import IncidentPanel
from views.queue_panel import QueuePanel
from wallboard.feed.kinds import FeedKind
from wallboard.store import Store

WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


def test_deleted_panels_disconnect_from_the_store(qtbot):
    store = Store(wall_clock=lambda: NOW)
    panels = [
        cls(store, WITA, store.feed_now)
        for cls in (HeaderPanel, QueuePanel, AgencyPanel, IncidentPanel)
    ]
    assert len(store.changed) == 4
    assert len(store.freshness_changed) == 4
    for panel in panels:
        panel.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(store.changed) == 0
    assert len(store.freshness_changed) == 0
    # the poller's next apply and freshness report still work
    store.apply("smd", FeedKind.QUEUE, records.queue(NOW, region="smd"))
    store.record_success("smd/queue", NOW, None)
