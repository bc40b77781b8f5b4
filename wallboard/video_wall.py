"""Video-wall arithmetic: spanned displays split into tiles, and the wall's screen numbers.

A video-wall PC often sees one large display where the room sees a grid of monitors
(NVIDIA Mosaic, AMD Eyefinity, a video-wall controller), sometimes with hidden pixels
for the bezels between them. ``[[wall.spans]]`` says how to cut such a display back into
its monitors; every tile is then a screen of the wall like any other. A wall driven by
several PCs numbers its screens across them: each PC's screens begin at ``first_screen``.

Pure arithmetic, no Qt: the shell hands in what its platform reports, in framebuffer
pixels, and gets back where each screen of the wall is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# A tile narrower or lower than this is surely a wrong configuration, not a monitor.
MIN_TILE_PX = (320, 240)
# Video-wall monitors run from portrait 9:16 to 21:9 (2.37:1); a tile far outside that
# means the tiles or bezels are wrong (3 x 2 said of a 5760 x 1080 display: 1904 x 528).
MAX_ASPECT = 2.4


class SpanError(ValueError):
    """A span that cannot be cut from the display it names, worded with the numbers."""


@dataclass(frozen=True)
class Rect:
    """A rectangle in framebuffer pixels."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Display:
    """One display the platform reports (a Qt screen): its name and where it is."""

    name: str
    rect: Rect


@dataclass(frozen=True)
class Span:
    """One spanned display: ``screen`` (index or name), ``tiles`` = (columns, rows) of
    monitors in it, ``bezel_px`` = (between columns, between rows) hidden pixels."""

    screen: int | str
    tiles: tuple[int, int]
    bezel_px: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class WallScreen:
    """One screen of the wall on this PC: the display it is on and the part of it it
    covers (the whole display unless the display is spanned), and its number in the
    wall's layout (``first_screen`` onwards, tiles row by row)."""

    number: int
    display: int
    rect: Rect
    spanned: bool


def _cut(length: int, parts: int, bezel: int, axis: str, what: str) -> int:
    """The length of one part when ``length`` px hold ``parts`` parts and their bezels."""
    gaps = parts - 1
    room = length - gaps * bezel
    if room <= 0 or room % parts:
        bezels = f" and {gaps} bezel(s) of {bezel} px" if gaps and bezel else ""
        near = max(1, round(room / parts))
        fits = near * parts + gaps * bezel
        raise SpanError(
            f"{what}: {parts} {axis} of monitors{bezels} do not fit its {length} px: "
            f"{length} - {gaps} x {bezel} = {room} px is not {parts} equal whole monitors "
            f"(monitors of {near} px would need {fits} px)"
        )
    return room // parts


def split(rect: Rect, tiles: tuple[int, int], bezel_px: tuple[int, int], what: str) -> list[Rect]:
    """The monitors of a spanned display, row by row, left to right; no tile covers a
    bezel pixel. ``what`` names the display in the refusal (``SpanError``)."""
    columns, rows = tiles
    if columns < 1 or rows < 1:
        raise SpanError(f"{what}: tiles = [{columns}, {rows}]: expected at least [1, 1]")
    if bezel_px[0] < 0 or bezel_px[1] < 0:
        raise SpanError(f"{what}: bezel_px = {list(bezel_px)}: expected 0 or more pixels")
    width = _cut(rect.width, columns, bezel_px[0], "columns", what)
    height = _cut(rect.height, rows, bezel_px[1], "rows", what)
    if width < MIN_TILE_PX[0] or height < MIN_TILE_PX[1]:
        raise SpanError(
            f"{what}: tiles = [{columns}, {rows}] would make monitors of {width} x {height} "
            f"px; expected at least {MIN_TILE_PX[0]} x {MIN_TILE_PX[1]}"
        )
    aspect = max(width / height, height / width)
    if aspect > MAX_ASPECT:
        raise SpanError(
            f"{what}: tiles = [{columns}, {rows}] with bezel_px = {list(bezel_px)} would make "
            f"monitors of {width} x {height} px ({width / height:.2f}:1); a video-wall monitor "
            f"is between 1:{MAX_ASPECT} and {MAX_ASPECT}:1, so the display is not {columns} x "
            f"{rows} monitors (a 3 x 2 wall of 1920 x 1080 monitors with 24 px bezels is "
            "5808 x 2184 px)"
        )
    return [
        Rect(
            rect.x + c * (width + bezel_px[0]),
            rect.y + r * (height + bezel_px[1]),
            width,
            height,
        )
        for r in range(rows)
        for c in range(columns)
    ]


def _display_index(span: Span, displays: Sequence[Display]) -> int:
    if isinstance(span.screen, int):
        if 0 <= span.screen < len(displays):
            return span.screen
    else:
        for n, display in enumerate(displays):
            if display.name == span.screen:
                return n
    known = ", ".join(
        f"{n} {d.name!r} {d.rect.width} x {d.rect.height}" for n, d in enumerate(displays)
    )
    raise SpanError(
        f"wall.spans: screen = {span.screen!r}: this PC has no such screen; "
        f"it has {known or 'none'}"
    )


def wall_screens(
    displays: Sequence[Display], spans: Sequence[Span] = (), first_screen: int = 0
) -> list[WallScreen]:
    """This PC's screens of the wall, numbered from ``first_screen``: displays in the
    platform's order, a spanned display's tiles row by row in its place."""
    cut: dict[int, Span] = {}
    for span in spans:
        index = _display_index(span, displays)
        if index in cut:
            raise SpanError(f"wall.spans: screen {index} is spanned twice")
        cut[index] = span
    screens: list[WallScreen] = []
    for index, display in enumerate(displays):
        span = cut.get(index)
        if span is None:
            parts, spanned = [display.rect], False
        else:
            size = f"{display.rect.width} x {display.rect.height}"
            what = f"wall.spans: screen {index} ({display.name!r}, {size} px)"
            parts, spanned = split(display.rect, span.tiles, span.bezel_px, what), True
        for rect in parts:
            screens.append(WallScreen(first_screen + len(screens), index, rect, spanned))
    return screens


def wall_size(local_screens: int, first_screen: int | None, listed: int) -> int:
    """How many screens the whole wall has, as this PC must lay it out.

    A wall on one PC (``first_screen`` unset) is this PC's screens. A wall over several
    PCs is every screen the layout file lists, or more if this PC reaches past them:
    every PC then computes the same layout, and the same tour over it.
    """
    if first_screen is None:
        return local_screens
    return max(first_screen + local_screens, listed)


__all__ = [
    "MAX_ASPECT",
    "MIN_TILE_PX",
    "Display",
    "Rect",
    "Span",
    "SpanError",
    "WallScreen",
    "split",
    "wall_screens",
    "wall_size",
]
