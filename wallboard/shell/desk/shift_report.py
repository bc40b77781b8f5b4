"""The desk's "Shift report…" action: the current shift's report, written and shown.

Built from the store's records through the report code ``wallboard report`` uses
(``build_report``, ``write_json``, ``write_csv``, the report page), into a folder of its
own under the reports folder, which is then opened for the duty manager.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices

from views.report_page import render
from wallboard.kpi.targets import TargetSet
from wallboard.report.desk_shift import current_shift, records_from_store
from wallboard.report.shift import build_report
from wallboard.report.writing import write_csv, write_json
from wallboard.store import Store


def default_reports_dir() -> Path:
    """Where reports go unless told: the user's documents folder."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(base or ".") / "Wallboard 112 reports"


def open_folder(path: Path) -> None:
    """Show ``path`` in the desktop's file manager."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def write_shift_report(
    store: Store,
    zone: ZoneInfo,
    targets: TargetSet,
    region_name: str,
    out_dir: Path,
    *,
    period: tuple[datetime, datetime] | None = None,
) -> Path:
    """Write report.json, report.csv and report.png of the shift (or ``period``) into a
    new folder under ``out_dir``; returns that folder. Raises OSError if it cannot."""
    start, end = period or current_shift(store.feed_now(), zone)
    records = records_from_store(store, start, end, source="desk")
    report = build_report(
        records,
        start,
        end,
        targets,
        wall_now=datetime.now(UTC),
        region_name=region_name,
        timezone=zone.key,
    )
    first, last = start.astimezone(zone), end.astimezone(zone)
    name = f"shift-{first:%Y-%m-%d-%H%M}"
    if period is not None:
        name = f"period-{first:%Y-%m-%d-%H%M}-{last:%Y-%m-%d-%H%M}"
    folder = out_dir / name
    folder.mkdir(parents=True, exist_ok=True)
    write_json(report, folder / "report.json")
    write_csv(report, folder / "report.csv")
    render(report, folder / "report.png", "png")
    return folder


OpenFolder = Callable[[Path], None]

__all__ = ["OpenFolder", "default_reports_dir", "open_folder", "write_shift_report"]
