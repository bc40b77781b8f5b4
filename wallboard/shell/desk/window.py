"""The duty manager's desk: one main window whose parts (docks) the user arranges.

Parts: the sources' status, open incidents, units, the map, the details of the chosen
record, the call queue with its KPIs, the agencies and the hazard alerts. Each part is
closable and comes back from the View menu; "Reset layout" puts every part back in its
first place. The arrangement, the window's geometry and the lists' columns are kept in
the QSettings it is given, written when the window closes and read by ``restore()``.

A row chosen in a list rings its marker on the map; a marker clicked on the map chooses
its row; Enter or a double click on a row (or a click on the map) opens the details.
Rows, markers, details and takeovers all name a record by its ``RecordKey`` (backend and
id): on a province desk two regions' records of one id are two rows and two markers.
The window owns no timers and no network: ``tick()`` is called by whoever assembled it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from maps.click_channel import MarkerRef
from maps.detail_panel import DetailPanel
from maps.map_panel import MapPanel
from views.desk.desk_lists import incident_list, unit_list
from views.desk.desk_style import desk_stylesheet
from views.panel_frame import plain_label
from wallboard.model import RecordKey
from wallboard.report.desk_shift import current_shift
from wallboard.shell.desk.parts import FullHeightArea, dock
from wallboard.shell.desk.period_dialog import PeriodDialog
from wallboard.shell.desk.shift_report import OpenFolder, open_folder, write_shift_report
from wallboard.shell.panel_kit import PanelKit
from wallboard.shell.takeover_hub import TakeoverHub
from wallboard.store import StoreDiff

log = logging.getLogger(__name__)

LAYOUT_VERSION = 1  # bump when the parts change: an old saved state is then ignored
KEY_GEOMETRY = "desk/geometry"
KEY_STATE = "desk/state"
KEY_COLUMNS = "desk/columns/{0}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeskWindow", text)


class DeskWindow(QMainWindow):
    """The desk over ``kit``'s store; layout kept in ``settings``."""

    def __init__(
        self,
        kit: PanelKit,
        settings: QSettings,
        *,
        reports_dir: Path,
        open_reports: OpenFolder = open_folder,
        takeover: TakeoverHub | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``takeover``: the new-P1 takeover (issue 18) the desk shows on its map and
        acknowledges from its Alerts menu and the button at the menu bar's end."""
        super().__init__(parent)
        self.setObjectName("DeskWindow")
        self.setWindowTitle(_tr("Wallboard 112 desk — {0}").format(kit.region_name))
        self.setDockNestingEnabled(True)
        self.number = 0  # a desk is one screen: its screenshot is screen-0.png
        self.setStyleSheet(desk_stylesheet(kit.theme))
        self._kit = kit
        self._store = kit.store
        self._settings = settings
        self._reports_dir = reports_dir
        self._open_reports = open_reports
        self.last_report: Path | None = None
        self.keeps_layout = True  # False: a screenshot's full-screen layout is not kept
        store, clock = kit.store, kit.clock
        self.header = kit.header()
        self.incidents = incident_list(store, clock, kit.backends)
        self.units = unit_list(store, kit.zone, clock, kit.backends)
        self.map = kit.panel("map")
        self.details = DetailPanel(store, kit.zone, clock, idle_close_ms=None, full=True)
        self.queue = kit.panel("queue")
        self.agencies = kit.panel("agencies")
        self.alerts = kit.panel("alerts")
        self.detail_hint = plain_label(
            _tr("Choose an incident or a unit: Enter on its row, or a click on the map."),
            "caption",
        )
        self.detail_hint.setWordWrap(True)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.addWidget(self.detail_hint)
        column.addWidget(self.details)
        column.addStretch(1)
        self.details.closed.connect(self.detail_hint.show)
        self._areas = [FullHeightArea(p) for p in (self.queue, self.agencies, holder)]
        self._areas[2].setMinimumWidth(240)  # room for a record's details before one is open
        self.queue.chart.setMinimumHeight(220)  # the day's curve, below every KPI row
        self.parts: dict[str, QDockWidget] = {
            "status": dock("status", _tr("Sources"), self.header),
            "incidents": dock("incidents", _tr("Open incidents"), self.incidents),
            "units": dock("units", _tr("Units"), self.units),
            "map": dock("map", _tr("Map"), self.map),
            "details": dock("details", _tr("Details"), self._areas[2]),
            "queue": dock("queue", _tr("Call queue and KPIs"), self._areas[0]),
            "agencies": dock("agencies", _tr("Agencies"), self._areas[1]),
            "alerts": dock("alerts", _tr("Hazard alerts"), self.alerts),
        }
        self._takeover = takeover
        self._build_menus()
        self.arrange()
        self.incidents.table.size_columns()
        self.units.table.size_columns()
        self._wire()
        self.statusBar()

    # -- menus -------------------------------------------------------------------------

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file = menus.addMenu(_tr("&File"))
        self.report_action = QAction(_tr("Shift report…"), self)
        self.report_action.setShortcut(QKeySequence("Ctrl+R"))
        self.report_action.triggered.connect(lambda: self.shift_report())
        file.addAction(self.report_action)
        self.period_action = QAction(_tr("Report for a period…"), self)
        self.period_action.triggered.connect(self.choose_period)
        file.addAction(self.period_action)
        self.period_dialog: PeriodDialog | None = None
        file.addSeparator()
        quit_action = QAction(_tr("Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file.addAction(quit_action)
        view = menus.addMenu(_tr("&View"))
        self.view_menu = view
        for part in self.parts.values():
            view.addAction(part.toggleViewAction())
        view.addSeparator()
        self.legend_action = QAction(_tr("Fold the map legend"), self, checkable=True)
        self.legend_action.toggled.connect(self.map.set_legend_collapsed)
        view.addAction(self.legend_action)
        self.find_action = QAction(_tr("Search incidents"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        view.addAction(self.find_action)
        view.addSeparator()
        self.reset_action = QAction(_tr("Reset layout"), self)
        self.reset_action.triggered.connect(self.reset_layout)
        view.addAction(self.reset_action)
        # the takeover of a new P1 incident, acknowledged from the desk as on the wall;
        # an action of the desk's own: its shortcut must not reach a wall's action
        hub = self._takeover
        text = hub.acknowledge_action.text() if hub else _tr("Acknowledge alert")
        self.acknowledge_action = QAction(text, self)
        self.acknowledge_action.setObjectName("acknowledge")
        self.acknowledge_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.acknowledge_action.setEnabled(False)
        if hub is not None:
            self.acknowledge_action.triggered.connect(hub.acknowledge)
        menus.addMenu(_tr("&Alerts")).addAction(self.acknowledge_action)
        # and a button at the menu bar's right end: no row of its own on a short screen
        self.acknowledge_button = QToolButton()
        self.acknowledge_button.setDefaultAction(self.acknowledge_action)
        self.acknowledge_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menus.setCornerWidget(self.acknowledge_button, Qt.Corner.TopRightCorner)

    def _focus_search(self) -> None:
        self.parts["incidents"].show()
        self.parts["incidents"].raise_()
        self.incidents.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.incidents.search.selectAll()

    # -- layout ------------------------------------------------------------------------

    def arrange(self) -> None:
        """Every part in its first place: lists left, map and details right, KPIs below."""
        p = self.parts
        for part in p.values():
            self.removeDockWidget(part)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, p["status"])
        self.addDockWidget(left, p["incidents"])
        self.addDockWidget(right, p["map"])
        self.splitDockWidget(p["map"], p["details"], Qt.Orientation.Horizontal)
        self.splitDockWidget(p["incidents"], p["queue"], Qt.Orientation.Vertical)
        self.tabifyDockWidget(p["incidents"], p["units"])
        self.tabifyDockWidget(p["queue"], p["agencies"])
        self.tabifyDockWidget(p["queue"], p["alerts"])
        for part in p.values():
            part.setFloating(False)
            part.show()
        p["incidents"].raise_()
        p["queue"].raise_()
        width, height = max(self.width(), 1200), max(self.height(), 700)
        self.resizeDocks(
            [p["incidents"], p["map"], p["details"]],
            [int(width * 0.44), int(width * 0.38), int(width * 0.18)],
            Qt.Orientation.Horizontal,
        )
        self.resizeDocks(
            [p["incidents"], p["queue"]],
            [int(height * 0.55), int(height * 0.45)],
            Qt.Orientation.Vertical,
        )

    def reset_layout(self) -> None:
        """Back to the first arrangement, every part shown, columns fitted again."""
        self.arrange()
        self.incidents.table.forget_columns()
        self.units.table.forget_columns()
        self.legend_action.setChecked(False)

    def save_layout(self) -> None:
        """Keep geometry, arrangement and columns in the settings (done on close)."""
        s = self._settings
        s.setValue(KEY_GEOMETRY, self.saveGeometry())
        s.setValue(KEY_STATE, self.saveState(LAYOUT_VERSION))
        for name, panel in (("incidents", self.incidents), ("units", self.units)):
            s.setValue(KEY_COLUMNS.format(name), panel.table.header_state())
        s.sync()

    def restore(self) -> bool:
        """Geometry, arrangement and columns as last kept; False if none were."""
        s = self._settings
        geometry, state = s.value(KEY_GEOMETRY), s.value(KEY_STATE)
        restored = False
        if isinstance(geometry, QByteArray | bytes) and geometry:
            restored = self.restoreGeometry(QByteArray(geometry))
        if isinstance(state, QByteArray | bytes) and state:
            restored = self.restoreState(QByteArray(state), LAYOUT_VERSION) and restored
        for name, panel in (("incidents", self.incidents), ("units", self.units)):
            panel.table.restore_header(s.value(KEY_COLUMNS.format(name)))
        return restored

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.keeps_layout:
            self.save_layout()
        super().closeEvent(event)

    # -- selection between lists, map and details -------------------------------------

    def _wire(self) -> None:
        self._store.changed.connect(self._on_changed)
        self.destroyed.connect(lambda *_: self._store.changed.disconnect(self._on_changed))
        self.incidents.table.selected.connect(lambda key: self._chosen("incident", key))
        self.units.table.selected.connect(lambda key: self._chosen("unit", key))
        self.incidents.table.opened.connect(lambda key: self.open_details("incident", key))
        self.units.table.opened.connect(lambda key: self.open_details("unit", key))
        self.map.marker_clicked.connect(self._marker_clicked)
        if self._takeover is not None:
            self._takeover.takeovers.changed.connect(self._takeover_changed)
            self.destroyed.connect(
                lambda *_: self._takeover.takeovers.changed.disconnect(self._takeover_changed)
            )

    def _takeover_changed(self, *_: object) -> None:
        """A takeover began or ended: the map flies there (or back), the action follows."""
        active = self._takeover.takeovers.active
        self.acknowledge_action.setEnabled(bool(active))
        self.map.show_takeover(active[0].key if active else None)

    def _chosen(self, kind: str, key: RecordKey) -> None:
        self.map.choose(MarkerRef(kind, key))
        if self.details.ref is not None:
            self.details.show_ref(MarkerRef(kind, key))  # details follow the selection

    def open_details(self, kind: str, key: RecordKey) -> None:
        """Show the details of record ``key`` in their part (shown and raised if closed)."""
        if self.details.show_ref(MarkerRef(kind, key)):
            self.detail_hint.hide()
            self.parts["details"].show()
            self.parts["details"].raise_()

    def _marker_clicked(self, ref: MarkerRef) -> None:
        panel = self.incidents if ref.kind == "incident" else self.units
        part = self.parts["incidents" if ref.kind == "incident" else "units"]
        part.show()
        part.raise_()
        if not panel.table.select_record(ref.key):
            # hidden by a filter or the search: show everything rather than nothing
            panel.search.clear()
            for column in panel.filters:
                panel.choose(column, None)
            panel.table.select_record(ref.key)
        self.open_details(ref.kind, ref.key)

    def _on_changed(self, diff: StoreDiff) -> None:
        if not diff.incidents.is_empty:
            self.incidents.model.apply(diff.incidents)
            if diff.incidents.added or diff.incidents.removed:
                self.incidents.refresh_choices()  # kecamatan come and go
        if not diff.units.is_empty:
            self.units.model.apply(diff.units)
            self.incidents.proxy.forget_texts()  # call signs in the incident list
            self.incidents.table.viewport().update()
        if not diff.agencies.is_empty:
            self.incidents.proxy.forget_texts()
            self.units.proxy.forget_texts()
            self.incidents.refresh_choices()
            self.units.refresh_choices()
        self.details.refresh()
        QTimer.singleShot(0, self, self._keep_full_heights)  # once the panels took it in

    def _keep_full_heights(self) -> None:
        # every KPI row: the wall's table drops rows that lack room, the desk scrolls
        kpis = self.queue.kpis
        if kpis.minimumHeight() != kpis.sizeHint().height():
            kpis.setMinimumHeight(kpis.sizeHint().height())
        for area in self._areas:
            area.keep_full_height()

    # -- actions -----------------------------------------------------------------------

    def choose_period(self) -> None:
        """Ask for a period (the current shift to start with); its report on OK."""
        start, end = current_shift(self._store.feed_now(), self._kit.zone)
        dialog = PeriodDialog(start, end, self._kit.zone, self)
        dialog.accepted.connect(lambda: self.shift_report(dialog.period()))
        dialog.finished.connect(dialog.deleteLater)
        self.period_dialog = dialog
        dialog.open()

    def shift_report(self, period: tuple[datetime, datetime] | None = None) -> Path | None:
        """Write the report of the current shift (or ``period``) and open its folder;
        its path, or None."""
        kit = self._kit
        try:
            folder = write_shift_report(
                self._store,
                kit.zone,
                kit.targets,
                kit.region_name,
                self._reports_dir,
                period=period,
            )
        except OSError as exc:
            log.error("shift report not written: %s", exc)
            QMessageBox.warning(self, _tr("Shift report"), _tr("Not written: {0}").format(exc))
            return None
        self.last_report = folder
        self.statusBar().showMessage(_tr("Shift report written to {0}").format(folder), 10_000)
        self._open_reports(folder)
        return folder

    # -- time --------------------------------------------------------------------------

    def tick(self) -> None:
        """Once a second: clocks and ages run on, stale marks follow, rows keep their room."""
        self.header.tick()
        for panel in (self.map, self.queue, self.agencies, self.alerts):
            panel.tick()
        self._keep_full_heights()
        # ages run on but never change their order: repaint, no re-sort, no re-filter
        self.incidents.table.viewport().update()
        self.units.table.viewport().update()
        self.details.refresh()

    def visible_panels(self) -> list[QWidget]:
        """The store panels on show (the screenshot mode waits for these to be drawn)."""
        panels = (self.map, self.queue, self.agencies, self.alerts)
        return [p for p in panels if p.isVisible()]

    @property
    def panels(self) -> list[QWidget]:
        """The store panels (night mode recolours them like the wall's)."""
        return [self.map, self.queue, self.agencies, self.alerts]

    def map_panel(self) -> MapPanel:
        return self.map


__all__ = ["DeskWindow"]
