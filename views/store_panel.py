"""The base of every panel that shows the store: what each one used to repeat.

A panel keeps the store, the region's zone, the feed clock and the poll intervals; it
follows the store's signals (and lets go of them when Qt deletes it); once a second its
``tick`` runs; and it marks itself stale when one of the sources it shows is late. A
panel says which sources those are with ``KINDS`` (or by overriding
:meth:`StorePanel.alarming_source`), builds its body, shows what the store holds and
calls :meth:`StorePanel.follow`, so every panel's ``__init__`` reads the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import ClassVar, TypedDict
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWidget

from views.panel_frame import PanelFrame, follow_store
from views.source_status import SourceState, source_states, wall_now, worst_state
from wallboard.feed.kinds import FeedKind
from wallboard.store import Store, StoreDiff


class PanelOptions(TypedDict, total=False):
    """What every store panel takes besides its own: passed on to :class:`StorePanel`."""

    intervals: Mapping[str, float] | None  # source key -> its poll interval (s)
    parent: QWidget | None


class StorePanel(PanelFrame):
    """A titled panel over the store that marks itself stale; subclasses draw the body."""

    # the feed kinds whose lateness marks this panel stale
    KINDS: ClassVar[Iterable[FeedKind]] = ()

    def __init__(
        self,
        title: str,
        store: Store,
        zone: ZoneInfo,
        clock: Callable[[], datetime],
        *,
        intervals: Mapping[str, float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, zone, parent)
        self._store = store
        self._zone = zone
        self._clock = clock
        self._intervals = intervals

    def follow(self) -> None:
        """From now on, show the store's changes and its sources' freshness; mark it now."""
        follow_store(self, self._store, self._on_changed, self._on_freshness)
        self._on_freshness("")

    def tick(self) -> None:
        """Once a second: only the stale marking depends on time here."""
        self._on_freshness("")

    def _on_changed(self, diff: StoreDiff) -> None:
        """The store changed by ``diff``: show what this panel shows of it."""

    def _on_freshness(self, _key: str) -> None:
        self.show_source_state(self.alarming_source(self.source_states()))

    def source_states(self) -> list[SourceState]:
        """Every source the store has heard of, judged at our own wall-clock time."""
        return source_states(self._store, wall_now(self._store, self._clock), self._intervals)

    def alarming_source(self, states: list[SourceState]) -> SourceState | None:
        """The state the panel is marked with: the worst among its ``KINDS``."""
        return worst_state(states, self.KINDS)


__all__ = ["PanelOptions", "StorePanel"]
