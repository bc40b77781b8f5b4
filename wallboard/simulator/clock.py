"""Simulated time: a scaled copy of the real clock, or one that moves only when told."""

from __future__ import annotations

import threading
import time


class SimClock:
    """Simulated seconds since the epoch (float).

    ``speed`` simulated seconds pass per real second; with ``manual`` the clock stands
    still until :meth:`advance` moves it, so tests are deterministic.
    """

    def __init__(self, start: float, speed: float = 1.0, manual: bool = False) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be positive, got {speed}")
        self._start = start
        self._speed = speed
        self._manual = manual
        self._offset = 0.0
        self._real0 = time.monotonic()
        self._lock = threading.Lock()

    @property
    def manual(self) -> bool:
        return self._manual

    def now(self) -> float:
        with self._lock:
            if self._manual:
                return self._start + self._offset
            return self._start + (time.monotonic() - self._real0) * self._speed

    def advance(self, seconds: float) -> float:
        """Move a manual clock forward by ``seconds``; returns the new time."""
        if not self._manual:
            raise RuntimeError("advance() needs a simulator started with manual_clock=True")
        if seconds < 0:
            raise ValueError("simulated time only moves forward")
        with self._lock:
            self._offset += seconds
            return self._start + self._offset
