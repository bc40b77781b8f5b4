"""Orientation mode's captions: what each panel shows and why it matters, for visitors.

One table keyed by panel name (as layouts name them), English source text marked for
translation in context "Caption"; the frame shows the caption only in orientation mode.
The style (size, accent, the tour's focus) is built from the theme's tokens.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from views.fonts import AGENCY_PX, SMALL_PX
from views.theme import Theme, substitute

CONTEXT = "Caption"

CAPTIONS: dict[str, str] = {
    "header": QT_TRANSLATE_NOOP(
        "Caption",
        "Region, local time (WITA) and the state of every data source: amber or red"
        " means figures are late, and the panel concerned says so.",
    ),
    "queue": QT_TRANSLATE_NOOP(
        "Caption",
        "Calls to 112 now and today. Service level: the share answered within 15 s;"
        " standard 90 % (NENA STA-020.1-2020). NFPA 1225: 90 % of alarms processed"
        " within 60 s.",
    ),
    "map": QT_TRANSLATE_NOOP(
        "Caption",
        "Incidents by kind (shape, letter) and priority (colour: red P1 to grey P4);"
        " white ring: nobody sent yet. Units: agency colour, ring = status.",
    ),
    "agencies": QT_TRANSLATE_NOOP(
        "Caption",
        "The services the centre dispatches: link to the centre, open incidents, units"
        " by status. Available units are what is left for the next call.",
    ),
    "incidents": QT_TRANSLATE_NOOP(
        "Caption",
        "Open incidents, most urgent first, then the oldest. Callers' names, numbers"
        " and exact addresses are never shown here.",
    ),
    "summary": QT_TRANSLATE_NOOP(
        "Caption",
        "Today since midnight: calls and how fast they were answered, incidents by"
        " kind, and the volunteer communities working alongside the official services.",
    ),
    "comparison": QT_TRANSLATE_NOOP(
        "Caption",
        "Every region's figures of today side by side, judged by the same targets:"
        " ✔ met, ✘ missed. A region whose data stopped is marked DOWN and keeps its"
        " last figures, greyed.",
    ),
    "alerts": QT_TRANSLATE_NOOP(
        "Caption",
        "Public hazard alerts from outside the centre: earthquakes from BMKG (magnitude,"
        " place, depth, whether felt) and official warnings in CAP format, each with its"
        " source.",
    ),
    "units": QT_TRANSLATE_NOOP(
        "Caption",
        "Every unit by agency: its status, the incident it serves and how long it has been"
        " in that status. ▲ amber, then ▲▲ red: longer than the centre's limit for that"
        " status.",
    ),
}

# Readable at 5 m: never under the wall's smallest text; larger while the tour is on it.
CAPTION_PX = SMALL_PX + 2
FOCUS_CAPTION_PX = AGENCY_PX
FOCUS_BORDER_PX = 6

_STYLE = f"""
QLabel[role="orientation"] {{
    font-size: {CAPTION_PX}px;
    color: @text;
    background-color: @background;
    border-left: 6px solid @accent;
    padding: 4px 10px;
}}
QLabel[role="orientation"][tour="focus"] {{
    font-size: {FOCUS_CAPTION_PX}px;
    padding: 8px 12px;
}}
QFrame#panel[tour="focus"][stale="false"] {{
    border: {FOCUS_BORDER_PX}px solid @accent;
}}
QWidget#orientationStrip[tour="focus"] {{
    border: {FOCUS_BORDER_PX}px solid @accent;
}}
"""


def caption_for(panel: str) -> str | None:
    """The translated caption of panel ``panel``; None for a panel without one."""
    # "agencies:<backend>" is the agencies panel of one region
    source = CAPTIONS.get(panel) or CAPTIONS.get(panel.partition(":")[0])
    return QCoreApplication.translate(CONTEXT, source) if source else None


def caption_stylesheet(theme: Theme) -> str:
    """The captions' and the tour focus's rules, in ``theme``'s colours."""
    return substitute(_STYLE, theme.tokens, "views/captions.py")


__all__ = ["CAPTIONS", "CONTEXT", "caption_for", "caption_stylesheet"]
