"""The poller: the one place that owns time and the network.

It polls each backend's feed endpoints on their intervals (conditional requests, delta
cursors, timeouts, size caps, backoff with jitter) and feeds the store on the event
loop's thread.
"""

from wallboard.poller.backend import DEFAULT_INTERVALS, BackendSpec
from wallboard.poller.backoff import BackoffPolicy, parse_retry_after
from wallboard.poller.poller import AppliedPage, Poller, PollOutcome

__all__ = [
    "DEFAULT_INTERVALS",
    "AppliedPage",
    "BackendSpec",
    "BackoffPolicy",
    "PollOutcome",
    "Poller",
    "parse_retry_after",
]
