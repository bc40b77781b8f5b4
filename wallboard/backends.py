"""From configured backends to what the poller polls: URLs, tokens and intervals."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import timedelta

from wallboard.config import SIMULATOR_URL, ConfigError, Settings, backend_token
from wallboard.config.network import ca_path
from wallboard.config.settings import BackendSettings
from wallboard.feed.kinds import FeedKind, HazardKind
from wallboard.feed.pages import RegionInfo
from wallboard.poller import BackendSpec
from wallboard.sources import BMKG, CAP, NATIVE, RESGRID, source_kinds
from wallboard.sources.hazard_region import load_region
from wallboard.sources.hazard_relevance import DEFAULT_QUAKE_RADII, HazardRules, Relevance

# Slow-moving kinds need not be polled as often as the live ones.
_MIN_INTERVAL = {FeedKind.CALLS: 5.0, FeedKind.AGENCIES: 15.0, FeedKind.INFO: 300.0}
# A hosted service such as Resgrid's is polled politely: its lists come whole, no 304s.
_MIN_INTERVAL_BY_TYPE = {
    RESGRID: {FeedKind.INCIDENTS: 10.0, FeedKind.UNITS: 10.0, FeedKind.AGENCIES: 300.0},
    # public hazard feeds: never more than once a minute (their publishers' servers are
    # shared by a whole country); the adapter holds each URL to this too
    BMKG: {HazardKind.ALERTS: 60.0},
    CAP: {HazardKind.ALERTS: 60.0},
}


def poll_intervals(base: float, source_type: str = NATIVE) -> dict[FeedKind, float]:
    """Seconds between polls of each kind the backend serves, given its configured interval."""
    floors = _MIN_INTERVAL_BY_TYPE.get(source_type, _MIN_INTERVAL)
    return {kind: max(base, floors.get(kind, 0.0)) for kind in source_kinds(source_type)}


def backend_specs(
    settings: Settings,
    simulator_urls: Mapping[str, str],
    environ: Mapping[str, str] | None = None,
) -> list[BackendSpec]:
    """One spec per configured backend; ``simulator`` URLs resolve to the embedded ones.

    Raises ConfigError when a login's environment variable is not set.
    """
    env = dict(environ) if environ else None
    specs = []
    for backend in settings.backends:
        url = simulator_urls[backend.name] if backend.url == SIMULATOR_URL else backend.url
        username = password = region = None
        intervals = poll_intervals(backend.poll_seconds, backend.type)
        if backend.type == RESGRID:
            username = _required(backend.name, backend.username_env, env)
            password = _required(backend.name, backend.password_env, env)
        hazard = None
        if backend.type in (BMKG, CAP):
            hazard = hazard_rules(backend)
        elif backend.region is not None:
            region = region_info(backend.name, backend.region)
            intervals[FeedKind.INFO] = _MIN_INTERVAL[FeedKind.INFO]
        specs.append(
            BackendSpec(
                name=backend.name,
                url=url.rstrip("/"),
                token=backend_token(backend.token_env, env),
                intervals=intervals,
                timeout=backend.timeout,
                type=backend.type,
                username=username,
                password=password,
                region_info=region,
                language=settings.wall.language,
                proxy=backend.proxy,
                ca_file=str(ca_path(backend.ca_file)) if backend.ca_file else None,
                hazard=hazard,
            )
        )
    return specs


def region_info(backend: str, name: str) -> RegionInfo:
    """The region a scenario describes (built-in name or .toml path), as the feed's info."""
    from wallboard.simulator.scenario import ScenarioError, load_scenario

    try:
        region = load_scenario(name).region
    except (ScenarioError, OSError) as exc:
        raise ConfigError(f"backend {backend}: region {name!r}: {exc}") from None
    bounds = region.bounds
    return RegionInfo(
        region=region.id,
        name=region.name,
        timezone=region.timezone,
        center_lat=region.center[0],
        center_lon=region.center[1],
        south=bounds.south,
        west=bounds.west,
        north=bounds.north,
        east=bounds.east,
    )


def hazard_rules(backend: BackendSettings) -> HazardRules:
    """A hazard backend's rules: its region (``region``, else ``scenario``), the radii and
    how long an alert without an end stays."""
    from wallboard.simulator.scenario import ScenarioError

    name = backend.region or backend.scenario
    try:
        region = load_region(name)
    except (ScenarioError, OSError, ValueError) as exc:
        raise ConfigError(f"backend {backend.name}: region {name!r}: {exc}") from None
    radii = backend.quake_radius_km or DEFAULT_QUAKE_RADII
    relevance = Relevance(region, tuple(radii), backend.alert_radius_km)
    return HazardRules(relevance, timedelta(hours=backend.no_expiry_hours))


def _required(backend: str, name: str | None, env: dict[str, str] | None) -> str:
    value = backend_token(name, env)
    if not value:
        raise ConfigError(f"backend {backend}: the environment variable {name} is not set")
    return value


def only_kinds(spec: BackendSpec, kinds: Iterable[FeedKind]) -> BackendSpec:
    """``spec`` polled for ``kinds`` alone (a replayed recording may hold only some)."""
    wanted = tuple(k for k in FeedKind if k in set(kinds))
    intervals = {k: v for k, v in spec.intervals.items() if k in wanted}
    return dataclasses.replace(spec, kinds=wanted, intervals=intervals)
