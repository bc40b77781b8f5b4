"""What the poller needs to know about one dispatch backend, and the default intervals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import RegionInfo
from wallboard.poller.session import PROXY_FROM_ENV

if TYPE_CHECKING:
    from wallboard.sources.hazard_relevance import HazardRules

# Seconds between polls when a backend says nothing else: the live kinds every 2 s,
# call records every 5 s (a delta, cheap), agencies rarely change, region info hardly.
DEFAULT_INTERVALS: Mapping[FeedKind, float] = MappingProxyType(
    {
        FeedKind.INFO: 300.0,
        FeedKind.INCIDENTS: 2.0,
        FeedKind.CALLS: 5.0,
        FeedKind.UNITS: 2.0,
        FeedKind.AGENCIES: 15.0,
        FeedKind.QUEUE: 2.0,
    }
)


def _default_intervals() -> Mapping[FeedKind, float]:
    return DEFAULT_INTERVALS


def _is_proxy_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "http" and bool(parts.hostname) and "@" not in parts.netloc


def _is_header_safe(token: str) -> bool:
    return bool(token) and token.isascii() and token.isprintable() and " " not in token


@dataclass(frozen=True)
class BackendSpec:
    """One backend (one region) to poll: where, with which token, how often.

    The token is left out of ``repr`` so that logging a spec never leaks it.
    """

    name: str
    url: str
    token: str | None = field(default=None, repr=False)
    intervals: Mapping[FeedKind, float] = field(default_factory=_default_intervals)
    timeout: float = 5.0
    max_bytes: int = 64 * 1024 * 1024
    # What the backend speaks: "native" (feed v1), or a source adapter in wallboard/sources
    # ("resgrid"); adapters log in with these credentials, kept out of ``repr`` too.
    type: str = "native"
    # The kinds to poll (a replayed recording may hold only some); an adapter's own rule.
    kinds: tuple[FeedKind, ...] = tuple(FeedKind)
    # For a source with no region endpoint (Resgrid): the region it serves, from config.
    region_info: RegionInfo | None = None
    username: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    # the wall's language: a CAP alert's <info> block in this language is the one shown
    language: str = "id"
    # how the centre's network reaches the backend: None (directly), an HTTP proxy's URL,
    # or "env" (the environment's *_PROXY variables); and a PEM file of the only CAs
    # trusted for its certificate (None: the public CA list requests ships, from certifi)
    proxy: str | None = None
    ca_file: str | None = None
    # a public hazard feed (bmkg, cap): which alerts matter to the region, and how long
    # one without an end stays; None: every alert, a CAP alert without end for 24 h
    hazard: HazardRules | None = None

    def __post_init__(self) -> None:
        if not self.name or "/" in self.name:
            raise ValueError(f"backend name must be non-empty and hold no '/': {self.name!r}")
        if not self.url.startswith(("http://", "https://")):
            raise ValueError(f"backend {self.name}: url must be http(s)://, got {self.url!r}")
        if self.token and not _is_header_safe(self.token):
            # The message must not quote the token.
            raise ValueError(f"backend {self.name}: token must be printable ASCII, no spaces")
        if not self.kinds:
            raise ValueError(f"backend {self.name}: no kinds to poll")
        if not self.timeout > 0:
            raise ValueError(f"backend {self.name}: timeout must be > 0, got {self.timeout!r}")
        if self.max_bytes <= 0:
            raise ValueError(f"backend {self.name}: max_bytes must be > 0")
        if self.proxy and self.proxy != PROXY_FROM_ENV and not _is_proxy_url(self.proxy):
            raise ValueError(
                f"backend {self.name}: proxy must be 'env' or http://host:port, got {self.proxy!r}"
            )
        for kind, seconds in self.intervals.items():
            if not seconds > 0:
                raise ValueError(f"backend {self.name}: interval for {kind} must be > 0")

    def interval(self, kind: FeedKind) -> float:
        """Seconds between successful polls of ``kind`` (the default when not given)."""
        seconds = self.intervals.get(kind)
        # a hazard source's kind has no native default: it is polled once a minute
        return float(seconds if seconds is not None else DEFAULT_INTERVALS.get(kind, 60.0))

    def key(self, kind: FeedKind) -> str:
        """The freshness key of one source, e.g. ``samarinda/incidents``."""
        return f"{self.name}/{kind.value}"

    def endpoint(self, kind: FeedKind) -> str:
        """The URL of ``kind``'s endpoint on this backend, without query."""
        return self.url.rstrip("/") + kind.path
