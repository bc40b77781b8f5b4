"""One fitting pass at a time for a panel that picks its type or form to fit its size.

Fitting can change what a panel shows, which lays its window out and resizes the panel
while the pass runs: a re-entrant pass would recurse. The resize is remembered instead,
and the panel is fitted once more, at its new size, when the running pass is over.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QWidget


class FitPass:
    """Runs ``fit_now`` for ``panel``: once at a time, and again after a pass during
    which the panel was resized."""

    def __init__(self, panel: QWidget, fit_now: Callable[[], None]) -> None:
        self._panel = panel
        self._fit_now = fit_now
        self.running = False
        self._fitted = QSize()
        self._again = QTimer(panel, singleShot=True, interval=0)
        self._again.timeout.connect(self.run)

    def run(self) -> None:
        if self.running:
            if self._panel.size() != self._fitted:
                self._again.start()  # once more, at this size, when this pass is over
            return
        self.running = True
        self._fitted = self._panel.size()
        try:
            self._fit_now()
        finally:
            self.running = False

    def later(self) -> None:
        """Fit again once the events now queued have run."""
        self._again.start()
