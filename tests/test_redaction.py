"""Redaction of single records: every field has a decision, and the decisions hold.

Records are built from the model's own type information with a unique marker in every
text field, so a field added to the model is covered (and fails here until it has a
rule) without this file changing.
"""

from __future__ import annotations

import dataclasses
import importlib
import math
import pkgutil
from datetime import datetime
from zoneinfo import ZoneInfo

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wallboard.model as model
from wallboard.feed.pages import RegionInfo
from wallboard.model import Agency, CallRecord, Incident, QueueSnapshot, Unit
from wallboard.redaction import (
    FIELD_RULES,
    Rule,
    redact_call,
    redact_incident,
    redact_queue,
    redact_unit,
    snap,
)
from wallboard.redaction.grid import METRES_PER_DEGREE

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Makassar"))
EXACT = -0.503217  # a coordinate well inside a grid cell, never a cell's centre
inspect = msgspec.inspect

# How a redacted copy of each record kind the store holds is made (agencies and region
# info hold nothing personal: the facade passes them through).
REDACTORS = {
    Incident: redact_incident,
    CallRecord: redact_call,
    Unit: redact_unit,
    QueueSnapshot: redact_queue,
    Agency: lambda a: a,
    RegionInfo: lambda r: r,
}


def model_structs() -> set[type]:
    """Every record type of the model, and every one nested in them, and RegionInfo."""
    found: set[type] = set()

    def visit(t: inspect.Type) -> None:
        if isinstance(t, inspect.StructType):
            if t.cls in found:
                return
            found.add(t.cls)
            for f in t.fields:
                visit(f.type)
        elif isinstance(t, inspect.UnionType):
            for member in t.types:
                visit(member)
        elif isinstance(t, (inspect.VarTupleType, inspect.ListType, inspect.SetType)):
            visit(t.item_type)
        elif isinstance(t, inspect.DictType):
            visit(t.key_type)
            visit(t.value_type)

    for name in model.__all__:
        obj = getattr(model, name)
        if isinstance(obj, type) and issubclass(obj, msgspec.Struct):
            visit(inspect.type_info(obj))
    visit(inspect.type_info(RegionInfo))
    return found


def model_records() -> set[type]:
    """Every record class defined anywhere in wallboard/model/: structs and dataclasses."""
    found = set()
    for info in pkgutil.iter_modules(model.__path__):
        module = importlib.import_module(f"wallboard.model.{info.name}")
        for obj in vars(module).values():
            if not isinstance(obj, type) or obj.__module__ != module.__name__:
                continue
            if issubclass(obj, msgspec.Struct) or dataclasses.is_dataclass(obj):
                found.add(obj)
    return found


def field_names(cls: type) -> set[str]:
    if issubclass(cls, msgspec.Struct):
        return {f.name for f in msgspec.structs.fields(cls)}
    return {f.name for f in dataclasses.fields(cls)}


def marker(cls: type, field: str) -> str:
    return f"M-{cls.__name__}-{field}"


def sample(t: inspect.Type, owner: type, field: str) -> object:
    """A value of type ``t``; text is the field's unique marker."""
    if isinstance(t, inspect.StructType):
        return {f.name: sample(f.type, t.cls, f.name) for f in t.fields}
    if isinstance(t, inspect.UnionType):
        return sample(next(m for m in t.types if not isinstance(m, inspect.NoneType)), owner, field)
    if isinstance(t, inspect.VarTupleType | inspect.ListType):
        return [sample(t.item_type, owner, field)]
    if isinstance(t, inspect.DictType):
        return {sample(t.key_type, owner, field): sample(t.value_type, owner, field)}
    if isinstance(t, inspect.StrType):
        return marker(owner, field)
    if isinstance(t, inspect.EnumType):
        return next(iter(t.cls))
    if isinstance(t, inspect.DateTimeType):
        return T0
    if isinstance(t, inspect.IntType):
        return 1
    if isinstance(t, inspect.FloatType):
        return EXACT
    if isinstance(t, inspect.BoolType):
        return True
    raise AssertionError(f"{owner.__name__}.{field}: no sample for {t}; extend this test")


def full_record(cls: type) -> msgspec.Struct:
    return msgspec.convert(sample(inspect.type_info(cls), cls, ""), cls)


# -- every field has a decision ----------------------------------------------------------


def test_every_field_of_every_record_has_a_redaction_rule():
    records = model_structs() | model_records()
    assert model_structs() <= records and len(records) > len(model_structs())
    for cls in records:
        assert cls in FIELD_RULES, f"{cls.__name__} has no redaction rules in FIELD_RULES"
        fields = field_names(cls)
        ruled = set(FIELD_RULES[cls])
        assert fields - ruled == set(), f"{cls.__name__}: fields without a redaction rule"
        assert ruled - fields == set(), f"{cls.__name__}: rules for fields it does not have"


def test_records_hold_rules_consistent_with_their_types():
    """A record-valued field is redacted by its own rules (or removed), never kept whole."""
    for cls in model_structs():
        for f in inspect.type_info(cls).fields:
            text = repr(f.type)
            holds_record = "StructType" in text
            rule = FIELD_RULES[cls][f.name]
            if holds_record:
                assert rule in (Rule.NESTED, Rule.REMOVE), f"{cls.__name__}.{f.name}: {rule}"
            else:
                assert rule is not Rule.NESTED, f"{cls.__name__}.{f.name} holds no record"


@pytest.mark.parametrize("cls", list(REDACTORS), ids=lambda c: c.__name__)
def test_redacted_copy_drops_every_removed_field_and_keeps_every_kept_one(cls):
    record = full_record(cls)
    redacted = REDACTORS[cls](record)
    text = msgspec.json.encode(redacted).decode()
    original = msgspec.json.encode(record).decode()
    for rcls, rules in FIELD_RULES.items():
        for field, rule in rules.items():
            m = marker(rcls, field)
            if m not in original:
                continue  # a type not held by this record, or not text
            if rule is Rule.REMOVE:
                assert m not in text, f"{rcls.__name__}.{field} ({rule}) survived"
            elif rule is Rule.KEEP:
                assert m in text, f"{rcls.__name__}.{field} (keep) was lost"
    assert redacted.__struct_fields__ == record.__struct_fields__


def test_incident_keeps_what_the_wall_explains_and_loses_who_and_where_exactly():
    incident = full_record(Incident)
    redacted = redact_incident(incident)
    assert redacted.caller is None and redacted.description == ""
    loc = redacted.location
    assert loc.address == ""  # the place is the kelurahan's, kecamatan's and city's
    assert loc.kelurahan == incident.location.kelurahan
    assert loc.kecamatan == incident.location.kecamatan
    assert (loc.lat, loc.lon) == snap(EXACT, EXACT) != (EXACT, EXACT)
    for name in ("id", "category", "priority", "status", "status_times", "created_at"):
        assert getattr(redacted, name) == getattr(incident, name)
    assert redacted.assignments == incident.assignments
    assert redacted.agency_ids == incident.agency_ids


def test_unit_position_is_snapped_because_a_unit_on_scene_stands_at_the_caller():
    unit = full_record(Unit)
    redacted = redact_unit(unit, 300)
    assert (redacted.position.lat, redacted.position.lon) == snap(EXACT, EXACT, 300)
    assert redacted.position.at == unit.position.at
    assert redacted.call_sign == unit.call_sign
    assert redact_unit(msgspec.structs.replace(unit, position=None)).position is None


def test_queue_loses_call_takers_names_but_keeps_their_states():
    queue = full_record(QueueSnapshot)
    redacted = redact_queue(queue)
    assert [t.name for t in redacted.call_takers] == [""]
    assert [t.state for t in redacted.call_takers] == [t.state for t in queue.call_takers]
    assert redacted.waiting == queue.waiting


# -- the grid ----------------------------------------------------------------------------

lats = st.floats(min_value=-80, max_value=80, allow_nan=False)
lons = st.floats(min_value=-179.9, max_value=179.9, allow_nan=False)
grids = st.sampled_from([100, 250, 500, 1000])


def metres_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    mean = math.radians((a[0] + b[0]) / 2)
    dy = (a[0] - b[0]) * METRES_PER_DEGREE
    dx = (a[1] - b[1]) * METRES_PER_DEGREE * math.cos(mean)
    return math.hypot(dx, dy)


@given(lats, lons, grids)
def test_snapped_point_is_within_half_a_cell_diagonal(lat, lon, grid):
    assert metres_between((lat, lon), snap(lat, lon, grid)) <= grid * 0.72


@given(lats, lons, grids)
def test_snapping_is_stable_so_markers_do_not_jump(lat, lon, grid):
    centre = snap(lat, lon, grid)
    assert snap(*centre, grid) == centre
    assert snap(lat, lon, grid) == centre


def test_points_of_one_cell_share_its_centre_and_neighbours_are_a_cell_apart():
    grid = 500
    centre = snap(-0.5, 117.15, grid)
    step = grid / METRES_PER_DEGREE
    # a few metres either way inside the cell: the same point on screen
    for d in (-0.3, -0.1, 0.1, 0.3):
        assert snap(centre[0] + d * step, centre[1] + d * step, grid) == centre
    north = snap(centre[0] + step, centre[1], grid)
    assert metres_between(centre, north) == pytest.approx(grid, rel=0.01)


def test_grid_size_must_be_positive():
    with pytest.raises(ValueError, match="grid size"):
        snap(0.0, 0.0, 0)
