"""Record builders for tests: one per record kind of the native feed, and its pages.

Every field a record needs has a plain default here, so a test names only what it is
about (``incident("A", status=IncidentStatus.CLOSED)``) and any other field of the record
can still be given by name, exactly as the record's own constructor takes it. The records
are the real typed ones (msgspec Structs, the Alert dataclass), as the decoder makes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from wallboard.feed.pages import AgencyList, CallPage, IncidentPage, RegionInfo, UnitList
from wallboard.model.agency import Agency
from wallboard.model.alert import Alert, AlertKind
from wallboard.model.call import CallRecord
from wallboard.model.enums import (
    AgencyKind,
    CallTakerState,
    IncidentCategory,
    IncidentStatus,
    LinkStatus,
    Priority,
    UnitStatus,
)
from wallboard.model.incident import Assignment, Incident, Location
from wallboard.model.queue import CallTaker, QueueSnapshot, WaitingCall
from wallboard.model.unit import Position, Unit

WITA = ZoneInfo("Asia/Makassar")
# A Saturday morning in Samarinda: the moment a record is made at unless a test says.
T0 = datetime(2026, 11, 28, 9, 0, tzinfo=WITA)
REGION = "samarinda"
# The middle of Samarinda: where a record is unless a test says.
LAT, LON = -0.5, 117.15


def seconds_after(start: datetime, seconds: float | None) -> datetime | None:
    """``start`` plus ``seconds``; None stays None (a step the record has not reached)."""
    return None if seconds is None else start + timedelta(seconds=seconds)


def location(lat: float | None = LAT, lon: float | None = LON, **fields) -> Location:
    return Location(lat=lat, lon=lon, **fields)


def sent(agencies: Iterable[str], at: datetime) -> tuple[Assignment, ...]:
    """One unit ``u-<agency>`` dispatched at ``at`` from each of ``agencies``."""
    return tuple(Assignment(unit_id=f"u-{a}", agency_id=a, dispatched_at=at) for a in agencies)


def incident(
    rid: str = "INC-1",
    *,
    at: datetime = T0,
    version: int = 1,
    status: IncidentStatus = IncidentStatus.NEW,
    category: IncidentCategory = IncidentCategory.FIRE,
    priority: Priority = Priority.CRITICAL,
    **fields,
) -> Incident:
    """An incident created, updated and in ``status`` since ``at``, at the centre of town."""
    record = dict(
        id=rid,
        version=version,
        region=REGION,
        category=category,
        priority=priority,
        status=status,
        status_times={status: at},
        created_at=at,
        updated_at=at,
        location=location(),
    )
    record.update(fields)
    return Incident(**record)


def call(
    rid: str = "C-1",
    *,
    offered: datetime = T0,
    answer_s: float | None = None,
    abandon_s: float | None = None,
    talk_s: float | None = None,
    version: int = 1,
    **fields,
) -> CallRecord:
    """A call offered at ``offered``; answered or abandoned that many seconds later, and
    ended ``talk_s`` after it was answered. With neither, the call is still waiting."""
    answered = seconds_after(offered, answer_s)
    record = dict(
        id=rid,
        version=version,
        region=REGION,
        offered_at=offered,
        answered_at=answered,
        abandoned_at=seconds_after(offered, abandon_s),
        ended_at=seconds_after(answered, talk_s) if answered else None,
    )
    record.update(fields)
    return CallRecord(**record)


def unit(
    rid: str = "U-1",
    *,
    agency: str = "dmk",
    status: UnitStatus = UnitStatus.AVAILABLE,
    at: datetime = T0,
    version: int = 1,
    lat: float | None = None,
    lon: float = LON,
    **fields,
) -> Unit:
    """A unit of ``agency`` in ``status`` since ``at``; with ``lat``, seen there at ``at``."""
    record = dict(
        id=rid,
        version=version,
        agency_id=agency,
        call_sign=rid,
        type="car",
        status=status,
        status_since=at,
        position=None if lat is None else Position(lat=lat, lon=lon, at=at),
    )
    record.update(fields)
    return Unit(**record)


def agency(
    aid: str = "dmk",
    kind: AgencyKind = AgencyKind.FIRE,
    *,
    short: str | None = None,
    link: LinkStatus = LinkStatus.ONLINE,
    at: datetime = T0,
    version: int = 1,
    **fields,
) -> Agency:
    """An agency whose link was last checked at ``at``; its names default to ``aid``."""
    record = dict(
        id=aid,
        version=version,
        kind=kind,
        name=short or aid,
        short_name=short or aid,
        region=REGION,
        link=link,
        link_checked_at=at,
    )
    record.update(fields)
    return Agency(**record)


def queue(
    at: datetime = T0,
    waiting_since: Iterable[datetime] = (),
    states: Iterable[CallTakerState] = (),
    **fields,
) -> QueueSnapshot:
    """The queue at ``at``: calls ``w0, w1…`` waiting since each of ``waiting_since``, and
    call-takers ``t0, t1…`` ("Operator 0"…) in each of ``states`` since ``at``."""
    record = dict(
        region=REGION,
        at=at,
        waiting=tuple(WaitingCall(call_id=f"w{i}", since=s) for i, s in enumerate(waiting_since)),
        call_takers=tuple(
            CallTaker(id=f"t{i}", name=f"Operator {i}", state=s, since=at)
            for i, s in enumerate(states)
        ),
    )
    record.update(fields)
    return QueueSnapshot(**record)


def alert(
    aid: str = "Q1",
    *,
    kind: AlertKind = AlertKind.QUAKE,
    sent: datetime = T0,
    lat: float = LAT,
    lon: float = LON,
    **fields,
) -> Alert:
    """A current hazard alert from BMKG, sent at ``sent``."""
    record = dict(
        id=aid,
        source="bmkg",
        kind=kind,
        headline=f"Gempa {aid}",
        sent=sent,
        lat=lat,
        lon=lon,
        credit="BMKG",
    )
    record.update(fields)
    return Alert(**record)


def region_info(**fields) -> RegionInfo:
    """What a backend says about its region: Kota Samarinda in WITA, and its bounds."""
    record = dict(
        region=REGION,
        name="Kota Samarinda",
        timezone="Asia/Makassar",
        center_lat=LAT,
        center_lon=LON,
        south=-0.7,
        west=116.9,
        north=-0.3,
        east=117.4,
    )
    record.update(fields)
    return RegionInfo(**record)


# -- pages, as the decoder hands them to the store ------------------------------------


def incident_page(
    *items: Incident, full: bool = True, removed: Iterable[str] = (), cursor: str = "c"
) -> IncidentPage:
    return IncidentPage(items=list(items), cursor=cursor, full=full, removed=list(removed))


def call_page(
    *items: CallRecord, full: bool = True, removed: Iterable[str] = (), cursor: str = "c"
) -> CallPage:
    return CallPage(items=list(items), cursor=cursor, full=full, removed=list(removed))


def unit_list(*items: Unit) -> UnitList:
    return UnitList(items=list(items))


def agency_list(*items: Agency) -> AgencyList:
    return AgencyList(items=list(items))
