"""Wall layout arithmetic: which panels go where on each screen. Pure, no Qt.

A screen shows one page, or rotates through several on a timer. A page is a grid of
panel names; a name repeated over a rectangle of cells spans it. Rotation is driven by
wall-clock time, so separate machines showing parts of one wall stay in step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

PANELS = ("map", "queue", "agencies", "incidents")
# Panels any layout may name, beyond the default ones: the summary page (today's figures
# and the volunteers' part), which the default layouts show in orientation mode.
# alerts: public hazard alerts (BMKG, CAP); units: every unit and its time in status
EXTRA_PANELS = ("summary", "alerts", "units")
# A wall fed by several regions: their KPIs side by side ("comparison"), and the agencies
# of one region ("agencies:<backend name>"; plain "agencies" shows every region's).
COMPARISON = "comparison"
REGION_AGENCIES = "agencies:"
PROVINCE_PANELS = (COMPARISON,)
KNOWN_PANELS = PANELS + EXTRA_PANELS + PROVINCE_PANELS
_BACKEND_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")


def region_agencies(backend: str) -> str:
    """The panel name of one region's agencies."""
    return f"{REGION_AGENCIES}{backend}"


def is_known_panel(name: str) -> bool:
    """A panel a layout may name: a known one, or one region's agencies."""
    if name.startswith(REGION_AGENCIES):
        return _BACKEND_NAME.fullmatch(name[len(REGION_AGENCIES) :]) is not None
    return name in KNOWN_PANELS


class LayoutError(ValueError):
    """A layout that cannot be drawn, worded for the person who wrote it."""


@dataclass(frozen=True)
class Placement:
    panel: str
    row: int
    column: int
    row_span: int
    column_span: int


@dataclass(frozen=True)
class Page:
    """One arrangement of panels on one screen: rows of panel names."""

    grid: tuple[tuple[str, ...], ...]

    def placements(self) -> tuple[Placement, ...]:
        return place(self.grid)


@dataclass(frozen=True)
class ScreenPlan:
    """What one screen shows: a page, or pages in rotation every ``rotate_seconds``."""

    pages: tuple[Page, ...]
    rotate_seconds: float = 30.0

    def page_at(self, epoch_seconds: float) -> int:
        """The page on show at a wall-clock instant (the same on every machine)."""
        if len(self.pages) < 2:
            return 0
        return int(epoch_seconds // self.rotate_seconds) % len(self.pages)


def place(grid: Sequence[Sequence[str]]) -> tuple[Placement, ...]:
    """Turn a grid of names into placements; each name must fill one rectangle."""
    if not grid or not grid[0]:
        raise LayoutError("a page needs at least one row with one panel")
    width = len(grid[0])
    if any(len(row) != width for row in grid):
        raise LayoutError(f"every row of a page needs {width} cells: {list(map(list, grid))}")
    cells: dict[str, list[tuple[int, int]]] = {}
    for r, row in enumerate(grid):
        for c, name in enumerate(row):
            if not is_known_panel(name):
                raise LayoutError(
                    f"unknown panel {name!r}: expected one of {', '.join(KNOWN_PANELS)}"
                    f" or {REGION_AGENCIES}<backend name>"
                )
            cells.setdefault(name, []).append((r, c))
    placements = []
    for name, spots in cells.items():
        rows = [r for r, _ in spots]
        cols = [c for _, c in spots]
        top, left, bottom, right = min(rows), min(cols), max(rows), max(cols)
        if len(spots) != (bottom - top + 1) * (right - left + 1):
            raise LayoutError(f"panel {name!r} must fill a rectangle of cells")
        placements.append(Placement(name, top, left, bottom - top + 1, right - left + 1))
    return tuple(sorted(placements, key=lambda p: (p.row, p.column)))


def _page(*rows: Sequence[str]) -> Page:
    return Page(tuple(tuple(r) for r in rows))


def default_plans(
    screen_count: int, *, orientation: bool = False, regions: Sequence[str] = ()
) -> tuple[ScreenPlan, ...]:
    """Sensible walls: 1 screen has everything, 3 screens are queue | map | agencies+list.

    Agency rows need about two thirds of a 1920 px screen's width (a caption per unit
    status), so they always get two columns of three; the queue needs a tall column.
    In orientation mode the summary page takes turns with the call figures' screen.
    ``regions`` are the backends' names: with several, the province's layouts.
    """
    if len(regions) > 1:
        plans = _province_plans(screen_count, regions)
    else:
        plans = _default_plans(screen_count)
    if not orientation:
        return plans
    summary = _page(["summary"])
    if screen_count > 3:
        return plans[:3] + tuple(
            ScreenPlan((*p.pages, summary), p.rotate_seconds) for p in plans[3:]
        )
    host = 1 if screen_count == 2 else 0  # the screen holding the queue
    return tuple(
        ScreenPlan((*p.pages, summary), p.rotate_seconds) if n == host else p
        for n, p in enumerate(plans)
    )


def _default_plans(screen_count: int) -> tuple[ScreenPlan, ...]:
    if screen_count <= 1:
        # six rows of one sixth: map and agencies half the height each on the left,
        # the queue two thirds of the right column, open incidents the last third
        return (
            ScreenPlan(
                (
                    _page(
                        ["map", "map", "queue"],
                        ["map", "map", "queue"],
                        ["map", "map", "queue"],
                        ["agencies", "agencies", "queue"],
                        ["agencies", "agencies", "incidents"],
                        ["agencies", "agencies", "incidents"],
                    ),
                ),
            ),
        )
    if screen_count == 2:
        # the map has a screen to itself; the other is the 3-screen wall's queue and
        # agencies-over-incidents screens side by side
        return (
            ScreenPlan((_page(["map"]),)),
            ScreenPlan(
                (
                    _page(
                        ["queue", "agencies", "agencies"],
                        ["queue", "incidents", "incidents"],
                    ),
                )
            ),
        )
    plans = [
        ScreenPlan((_page(["queue"]),)),
        ScreenPlan((_page(["map"]),)),
        ScreenPlan((_page(["agencies"], ["incidents"]),)),
    ]
    # Screens beyond three rotate through the single panels, each starting elsewhere.
    singles = [_page([name]) for name in PANELS]
    for extra in range(screen_count - 3):
        start = extra % len(singles)
        plans.append(ScreenPlan(tuple(singles[start:] + singles[:start])))
    return tuple(plans)


def _province_plans(screen_count: int, regions: Sequence[str]) -> tuple[ScreenPlan, ...]:
    """Several regions: the map of all of them, the comparison, each region's agencies.

    1 screen: the usual page and the comparison in turn; 2: the map | the usual queue
    and agencies screen in turn with the comparison; 3: map | comparison | the agencies
    of each region in turn (over the open incidents); more: the single panels rotate.
    """
    comparison = _page([COMPARISON])
    by_region = tuple(_page([region_agencies(r)], ["incidents"]) for r in regions)
    if screen_count <= 1:
        (usual,) = _default_plans(1)
        return (ScreenPlan((*usual.pages, comparison)),)
    if screen_count == 2:
        first, second = _default_plans(2)
        return (first, ScreenPlan((*second.pages, comparison)))
    plans = [
        ScreenPlan((_page(["map"]),)),
        ScreenPlan((comparison,)),
        ScreenPlan(by_region),
    ]
    singles = [_page([name]) for name in (*PANELS, COMPARISON)]
    for extra in range(screen_count - 3):
        start = extra % len(singles)
        plans.append(ScreenPlan(tuple(singles[start:] + singles[:start])))
    return tuple(plans)


def plans_for(
    screen_count: int,
    configured: Sequence[ScreenPlan],
    *,
    orientation: bool = False,
    regions: Sequence[str] = (),
) -> tuple[ScreenPlan, ...]:
    """Configured plans for the screens they name; defaults for any screen beyond them."""
    defaults = default_plans(screen_count, orientation=orientation, regions=regions)
    if not configured:
        return defaults
    plans = list(configured[:screen_count])
    if len(plans) < screen_count:
        plans.extend(defaults[len(plans) :])
    return tuple(plans)
