"""The shift report: every KPI of a period, from a backend or a file, as JSON, CSV and a page.

Computation and files live here (no Qt); the one-page PNG/PDF is drawn by
views/report_page.py. The figures come from ``wallboard.kpi.summarize``, the very
function the queue panel uses, so report and wall never disagree.
"""

from wallboard.report.records import ReportSourceError, fetch_records, read_calls_file
from wallboard.report.shift import ShiftReport, build_report
from wallboard.report.writing import csv_rows, write_csv, write_json

__all__ = [
    "ReportSourceError",
    "ShiftReport",
    "build_report",
    "csv_rows",
    "fetch_records",
    "read_calls_file",
    "write_csv",
    "write_json",
]
