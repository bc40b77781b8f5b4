"""How the map draws each kind of thing: one table that the page and its legend share.

Incidents: shape and letter by category, fill colour by priority, a white ring while
nobody is assigned (status ``new``). Priority is never colour alone: size and outline
grow with it (P1 also has a second contour), so colour-blind viewers can rank markers.
Units: fill colour by agency kind, ring colour and dash pattern by status. Clusters: a
ring split by the priority mix around the count. Pure data; the page receives it as
JSON once, when it is built, and draws markers and legend from this same table.
"""

from __future__ import annotations

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
    "minor": "#64d2ff",
    "moderate": "#ffd60a",
    "severe": "#ff9f0a",
    "extreme": "#ff375f",
}

PULSE_MINUTES = 3  # a new incident pulses this long after it was created (feed clock)
CLUSTER_CELL_PX = 80  # grid cell of the page's own clustering, in screen pixels
CLUSTER_MIN = 3  # a cell with at least this many incidents is drawn as one cluster
AUTOFIT_IDLE_MINUTES = 3  # after an operator's pan or zoom, auto-fit resumes when idle this long

# Agency kinds share values with categories ("fire", "medical"), so their labels are
# keyed "agency:<kind>".
LABELS: dict[str, dict[str, str]] = {
    "id": {
        "incidents": "Kejadian",
        "priority": "Prioritas",
        "units": "Unit",
        "unassigned": "belum ditangani",
        IncidentCategory.FIRE: "Kebakaran",
        IncidentCategory.FLOOD: "Banjir",
        IncidentCategory.LANDSLIDE: "Tanah longsor",
        IncidentCategory.FALLEN_TREE: "Pohon tumbang",
        IncidentCategory.UTILITY: "Utilitas",
        IncidentCategory.MEDICAL: "Medis",
        IncidentCategory.MISSING_PERSON: "Orang hilang",
        IncidentCategory.WATER_RESCUE: "Penyelamatan air",
        IncidentCategory.ANIMAL: "Hewan",
        IncidentCategory.CRIME: "Kriminal",
        IncidentCategory.PUBLIC_ORDER: "Ketertiban umum",
        IncidentCategory.TRAFFIC_ACCIDENT: "Kecelakaan lalu lintas",
        IncidentCategory.OTHER: "Lainnya",
        "P1": "P1 kritis",
        "P2": "P2 tinggi",
        "P3": "P3 sedang",
        "P4": "P4 rendah",
        UnitStatus.AVAILABLE: "siaga",
        UnitStatus.DISPATCHED: "ditugaskan / menuju",
        UnitStatus.ON_SCENE: "di lokasi",
        UnitStatus.RETURNING: "kembali",
        UnitStatus.OUT_OF_SERVICE: "tidak aktif",
        "minutes": "menit",
        "agencies": "Instansi",
        "agency:police": "Polisi",
        "agency:fire": "Damkar",
        "agency:medical": "Kesehatan",
        "agency:disaster": "Bencana",
        "agency:search_rescue": "SAR",
        "agency:utility": "Utilitas",
        "agency:transport": "Perhubungan",
        "agency:public_order": "Satpol PP",
        "agency:volunteer": "Relawan",
        "agency:": "lainnya",
        "cluster": "kelompok (jumlah; cincin = campuran prioritas)",
        "fresh": "baru (< {0} menit)",
        "heat": "Kepadatan kejadian hari ini",
        "alerts": "Peringatan",
        "reset_view": "Tampilkan semua",
        "severity:minor": "ringan",
        "severity:moderate": "sedang",
        "severity:severe": "berat",
        "severity:extreme": "ekstrem",
    },
    "en": {
        "incidents": "Incidents",
        "priority": "Priority",
        "units": "Units",
        "unassigned": "unassigned",
        IncidentCategory.FIRE: "Fire",
        IncidentCategory.FLOOD: "Flood",
        IncidentCategory.LANDSLIDE: "Landslide",
        IncidentCategory.FALLEN_TREE: "Fallen tree",
        IncidentCategory.UTILITY: "Utility",
        IncidentCategory.MEDICAL: "Medical",
        IncidentCategory.MISSING_PERSON: "Missing person",
        IncidentCategory.WATER_RESCUE: "Water rescue",
        IncidentCategory.ANIMAL: "Animal",
        IncidentCategory.CRIME: "Crime",
        IncidentCategory.PUBLIC_ORDER: "Public order",
        IncidentCategory.TRAFFIC_ACCIDENT: "Traffic accident",
        IncidentCategory.OTHER: "Other",
        "P1": "P1 critical",
        "P2": "P2 high",
        "P3": "P3 medium",
        "P4": "P4 low",
        UnitStatus.AVAILABLE: "available",
        UnitStatus.DISPATCHED: "dispatched / en route",
        UnitStatus.ON_SCENE: "on scene",
        UnitStatus.RETURNING: "returning",
        UnitStatus.OUT_OF_SERVICE: "out of service",
        "minutes": "min",
        "agencies": "Agencies",
        "agency:police": "Police",
        "agency:fire": "Fire service",
        "agency:medical": "Medical",
        "agency:disaster": "Disaster",
        "agency:search_rescue": "Search & rescue",
        "agency:utility": "Utility",
        "agency:transport": "Transport",
        "agency:public_order": "Public order",
        "agency:volunteer": "Volunteers",
        "agency:": "other",
        "cluster": "cluster (count; ring = priority mix)",
        "fresh": "new (< {0} min)",
        "heat": "Today's incident density",
        "alerts": "Alerts",
        "reset_view": "Show all",
        "severity:minor": "minor",
        "severity:moderate": "moderate",
        "severity:severe": "severe",
        "severity:extreme": "extreme",
    },
}

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

    The legend lists only what is drawn, so each entry says which drawn values it covers.
    ``bounds`` ((south, west), (north, east)) is the region the page fits beside its legend.
    ``heatmap`` switches on the layer of today's incident density.
    """
    words = LABELS.get(language, LABELS["id"])
    return {
        "title": title,
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
