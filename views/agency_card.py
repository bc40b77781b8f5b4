"""One agency on the wall, as a row: name, link state, open incidents, units by status.

Rows rather than boxes: the captions are said once, in the panel's column header, so
every agency fits at 48 px figures even when the panel has a third of a screen.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from views.fonts import FIGURE_PX, SMALL_PX, TITLE_PX, pixel_font
from views.panel_frame import plain_label
from views.theme import set_style_state
from views.vocabulary import name_of
from wallboard.model import Agency, UnitStatus

NAME, OPEN = 0, 1
# Column stretch shared by every row and the header, so the columns line up.
STRETCH = (3, 1, *(1 for _ in UnitStatus))
_NAME_CHARS = "SATPOL PP"  # a typical short name the name column must hold


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgencyCard", text)


def captions() -> list[str]:
    """The column captions, in the interface language."""
    return [_tr("Agency"), _tr("Open incidents"), *(name_of(s) for s in UnitStatus)]


def _minimum_widths() -> list[int]:
    # Each column at least as wide as its caption's longest word and a three-digit
    # figure: captions wrap between words, never inside one.
    words = QFontMetrics(pixel_font(SMALL_PX))
    digits = QFontMetrics(pixel_font(FIGURE_PX, bold=True)).horizontalAdvance("000")
    name = QFontMetrics(pixel_font(TITLE_PX, bold=True)).horizontalAdvance(_NAME_CHARS)
    widths = []
    for column, caption in enumerate(captions()):
        word = max((words.horizontalAdvance(w) for w in caption.split()), default=0)
        widths.append(max(word, digits if column >= OPEN else name) + 6)
    return widths


def column_grid(parent: QWidget) -> QGridLayout:
    """The grid a row (or the header) lays its cells in; all share widths and stretch."""
    grid = QGridLayout(parent)
    grid.setContentsMargins(12, 4, 12, 4)
    grid.setHorizontalSpacing(8)
    for column, (stretch, width) in enumerate(zip(STRETCH, _minimum_widths(), strict=True)):
        grid.setColumnStretch(column, stretch)
        grid.setColumnMinimumWidth(column, width)
    return grid


def _shrinkable(label: QLabel) -> QLabel:
    # Column width comes from the shared stretch, never from a long backend name.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class AgencyCard(QFrame):
    """A bordered row: short name over link state (word, symbol, colour), then the counts."""

    def __init__(self, agency: Agency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.agency_id = agency.id
        self.name = _shrinkable(plain_label("", "title"))
        self.link = plain_label("")
        self.open_incidents = _shrinkable(plain_label("–", "figure"))
        self.units = {s: _shrinkable(plain_label("–", "figure")) for s in UnitStatus}
        grid = column_grid(self)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.name, 0, NAME)
        grid.addWidget(self.link, 1, NAME, Qt.AlignmentFlag.AlignLeft)
        for column, label in enumerate([self.open_incidents, *self.units.values()], start=OPEN):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, 0, column, 2, 1)
        self.show_agency(agency)

    def show_agency(self, agency: Agency) -> None:
        """Name and link state (colour, symbol and word: never colour alone)."""
        self.name.setText(agency.short_name or agency.name)
        self.setToolTip(f"{agency.name} · {name_of(agency.kind)}")
        self.link.setText(name_of(agency.link))
        set_style_state(self.link, "link", agency.link.value)
        set_style_state(self, "link", agency.link.value)

    def show_counts(self, units: Mapping[UnitStatus, int], open_incidents: int) -> None:
        """Units of this agency per status, and the open incidents it is assigned to."""
        counts = [(self.open_incidents, open_incidents)]
        counts += [(label, units.get(status, 0)) for status, label in self.units.items()]
        for label, count in counts:
            label.setText(str(count))
            set_style_state(label, "zero", count == 0)  # zeros recede, the rest stand out


class AgencyHeader(QWidget):
    """The captions of the agency rows' columns, said once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = column_grid(self)
        self.captions = []
        for column, caption in enumerate(captions()):
            label = _shrinkable(plain_label(caption, "small"))
            label.setWordWrap(True)
            if column >= OPEN:
                label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            else:
                label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            self.captions.append(label)
            grid.addWidget(label, 0, column)


__all__ = ["AgencyCard", "AgencyHeader"]
