"""The scenario file: everything specific to one region, loaded from TOML and checked.

The engine holds no regional values; a scenario is plain data. A bad key or value is
reported with the file, the key and what was expected, so whoever edits the file can
fix it without reading the engine.
"""

from __future__ import annotations

import importlib.resources
import math
import re
import string
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from wallboard.model import AgencyKind, Disposition, IncidentCategory, ReportChannel

NonNegative = Annotated[float, msgspec.Meta(ge=0)]
Positive = Annotated[float, msgspec.Meta(gt=0)]
Count = Annotated[int, msgspec.Meta(ge=0)]
Text = Annotated[str, msgspec.Meta(min_length=1)]
Names = Annotated[list[Text], msgspec.Meta(min_length=1)]
LatLon = tuple[
    Annotated[float, msgspec.Meta(ge=-90, le=90)], Annotated[float, msgspec.Meta(ge=-180, le=180)]
]
Range = tuple[NonNegative, NonNegative]
CountRange = tuple[Count, Count]
TEMPLATE_FIELDS = frozenset({"street", "kelurahan", "kecamatan", "city"})


class _Table(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """Base of every table: unknown keys are typos, and typos are errors."""


class Bounds(_Table, kw_only=True):
    south: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    west: Annotated[float, msgspec.Meta(ge=-180, le=180)]
    north: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    east: Annotated[float, msgspec.Meta(ge=-180, le=180)]

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


class Region(_Table, kw_only=True):
    id: Text
    name: Text
    code: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2,5}$")]
    city: Text
    timezone: Text
    center: LatLon
    bounds: Bounds


class Kecamatan(_Table, kw_only=True):
    name: Text
    center: LatLon
    radius_km: Positive
    weight: Positive = 1.0
    kelurahan: Names
    streets: Names


class Calls(_Table, kw_only=True):
    per_day: Positive
    hourly: Annotated[list[NonNegative], msgspec.Meta(min_length=24, max_length=24)]
    disposition: dict[Disposition, NonNegative]
    handling_s: dict[Disposition, Range]
    ring_s: Range
    patience_mean_s: Positive
    wrap_up_s: Range
    menu_drop_s: Range
    # How far the PBX's clock runs ahead of the CAD's (negative: behind), in seconds.
    # The PBX stamps a call's arrival and a caller's hang-up (offered_at, abandoned_at,
    # and ended_at of an abandoned call); the call-taker's CAD position stamps the
    # answer and the end of a conversation. 0: one clock.
    pbx_clock_skew_s: Annotated[float, msgspec.Meta(ge=-60, le=60)] = 0.0


class Shift(_Table, kw_only=True):
    start_hour: Annotated[int, msgspec.Meta(ge=0, le=23)]
    call_takers: Annotated[int, msgspec.Meta(ge=1)]


class Staffing(_Table, kw_only=True):
    shifts: Annotated[list[Shift], msgspec.Meta(min_length=1)]
    break_chance: Annotated[float, msgspec.Meta(ge=0, le=1)]
    break_minutes: Range


class People(_Table, kw_only=True):
    first_names: Names
    last_names: Names
    phone_prefixes: Annotated[
        list[Annotated[str, msgspec.Meta(pattern=r"^08\d{2}$")]], msgspec.Meta(min_length=1)
    ]


class Category(_Table, kw_only=True):
    id: IncidentCategory
    weight: Positive
    priority: Annotated[list[NonNegative], msgspec.Meta(min_length=4, max_length=4)]
    agencies: Annotated[list[AgencyKind], msgspec.Meta(min_length=1)]
    units: CountRange
    on_scene_minutes: Range
    descriptions: Names


class Incidents(_Table, kw_only=True):
    other_channels_per_day: NonNegative
    channels: dict[ReportChannel, NonNegative]
    dispatch_delay_s: Range
    categories: Annotated[list[Category], msgspec.Meta(min_length=1)]


class UnitGroup(_Table, kw_only=True):
    type: Text
    call_sign: Text
    count: Annotated[int, msgspec.Meta(ge=1, le=500)]


class AgencyDef(_Table, kw_only=True):
    id: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
    kind: AgencyKind
    name: Text
    short_name: Text
    base: LatLon
    speed_kmh: Positive | None = None
    link_trouble_per_day: NonNegative = 0.5
    link_trouble_minutes: Range = (5.0, 45.0)
    units: Annotated[list[UnitGroup], msgspec.Meta(min_length=1)]


class Travel(_Table, kw_only=True):
    speed_kmh: Positive
    road_factor: Annotated[float, msgspec.Meta(ge=1)]
    turnout_s: Range
    out_of_service_per_day: NonNegative
    out_of_service_minutes: Range


class Scenario(_Table, kw_only=True):
    """One region's scenario: geography, call behaviour, staffing, incidents, agencies."""

    region: Region
    kecamatan: Annotated[list[Kecamatan], msgspec.Meta(min_length=1)]
    calls: Calls
    staffing: Staffing
    people: People
    incidents: Incidents
    agencies: Annotated[list[AgencyDef], msgspec.Meta(min_length=1)]
    travel: Travel


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message names file, key and expectation."""

    def __init__(self, source: str, key: str, expected: str) -> None:
        super().__init__(f"{source}: {key or '(top level)'}: {expected}")
        self.source, self.key, self.expected = source, key, expected


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load a built-in scenario by name ("samarinda", "paser") or a TOML file by path."""
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or text.endswith(".toml") or "/" in text:
        path = Path(text)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ScenarioError(text, "", f"a readable TOML file ({exc.strerror})") from exc
        return parse_scenario(data, text)
    res = importlib.resources.files("resources.scenarios") / f"{text}.toml"
    if not re.fullmatch(r"[a-z0-9_-]+", text) or not res.is_file():
        raise ScenarioError(text, "", "a built-in scenario name (samarinda, paser) or a .toml path")
    return parse_scenario(res.read_bytes(), f"scenarios/{text}.toml")


def parse_scenario(data: bytes, source: str) -> Scenario:
    """Decode and check a scenario; ``source`` names the file in error messages."""
    try:
        scenario = msgspec.toml.decode(data, type=Scenario)
    except msgspec.ValidationError as exc:
        message, _, where = str(exc).partition(" - at `")
        key = where.rstrip("`").removeprefix("$").lstrip(".")
        missing = re.match(r"Object missing required field `(\w+)`", message)
        unknown = re.match(r"Object contains unknown field `(\w+)`", message)
        if missing:
            key = f"{key}.{missing[1]}".lstrip(".")
            message = "required key is missing"
        elif unknown:
            key = f"{key}.{unknown[1]}".lstrip(".")
            message = "unknown key (a typo?)"
        raise ScenarioError(source, key, message) from None
    except msgspec.DecodeError as exc:
        raise ScenarioError(source, "", f"valid TOML ({exc})") from None
    _check_semantics(scenario, source)
    return scenario


def _check_semantics(s: Scenario, source: str) -> None:
    def fail(key: str, expected: str) -> None:
        raise ScenarioError(source, key, expected)

    try:
        ZoneInfo(s.region.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        fail(
            "region.timezone", f"an IANA time zone such as Asia/Makassar, got {s.region.timezone!r}"
        )
    b = s.region.bounds
    if not (b.south < b.north and b.west < b.east):
        fail("region.bounds", "south < north and west < east")
    if not b.contains(*s.region.center):
        fail("region.center", "a point inside region.bounds")
    for i, kec in enumerate(s.kecamatan):
        if not b.contains(*kec.center):
            fail(f"kecamatan[{i}].center", f"a point inside region.bounds ({kec.name})")
    for i, agency in enumerate(s.agencies):
        if not b.contains(*agency.base):
            fail(f"agencies[{i}].base", f"a point inside region.bounds ({agency.id})")
    _check_ranges(s, fail)
    if sum(s.calls.hourly) <= 0:
        fail("calls.hourly", "24 weights with a positive sum")
    total = sum(s.calls.disposition.values())
    if not math.isclose(total, 1.0, abs_tol=0.011):
        fail("calls.disposition", f"shares that add up to 1.0, got {total:.3f}")
    for disp in s.calls.disposition:
        if disp is not Disposition.MENU_DROP and disp not in s.calls.handling_s:
            fail(f"calls.handling_s.{disp}", "a [min, max] handling time for every disposition")
    if sum(s.incidents.channels.values()) <= 0:
        fail("incidents.channels", "weights with a positive sum")
    ids = [a.id for a in s.agencies]
    if len(set(ids)) != len(ids):
        fail("agencies", "unique agency ids")
    kinds = {a.kind for a in s.agencies}
    for i, cat in enumerate(s.incidents.categories):
        for kind in cat.agencies:
            if kind not in kinds:
                fail(
                    f"incidents.categories[{i}].agencies",
                    f"kinds with an agency, no {kind!r} agency",
                )
        if sum(cat.priority) <= 0:
            fail(f"incidents.categories[{i}].priority", "4 weights with a positive sum")
        for j, template in enumerate(cat.descriptions):
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
            if not fields <= TEMPLATE_FIELDS:
                fail(
                    f"incidents.categories[{i}].descriptions[{j}]",
                    f"placeholders among {sorted(TEMPLATE_FIELDS)}, got {sorted(fields)}",
                )


def _check_ranges(s: Scenario, fail) -> None:
    ranges = {
        "calls.ring_s": s.calls.ring_s,
        "calls.wrap_up_s": s.calls.wrap_up_s,
        "calls.menu_drop_s": s.calls.menu_drop_s,
        "staffing.break_minutes": s.staffing.break_minutes,
        "incidents.dispatch_delay_s": s.incidents.dispatch_delay_s,
        "travel.turnout_s": s.travel.turnout_s,
        "travel.out_of_service_minutes": s.travel.out_of_service_minutes,
    }
    ranges.update({f"calls.handling_s.{d}": r for d, r in s.calls.handling_s.items()})
    for i, cat in enumerate(s.incidents.categories):
        ranges[f"incidents.categories[{i}].units"] = cat.units
        ranges[f"incidents.categories[{i}].on_scene_minutes"] = cat.on_scene_minutes
    for i, agency in enumerate(s.agencies):
        ranges[f"agencies[{i}].link_trouble_minutes"] = agency.link_trouble_minutes
    for key, (low, high) in ranges.items():
        if low > high:
            fail(key, f"[min, max] with min <= max, got [{low}, {high}]")
    for i, cat in enumerate(s.incidents.categories):
        if cat.units[1] < 1:
            fail(f"incidents.categories[{i}].units", "at least one unit at most")
