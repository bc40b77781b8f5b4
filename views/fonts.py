"""Type sizes for a wall read from 5 m at 1080p, in pixels so they do not depend on DPI.

One place for sizes: the stylesheets get them as tokens (@headline_px ...) and the
widgets that size rows or charts by hand read the same numbers.
"""

from __future__ import annotations

from PySide6.QtGui import QFont

HEADLINE_PX = 64  # the numbers a duty manager reads across the room
FIGURE_PX = 48  # secondary numbers (per-status counts); the brief's floor for headlines
TITLE_PX = 32  # panel titles, region name
LABEL_PX = 24  # captions under numbers, table text
SMALL_PX = 20  # the smallest text on the wall (chart axes, footnotes)
ROW_PX = 38  # height of one table row holding LABEL_PX text
AGENCY_PX = 28  # an agency row's name and counts: one line, bold, so 12 rows fit in 480 px

SIZES: dict[str, int] = {
    "headline_px": HEADLINE_PX,
    "figure_px": FIGURE_PX,
    "title_px": TITLE_PX,
    "label_px": LABEL_PX,
    "small_px": SMALL_PX,
    "agency_px": AGENCY_PX,
}


def pixel_font(px: int, *, bold: bool = False) -> QFont:
    """A font of ``px`` pixels, for widgets drawn outside the stylesheet (chart axes)."""
    font = QFont()
    font.setPixelSize(px)
    font.setBold(bold)
    return font


__all__ = [
    "AGENCY_PX",
    "FIGURE_PX",
    "HEADLINE_PX",
    "LABEL_PX",
    "ROW_PX",
    "SIZES",
    "SMALL_PX",
    "TITLE_PX",
    "pixel_font",
]
