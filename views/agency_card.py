"""One agency on the wall, as a one-line row: name, link state, open incidents, units.

Rows rather than boxes: the captions are said once, in the panel's column header, and
each row is one line of bold text, so 10–12 agencies and a useful incident list share
one 1080p screen. The link state is a column of its own: symbol, colour and a word.
The last column, personnel available, is there only when some backend sends staffing.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from views.fonts import AGENCY_PX, LABEL_PX, SMALL_PX, TITLE_PX, pixel_font
from views.panel_frame import plain_label
from views.text import number
from views.theme import set_style_state
from views.vocabulary import name_of
from wallboard.model import Agency, LinkStatus, UnitStatus

NAME, LINK, OPEN = 0, 1, 2
PERSONNEL = OPEN + 1 + len(UnitStatus)  # after the units: shown only when sent
LONGEST = PERSONNEL + 1  # the busy unit longest in its status, and for how long
# Column stretch shared by every row and the header, so the columns line up.
STRETCH = (4, 2, 1, *(1 for _ in UnitStatus), 1, 2)
_LONGEST_TEXT = "▲▲ 9:59:59"  # what the longest-running column must hold (call sign: if room)
_NAME_CHARS = "SATPOL PP"  # a typical short name the name column must hold
_BORDER_PX = 2  # every row has this border (invisible unless the link is not online)


# A panel short of room shrinks its rows' type to this before it leaves any row out
# (the stylesheet's QLabel[role="agency"][compact="true"]): still bold, still read at 5 m.
COMPACT_PX = LABEL_PX


def row_height(compact: bool = False) -> int:
    """Pixel height of one agency row: a line of AGENCY_PX (or COMPACT_PX) bold text and
    its border."""
    px = COMPACT_PX if compact else AGENCY_PX
    return QFontMetrics(pixel_font(px, bold=True)).height() + 2 * _BORDER_PX


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgencyCard", text)


def captions() -> list[str]:
    """The column captions, in the interface language (the name column has the title)."""
    return [
        QCoreApplication.translate("AgencyPanel", "Agencies"),
        _tr("Link"),
        _tr("Open incidents"),
        *(name_of(s) for s in UnitStatus),
        _tr("Personnel available"),
        _tr("Longest in status"),
    ]


def _minimum_widths() -> list[int]:
    # Each column at least as wide as its caption's longest word and a three-digit
    # figure: captions wrap between words, never inside one.
    words = QFontMetrics(pixel_font(SMALL_PX))
    digits = QFontMetrics(pixel_font(AGENCY_PX, bold=True)).horizontalAdvance("000")
    link = QFontMetrics(pixel_font(LABEL_PX))
    link_width = max(link.horizontalAdvance(name_of(s)) for s in LinkStatus) + 16
    name = max(
        QFontMetrics(pixel_font(AGENCY_PX, bold=True)).horizontalAdvance(_NAME_CHARS),
        QFontMetrics(pixel_font(TITLE_PX, bold=True)).horizontalAdvance(captions()[NAME]),
    )
    widths = []
    for column, caption in enumerate(captions()):
        if column == NAME:
            widths.append(name + 6)
            continue
        if column == LONGEST:
            bold = QFontMetrics(pixel_font(LABEL_PX, bold=True))
            widths.append(bold.horizontalAdvance(_LONGEST_TEXT) + 16)
            continue
        word = max((words.horizontalAdvance(w) for w in caption.split()), default=0)
        widths.append(max(word, link_width if column == LINK else digits) + 6)
    return widths


def column_grid(parent: QWidget) -> QGridLayout:
    """The grid a row (or the header) lays its cells in; all share widths and stretch."""
    grid = QGridLayout(parent)
    grid.setContentsMargins(10, 0, 10, 0)
    grid.setHorizontalSpacing(8)
    grid.setVerticalSpacing(0)
    for column, (stretch, width) in enumerate(zip(STRETCH, _minimum_widths(), strict=True)):
        grid.setColumnStretch(column, stretch)
        grid.setColumnMinimumWidth(column, width)
    return grid


def show_column(grid: QGridLayout, column: int, label: QLabel, visible: bool) -> None:
    """Show or collapse one column of a row or the header (no width, no stretch)."""
    label.setVisible(visible)
    grid.setColumnStretch(column, STRETCH[column] if visible else 0)
    grid.setColumnMinimumWidth(column, _minimum_widths()[column] if visible else 0)


def _shrinkable(label: QLabel) -> QLabel:
    # Column width comes from the shared stretch, never from a long backend name.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class AgencyCard(QFrame):
    """A one-line row: short name, link state (symbol, colour, word), then the counts."""

    def __init__(self, agency: Agency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.agency_id = agency.id
        self.name = _shrinkable(plain_label("", "agency"))
        self.link = plain_label("", "link")
        self.open_incidents = _shrinkable(plain_label("–", "agency"))
        self.units = {s: _shrinkable(plain_label("–", "agency")) for s in UnitStatus}
        self.personnel = _shrinkable(plain_label("–", "agency"))
        self.personnel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.longest = _shrinkable(plain_label("–", "longest"))
        grid = column_grid(self)
        grid.addWidget(self.longest, 0, LONGEST)  # the whole cell: its width says what fits
        grid.addWidget(self.personnel, 0, PERSONNEL)
        show_column(grid, PERSONNEL, self.personnel, False)
        grid.addWidget(self.name, 0, NAME)
        grid.addWidget(self.link, 0, LINK, Qt.AlignmentFlag.AlignLeft)
        for column, label in enumerate([self.open_incidents, *self.units.values()], start=OPEN):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, 0, column)
        self.compact = False
        self.setFixedHeight(row_height())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.show_agency(agency)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), row_height(self.compact))

    def set_compact(self, compact: bool) -> None:
        """Smaller type (COMPACT_PX) and a lower row, for a panel short of room."""
        if compact == self.compact:
            return
        self.compact = compact
        for label in (self.name, self.open_incidents, *self.units.values(), self.personnel):
            set_style_state(label, "compact", compact)
        self.setFixedHeight(row_height(compact))

    def show_agency(self, agency: Agency) -> None:
        """Name and link state (colour, symbol and word: never colour alone)."""
        self.name.setText(agency.short_name or agency.name)
        self.setToolTip(f"{agency.name} · {name_of(agency.kind)}")
        self.link.setText(name_of(agency.link))
        set_style_state(self.link, "link", agency.link.value)
        set_style_state(self, "link", agency.link.value)
        # People available now; a dash when this agency's backend sends no staffing.
        available = agency.personnel.available if agency.personnel is not None else None
        self.personnel.setText("–" if available is None else number(available))
        set_style_state(self.personnel, "zero", available == 0)

    def show_personnel_column(self, visible: bool) -> None:
        show_column(self.layout(), PERSONNEL, self.personnel, visible)

    def show_longest(self, call_sign: str, timer: str, level: str) -> None:
        """The busy unit longest in its status: "AMB-02 ▲ 1:32:10", or only "▲ 1:32:10"
        when the column has no room for the call sign (then in the tooltip); "–": none.
        ``level`` is ok, amber or red."""
        full = f"{call_sign} {timer}" if call_sign else ""
        room = self.longest.width() - 2 * 8  # the amber and red fills' padding
        # measured in the font the label is drawn in (the theme's, larger in orientation
        # mode and in full-size rows), not a fixed one: else the call sign is cut off
        self.longest.ensurePolished()
        fits = QFontMetrics(self.longest.font()).horizontalAdvance(full) <= room
        self.longest.setText((full if fits else timer) or "–")
        set_style_state(self.longest, "unit", level)

    def show_counts(self, units: Mapping[UnitStatus, int], open_incidents: int) -> None:
        """Units of this agency per status, and the open incidents it is assigned to."""
        counts = [(self.open_incidents, open_incidents)]
        counts += [(label, units.get(status, 0)) for status, label in self.units.items()]
        for label, count in counts:
            label.setText(number(count))
            set_style_state(label, "zero", count == 0)  # zeros recede, the rest stand out


class AgencyHeader(QWidget):
    """The panel's title over the name column, and the other columns' captions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = column_grid(self)
        self.captions = []
        for column, caption in enumerate(captions()):
            label = _shrinkable(plain_label(caption, "title" if column == NAME else "small"))
            if column == NAME:
                label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            else:
                label.setWordWrap(True)
                left = column == LINK
                horizontal = Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignHCenter
                label.setAlignment(horizontal | Qt.AlignmentFlag.AlignBottom)
            self.captions.append(label)
            grid.addWidget(label, 0, column)
        self.show_personnel_column(False)

    def show_personnel_column(self, visible: bool) -> None:
        show_column(self.layout(), PERSONNEL, self.captions[PERSONNEL], visible)


__all__ = ["COMPACT_PX", "LONGEST", "PERSONNEL", "AgencyCard", "AgencyHeader", "row_height"]
