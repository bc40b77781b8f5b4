"""Screenshot mode: wait for first data on every panel and a drawn map, then save PNGs.

Used by tests and to look at the wall without a monitor. Gives up after a bounded time
with a message saying which source or map never became ready.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage

from maps.map_panel import MapPanel
from wallboard.shell.wall import Wall

if TYPE_CHECKING:
    from wallboard.shell.desk.assembly import DeskParts
from wallboard.store import Store

log = logging.getLogger(__name__)

POLL_MS = 250


def _one_colour(image: QImage) -> bool:
    """True when the image is blank: every sampled pixel has the first pixel's colour."""
    first = image.pixel(0, 0)
    step_x = max(1, image.width() // 40)
    step_y = max(1, image.height() // 40)
    return all(
        image.pixel(x, y) == first
        for x in range(0, image.width(), step_x)
        for y in range(0, image.height(), step_y)
    )


class ScreenshotTaker(QObject):
    """Polls readiness; when everything is drawn, writes screen-N.png and calls ``done``."""

    def __init__(
        self,
        wall: Wall | DeskParts,  # whatever holds the top-level ``windows``
        store: Store,
        expected_sources: list[str],
        out_dir: Path,
        done: Callable[[int, str], None],
        *,
        timeout_s: float = 60.0,
        answered_sources: list[str] = (),
    ) -> None:
        """``expected_sources`` must have delivered data; ``answered_sources`` (public
        hazard feeds, which a wall with no internet cannot reach) need only have answered
        or failed once, so that they are on the picture when reachable but never hold it."""
        super().__init__()
        self._answered = list(answered_sources)
        self._wall = wall
        self._store = store
        self._expected = expected_sources
        self._out_dir = out_dir
        self._done = done
        self._deadline = time.monotonic() + timeout_s
        self._timeout_s = timeout_s
        self._last: list[QImage] | None = None
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def missing(self) -> list[str]:
        """What is not ready yet, in words."""
        missing = [
            f"no data from {key}"
            for key in self._expected
            if (f := self._store.freshness.get(key)) is None or f.last_success is None
        ]
        missing += [
            f"no answer from {key}"
            for key in self._answered
            if (f := self._store.freshness.get(key)) is None
            or (f.last_success is None and not f.consecutive_failures)
        ]
        for window in self._wall.windows:
            for panel in window.visible_panels():
                if isinstance(panel, MapPanel) and not (panel.view and panel.view.is_ready):
                    missing.append(f"map on screen {window.number} not drawn")
        return missing

    def _check(self) -> None:
        missing = self.missing()
        if missing:
            if time.monotonic() > self._deadline:
                self._finish(
                    1, f"no screenshot after {self._timeout_s:.0f} s: " + "; ".join(missing)
                )
            return
        images = [window.grab().toImage() for window in self._wall.windows]
        settled = (
            self._last is not None
            and len(self._last) == len(images)
            and all(a == b for a, b in zip(self._last, images, strict=True))
            and not any(_one_colour(i) for i in images)
        )
        self._last = images
        if not settled:
            if time.monotonic() > self._deadline:
                self._finish(1, "no screenshot: the screens never stopped changing")
            return
        self._out_dir.mkdir(parents=True, exist_ok=True)
        for window, image in zip(self._wall.windows, images, strict=True):
            # the screen's number in the wall's layout: a spanned display's tiles row by
            # row, a PC of a larger wall from its first_screen on
            path = self._out_dir / f"screen-{window.number}.png"
            if not image.save(str(path)):
                self._finish(1, f"cannot write {path}")
                return
            log.info("wrote %s (%dx%d)", path, image.width(), image.height())
        self._finish(0, f"wrote {len(images)} screenshot(s) to {self._out_dir}")

    def _finish(self, code: int, message: str) -> None:
        self._timer.stop()
        self._done(code, message)
