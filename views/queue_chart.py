"""Calls offered per 15 minutes today, over the same weekday last week, by local hour.

Today is a filled step chart, last week a line over it: the trend of the day so far
and what the rest of it looked like a week ago. Built once; every update is one
``setData`` per item (pyqtgraph's fast path).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from views.fonts import SMALL_PX, pixel_font
from views.theme import Theme

_HOURS_PER_DAY = 24.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueChart", text)


class QueueChart(pg.PlotWidget):
    """Bars of offered calls per interval today, a line for last week; x in local hours."""

    def __init__(self, theme: Theme, minutes: int = 15, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._step_h = minutes / 60.0
        self._counts: list[int] = []
        self._reference: list[int] = []
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        plot.setXRange(0, _HOURS_PER_DAY, padding=0)
        plot.enableAutoRange(axis="y", enable=True)
        plot.showGrid(x=False, y=True, alpha=0.3)
        bottom = plot.getAxis("bottom")
        bottom.setTicks([[(h, f"{h:02d}") for h in range(0, 25, 3)], []])
        self._caption = _tr("Per 15 min: today (bars), last week (line)")
        self._curve = pg.PlotDataItem(stepMode="center", fillLevel=0)
        plot.addItem(self._curve)
        self._reference_curve = pg.PlotDataItem(stepMode="center")
        plot.addItem(self._reference_curve)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        """Colours from the theme tokens; the pen stays 1 px wide (wider pens cost 100x)."""
        self.setBackground(theme.color("surface"))
        plot = self.getPlotItem()
        text = theme.color("muted")
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(theme.color("grid"), width=1))
            axis.setTextPen(pg.mkPen(text))
            axis.setStyle(tickFont=pixel_font(SMALL_PX), tickTextOffset=8)
        # Room for the tick text up front: pyqtgraph otherwise widens an axis only after
        # a first paint without labels, and a wall that does not change never repaints.
        plot.getAxis("bottom").setHeight(SMALL_PX * 2 + 8)
        plot.getAxis("left").setWidth(SMALL_PX * 3)
        plot.setTitle(self._caption, color=text.name(), size=f"{SMALL_PX}px")
        fill = theme.color("accent")
        self._curve.setPen(pg.mkPen(fill, width=1))
        fill.setAlpha(170)
        self._curve.setBrush(pg.mkBrush(fill))
        # 2 px over 96 points costs nothing, and a 1 px line is lost from 5 m away
        self._reference_curve.setPen(pg.mkPen(theme.color("text"), width=2))

    def set_counts(self, counts: Sequence[int]) -> None:
        """Show ``counts[i]`` calls in the i-th interval since local midnight."""
        self._counts = list(counts)
        edges = [i * self._step_h for i in range(len(self._counts) + 1)]
        if self._counts:
            self._curve.setData(edges, self._counts)
        else:
            self._curve.setData([], [])

    def set_reference(self, counts: Sequence[int] | None) -> None:
        """Last week's whole day (``None`` or empty: nothing to compare, no line)."""
        self._reference = list(counts or ())
        edges = [i * self._step_h for i in range(len(self._reference) + 1)]
        if self._reference:
            self._reference_curve.setData(edges, self._reference)
        else:
            self._reference_curve.setData([], [])

    def counts(self) -> list[int]:
        """What the chart shows now (for tests and drill-down)."""
        return list(self._counts)

    def reference(self) -> list[int]:
        return list(self._reference)


__all__ = ["QueueChart"]
