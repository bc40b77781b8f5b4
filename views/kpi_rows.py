"""Which KPI rows the queue panel shows, their names, and each figure as text with a verdict.

The rows follow the centre's targets: one service-level row per threshold shown or
targeted, one row per dispatch and response target. Numbers use the language's locale.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale

from views.kpi_table import NO_DATA
from views.text import decimal
from views.text import percent as locale_percent
from wallboard.kpi.summary import KpiSummary
from wallboard.kpi.targets import (
    ABANDON_RATE,
    DISPATCH_WITHIN,
    EN_ROUTE_WITHIN,
    ON_SCENE_WITHIN,
    SERVICE_LEVEL,
    Target,
    TargetSet,
)

_STEPS = (DISPATCH_WITHIN, EN_ROUTE_WITHIN, ON_SCENE_WITHIN)


def _tr(text: str) -> str:
    return QCoreApplication.translate("KpiRows", text)


def percent(share: float | None) -> str:
    """0.934 -> "93%" in the language's digits and sign; None -> a dash."""
    return NO_DATA if share is None else locale_percent(share)


def seconds(value: float | None) -> str:
    if value is None:
        return NO_DATA
    return _tr("{0} s").format(QLocale().toString(value, "f", 0)).replace(" ", "\u202f")


def count(value: int) -> str:
    return QLocale().toString(value)


def goal_text(target: Target | None) -> str:
    """ "≥ 90%" for a floor, "≤ 5%" for a ceiling, "" without a target."""
    if target is None:
        return ""
    sign = "≥" if target.higher_is_better else "≤"
    return f"{sign}\u202f{percent(target.goal)}"


def _step_name(kpi: str, limit: str) -> str:
    if kpi == DISPATCH_WITHIN:
        return _tr("Dispatch ≤ {0}").format(limit)
    if kpi == EN_ROUTE_WITHIN:
        return _tr("En route ≤ {0}").format(limit)
    return _tr("On scene ≤ {0}").format(limit)


def _limit(t: float | None) -> str:
    return _tr("{0} s").format(decimal(t)).replace(" ", "\u202f")


Figure = tuple[str, str]  # text, verdict ("met", "missed", "no_data" or "none")
RowSpec = tuple[str, str, str, Callable[[KpiSummary], Figure]]  # key, name, goal, figure


def _result_figure(s: KpiSummary, kpi: str, threshold: float | None, value: float | None):
    result = s.result(kpi, threshold)
    if result is None:
        return percent(value), "none"
    return percent(result.value), str(result.verdict)


def kpi_rows(targets: TargetSet) -> list[RowSpec]:
    """(key, name, goal, figure of a summary) for every row, in the order shown."""
    rows: list[RowSpec] = [
        ("offered", _tr("Offered"), "", lambda s: (count(s.answering.offered), "none"))
    ]
    for t in targets.thresholds_s:
        target = next((x for x in targets.of(SERVICE_LEVEL) if x.threshold_s == t), None)
        rows.append(
            (
                f"sl_{t}",
                _tr("Answered ≤ {0}").format(_limit(t)),
                goal_text(target),
                lambda s, t=t: _result_figure(s, SERVICE_LEVEL, t, s.answering.service_level[t]),
            )
        )
    abandon = next(iter(targets.of(ABANDON_RATE)), None)
    rows.append(
        (
            "abandon_rate",
            _tr("Abandoned"),
            goal_text(abandon),
            lambda s: _result_figure(s, ABANDON_RATE, None, s.answering.abandon_rate),
        )
    )
    rows.append(("asa", _tr("Average answer"), "", lambda s: (seconds(s.answering.asa_s), "none")))
    rows.append(
        (
            "p90_answer",
            _tr("90 % answered in"),
            "",
            lambda s: (seconds(s.answering.p90_answer_s), "none"),
        )
    )
    for kpi in _STEPS:
        for target in targets.of(kpi):
            rows.append(
                (
                    f"{kpi}_{target.threshold_s:g}",
                    _step_name(kpi, _limit(target.threshold_s)),
                    goal_text(target),
                    lambda s, k=kpi, t=target.threshold_s: _result_figure(s, k, t, None),
                )
            )
    return rows


__all__ = ["count", "goal_text", "kpi_rows", "percent", "seconds"]
