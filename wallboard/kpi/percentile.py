"""Percentiles by the nearest-rank method: always a value that was actually observed."""

from __future__ import annotations

import math
from collections.abc import Sequence


def nearest_rank(sorted_values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0 < p <= 100) of ascending ``sorted_values``; None if empty.

    Nearest rank: the value at rank ceil(p/100 * n), counting from 1. No interpolation,
    so "90 % of calls were answered within X" holds exactly for the X reported.
    """
    if not 0 < p <= 100:
        raise ValueError(f"percentile must be in (0, 100], got {p!r}")
    n = len(sorted_values)
    if n == 0:
        return None
    # round() first: 0.9 * 10 must give rank 9, not 10 from a float error
    rank = max(1, math.ceil(round(p * n / 100, 9)))
    return float(sorted_values[rank - 1])
