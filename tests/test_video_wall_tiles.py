"""A spanned display's tiles are screens of their own for everything, redaction included:
built in-process as the program builds it, one display cut into two tiles, the second
marked public-facing, shows an incident's exact address on the first tile only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from records import REGION, incident, location
from view_support import _english_locale  # noqa: F401  (autouse fixture)

from views.incident_model import AREA
from views.incident_panel import IncidentPanel
from wallboard.backends import poll_intervals
from wallboard.config import settings_from_dict
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import IncidentPage
from wallboard.poller import BackendSpec
from wallboard.shell.assembly import assemble_wall

ADDRESS = "Jl. Pahlawan No. 12, RT 04"  # exact: never on a public-facing screen


@pytest.fixture
def spanned(qapp):
    """The test platform's one screen as a display of two monitors, one above the other
    (nothing is polled: the incident is put in the store by hand)."""
    wall = {
        "spans": [{"screen": 0, "tiles": [1, 2]}],
        "screens": [{"grid": [["incidents"]]}, {"grid": [["incidents"]], "redact": True}],
    }
    settings = settings_from_dict({"wall": wall}, source="wall.toml")
    spec = BackendSpec(
        name=REGION, url="http://127.0.0.1:9", intervals=poll_intervals(2.0), timeout=1.0
    )
    screens = [qapp.primaryScreen()]
    parts = assemble_wall(qapp, settings, [spec], screens=lambda: screens)
    yield parts
    parts.close()
    for window in parts.wall.windows:
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _area(window) -> str:
    (panel,) = [p for p in window.visible_panels() if isinstance(p, IncidentPanel)]
    model = panel.model
    assert model.rowCount() == 1
    return model.data(model.index(0, AREA), Qt.ItemDataRole.DisplayRole)


def test_each_tile_is_a_screen_and_redaction_follows_the_tile(qapp, spanned):
    windows = spanned.wall.windows
    assert [w.number for w in windows] == [0, 1]
    assert spanned.wall.plans == tuple(w.plan for w in windows)
    top, bottom = (w.geometry() for w in windows)
    display = qapp.primaryScreen().geometry()
    assert (top.x(), top.y()) == (display.x(), display.y())
    assert (bottom.x(), bottom.y()) == (display.x(), display.y() + display.height() // 2)
    spot = location(address=ADDRESS)
    page = IncidentPage(items=[incident("INC-7", location=spot)], cursor="1", full=True)
    spanned.store.apply(REGION, FeedKind.INCIDENTS, page)
    assert _area(windows[0]) == ADDRESS
    assert ADDRESS not in (_area(windows[1]) or "")
