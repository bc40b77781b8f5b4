"""The store: current state, diffs and freshness; the one source of truth for views."""

from wallboard.store.diff import KindDiff, StoreDiff
from wallboard.store.freshness import FreshnessLevel, SourceFreshness, freshness_level
from wallboard.store.quality import QualityCounts
from wallboard.store.store import Store

__all__ = [
    "FreshnessLevel",
    "KindDiff",
    "QualityCounts",
    "SourceFreshness",
    "Store",
    "StoreDiff",
    "freshness_level",
]
