"""One agency on the wall: its units by status, open incidents, and whether its link is up."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from views.panel_frame import plain_label
from views.stat_block import StatBlock
from views.theme import set_style_state
from views.vocabulary import name_of
from wallboard.model import Agency, UnitStatus

_COLUMNS = 4


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgencyCard", text)


class AgencyCard(QFrame):
    """Short name and link state on top; open incidents and units per status below."""

    def __init__(self, agency: Agency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.agency_id = agency.id
        self.name = plain_label("", "title")
        self.link = plain_label("")
        self.link.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.full_name = plain_label("", "caption")
        self.open_incidents = StatBlock(_tr("Open incidents"))
        self.units = {s: StatBlock(name_of(s)) for s in UnitStatus}

        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.link)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        for i, block in enumerate([self.open_incidents, *self.units.values()]):
            grid.addWidget(block, i // _COLUMNS, i % _COLUMNS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.full_name)
        layout.addLayout(grid)
        self.show_agency(agency)

    def show_agency(self, agency: Agency) -> None:
        """Name and link state (colour, symbol and word: never colour alone)."""
        self.name.setText(agency.short_name or agency.name)
        self.full_name.setText(f"{agency.name} · {name_of(agency.kind)}")
        self.link.setText(name_of(agency.link))
        set_style_state(self.link, "link", agency.link.value)
        set_style_state(self, "link", agency.link.value)

    def show_counts(self, units: Mapping[UnitStatus, int], open_incidents: int) -> None:
        """Units of this agency per status, and the open incidents it is assigned to."""
        self.open_incidents.set_value(str(open_incidents))
        for status, block in self.units.items():
            block.set_value(str(units.get(status, 0)))


__all__ = ["AgencyCard"]
