"""The guided tour on screen: each second, move the highlight to the stop the clock says.

The schedule itself is wallboard.orientation.tour (pure, wall-clock only); this applies it to the
wall's windows and logs each move, so separate wall processes can be compared.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from views.screen_window import ScreenWindow
from wallboard.layout import ScreenPlan
from wallboard.orientation.tour import Focus, TourStop, focus_at, tour_stops

log = logging.getLogger(__name__)


class TourGuide:
    """Called by the wall's tick with the wall-clock instant and the windows on show."""

    def __init__(self, dwell_s: float) -> None:
        self.dwell_s = dwell_s
        self.focus: Focus | None = None
        self._stops: tuple[TourStop, ...] = ()
        self._plans: tuple = ()

    def __call__(
        self,
        epoch_seconds: float,
        windows: Sequence[ScreenWindow],
        wall_plans: Sequence[ScreenPlan] | None = None,
    ) -> None:
        """``wall_plans``: every screen's plan on a wall over several PCs (each PC tours
        the whole wall, and highlights the stops on its own screens); default: the
        windows' own, numbered in order."""
        if wall_plans is None:
            wall_plans = [w.plan for w in windows]
            numbers = range(len(windows))
        else:
            numbers = [w.number for w in windows]
        plans = tuple(wall_plans)
        if plans != self._plans:  # tiled again: another set of screens, other stops
            self._plans, self._stops = plans, tour_stops(plans)
        focus = focus_at(epoch_seconds, self.dwell_s, self._stops)
        for n, window in zip(numbers, windows, strict=True):
            here = focus is not None and focus.stop.screen == n
            window.show_tour_focus(focus.stop if here else None)
        if focus != self.focus and focus is not None:
            stop = focus.stop
            log.info(
                "tour focus slot=%d stop=%d/%d screen=%d page=%s panel=%s",
                focus.slot,
                focus.index,
                len(self._stops),
                stop.screen,
                "-" if stop.page is None else stop.page,
                stop.panel,
            )
        self.focus = focus


__all__ = ["TourGuide"]
