"""Benchmark: the desk's incident list with thousands of open incidents.

Not a test: prints figures. Run:
    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench_desk.py

For 1,000 and 10,000 open incidents in the store (and 2,000 units), the desk's list
(model, proxy, view, filters) on the GUI thread: building it over a full store, a poll's
diff of 1 % (changed records) and of 20 new ones, the once-a-second tick while sorted by
age, a category filter, and a two-word search. Median of 7, milliseconds.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import msgspec
import records
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from records import WITA

from views.desk import incident_columns as ic
from views.desk.desk_lists import incident_list
from wallboard.feed.kinds import FeedKind
from wallboard.model import IncidentCategory, IncidentStatus, Location, Priority
from wallboard.store import Store

RUNS = 7
NOW = datetime(2026, 11, 28, 15, 0, tzinfo=WITA)
KECAMATAN = ["Samarinda Ulu", "Sungai Pinang", "Palaran", "Loa Janan Ilir", "Sambutan"]


def incidents(n: int, rng: random.Random, start: int = 0) -> list:
    out = []
    for k in range(start, start + n):
        at = NOW - timedelta(seconds=rng.uniform(0, 6 * 3600))
        place = Location(
            lat=-0.5, lon=117.15, address=f"Jl. Nomor {k}", kecamatan=rng.choice(KECAMATAN)
        )
        out.append(
            records.incident(
                f"INC-{k:06d}",
                at=at,
                category=rng.choice(list(IncidentCategory)),
                priority=rng.choice(list(Priority)),
                status=rng.choice([IncidentStatus.NEW, IncidentStatus.ON_SCENE]),
                location=place,
            )
        )
    return out


def median_ms(action, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench(n: int) -> dict[str, float]:
    rng = random.Random(n)
    store = Store(wall_clock=lambda: NOW)
    base = incidents(n, rng)
    store.apply("b", FeedKind.INCIDENTS, records.incident_page(*base))
    store.apply(
        "b", FeedKind.UNITS, records.unit_list(*[records.unit(f"U-{k}") for k in range(2000)])
    )
    figures = {}
    holder = []

    def build() -> None:
        holder[:] = [incident_list(store, lambda: NOW)]

    figures["build list"] = median_ms(build, 3)
    panel = holder[0]
    panel.table.resize(900, 600)
    panel.show()

    def changed() -> None:
        picked = rng.sample(base, max(1, n // 100))
        bumped = [
            msgspec.structs.replace(i, version=i.version + 1, status=IncidentStatus.ON_SCENE)
            for i in picked
        ]
        diff = store.apply("b", FeedKind.INCIDENTS, records.incident_page(*bumped, full=False))
        panel.model.apply(diff.incidents)

    figures["1 % changed"] = median_ms(changed)
    counter = [n]

    def added() -> None:
        new = incidents(20, rng, start=counter[0])
        counter[0] += 20
        diff = store.apply("b", FeedKind.INCIDENTS, records.incident_page(*new, full=False))
        panel.model.apply(diff.incidents)

    figures["20 new"] = median_ms(added)
    panel.table.sortByColumn(ic.AGE, Qt.SortOrder.AscendingOrder)
    # a tick repaints the rows on show (grab() paints them as the screen would)
    figures["tick: repaint, sorted by age"] = median_ms(lambda: panel.table.viewport().grab())
    fire = IncidentCategory.FIRE

    def category() -> None:
        panel.choose(ic.CATEGORY, fire)
        panel.choose(ic.CATEGORY, None)

    figures["category filter on+off"] = median_ms(category)

    def search() -> None:
        panel.search.setText("palaran nomor 1")
        panel.search.setText("")

    figures["search on+off"] = median_ms(search)
    panel.close()
    return figures


def main() -> None:
    app = QApplication.instance() or QApplication([])  # noqa: F841
    print(f"load: {os.getloadavg()[0]:.1f}")
    for n in (1_000, 10_000):
        figures = bench(n)
        print(f"{n:>6} open incidents: " + ", ".join(f"{k} {v:.1f} ms" for k, v in figures.items()))


if __name__ == "__main__":
    main()
