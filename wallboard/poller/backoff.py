"""Backoff after failed polls: exponential with full jitter, and Retry-After parsing.

Pure functions and values (the random source is passed in), so the schedule is tested
without a network or a clock. Full jitter spreads many walls that failed together over
the whole window instead of letting them retry in lockstep.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# 2**60 seconds is far beyond any cap; clamping the exponent keeps the float finite.
_MAX_EXPONENT = 60
# A Retry-After longer than this (about 31 years) is nonsense; clamp before float().
_MAX_RETRY_AFTER_S = 1_000_000_000


@dataclass(frozen=True)
class BackoffPolicy:
    """How long to wait before the next attempt after ``failures`` failures in a row.

    ``base`` and ``cap`` bound the exponential window; ``retry_after_cap`` bounds what a
    backend may ask for with Retry-After, so a bogus header cannot silence a source for
    hours; ``floor`` keeps a zero draw from turning into a tight retry loop.
    """

    base: float = 1.0
    cap: float = 60.0
    retry_after_cap: float = 300.0
    floor: float = 0.25

    def window(self, failures: int) -> float:
        """The upper bound of the jittered delay: min(cap, base * 2**(failures - 1))."""
        if failures < 1:
            return 0.0
        exponent = min(failures - 1, _MAX_EXPONENT)
        return min(self.cap, self.base * 2.0**exponent)

    def delay(self, failures: int, rng: random.Random, retry_after: float | None = None) -> float:
        """Seconds until the next attempt; never earlier than a (capped) Retry-After."""
        jittered = max(self.floor, rng.uniform(0.0, self.window(failures)))
        if retry_after is None:
            return jittered
        return max(jittered, min(max(retry_after, 0.0), self.retry_after_cap))


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds a Retry-After header asks us to wait, or None when absent or unreadable.

    Accepts delta-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT");
    a date in the past means "now" (0). ``now`` must be timezone-aware.
    """
    if value is None:
        return None
    text = value.strip()
    if not text or len(text) > 64:
        return None
    if text.isascii() and text.isdigit():
        return float(min(int(text), _MAX_RETRY_AFTER_S))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        # RFC 9110 dates are GMT; parsedate gives naive for "-0000".
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
