"""KPI engine: service-standard figures computed by the wall from call and incident records.

Pure functions over the domain records (no Qt, no I/O), so every centre gets the same
definitions; the README's "Service standards" section gives the exact formula of each.
``summarize`` applies them all to one period: the interface the panel and report share.
"""

from wallboard.kpi.answering import AnsweringKpis, answering_kpis
from wallboard.kpi.disposition import NON_EMERGENCY, DispositionKpis, disposition_kpis
from wallboard.kpi.handling import average_handling_s
from wallboard.kpi.percentile import nearest_rank
from wallboard.kpi.response import (
    DurationStats,
    ResponseKpis,
    response_kpis,
    response_kpis_by,
)
from wallboard.kpi.series import calls_per_interval
from wallboard.kpi.summary import KpiSummary, TargetResult, summarize
from wallboard.kpi.targets import (
    DEFAULT_TARGET_SET,
    DEFAULT_TARGETS,
    Target,
    TargetError,
    TargetSet,
    Verdict,
    target_set_from_dict,
    targets_from_dict,
    verdict,
)
from wallboard.kpi.window import last_hour, local_day

__all__ = [
    "DEFAULT_TARGETS",
    "DEFAULT_TARGET_SET",
    "NON_EMERGENCY",
    "AnsweringKpis",
    "DispositionKpis",
    "DurationStats",
    "KpiSummary",
    "ResponseKpis",
    "Target",
    "TargetError",
    "TargetResult",
    "TargetSet",
    "Verdict",
    "answering_kpis",
    "average_handling_s",
    "calls_per_interval",
    "disposition_kpis",
    "last_hour",
    "local_day",
    "nearest_rank",
    "response_kpis",
    "response_kpis_by",
    "summarize",
    "target_set_from_dict",
    "targets_from_dict",
    "verdict",
]
