"""Video-wall arithmetic without Qt: spanned displays cut into monitors (bezels left out),
the wall's screen numbers across displays and PCs, and the refusals, worded with numbers.
"""

from __future__ import annotations

import pytest

from wallboard.config import ConfigError, settings_from_dict, wall_spans
from wallboard.video_wall import (
    Display,
    Rect,
    Span,
    SpanError,
    WallScreen,
    split,
    wall_screens,
    wall_size,
)

MOSAIC = Rect(0, 0, 5808, 2184)  # 3 x 2 monitors of 1920 x 1080 with 24 px bezels


def test_a_three_by_two_mosaic_is_six_full_hd_monitors_row_by_row():
    tiles = split(MOSAIC, (3, 2), (24, 24), "screen 0")
    assert tiles == [
        Rect(0, 0, 1920, 1080),
        Rect(1944, 0, 1920, 1080),
        Rect(3888, 0, 1920, 1080),
        Rect(0, 1104, 1920, 1080),
        Rect(1944, 1104, 1920, 1080),
        Rect(3888, 1104, 1920, 1080),
    ]


def _covered(tiles: list[Rect]) -> set[tuple[int, int]]:
    """Every tenth pixel covered by a tile (enough to see any bezel overlap)."""
    return {
        (x, y)
        for t in tiles
        for x in range(t.x, t.x + t.width, 10)
        for y in range(t.y, t.y + t.height, 10)
    }


def test_no_tile_covers_a_bezel_pixel_and_tiles_never_overlap():
    tiles = split(MOSAIC, (3, 2), (24, 24), "screen 0")
    for a in tiles:
        for b in tiles:
            if a is not b:
                apart_x = a.x + a.width <= b.x or b.x + b.width <= a.x
                apart_y = a.y + a.height <= b.y or b.y + b.height <= a.y
                assert apart_x or apart_y, (a, b)
    bezel_columns = [(1920, 1944), (3864, 3888)]
    bezel_rows = [(1080, 1104)]
    for t in tiles:
        for lo, hi in bezel_columns:
            assert t.x + t.width <= lo or t.x >= hi
        for lo, hi in bezel_rows:
            assert t.y + t.height <= lo or t.y >= hi
    # and everything that is not a bezel is some tile's
    assert len(_covered(tiles)) == len(_covered([Rect(0, 0, 1920, 1080)])) * 6


def test_no_bezels_and_an_offset_display():
    tiles = split(Rect(1920, 0, 5760, 1080), (3, 1), (0, 0), "screen 1")
    assert tiles == [
        Rect(1920, 0, 1920, 1080),
        Rect(3840, 0, 1920, 1080),
        Rect(5760, 0, 1920, 1080),
    ]
    assert split(Rect(0, 0, 1920, 1080), (1, 1), (50, 50), "one") == [Rect(0, 0, 1920, 1080)]


def test_tiles_that_do_not_fit_are_refused_with_the_numbers():
    # a 5760 x 1080 display (three monitors, no bezel pixels) said to hide 20 px bezels
    with pytest.raises(SpanError) as caught:
        split(Rect(0, 0, 5760, 1080), (3, 1), (20, 0), "wall.spans: screen 0")
    message = str(caught.value)
    assert message.startswith("wall.spans: screen 0: 3 columns of monitors and 2 bezel(s)")
    assert "5760 - 2 x 20 = 5720 px is not 3 equal whole monitors" in message
    # the columns fit (5808 = 3 x 1920 + 2 x 24); an odd row bezel leaves an odd height
    with pytest.raises(SpanError, match=r"2 rows .* 1080 px: 1080 - 1 x 25 = 1055 px is not 2"):
        split(Rect(0, 0, 5808, 1080), (3, 2), (24, 25), "d")
    with pytest.raises(SpanError, match=r"4000 - 1 x 5000 = -1000 px"):  # bezels eat it all
        split(Rect(0, 0, 4000, 1080), (2, 1), (5000, 0), "d")
    with pytest.raises(SpanError, match=r"monitors of 240 x 1080 px; expected at least 320"):
        split(Rect(0, 0, 1920, 1080), (8, 1), (0, 0), "d")
    # the new user: the example's 3 x 2 copied onto a 5760 x 1080 display divides
    # evenly, into monitors of a shape no video wall has
    with pytest.raises(SpanError) as caught:
        split(Rect(0, 0, 5760, 1080), (3, 2), (24, 24), "wall.spans: screen 0")
    assert "monitors of 1904 x 528 px (3.61:1)" in str(caught.value)
    assert "not 3 x 2 monitors" in str(caught.value)
    # portrait monitors are monitors: 4 x 1 of 1080 x 1920 each
    assert split(Rect(0, 0, 4320, 1920), (4, 1), (0, 0), "d")[3] == Rect(3240, 0, 1080, 1920)


def test_screens_are_numbered_display_by_display_tiles_row_by_row():
    displays = [
        Display("HDMI-1", Rect(0, 0, 1920, 1080)),
        Display("DP-1", Rect(1920, 0, 5808, 2184)),
        Display("DP-2", Rect(7728, 0, 1920, 1080)),
    ]
    screens = wall_screens(displays, [Span("DP-1", (3, 2), (24, 24))])
    assert [(s.number, s.display, s.spanned) for s in screens] == [
        (0, 0, False),
        *((n, 1, True) for n in range(1, 7)),
        (7, 2, False),
    ]
    assert screens[1].rect == Rect(1920, 0, 1920, 1080)
    assert screens[4].rect == Rect(1920, 1104, 1920, 1080)  # second row, first column
    assert screens[7].rect == displays[2].rect
    # the same span named by index; and a PC whose screens begin at the layout's 3rd
    by_index = wall_screens(displays, [Span(1, (3, 2), (24, 24))], first_screen=3)
    assert [s.number for s in by_index] == list(range(3, 11))
    assert [s.rect for s in by_index] == [s.rect for s in screens]


def test_a_span_of_a_screen_this_pc_lacks_is_refused_naming_the_screens_it_has():
    displays = [Display("HDMI-1", Rect(0, 0, 1920, 1080))]
    with pytest.raises(SpanError, match=r"screen = 'DP-9'.*0 'HDMI-1' 1920 x 1080"):
        wall_screens(displays, [Span("DP-9", (2, 1))])
    with pytest.raises(SpanError, match=r"screen = 1:"):
        wall_screens(displays, [Span(1, (2, 1))])
    with pytest.raises(SpanError, match="spanned twice"):
        wall_screens(displays, [Span(0, (1, 1)), Span("HDMI-1", (1, 1))])


def test_no_spans_is_the_displays_as_they_are():
    displays = [Display(f"{n}", Rect(n * 1920, 0, 1920, 1080)) for n in range(3)]
    assert wall_screens(displays) == [
        WallScreen(n, n, displays[n].rect, spanned=False) for n in range(3)
    ]


def test_the_wall_size_is_this_pc_alone_or_the_whole_listed_layout():
    assert wall_size(3, None, listed=6) == 3  # one PC: its own screens
    assert wall_size(3, 0, listed=6) == 6  # the first of two PCs lays out all six
    assert wall_size(3, 3, listed=6) == 6
    assert wall_size(4, 3, listed=6) == 7  # a PC reaching past the list: defaults beyond


def _settings(wall: dict):
    return settings_from_dict({"wall": wall}, source="wall.toml")


def test_spans_and_first_screen_are_read_and_validated_like_every_key():
    settings = _settings(
        {
            "first_screen": 3,
            "spans": [{"screen": 0, "tiles": [3, 2], "bezel_px": [24, 24]}],
            "screens": [{"grid": [["queue"]]}] * 6,
        }
    )
    assert wall_spans(settings) == (Span(0, (3, 2), (24, 24)),)
    assert settings.wall.first_screen == 3
    named = _settings({"spans": [{"screen": "DP-1", "tiles": [2, 1]}]})
    assert wall_spans(named) == (Span("DP-1", (2, 1), (0, 0)),)
    with pytest.raises(ConfigError, match=r"wall\.spans\[0\]\.tiles\[0\] = 0"):
        _settings({"spans": [{"screen": 0, "tiles": [0, 2]}]})
    with pytest.raises(ConfigError, match=r"wall\.spans\[0\]\.bezel_px\[1\] = -3"):
        _settings({"spans": [{"screen": 0, "tiles": [2, 2], "bezel_px": [0, -3]}]})
    with pytest.raises(ConfigError, match=r"wall\.spans\[1\]\.screen = 0: wall\.spans\[0\]"):
        _settings({"spans": [{"screen": 0, "tiles": [2, 1]}, {"screen": 0, "tiles": [3, 1]}]})
    with pytest.raises(ConfigError, match=r"unknown key 'bezels'"):
        _settings({"spans": [{"screen": 0, "tiles": [2, 1], "bezels": [1, 1]}]})


def test_a_pc_of_a_larger_wall_needs_the_whole_layout_listed():
    with pytest.raises(ConfigError) as caught:
        _settings({"first_screen": 3, "screens": [{"grid": [["map"]]}] * 2})
    assert "wall.first_screen = 3" in str(caught.value) and "lists 2" in str(caught.value)
    with pytest.raises(ConfigError, match="lists 0"):
        _settings({"first_screen": 1})
    assert _settings({"first_screen": 0}).wall.first_screen == 0  # the first PC alone: fine
