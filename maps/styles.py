"""How the map draws each kind of thing: one table that the page and its legend share.

Incidents: shape and letter by category, fill colour by priority, a white ring while
nobody is assigned (status ``new``). Priority is never colour alone: size and outline
grow with it (P1 also has a second contour), so colour-blind viewers can rank markers.
Units: fill colour by agency kind, ring colour and dash pattern by status. Clusters: a
ring split by the priority mix around the count. Pure data; the page receives it as
JSON once, when it is built, and draws markers and legend from this same table.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from wallboard.model import AgencyKind, IncidentCategory, Priority, UnitStatus

# shape groups: hazards are triangles, people circles, security diamonds, traffic squares
CATEGORY_SYMBOLS: dict[IncidentCategory, tuple[str, str]] = {
    IncidentCategory.FIRE: ("triangle", "F"),
    IncidentCategory.FLOOD: ("triangle", "Fl"),
    IncidentCategory.LANDSLIDE: ("triangle", "L"),
    IncidentCategory.FALLEN_TREE: ("triangle", "Tr"),
    IncidentCategory.UTILITY: ("triangle", "U"),
    IncidentCategory.MEDICAL: ("circle", "M"),
    IncidentCategory.MISSING_PERSON: ("circle", "MP"),
    IncidentCategory.WATER_RESCUE: ("circle", "WR"),
    IncidentCategory.ANIMAL: ("circle", "An"),
    IncidentCategory.CRIME: ("diamond", "C"),
    IncidentCategory.PUBLIC_ORDER: ("diamond", "PO"),
    IncidentCategory.TRAFFIC_ACCIDENT: ("square", "T"),
    IncidentCategory.OTHER: ("square", "?"),
}

PRIORITY_COLOURS: dict[Priority, str] = {
    Priority.CRITICAL: "#ff3b30",
    Priority.HIGH: "#ff9500",
    Priority.MEDIUM: "#ffd60a",
    Priority.LOW: "#8e9aaf",
}

AGENCY_COLOURS: dict[AgencyKind | None, str] = {
    AgencyKind.POLICE: "#2f80ed",
    AgencyKind.FIRE: "#ff6b3d",
    AgencyKind.MEDICAL: "#34c759",
    AgencyKind.DISASTER: "#bf5af2",
    AgencyKind.SEARCH_RESCUE: "#ffb340",
    AgencyKind.UTILITY: "#a2845e",
    AgencyKind.TRANSPORT: "#5ac8fa",
    AgencyKind.PUBLIC_ORDER: "#7d7aff",
    AgencyKind.VOLUNTEER: "#d4e157",
    None: "#c7c7cc",
}

# size in px, outline width, and whether a second contour rings the marker
PRIORITY_MARKS: dict[Priority, tuple[int, float, bool]] = {
    Priority.CRITICAL: (44, 3.0, True),
    Priority.HIGH: (38, 3.0, False),
    Priority.MEDIUM: (32, 2.0, False),
    Priority.LOW: (28, 1.5, False),
}

OUT_OF_SERVICE_FILL = "#48484a"  # a unit out of service loses its agency colour too

UNIT_STATUS_COLOURS: dict[UnitStatus, str] = {
    UnitStatus.AVAILABLE: "#30d158",
    UnitStatus.DISPATCHED: "#ffd60a",
    UnitStatus.EN_ROUTE: "#ffd60a",
    UnitStatus.ON_SCENE: "#ff453a",
    UnitStatus.RETURNING: "#64d2ff",
    UnitStatus.OUT_OF_SERVICE: "#48484a",
}

# the ring's dash pattern by status, so status is not told by colour alone
UNIT_STATUS_DASH: dict[UnitStatus, list[int] | None] = {
    UnitStatus.AVAILABLE: None,
    UnitStatus.DISPATCHED: [6, 4],
    UnitStatus.EN_ROUTE: [6, 4],
    UnitStatus.ON_SCENE: None,
    UnitStatus.RETURNING: [2, 4],
    UnitStatus.OUT_OF_SERVICE: None,
}

ALERT_SEVERITY_COLOURS: dict[str, str] = {
    # CAP severity Unknown: grey and dashed on the map, never passed off as minor
    "unknown": "#aeaeb2",
    "minor": "#64d2ff",
    "moderate": "#ffd60a",
    "severe": "#ff9f0a",
    "extreme": "#ff375f",
}

PULSE_MINUTES = 3  # a new incident pulses this long after it was created (feed clock)
CLUSTER_CELL_PX = 80  # grid cell of the page's own clustering, in screen pixels
CLUSTER_MIN = 3  # a cell with at least this many incidents is drawn as one cluster
AUTOFIT_IDLE_MINUTES = 3  # after an operator's pan or zoom, auto-fit resumes when idle this long

# The legend's words, in English as the source text, translated by Qt like every other
# string on the wall (resources/i18n/maplegend_id.ts). Agency kinds share values with
# categories ("fire", "medical"), so their labels are keyed "agency:<kind>".
WORDS: dict[str, str] = {
    "incidents": QT_TRANSLATE_NOOP("MapLegend", "Incidents"),
    "priority": QT_TRANSLATE_NOOP("MapLegend", "Priority"),
    "units": QT_TRANSLATE_NOOP("MapLegend", "Units"),
    "unassigned": QT_TRANSLATE_NOOP("MapLegend", "unassigned"),
    IncidentCategory.FIRE: QT_TRANSLATE_NOOP("MapLegend", "Fire"),
    IncidentCategory.FLOOD: QT_TRANSLATE_NOOP("MapLegend", "Flood"),
    IncidentCategory.LANDSLIDE: QT_TRANSLATE_NOOP("MapLegend", "Landslide"),
    IncidentCategory.FALLEN_TREE: QT_TRANSLATE_NOOP("MapLegend", "Fallen tree"),
    IncidentCategory.UTILITY: QT_TRANSLATE_NOOP("MapLegend", "Utility"),
    IncidentCategory.MEDICAL: QT_TRANSLATE_NOOP("MapLegend", "Medical"),
    IncidentCategory.MISSING_PERSON: QT_TRANSLATE_NOOP("MapLegend", "Missing person"),
    IncidentCategory.WATER_RESCUE: QT_TRANSLATE_NOOP("MapLegend", "Water rescue"),
    IncidentCategory.ANIMAL: QT_TRANSLATE_NOOP("MapLegend", "Animal"),
    IncidentCategory.CRIME: QT_TRANSLATE_NOOP("MapLegend", "Crime"),
    IncidentCategory.PUBLIC_ORDER: QT_TRANSLATE_NOOP("MapLegend", "Public order"),
    IncidentCategory.TRAFFIC_ACCIDENT: QT_TRANSLATE_NOOP("MapLegend", "Traffic accident"),
    IncidentCategory.OTHER: QT_TRANSLATE_NOOP("MapLegend", "Other"),
    "P1": QT_TRANSLATE_NOOP("MapLegend", "P1 critical"),
    "P2": QT_TRANSLATE_NOOP("MapLegend", "P2 high"),
    "P3": QT_TRANSLATE_NOOP("MapLegend", "P3 medium"),
    "P4": QT_TRANSLATE_NOOP("MapLegend", "P4 low"),
    UnitStatus.AVAILABLE: QT_TRANSLATE_NOOP("MapLegend", "available"),
    UnitStatus.DISPATCHED: QT_TRANSLATE_NOOP("MapLegend", "dispatched / en route"),
    UnitStatus.ON_SCENE: QT_TRANSLATE_NOOP("MapLegend", "on scene"),
    UnitStatus.RETURNING: QT_TRANSLATE_NOOP("MapLegend", "returning"),
    UnitStatus.OUT_OF_SERVICE: QT_TRANSLATE_NOOP("MapLegend", "out of service"),
    "minutes": QT_TRANSLATE_NOOP("MapLegend", "min"),
    "agencies": QT_TRANSLATE_NOOP("MapLegend", "Agencies"),
    "agency:police": QT_TRANSLATE_NOOP("MapLegend", "Police"),
    "agency:fire": QT_TRANSLATE_NOOP("MapLegend", "Fire service"),
    "agency:medical": QT_TRANSLATE_NOOP("MapLegend", "Health"),
    "agency:disaster": QT_TRANSLATE_NOOP("MapLegend", "Disaster"),
    "agency:search_rescue": QT_TRANSLATE_NOOP("MapLegend", "Search & rescue"),
    "agency:utility": QT_TRANSLATE_NOOP("MapLegend", "Utility"),
    "agency:transport": QT_TRANSLATE_NOOP("MapLegend", "Transport"),
    "agency:public_order": QT_TRANSLATE_NOOP("MapLegend", "Civil service police"),
    "agency:volunteer": QT_TRANSLATE_NOOP("MapLegend", "Volunteers"),
    "agency:": QT_TRANSLATE_NOOP("MapLegend", "other"),
    "cluster": QT_TRANSLATE_NOOP("MapLegend", "cluster (count; ring = priority mix)"),
    "fresh": QT_TRANSLATE_NOOP("MapLegend", "new (< {0} min)"),
    "heat": QT_TRANSLATE_NOOP("MapLegend", "Today's incident density"),
    "alerts": QT_TRANSLATE_NOOP("MapLegend", "Alerts"),
    "reset_view": QT_TRANSLATE_NOOP("MapLegend", "Show all"),
    "severity:unknown": QT_TRANSLATE_NOOP("MapLegend", "severity unknown"),
    "severity:minor": QT_TRANSLATE_NOOP("MapLegend", "minor"),
    "severity:moderate": QT_TRANSLATE_NOOP("MapLegend", "moderate"),
    "severity:severe": QT_TRANSLATE_NOOP("MapLegend", "severe"),
    "severity:extreme": QT_TRANSLATE_NOOP("MapLegend", "extreme"),
}


PAGE_LOCALES = {"id": "id-ID", "en": "en-GB"}


def legend_words() -> dict[str, str]:
    """The legend's words in the interface language (the translator installed now)."""
    return {key: QCoreApplication.translate("MapLegend", text) for key, text in WORDS.items()}


# statuses the legend lists, each with the statuses its entry stands for (en_route
# shares dispatched's colour and its entry)
LEGEND_UNIT_STATUSES: dict[UnitStatus, tuple[UnitStatus, ...]] = {
    UnitStatus.AVAILABLE: (UnitStatus.AVAILABLE,),
    UnitStatus.DISPATCHED: (UnitStatus.DISPATCHED, UnitStatus.EN_ROUTE),
    UnitStatus.ON_SCENE: (UnitStatus.ON_SCENE,),
    UnitStatus.RETURNING: (UnitStatus.RETURNING,),
    UnitStatus.OUT_OF_SERVICE: (UnitStatus.OUT_OF_SERVICE,),
}


def page_style(
    language: str = "id",
    title: str = "",
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None,
    *,
    heatmap: bool = False,
) -> dict:
    """The style table as plain JSON-able data for the page (symbols, colours, legend).

    Words come from Qt's translation (the interface language installed now); ``language``
    sets the locale the page writes numbers in (a magnitude is "5,3" in Indonesian).
    The legend lists only what is drawn, so each entry says which drawn values it covers.
    ``bounds`` ((south, west), (north, east)) is the region the page fits beside its legend.
    ``heatmap`` switches on the layer of today's incident density.
    """
    words = legend_words()
    return {
        "title": title,
        "locale": PAGE_LOCALES.get(language, PAGE_LOCALES["id"]),
        "bounds": [list(corner) for corner in bounds] if bounds else None,
        "heatmap": heatmap,
        "pulse_minutes": PULSE_MINUTES,
        "cluster_cell_px": CLUSTER_CELL_PX,
        "cluster_min": CLUSTER_MIN,
        "autofit_idle_ms": AUTOFIT_IDLE_MINUTES * 60_000,
        "words": {
            **{
                k: words[k]
                for k in (
                    "incidents",
                    "priority",
                    "units",
                    "agencies",
                    "unassigned",
                    "minutes",
                    "cluster",
                    "heat",
                    "alerts",
                    "reset_view",
                )
            },
            "fresh": words["fresh"].format(PULSE_MINUTES),
        },
        "categories": {
            str(c): {"shape": s, "letter": letter, "label": words[c]}
            for c, (s, letter) in CATEGORY_SYMBOLS.items()
        },
        "priorities": {
            str(int(p)): {
                "colour": colour,
                "label": words[f"P{int(p)}"],
                "size": PRIORITY_MARKS[p][0],
                "outline": PRIORITY_MARKS[p][1],
                "double": PRIORITY_MARKS[p][2],
            }
            for p, colour in PRIORITY_COLOURS.items()
        },
        "agencies": {str(k) if k else "": colour for k, colour in AGENCY_COLOURS.items()},
        "legend_agencies": [
            {"kind": str(k or ""), "colour": colour, "label": words[f"agency:{k or ''}"]}
            for k, colour in AGENCY_COLOURS.items()
        ],
        "unit_statuses": {str(s): colour for s, colour in UNIT_STATUS_COLOURS.items()},
        "unit_dashes": {str(s): dash for s, dash in UNIT_STATUS_DASH.items()},
        "alert_severities": {
            k: {"colour": c, "label": words[f"severity:{k}"]}
            for k, c in ALERT_SEVERITY_COLOURS.items()
        },
        "out_of_service_fill": OUT_OF_SERVICE_FILL,
        "legend_unit_statuses": [
            {
                "statuses": [str(c) for c in covers],
                "colour": UNIT_STATUS_COLOURS[s],
                "dash": UNIT_STATUS_DASH[s],
                "fill": OUT_OF_SERVICE_FILL if s is UnitStatus.OUT_OF_SERVICE else None,
                "label": words[s],
            }
            for s, covers in LEGEND_UNIT_STATUSES.items()
        ],
    }
