"""Source adapters: backends that do not speak the native feed, mapped onto it.

The poller stays the one owner of the network: for a backend whose ``type`` is not
"native" it asks that backend's adapter to fetch a kind, and the adapter makes the
requests it needs through the poller's own session, lock, timeouts and size caps
(:func:`wallboard.poller.fetch.exchange`), maps the answers with pure functions, and
returns the same ``Fetched`` page (IncidentPage, UnitList, AgencyList, ...) a native
poll gives. The store applies it unchanged, and a recording replays it as native.

To add a source: a module of pure mapping functions (``<type>.py``), an adapter class
with ``kinds`` and ``fetch`` (see :class:`SourceAdapter`), and a line in
:func:`adapter_for`.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from wallboard.feed.kinds import FeedKind

if TYPE_CHECKING:
    import requests

    from wallboard.poller.backend import BackendSpec
    from wallboard.poller.fetch import Fetched

NATIVE = "native"
RESGRID = "resgrid"
BMKG = "bmkg"  # BMKG's earthquake JSON files (public hazard alerts)
CAP = "cap"  # an RSS/Atom list of CAP 1.2 alerts (public hazard alerts)
HAZARD_TYPES = (BMKG, CAP)
SOURCE_TYPES = (NATIVE, RESGRID, BMKG, CAP)


class SourceAdapter(Protocol):
    """What the poller needs from an adapter: the kinds it serves and a blocking fetch.

    ``fetch`` runs in the backend's executor thread with the arguments the native fetch
    gets; it raises FetchError (nothing usable came) or FeedDecodeError (a body that
    cannot be used at all), and names dropped records in the Decoded it returns.
    """

    kinds: tuple[FeedKind, ...]

    def fetch(
        self,
        session: requests.Session,
        lock: threading.Lock,
        abort: threading.Event,
        kind: FeedKind,
        timeout: float,
        max_bytes: int,
        source: str,
        fallback_now: datetime,
    ) -> Fetched: ...


def source_kinds(source_type: str) -> tuple[FeedKind, ...]:
    """The kinds a backend of this type serves (every kind for the native feed)."""
    if source_type in HAZARD_TYPES:
        from wallboard.sources.hazard_adapter import HAZARD_KINDS

        return HAZARD_KINDS  # type: ignore[return-value]  (HazardKind.ALERTS)
    if source_type == RESGRID:
        from wallboard.sources.resgrid_adapter import RESGRID_KINDS

        return RESGRID_KINDS
    if source_type == NATIVE:
        return tuple(FeedKind)
    raise ValueError(f"unknown source type {source_type!r}; expected one of {SOURCE_TYPES}")


def adapter_for(spec: BackendSpec) -> SourceAdapter | None:
    """The adapter for ``spec``'s type, or None for a native-feed backend."""
    if spec.type == NATIVE:
        return None
    if spec.type == RESGRID:
        # Imported here: adapters use the poller's fetch module, which imports this one.
        from wallboard.sources.resgrid_adapter import ResgridAdapter

        return ResgridAdapter(spec)
    if spec.type in HAZARD_TYPES:
        from wallboard.sources.hazard_adapter import HazardAdapter

        return HazardAdapter(spec, language=spec.language)
    raise ValueError(f"backend {spec.name}: unknown type {spec.type!r}; expected {SOURCE_TYPES}")


__all__ = [
    "BMKG",
    "CAP",
    "HAZARD_TYPES",
    "NATIVE",
    "RESGRID",
    "SOURCE_TYPES",
    "SourceAdapter",
    "adapter_for",
    "source_kinds",
]
