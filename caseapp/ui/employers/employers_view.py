"""The employers page's layout: the list on the left, the selected employer on the right."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseapp.services.commitments import CommitmentProgress
from caseapp.services.search import MAX_QUERY_LENGTH
from caseapp.ui.models.record_table_model import Column, RecordTableModel, day
from caseapp.ui.widgets.tables import record_table


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


def _period(start, end) -> str:  # type: ignore[no-untyped-def]
    if start and end:
        return f"{day(start)} – {day(end)}"
    return day(start) + " –" if start else ""


class EmployersView(QWidget):
    """Builds every control; `EmployersPage` gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # -- the list ---------------------------------------------------------------------
        self.filter = QLineEdit()
        self.filter.setMaxLength(MAX_QUERY_LENGTH)  # a search box: a long paste is cut here
        self.filter.setAccessibleName(self.tr("Filter employers"))
        self.filter.setPlaceholderText(self.tr("Name, sector or what they offer"))
        self.filter.setClearButtonEnabled(True)
        self.include_closed = QCheckBox(self.tr("Include &closed"))
        self.include_closed.setAccessibleName(self.tr("Include closed employers"))
        self.employer_model = RecordTableModel(
            [
                Column(self.tr("Employer"), lambda e: e.name),
                Column(self.tr("Sector"), lambda e: e.sector or ""),
                Column(self.tr("Closed"), lambda e: day(e.closed_on)),
                # Not shown: lets the filter box match what they offer as well as the name.
                Column(self.tr("Offers"), lambda e: (e.offers or "").replace("\n", " ")),
            ],
            self,
        )
        self.employer_proxy = QSortFilterProxyModel(self)
        self.employer_proxy.setSourceModel(self.employer_model)
        self.employer_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.employer_proxy.setFilterKeyColumn(-1)
        self.employers = record_table(self.tr("Employers"), layout_key="employers")
        self.employers.setModel(self.employer_proxy)
        self.employers.setColumnHidden(3, True)
        header = self.employers.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.add_employer_button = _button(self.tr("&Add employer…"), self.tr("Add an employer"))
        self.edit_employer_button = _button(self.tr("Ed&it employer…"), self.tr("Edit the selected employer"))
        self.close_employer_button = _button(self.tr("Cl&ose employer…"), self.tr("Close the selected employer"))

        # -- the selected employer ----------------------------------------------------------
        self.name = QLabel()
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setAccessibleName(self.tr("Selected employer"))
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Employer details"))
        self.details.setMaximumHeight(120)

        self.opportunity_model = RecordTableModel(
            [
                Column(self.tr("Kind"), lambda o: o.type.label),
                Column(self.tr("Title"), lambda o: o.title),
                Column(self.tr("Places"), lambda o: o.places),
                Column(self.tr("Dates"), lambda o: _period(o.start_date, o.end_date)),
                Column(self.tr("Closes"), lambda o: day(o.closing_date)),
                # pounds() already says "/hr"; the table spells it out.
                Column(self.tr("Pay"), lambda o: self.tr("%1 per hour").replace("%1", f"£{o.pay_pence_per_hour / 100:.2f}")
                       if o.pay_pence_per_hour else ""),
                Column(self.tr("Ring-fenced"), lambda o: self.tr("Yes") if o.ring_fenced else ""),
                Column(self.tr("Status"), lambda o: self.tr("Closed %1").replace("%1", day(o.closed_on)) if o.closed_on else self.tr("Open")),
                Column(self.tr("Location"), lambda o: o.location or ""),
            ],
            self,
        )
        self.opportunities = record_table(self.tr("Opportunities"), layout_key="opportunities")
        self.opportunities.setModel(self.opportunity_model)
        self.show_closed_opportunities = QCheckBox(self.tr("Show closed opportunitie&s"))
        self.show_closed_opportunities.setAccessibleName(self.tr("Show closed opportunities"))
        self.add_opportunity_button = _button(self.tr("Add o&pportunity…"), self.tr("Add an opportunity"))
        self.edit_opportunity_button = _button(self.tr("Edi&t opportunity…"), self.tr("Edit the selected opportunity"))
        self.close_opportunity_button = _button(self.tr("Close opportunit&y…"), self.tr("Close the selected opportunity"))
        self.suggest_button = _button(self.tr("S&uggest young people…"),
                                      self.tr("Suggest young people for the selected opportunity"))
        self.opportunity_details = QTextBrowser()
        self.opportunity_details.setAccessibleName(self.tr("Details of the selected opportunity"))
        self.people = QListWidget()
        self.people.setAccessibleName(self.tr("Young people on the selected opportunity"))
        self.people_label = QLabel(self.tr("Youn&g people on it (double-click or Enter opens their record):"))
        self.people_label.setBuddy(self.people)
        self.people_label.setWordWrap(True)

        self.commitment_model = RecordTableModel(
            [
                Column(self.tr("Measure"), lambda c: c.measure, lambda c: c.measure),
                Column(self.tr("Counts as delivered"), lambda c: c.step_type.label if c.step_type else self.tr("Any step")),
                Column(self.tr("Pledged"), lambda c: c.pledged),
                Column(self.tr("Delivered"), lambda c: self._delivered(c.id, "delivered"), self._progress_line),
                Column(self.tr("Outstanding"), self._outstanding, self._progress_line),
                Column(self.tr("Contract"), lambda c: c.contract or ""),
                Column(self.tr("Period"), lambda c: _period(c.period_start, c.period_end)),
            ],
            self,
        )
        # Filled by the page: delivery is counted by the commitments service, by commitment id.
        self.progress: dict[int, CommitmentProgress] = {}
        self.commitment_totals = QLabel()
        self.commitment_totals.setAccessibleName(self.tr("Commitments delivered in total"))
        self.commitment_totals.setWordWrap(True)
        self.commitments = record_table(self.tr("Social-value commitments"), layout_key="commitments")
        self.commitments.setModel(self.commitment_model)
        self.add_commitment_button = _button(self.tr("Add co&mmitment…"), self.tr("Add a commitment"))
        self.edit_commitment_button = _button(self.tr("Edit commitme&nt…"), self.tr("Edit the selected commitment"))
        self._lay_out()

    def _delivered(self, commitment_id: int, figure: str) -> object:
        progress = self.progress.get(commitment_id)
        return getattr(progress, figure) if progress else ""

    def _outstanding(self, commitment) -> str:  # type: ignore[no-untyped-def]
        progress = self.progress.get(commitment.id)
        if progress is None:
            return ""
        # Said in words, not only by colour: met or how many are still to come.
        return self.tr("Met") if progress.met else str(progress.outstanding)

    def _progress_line(self, commitment) -> str:  # type: ignore[no-untyped-def]
        progress = self.progress.get(commitment.id)
        if progress is None:
            return ""
        return self.tr("%1: pledged %2, delivered %3").replace("%1", progress.measure) \
            .replace("%2", str(progress.pledged)).replace("%3", str(progress.delivered))

    def _lay_out(self) -> None:
        filter_row = QHBoxLayout()
        filter_label = QLabel(self.tr("Fi&lter:"))
        filter_label.setBuddy(self.filter)
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter, 1)
        list_buttons = QHBoxLayout()
        for button in (self.add_employer_button, self.edit_employer_button, self.close_employer_button):
            list_buttons.addWidget(button)
        list_buttons.addStretch()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.include_closed)
        left_layout.addWidget(self.employers, 1)
        left_layout.addLayout(list_buttons)

        opportunity_buttons = QHBoxLayout()
        for button in (self.add_opportunity_button, self.edit_opportunity_button, self.close_opportunity_button,
                       self.suggest_button):
            opportunity_buttons.addWidget(button)
        opportunity_buttons.addStretch()
        opportunity_buttons.addWidget(self.show_closed_opportunities)
        people_box = QGroupBox(self.tr("The selected opportunity"))
        people_column = QVBoxLayout()
        people_column.addWidget(self.people_label)
        people_column.addWidget(self.people, 1)
        people_layout = QHBoxLayout(people_box)
        people_layout.addWidget(self.opportunity_details, 3)
        people_layout.addLayout(people_column, 2)
        opportunities_page = QWidget()
        op_layout = QVBoxLayout(opportunities_page)
        op_layout.addWidget(self.opportunities, 2)
        op_layout.addLayout(opportunity_buttons)
        op_layout.addWidget(people_box, 1)

        commitment_buttons = QHBoxLayout()
        commitment_buttons.addWidget(self.add_commitment_button)
        commitment_buttons.addWidget(self.edit_commitment_button)
        commitment_buttons.addStretch()
        commitments_page = QWidget()
        co_layout = QVBoxLayout(commitments_page)
        co_layout.addWidget(QLabel(self.tr("What the employer pledged under council contracts, and for when.")))
        co_layout.addWidget(self.commitment_totals)
        co_layout.addWidget(self.commitments, 1)
        co_layout.addLayout(commitment_buttons)

        self.parts = QTabWidget()
        self.parts.setAccessibleName(self.tr("Opportunities and commitments"))
        self.parts.tabBar().setAccessibleName(self.tr("Opportunities and commitments"))
        self.parts.addTab(opportunities_page, self.tr("Opportunities"))
        self.parts.addTab(commitments_page, self.tr("Commitments"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.name)
        right_layout.addWidget(self.details)
        right_layout.addWidget(self.parts, 1)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.split)
