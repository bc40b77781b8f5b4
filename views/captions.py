"""Orientation mode's captions: what each panel shows and why it matters, for visitors.

One table keyed by panel name (as layouts name them), English source text marked for
translation in context "Caption"; the frame shows the caption only in orientation mode.
The style (size, accent, the tour's focus) is built from the theme's tokens.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from views.fonts import SMALL_PX, TITLE_PX
from views.theme import Theme, substitute

CONTEXT = "Caption"

CAPTIONS: dict[str, str] = {
    "header": QT_TRANSLATE_NOOP(
        "Caption",
        "Top strip: the region, its local time (WITA) and whether every data source is"
        " current. Amber or red means the figures below are late, and the panels"
        " concerned say so.",
    ),
    "queue": QT_TRANSLATE_NOOP(
        "Caption",
        "Calls to 112, now and since midnight. Service level is the share of calls"
        " answered within 15 s: the standard (NENA STA-020.1-2020) is 90 % within 15 s,"
        " and NFPA 1225 asks for 90 % of alarms to be processed within 60 s.",
    ),
    "map": QT_TRANSLATE_NOOP(
        "Caption",
        "Where incidents and units are now. Incidents: shape and letter give the kind,"
        " colour the priority (red P1 critical, orange P2, yellow P3, grey P4), a white"
        " ring means nobody is assigned yet. Units: fill colour is the agency, ring"
        " colour the status (green available, yellow on the way, red on scene).",
    ),
    "agencies": QT_TRANSLATE_NOOP(
        "Caption",
        "The services the centre dispatches to: their link to the centre (online,"
        " degraded, offline), the open incidents they work on, and their units by"
        " status. Available units are what the city has left for the next call.",
    ),
    "incidents": QT_TRANSLATE_NOOP(
        "Caption",
        "Open incidents, most urgent first (P1 critical to P4 low), then the oldest."
        " Age runs from the first report. Callers' names, phone numbers and exact"
        " addresses are never shown in orientation mode.",
    ),
    "summary": QT_TRANSLATE_NOOP(
        "Caption",
        "Today since midnight at a glance: calls and how fast they were answered, the"
        " incidents by kind, and the volunteer communities that answer calls for help"
        " alongside the official services.",
    ),
}

# Readable at 5 m: never under the wall's smallest text; larger while the tour is on it.
CAPTION_PX = SMALL_PX + 2
FOCUS_CAPTION_PX = TITLE_PX
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
    source = CAPTIONS.get(panel)
    return QCoreApplication.translate(CONTEXT, source) if source else None


def caption_stylesheet(theme: Theme) -> str:
    """The captions' and the tour focus's rules, in ``theme``'s colours."""
    return substitute(_STYLE, theme.tokens, "views/captions.py")


__all__ = ["CAPTIONS", "CONTEXT", "caption_for", "caption_stylesheet"]
