"""Benchmark: decode+validate of realistic feed bodies, and store apply+diff of a delta.

Run: .venv/bin/python tests/bench_decode_store.py
Prints, for 100 / 1,000 / 10,000 open incidents with 2,000 units: body sizes, decode
time (median of several runs), and the time to apply a delta where 1 % of incidents and
1 % of units changed. Figures only; nothing here asserts a speed.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime, timedelta

import msgspec
import records
from records import WITA

from wallboard.feed.decode import decode_body
from wallboard.feed.kinds import FeedKind
from wallboard.feed.pages import IncidentPage, UnitList
from wallboard.model import (
    Assignment,
    Caller,
    IncidentCategory,
    IncidentStatus,
    Position,
    Priority,
    UnitStatus,
)
from wallboard.store import Store

NOW = datetime(2026, 11, 28, 14, 30, 0, tzinfo=WITA)
UNITS = 2_000
RUNS = 7
STREETS = ["Jl. Juanda", "Jl. Pahlawan", "Jl. Slamet Riyadi", "Jl. A. Yani", "Jl. Cendana"]
KELURAHAN = ["Air Hitam", "Sidodadi", "Temindung Permai", "Karang Asam Ulu", "Sungai Pinang"]
KECAMATAN = ["Samarinda Ulu", "Samarinda Ilir", "Sungai Kunjang", "Sambutan", "Palaran"]
WORDS = [
    "rumah",
    "terbakar",
    "asap",
    "tebal",
    "korban",
    "motor",
    "mobil",
    "tabrakan",
    "banjir",
    "pohon",
    "tumbang",
    "jalan",
    "licin",
    "warga",
    "terjebak",
    "listrik",
    "padam",
]
NAMES = ["Budi Santoso", "Siti Aminah", "Rahmat Hidayat", "Dewi Lestari", "Agus Salim"]
AGENCIES = ["POLRESTA", "DAMKAR", "DINKES", "BPBD", "BASARNAS", "SATPOLPP"]


def at(rng: random.Random, max_age_s: int) -> datetime:
    return NOW - timedelta(seconds=rng.randrange(1, max_age_s))


def make_incident(rng: random.Random, i: int, version: int):
    created = at(rng, 6 * 3600)
    dispatched = created + timedelta(seconds=rng.randrange(30, 300))
    units = rng.sample(range(UNITS), rng.randint(1, 3))
    return records.incident(
        f"SMD-{i:06d}",
        at=created,
        version=version,
        category=rng.choice(list(IncidentCategory)),
        priority=rng.choice(list(Priority)),
        status=IncidentStatus.EN_ROUTE,
        status_times={
            IncidentStatus.NEW: created,
            IncidentStatus.DISPATCHED: dispatched,
            IncidentStatus.EN_ROUTE: dispatched + timedelta(seconds=45),
        },
        updated_at=dispatched + timedelta(seconds=45),
        location=records.location(
            round(-0.5 + rng.uniform(-0.15, 0.15), 6),
            round(117.15 + rng.uniform(-0.15, 0.15), 6),
            address=f"{rng.choice(STREETS)} No. {rng.randint(1, 250)}, RT {rng.randint(1, 40)}",
            kelurahan=rng.choice(KELURAHAN),
            kecamatan=rng.choice(KECAMATAN),
            city="Samarinda",
        ),
        description=" ".join(rng.choices(WORDS, k=rng.randint(6, 16))),
        caller=Caller(name=rng.choice(NAMES), phone=f"+62812{rng.randrange(10**7):07d}"),
        assignments=tuple(
            Assignment(
                unit_id=f"U-{u:04d}",
                agency_id=rng.choice(AGENCIES),
                dispatched_at=dispatched,
                en_route_at=dispatched + timedelta(seconds=45),
            )
            for u in units
        ),
        agency_ids=tuple(sorted({rng.choice(AGENCIES) for _ in units})),
        call_id=f"C-{i:07d}",
    )


def make_unit(rng: random.Random, i: int, version: int):
    return records.unit(
        f"U-{i:04d}",
        version=version,
        agency=rng.choice(AGENCIES),
        call_sign=f"{rng.choice(AGENCIES)[:3]}-{i}",
        type=rng.choice(["ambulance", "fire_engine", "patrol_car", "rescue_boat"]),
        status=rng.choice(list(UnitStatus)),
        at=at(rng, 3 * 3600),
        position=Position(
            lat=round(-0.5 + rng.uniform(-0.2, 0.2), 6),
            lon=round(117.15 + rng.uniform(-0.2, 0.2), 6),
            at=at(rng, 60),
        ),
    )


def median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def decode(kind: FeedKind, body: bytes):
    return decode_body(kind, body, source=f"samarinda/{kind}", feed_now=NOW)


def bench(n: int) -> None:
    rng = random.Random(n)
    incidents = [make_incident(rng, i, i + 1) for i in range(n)]
    units = [make_unit(rng, i, n + i + 1) for i in range(UNITS)]
    inc_body = msgspec.json.encode(IncidentPage(items=incidents, cursor=str(n), full=True))
    unit_body = msgspec.json.encode(UnitList(items=units))

    # 1 % of each changed, with versions above everything held.
    top = n + UNITS + 1
    changed_inc = rng.sample(range(n), max(1, n // 100))
    changed_units = set(rng.sample(range(UNITS), UNITS // 100))
    delta_inc = IncidentPage(
        items=[make_incident(rng, i, top + k) for k, i in enumerate(changed_inc)],
        cursor=str(top + n),
        full=False,
    )
    delta_inc_body = msgspec.json.encode(delta_inc)
    units2 = [make_unit(rng, i, top + i) if i in changed_units else u for i, u in enumerate(units)]
    units2_body = msgspec.json.encode(UnitList(items=units2))

    # One bad record forces the record-by-record path.
    raw = msgspec.json.decode(inc_body)
    raw["items"][n // 2]["priority"] = "urgent"
    bad_body = msgspec.json.encode(raw)

    t_inc = median_ms(lambda: decode(FeedKind.INCIDENTS, inc_body))
    t_unit = median_ms(lambda: decode(FeedKind.UNITS, unit_body))
    t_bad = median_ms(lambda: decode(FeedKind.INCIDENTS, bad_body), runs=3)
    assert len(decode(FeedKind.INCIDENTS, bad_body).rejected) == 1

    full_inc = decode(FeedKind.INCIDENTS, inc_body)
    full_units = decode(FeedKind.UNITS, unit_body)
    d_inc = decode(FeedKind.INCIDENTS, delta_inc_body)
    d_units = decode(FeedKind.UNITS, units2_body)

    apply_times, first_times = [], []
    for _ in range(RUNS):
        store = Store()
        t = time.perf_counter()
        store.apply("samarinda", FeedKind.INCIDENTS, full_inc)
        store.apply("samarinda", FeedKind.UNITS, full_units)
        first_times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        a = store.apply("samarinda", FeedKind.INCIDENTS, d_inc)
        b = store.apply("samarinda", FeedKind.UNITS, d_units)
        apply_times.append((time.perf_counter() - t) * 1000)
        assert len(a.incidents.changed) == len(changed_inc)
        assert len(b.units.changed) == len(changed_units) and not b.units.removed

    t_delta_dec = median_ms(
        lambda: (decode(FeedKind.INCIDENTS, delta_inc_body), decode(FeedKind.UNITS, units2_body))
    )
    print(
        f"{n:>6} incidents | bodies: incidents {len(inc_body) / 1024:8.1f} KiB, "
        f"units {len(unit_body) / 1024:6.1f} KiB, delta incidents "
        f"{len(delta_inc_body) / 1024:6.1f} KiB"
    )
    print(
        f"       decode+validate: incidents {t_inc:7.2f} ms, {UNITS} units {t_unit:6.2f} ms, "
        f"incidents with 1 bad record {t_bad:7.2f} ms"
    )
    print(
        f"       store: first full apply {statistics.median(first_times):7.2f} ms; "
        f"1 % delta: decode {t_delta_dec:6.2f} ms + apply+diff "
        f"{statistics.median(apply_times):6.2f} ms "
        f"({len(changed_inc)} incidents, {len(changed_units)} units changed)"
    )


def main() -> None:
    print(f"median of {RUNS} runs (record-by-record path: 3 runs)")
    for n in (100, 1_000, 10_000):
        bench(n)


if __name__ == "__main__":
    main()
