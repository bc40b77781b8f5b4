"""CAP 1.2 documents shaped as agencies really send them, written for the tests.

Written by the project from the OASIS CAP 1.2 standard (section 3.2: alert, info, area,
geocode; 3.2.1 status/msgType/scope/references; 3.2.2 language default "en-US",
urgency "Past", responseType "AllClear", severity "Unknown") and the agencies' published
profiles: the Australian CAP profile (CAP-AU: AMOC area codes, BoM's thunderstorm
warnings naming districts without polygons); the US National Tsunami Warning Center's
CAP guide (CAP-TSU: areas as UGC zone codes only, identifiers starting with the centre's
ID "PAAQ" while the sender is the centre's URL); NWS CAP v1.2 (areas as FIPS6/UGC
geocodes with a polygon that may be empty); IPAWS (SAME codes only); the Canadian
profile CAP-CP served by NAAD in an Atom list with the alert inline; and BMKG's
nowcast (Indonesian and English info blocks, one polygon per kecamatan). No agency file
is copied: identifiers, times, texts and coordinates are made up in their shapes.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

NS = "urn:oasis:names:tc:emergency:cap:1.2"


def alert(
    identifier: str,
    sender: str,
    infos: str,
    *,
    sent: str = "2026-11-30T09:00:00+08:00",
    status: str = "Actual",
    msg_type: str = "Alert",
    scope: str = "Public",
    references: str = "",
    declaration: bool = True,
) -> str:
    """One CAP 1.2 <alert> around ``infos`` (already XML)."""
    refs = f"<references>{escape(references)}</references>" if references else ""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if declaration else ""
    return (
        f'{head}<alert xmlns="{NS}">'
        f"<identifier>{escape(identifier)}</identifier><sender>{escape(sender)}</sender>"
        f"<sent>{sent}</sent><status>{status}</status><msgType>{msg_type}</msgType>"
        f"<scope>{scope}</scope>{refs}{infos}</alert>"
    )


def info(
    headline: str,
    areas: str,
    *,
    language: str | None = "en-US",
    event: str = "Warning",
    category: str = "Met",
    urgency: str = "Immediate",
    severity: str = "Severe",
    certainty: str = "Observed",
    expires: str | None = "2026-11-30T18:00:00+08:00",
    sender_name: str = "",
    response: str = "",
    description: str = "",
    instruction: str = "",
    parameters: str = "",
) -> str:
    lang = f"<language>{language}</language>" if language else ""
    resp = f"<responseType>{response}</responseType>" if response else ""
    exp = f"<expires>{expires}</expires>" if expires else ""
    name = f"<senderName>{escape(sender_name)}</senderName>" if sender_name else ""
    desc = f"<description>{escape(description)}</description>" if description else ""
    instr = f"<instruction>{escape(instruction)}</instruction>" if instruction else ""
    return (
        f"<info>{lang}<category>{category}</category><event>{escape(event)}</event>{resp}"
        f"<urgency>{urgency}</urgency><severity>{severity}</severity>"
        f"<certainty>{certainty}</certainty>{exp}{name}<headline>{escape(headline)}</headline>"
        f"{desc}{instr}{parameters}{areas}</info>"
    )


def area(desc: str, *, polygons: tuple[str, ...] = (), circles: tuple[str, ...] = (),
         geocodes: tuple[tuple[str, str], ...] = ()) -> str:  # fmt: skip
    shapes = "".join(
        "<polygon/>" if p == "" else f"<polygon>{p}</polygon>" for p in polygons
    ) + "".join(f"<circle>{c}</circle>" for c in circles)
    codes = "".join(
        f"<geocode><valueName>{escape(n)}</valueName><value>{escape(v)}</value></geocode>"
        for n, v in geocodes
    )
    return f"<area><areaDesc>{escape(desc)}</areaDesc>{shapes}{codes}</area>"


# -- the agencies' shapes -----------------------------------------------------------------


def bom_thunderstorm() -> str:
    """BoM severe thunderstorm warning: districts named by AMOC area codes, no polygon."""
    return alert(
        "urn:oid:2.49.0.1.36.0.2026.11.30.0.1",
        "webops@bom.gov.au",
        info(
            "Severe Thunderstorm Warning for Darling Downs and Granite Belt",
            area("Darling Downs and Granite Belt", geocodes=(("AMOC-AreaCode", "QLD_PW010"),))
            + area("Southeast Coast", geocodes=(("AMOC-AreaCode", "QLD_PW016"),)),
            language="en-AU",
            event="Severe Thunderstorm",
            urgency="Expected",
            certainty="Likely",
            sender_name="Australian Government Bureau of Meteorology, Queensland",
            parameters="<parameter><valueName>AMOC-DistributionID</valueName>"
            "<value>IDQ21035</value></parameter>",
        ),
    )


WCATWC_URL = "http://ntwc.arh.noaa.gov/"


def wcatwc_tsunami(identifier: str, msg_type: str = "Alert", references: str = "",
                   headline: str = "Tsunami Warning", urgency: str = "Immediate",
                   status: str = "Actual", areas: str | None = None) -> str:  # fmt: skip
    """NTWC (formerly WCATWC) tsunami message: coastal zones as UGC codes, no shape; the
    sender is the centre's URL while references name it "PAAQ"."""
    zones = (
        areas
        if areas is not None
        else area(
            "Southeast Alaska outer coast from Cape Fairweather to Cape Decision",
            geocodes=(("UGC", "AKZ025"), ("UGC", "AKZ028")),
        )
    )
    return alert(
        identifier,
        WCATWC_URL,
        info(
            headline,
            zones,
            event="Tsunami",
            category="Geo",
            urgency=urgency,
            severity="Extreme",
            sender_name="NWS National Tsunami Warning Center Palmer AK",
            instruction="Move inland to higher ground",
        ),
        msg_type=msg_type,
        references=references,
        status=status,
    )


def nws_blizzard() -> str:
    """NWS blizzard warning: FIPS6 and UGC codes beside an empty <polygon/>."""
    return alert(
        "NOAA-NWS-ALERTS-ND1256F2A1B3C0.BlizzardWarning.1256F2B4E1C0ND.BISWSWBIS.4c1a0b2",
        "w-nws.webmaster@noaa.gov",
        info(
            "Blizzard Warning issued November 29 at 3:12PM CST until November 30 at 6:00PM CST",
            area(
                "Burleigh; Emmons; Kidder",
                polygons=("",),
                geocodes=(("FIPS6", "038015"), ("FIPS6", "038029"), ("UGC", "NDZ035")),
            ),
            event="Blizzard Warning",
            urgency="Expected",
            certainty="Likely",
            sender_name="NWS Bismarck (Western and Central North Dakota)",
        ),
    )


def noaa_trailing_commas() -> str:
    """A NOAA polygon written with a comma after each pair."""
    ring = "38.47,-120.14, 38.34,-119.95, 38.52,-119.74, 38.62,-119.98, 38.47,-120.14,"
    return alert(
        "NOAA-NWS-ALERTS-CA1256F2A8D0E4.FlashFloodWarning.1256F2B8A0C0CA.STOFFWSTO.ab12",
        "w-nws.webmaster@noaa.gov",
        info(
            "Flash Flood Warning for Alpine County",
            area("Alpine, CA", polygons=(ring,), geocodes=(("FIPS6", "006003"),)),
            event="Flash Flood Warning",
        ),
    )


def ipaws_evacuation() -> str:
    """An IPAWS message from a county: SAME codes only."""
    return alert(
        "IPAWS-2026-11-30-0001",
        "ipaws-county-ops@example.gov",
        info(
            "Evacuation order for the river valley",
            area("Lower Valley, Example County", geocodes=(("SAME", "006113"),)),
            category="Safety",
            event="Evacuation Immediate",
            severity="Extreme",
            response="Evacuate",
            parameters="<parameter><valueName>EAS-ORG</valueName><value>CIV</value></parameter>",
        ),
    )


def naad_entry(identifier: str, updated: str) -> str:
    """One NAAD Atom entry with its CAP-CP alert inline (English and French blocks)."""
    infos = "".join(
        info(
            headline,
            area(
                desc,
                polygons=("45.40,-75.75 45.45,-75.62 45.36,-75.60 45.40,-75.75",),
                geocodes=(("profile:CAP-CP:Location:0.3", "3506008"),),
            ),
            language=language,
            event="rainfall",
            urgency="Future",
            severity="Moderate",
            certainty="Likely",
        )
        for language, headline, desc in (
            ("en-CA", "rainfall warning in effect", "City of Ottawa"),
            ("fr-CA", "avertissement de pluie en vigueur", "Ville d'Ottawa"),
        )
    )
    document = alert(identifier, "cap-pac@canada.ca", infos, declaration=False)
    return (
        f"<entry><id>urn:uuid:{escape(identifier)}</id><updated>{updated}</updated>"
        f"<title>rainfall warning</title>"
        f'<content type="application/cap+xml">{document}</content></entry>'
    )


def naad_atom(entries: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>NAAD alerts</title><id>urn:naad:feed</id>"
        "<updated>2026-11-30T01:00:00Z</updated>" + "".join(entries) + "</feed>"
    )


# Three kecamatan of Samarinda as BMKG's nowcast draws them, the second an open ring
KECAMATAN_RINGS = (
    ("Samarinda Utara", "-0.40,117.14 -0.40,117.20 -0.45,117.20 -0.45,117.14 -0.40,117.14"),
    ("Sungai Kunjang", "-0.48,117.07 -0.48,117.12 -0.53,117.12 -0.53,117.07"),
    ("Palaran", "-0.58,117.15 -0.58,117.22 -0.64,117.22 -0.64,117.15 -0.58,117.15"),
)


def bmkg_nowcast(identifier: str = "CBT20261130090000", expires: str | None = None) -> str:
    """BMKG's nowcast: Indonesian and English blocks, one polygon per kecamatan."""
    areas = "".join(area(name, polygons=(ring,)) for name, ring in KECAMATAN_RINGS)
    until = expires or "2026-11-30T13:00:00+08:00"
    infos = info(
        "Hujan lebat disertai kilat/petir dan angin kencang",
        areas,
        language="id",
        event="Hujan Lebat",
        urgency="Immediate",
        severity="Moderate",
        certainty="Likely",
        expires=until,
        sender_name="BMKG",
    ) + info(
        "Heavy rain with lightning and strong wind",
        areas,
        language="en",
        event="Heavy Rain",
        urgency="Immediate",
        severity="Moderate",
        certainty="Likely",
        expires=until,
        sender_name="BMKG",
    )
    return alert(identifier, "bmkg@bmkg.go.id", infos)


def geocode_only_samarinda(code: str = "64.72") -> str:
    """A regional warning naming Kota Samarinda only by its Kemendagri area code."""
    infos = info(
        "Peringatan dini banjir",
        area("Kota Samarinda", geocodes=(("kode_wilayah", code),)),
        language="id",
        event="Banjir",
        severity="Severe",
        urgency="Expected",
        certainty="Likely",
        sender_name="BPBD Kalimantan Timur",
    ) + info(
        "Flood early warning",
        area("Kota Samarinda", geocodes=(("kode_wilayah", code),)),
        language="en",
        event="Flood",
        severity="Severe",
        urgency="Expected",
        certainty="Likely",
        sender_name="BPBD Kalimantan Timur",
    )
    return alert(f"BPBD-KALTIM-{code}", "bpbd@kaltimprov.go.id", infos)
