"""The shift report's one page, drawn with QPainter: to a PNG (QImage) or a PDF (QPdfWriter).

Print colours (dark on white); every verdict says itself in a word and a mark as well as
in colour, so a black-and-white copy handed over at shift change still reads. Drawn
offscreen: no window, no display needed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from views.text import clock_duration, percent
from views.vocabulary import name_of
from wallboard.kpi.response import ResponseKpis
from wallboard.kpi.summary import KpiSummary, TargetResult
from wallboard.kpi.targets import (
    ABANDON_RATE,
    DISPATCH_WITHIN,
    EN_ROUTE_WITHIN,
    ON_SCENE_WITHIN,
    SERVICE_LEVEL,
)
from wallboard.model import Disposition, IncidentCategory
from wallboard.report.shift import ShiftReport
from wallboard.shell.translations import install_language

WIDTH, HEIGHT = 1240, 1754  # A4 at 150 dpi, the page's logical size
MARGIN = 70
INK = QColor("#111111")
MUTED = QColor("#555555")
RULE = QColor("#bbbbbb")
BAR = QColor("#2f6fb3")
MET = QColor("#146c2e")
MISSED = QColor("#b3261e")
MAX_GROUP_ROWS = 5


def _tr(text: str) -> str:
    return QCoreApplication.translate("ShiftReport", text)


def _font(px: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(px)
    font.setBold(bold)
    return font


def _percent(share: float | None) -> str:
    return percent(share, 1)


def _seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return _tr("{0} s").format(QLocale().toString(value, "f", 0))


def _count(n: int) -> str:
    return QLocale().toString(n)


def _verdict_text(result: TargetResult) -> tuple[str, QColor]:
    verdict = str(result.verdict)
    if verdict == "met":
        return "✔ " + _tr("met"), MET
    if verdict == "missed":
        return "✘ " + _tr("missed"), MISSED
    return "– " + _tr("no data"), MUTED


def _target_name(result: TargetResult) -> str:
    t = result.target
    limit = f"{t.threshold_s:g}" if t.threshold_s is not None else ""
    names = {
        SERVICE_LEVEL: _tr("Calls answered within {0} s"),
        DISPATCH_WITHIN: _tr("Incidents dispatched within {0} s"),
        EN_ROUTE_WITHIN: _tr("First unit en route within {0} s"),
        ON_SCENE_WITHIN: _tr("First unit on scene within {0} s"),
        ABANDON_RATE: _tr("Abandon rate"),
    }
    return names.get(t.kpi, t.kpi).format(limit)


class _Page:
    """A cursor down the page: each section draws at ``y`` and moves it on."""

    def __init__(self, painter: QPainter) -> None:
        self.p = painter
        self.y = MARGIN

    def text(self, x: float, w: float, text: str, px: int, *, bold=False, color=INK, right=False):
        self.p.setFont(_font(px, bold))
        self.p.setPen(color)
        flags = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        self.p.drawText(QRectF(x, self.y, w, px * 1.5), flags | Qt.AlignmentFlag.AlignVCenter, text)

    def heading(self, text: str) -> None:
        self.y += 14
        self.text(MARGIN, WIDTH - 2 * MARGIN, text, 28, bold=True)
        self.y += 44
        self.p.setPen(QPen(RULE, 2))
        self.p.drawLine(MARGIN, int(self.y), WIDTH - MARGIN, int(self.y))
        self.y += 8

    def row(self, cells: Sequence[tuple[str, float, float]], px: int = 22, **kw) -> None:
        """Cells of (text, x, width); the first left-aligned, the others right."""
        for i, (text, x, w) in enumerate(cells):
            self.text(x, w, text, px, right=i > 0, **kw)
        self.y += px * 1.45


def _header(page: _Page, report: ShiftReport) -> None:
    s = report.summary
    zone = ZoneInfo(report.timezone)

    def local(t: datetime) -> str:
        return t.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    page.text(
        MARGIN,
        WIDTH - 2 * MARGIN,
        _tr("Shift report — {0}").format(report.region_name),
        40,
        bold=True,
    )
    page.y += 64
    period = _tr("{0} to {1} ({2})").format(local(s.start), local(s.end), report.timezone)
    page.text(MARGIN, WIDTH - 2 * MARGIN, period, 26)
    page.y += 40
    note = _tr("Figures as at {0}; source {1}; generated {2}").format(
        local(s.now), report.source, local(report.generated_at)
    )
    quality = report.quality
    if quality.repaired_records:
        note += "; " + _tr("{0} records repaired").format(quality.repaired_records)
    if quality.rejected_records:
        note += "; " + _tr("{0} bad records left out").format(quality.rejected_records)
    page.text(MARGIN, WIDTH - 2 * MARGIN, note, 18, color=MUTED)
    page.y += 30


def _targets(page: _Page, s: KpiSummary) -> None:
    page.heading(_tr("Against the targets"))
    cols = (MARGIN, 500), (MARGIN + 500, 150), (MARGIN + 650, 160), (MARGIN + 820, 280)
    page.row(
        [
            (h, x, w)
            for h, (x, w) in zip(
                (_tr("Standard"), _tr("Target"), _tr("Figure"), ""), cols, strict=True
            )
        ],
        px=18,
        color=MUTED,
    )
    for result in s.results:
        goal = ("≥ " if result.target.higher_is_better else "≤ ") + _percent(result.target.goal)
        verdict, colour = _verdict_text(result)
        name, x0 = _target_name(result), cols[0]
        page.text(x0[0], x0[1], name, 22)
        page.text(cols[1][0], cols[1][1], goal, 22, right=True)
        page.text(
            cols[2][0], cols[2][1], _percent(result.value), 24, bold=True, color=colour, right=True
        )
        page.text(cols[3][0], cols[3][1], verdict, 22, bold=True, color=colour, right=True)
        page.y += 34


def _answering(page: _Page, s: KpiSummary) -> None:
    a = s.answering
    page.heading(_tr("Calls"))
    left = [
        (_tr("Offered"), _count(a.offered)),
        (_tr("Answered"), _count(a.answered)),
        (
            _tr("Abandoned (quick hang-ups)"),
            f"{_count(a.abandoned)} ({_count(a.short_abandoned)})",
        ),
        (_tr("Still waiting at the end"), _count(a.waiting)),
        (_tr("Abandon rate"), _percent(a.abandon_rate)),
    ]
    right = [
        (_tr("Answered within {0} s").format(t), _percent(v)) for t, v in a.service_level.items()
    ]
    right += [
        (_tr("Average speed of answer"), _seconds(a.asa_s)),
        (_tr("90th percentile answer time"), _seconds(a.p90_answer_s)),
        (_tr("Average handling time (talk)"), _seconds(s.average_handling_s)),
    ]
    top = page.y
    for column, items in ((MARGIN, left), (WIDTH / 2 + 10, right)):
        page.y = top
        for name, value in items:
            page.row([(name, column, 400), (value, column + 400, 130)])
    page.y = top + max(len(left), len(right)) * 22 * 1.45


def _chart(page: _Page, s: KpiSummary) -> None:
    counts = s.offered_per_interval
    page.heading(_tr("Calls offered per {0} minutes").format(s.interval_min))
    box = QRectF(MARGIN + 50, page.y + 10, WIDTH - 2 * MARGIN - 60, 200)
    p = page.p
    peak = max(counts, default=0) or 1
    p.setPen(QPen(RULE, 1))
    p.drawLine(box.bottomLeft(), box.bottomRight())
    page_y = page.y
    page.y = box.top() - 12
    page.text(MARGIN - 10, 50, _count(peak), 16, color=MUTED, right=True)
    page.y = page_y
    if counts:
        w = box.width() / len(counts)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(BAR)
        for i, n in enumerate(counts):
            h = box.height() * n / peak
            p.drawRect(QRectF(box.left() + i * w, box.bottom() - h, max(1.0, w - 1), h))
        zone = s.start.tzinfo
        step = max(1, len(counts) // 8)
        for i in range(0, len(counts), step):
            t = s.start.timestamp() + i * s.interval_min * 60
            label = datetime.fromtimestamp(t, zone).strftime("%H:%M")
            page.y = box.bottom() + 4
            page.text(box.left() + i * w - 30, 60, label, 16, color=MUTED)
    page.y = box.bottom() + 34


def _dispositions(page: _Page, s: KpiSummary) -> None:
    d = s.dispositions
    page.heading(_tr("What the calls were"))
    peak = max(d.counts.values(), default=0) or 1
    for disposition in Disposition:
        n = d.counts.get(disposition, 0)
        page.text(MARGIN, 260, name_of(disposition), 20)
        bar = QRectF(MARGIN + 270, page.y + 8, 560 * n / peak, 16)
        page.p.setPen(Qt.PenStyle.NoPen)
        page.p.setBrush(BAR)
        page.p.drawRect(bar)
        page.text(
            MARGIN + 840, 260, f"{_count(n)}  ({_percent(d.share(disposition))})", 20, right=True
        )
        page.y += 28
    page.text(
        MARGIN, 800, _tr("Not classified (abandoned, waiting or in conversation)"), 20, color=MUTED
    )
    page.text(MARGIN + 840, 260, _count(d.unclassified), 20, color=MUTED, right=True)
    page.y += 30


def _response_row(page: _Page, name: str, r: ResponseKpis) -> None:
    cells = [(name, MARGIN, 380)]
    for i, stats in enumerate((r.to_dispatch, r.to_en_route, r.to_on_scene)):
        x = MARGIN + 380 + i * 240
        cells.append(
            (
                f"{clock_duration(stats.median_s)} / {clock_duration(stats.p90_s)}"
                f" ({_count(stats.count)})",
                x,
                240,
            )
        )
    page.row(cells, px=20)


def _category(value: str) -> str:
    try:
        return name_of(IncidentCategory(value))
    except ValueError:
        return value


def _response(page: _Page, s: KpiSummary, agency_names: Mapping[str, str]) -> None:
    page.heading(_tr("Dispatch and response, min:s: median / 90th percentile (incidents)"))
    heads = [(_tr("Incidents created in the period"), MARGIN, 380)]
    for i, h in enumerate((_tr("to dispatch"), _tr("to en route"), _tr("to on scene"))):
        heads.append((h, MARGIN + 380 + i * 240, 240))
    page.row(heads, px=18, color=MUTED)
    _response_row(page, _tr("All"), s.response)
    for groups, label in (
        (s.response_by_agency, agency_names.get),
        (s.response_by_category, _category),
    ):
        ranked = sorted(groups.items(), key=lambda kv: (-kv[1].to_dispatch.count, kv[0]))
        for name, r in ranked[:MAX_GROUP_ROWS]:
            _response_row(page, label(name) or name, r)
        if len(ranked) > MAX_GROUP_ROWS:
            page.row(
                [
                    (
                        _tr("… and {0} more in report.csv").format(len(ranked) - MAX_GROUP_ROWS),
                        MARGIN,
                        600,
                    )
                ],
                px=18,
                color=MUTED,
            )


def paint_report(painter: QPainter, report: ShiftReport) -> None:
    """Draw the page in logical coordinates WIDTH x HEIGHT."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    page = _Page(painter)
    s = report.summary
    _header(page, report)
    _targets(page, s)
    _answering(page, s)
    _chart(page, s)
    _dispositions(page, s)
    _response(page, s, report.agency_names)


def render_png(report: ShiftReport, path: Path) -> None:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_report(painter, report)
    finally:
        painter.end()
    if not image.save(str(path)):
        raise OSError(f"cannot write {path}")


def render_pdf(report: ShiftReport, path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setResolution(150)
    writer.setTitle(_tr("Shift report — {0}").format(report.region_name))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    try:
        target = painter.viewport()
        painter.setWindow(0, 0, WIDTH, HEIGHT)
        painter.setViewport(target)
        paint_report(painter, report)
    finally:
        painter.end()


def render(report: ShiftReport, path: Path, fmt: str) -> None:
    """Write the page as ``fmt`` ("png" or "pdf") to ``path``."""
    (render_pdf if fmt == "pdf" else render_png)(report, path)


def render_page(report: ShiftReport, path: Path, fmt: str, language: str) -> None:
    """The report command's page: in ``language``, offscreen, in a QGuiApplication of its
    own unless one runs already (tests)."""
    # painting needs no screen: offscreen unless the caller chose a platform
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    old_locale = QLocale()
    translator = install_language(app, language)
    try:
        render(report, path, fmt)
    finally:
        if translator is not None:
            app.removeTranslator(translator)
        QLocale.setDefault(old_locale)


__all__ = ["HEIGHT", "WIDTH", "paint_report", "render", "render_page", "render_pdf", "render_png"]
