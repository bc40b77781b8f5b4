"""The shift report's figures equal the queue panel's for the same period.

One simulator feeds both: the real poller fills a real store that a real QueuePanel
shows, and `main.py report` fetches the same period over HTTP on its own.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from view_support import _english_locale  # noqa: F401  (autouse fixture)

from views.queue_panel import QueuePanel
from views.theme import apply_theme, load_theme
from wallboard.feed.kinds import FeedKind
from wallboard.poller import BackendSpec, Poller
from wallboard.shell.cli import main
from wallboard.simulator import start_simulator
from wallboard.store import Store

WITA = ZoneInfo("Asia/Makassar")
START = "2026-11-30T16:20:00+08:00"  # whole seconds: the feed's clock is whole seconds


def test_report_equals_the_panel_for_today(qtbot, tmp_path):
    with start_simulator(seed=31, manual_clock=True, start=START) as sim:
        store = Store(wall_clock=lambda: datetime.now(UTC))
        poller = Poller([BackendSpec("samarinda", sim.url)], store)

        async def poll() -> None:
            for kind in FeedKind:
                await poller.poll_once("samarinda", kind)

        try:
            asyncio.run(poll())
        finally:
            poller.close()
        panel = QueuePanel(store, WITA, sim.now)
        qtbot.addWidget(panel)
        apply_theme(panel, load_theme("dark"))
        qtbot.waitUntil(lambda: panel.comparison is not None)
        today = panel.comparison.today

        out = tmp_path / "report"
        args = ["report", "--backend", sim.url, "--out", str(out), "--lang", "en"]
        args += ["--from", today.start.isoformat(), "--to", today.end.isoformat()]
        assert main(args) == 0

    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["kpis"] == json.loads(json.dumps(today.to_dict()))
    assert report["kpis"]["answering"]["offered"] > 1000
    # and what the panel shows is those figures
    offered = report["kpis"]["answering"]["offered"]
    assert panel.offered.value.text() == f"{offered:,}"
    sl15 = report["kpis"]["targets"][0]
    mark = "✔" if sl15["verdict"] == "met" else "✘"
    shown = panel.kpis.cell("sl_15", 1).text()
    assert shown == f"{mark}\u202f{round(sl15['value'] * 100)}%"
    assert panel.kpis.cell("sl_15", 1).property("verdict") == sl15["verdict"]
