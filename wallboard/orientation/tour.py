"""The guided tour of orientation mode: which panel has the focus at a wall-clock instant.

Pure arithmetic on the wall clock (UTC epoch seconds), never on when a process started:
``floor(epoch / dwell) mod stops`` is the same on every machine and in every process
that shows a part of the same layout, so the focus moves across screens in step.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from wallboard.layout import ScreenPlan

HEADER = "header"  # the header strip on top of every screen; toured once, on screen 0
DEFAULT_DWELL_S = 20.0


@dataclass(frozen=True)
class TourStop:
    """One place the tour dwells: a panel on one page of one screen (the header has no page)."""

    screen: int
    page: int | None
    panel: str


@dataclass(frozen=True)
class Focus:
    """The stop in focus and the slot it belongs to (``floor(epoch / dwell)``)."""

    slot: int
    index: int
    stop: TourStop


def tour_stops(plans: Sequence[ScreenPlan]) -> tuple[TourStop, ...]:
    """Every stop of the wall, in reading order: the header, then screen by screen,
    page by page, each panel once in the order it is placed (top row first)."""
    stops = [TourStop(0, None, HEADER)] if plans else []
    for screen, plan in enumerate(plans):
        for page_index, page in enumerate(plan.pages):
            stops += [TourStop(screen, page_index, p.panel) for p in page.placements()]
    return tuple(stops)


def slot_at(epoch_seconds: float, dwell_s: float) -> int:
    """The number of whole dwells since the epoch: it changes at the same instant everywhere."""
    if not dwell_s > 0 or not math.isfinite(dwell_s):
        raise ValueError(f"the tour's dwell must be a positive number of seconds, got {dwell_s!r}")
    return math.floor(epoch_seconds / dwell_s)


def focus_at(epoch_seconds: float, dwell_s: float, stops: Sequence[TourStop]) -> Focus | None:
    """The stop in focus at ``epoch_seconds``; None for a wall with nothing to tour."""
    if not stops:
        return None
    slot = slot_at(epoch_seconds, dwell_s)
    index = slot % len(stops)
    return Focus(slot, index, stops[index])


__all__ = ["DEFAULT_DWELL_S", "HEADER", "Focus", "TourStop", "focus_at", "slot_at", "tour_stops"]
