"""From configured backends to what the poller polls: URLs, tokens and intervals."""

from __future__ import annotations

from collections.abc import Mapping

from wallboard.config import SIMULATOR_URL, Settings, backend_token
from wallboard.feed.kinds import FeedKind
from wallboard.poller import BackendSpec

# Slow-moving kinds need not be polled as often as the live ones.
_MIN_INTERVAL = {FeedKind.CALLS: 5.0, FeedKind.AGENCIES: 15.0, FeedKind.INFO: 300.0}


def poll_intervals(base: float) -> dict[FeedKind, float]:
    """Seconds between polls of each kind, given the backend's configured interval."""
    return {kind: max(base, _MIN_INTERVAL.get(kind, 0.0)) for kind in FeedKind}


def backend_specs(
    settings: Settings,
    simulator_urls: Mapping[str, str],
    environ: Mapping[str, str] | None = None,
) -> list[BackendSpec]:
    """One spec per configured backend; ``simulator`` URLs resolve to the embedded ones."""
    specs = []
    for backend in settings.backends:
        url = simulator_urls[backend.name] if backend.url == SIMULATOR_URL else backend.url
        specs.append(
            BackendSpec(
                name=backend.name,
                url=url.rstrip("/"),
                token=backend_token(backend.token_env, dict(environ) if environ else None),
                intervals=poll_intervals(backend.poll_interval),
                timeout=backend.timeout,
            )
        )
    return specs
