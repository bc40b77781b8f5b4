"""The report's machine-readable files: report.json (nested) and report.csv (one row each)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wallboard.report.shift import ShiftReport

CSV_HEADER = ("section", "key", "value", "goal", "verdict")


def write_json(report: ShiftReport, path: Path) -> None:
    path.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n", "utf-8")


def _flat(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flat(f"{prefix}.{key}" if prefix else str(key), inner)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _flat(f"{prefix}[{i}]", inner)
    else:
        yield prefix, value


def csv_rows(report: ShiftReport) -> list[tuple[str, str, Any, Any, str]]:
    """(section, key, value, goal, verdict): every figure, targets first.

    Empty cells mean "no data" (never 0). Shares are fractions (0.9 = 90 %), durations
    seconds, as in report.json.
    """
    data = report.to_dict()
    kpis = data["kpis"]
    rows: list[tuple[str, str, Any, Any, str]] = []
    for t in kpis["targets"]:
        limit = f"_{t['threshold_s']:g}s" if t["threshold_s"] is not None else ""
        rows.append(("target", f"{t['kpi']}{limit}", t["value"], t["goal"], t["verdict"]))
    for section in ("period", "answering", "handling", "dispositions", "response"):
        for key, value in _flat("", kpis[section]):
            rows.append((section, key, value, "", ""))
    for section in ("response_by_agency", "response_by_category"):
        for key, value in _flat("", kpis[section]):
            rows.append((section, key, value, "", ""))
    for section in ("repaired", "rejected"):  # records repaired / left out, by reason
        for reason, n in data[section].items():
            rows.append((section, reason, n, "", ""))
    counts = kpis["offered_per_interval"]
    for i, n in enumerate(counts["counts"]):
        rows.append(("offered_per_interval", f"{i * counts['minutes']}min", n, "", ""))
    return [tuple("" if v is None else v for v in row) for row in rows]  # type: ignore[misc]


def write_csv(report: ShiftReport, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        writer.writerows(csv_rows(report))


__all__ = ["CSV_HEADER", "csv_rows", "write_csv", "write_json"]
