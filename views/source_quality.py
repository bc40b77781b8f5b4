"""A source's data quality and clock as the header says them: short on the chip, in full
in the tooltip.

The counts are the store's (``store.quality``: records repaired and dropped by reason,
for the region's local day); the clock skew is the store's estimate from X-Feed-Time.
Nothing is said while a source is clean and its clock close to ours.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from views.text import number, rough_age
from wallboard.feed.quality import SKEW_BOUND, RejectReason, RepairReason
from wallboard.store import QualityCounts

# A clock this far off is worth a centre's attention (NTP keeps clocks well within a
# second); below it, one slow response would make the figure flicker.
SKEW_SHOWN_S = 5.0

_CONTEXT = "SourceQuality"
_REASONS = {
    RepairReason.STEP_BEFORE_OFFER: QT_TRANSLATE_NOOP(
        "SourceQuality", "answered or abandoned before the offer (clock skew): counted as 0 s"
    ),
    RepairReason.ANSWERED_AND_ABANDONED: QT_TRANSLATE_NOOP(
        "SourceQuality", "both answered and abandoned: counted as answered"
    ),
    RepairReason.END_BEFORE_ANSWER: QT_TRANSLATE_NOOP(
        "SourceQuality", "ended before the answer (clock skew): talk time 0 s"
    ),
    RepairReason.INCIDENT_STEP_ORDER: QT_TRANSLATE_NOOP(
        "SourceQuality", "incident step before the one it follows (clock skew): 0 s"
    ),
    RejectReason.INVALID_FIELD: QT_TRANSLATE_NOOP(
        "SourceQuality", "a required field missing or of the wrong type"
    ),
    RejectReason.ABSURD_VALUE: QT_TRANSLATE_NOOP(
        "SourceQuality", "an impossible value (position 0, 0; a call over a day)"
    ),
    RejectReason.FUTURE_TIMESTAMP: QT_TRANSLATE_NOOP("SourceQuality", "a time in the future"),
    RejectReason.BEYOND_SKEW_BOUND: QT_TRANSLATE_NOOP(
        "SourceQuality", "a step more than {0} min before the one it follows"
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SourceQuality", text)


def _reason(reason: str) -> str:
    for vocabulary in (RepairReason, RejectReason):
        try:
            source = _REASONS[vocabulary(reason)]
        except ValueError:
            continue
        text = QCoreApplication.translate(_CONTEXT, source)
        return text.format(number(int(SKEW_BOUND.total_seconds() // 60)))
    return reason  # a reason of a newer version: its code


def quality_line(counts: QualityCounts) -> str:
    """What a chip adds: "34 repaired · 2 dropped" (empty when clean)."""
    parts = []
    if counts.repaired_total:
        parts.append(_tr("{0} repaired").format(number(counts.repaired_total)))
    if counts.rejected_total:
        parts.append(_tr("{0} dropped").format(number(counts.rejected_total)))
    return " · ".join(parts)


def skew_text(skew: timedelta) -> str:
    """The feed's clock against ours in words, or "" when within ``SKEW_SHOWN_S``."""
    seconds = skew.total_seconds()
    if abs(seconds) < SKEW_SHOWN_S:
        return ""
    return _tr("feed clock {0}").format(_signed(seconds))


def _signed(seconds: float) -> str:
    """ "+7 s", "−3 h": a skew in its largest unit (a wrong time zone is hours off)."""
    return ("+" if seconds > 0 else "−") + rough_age(round(abs(seconds)))


def quality_tooltip(counts: QualityCounts, skew: timedelta) -> str:
    """Every reason with its count, and the clock; plain text, one fact a line."""
    lines = []
    if counts.repaired_total:
        lines.append(_tr("Repaired today (kept, the KPI rule applied):"))
        lines += [f"  {number(n)} × {_reason(r)}" for r, n in counts.repaired.items() if n]
    if counts.rejected_total:
        lines.append(_tr("Dropped today (unusable, left out):"))
        lines += [f"  {number(n)} × {_reason(r)}" for r, n in counts.rejected.items() if n]
    clock = skew_text(skew)
    if clock:
        lines.append(
            _tr("The backend's clock is {0} off ours; please check its time server").format(
                _signed(skew.total_seconds())
            )
        )
    return "\n".join(lines)


__all__ = ["SKEW_SHOWN_S", "quality_line", "quality_tooltip", "skew_text"]
