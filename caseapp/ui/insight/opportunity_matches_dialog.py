"""The young people ranked for one opportunity, each match explained; opening one closes the list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from caseapp.services.errors import NotFound
from caseapp.services.matching import Match
from caseapp.services.registry import Services
from caseapp.ui.insight.match_text import (
    MatchTableModel,
    reasons_html,
    reasons_tooltip,
    requirements_column,
    why_column,
)
from caseapp.ui.models.record_table_model import Column
from caseapp.ui.widgets.field_errors import fit_to_screen
from caseapp.ui.widgets.tables import record_table, selected_row


class OpportunityMatchesDialog(QDialog):
    # A young person's id: the main window opens their record.
    person_requested = Signal(int)

    def __init__(self, services: Services, opportunity_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.opportunity_id = opportunity_id
        opportunity = services.employers.get_opportunity(opportunity_id=opportunity_id)
        self.setWindowTitle(self.tr("Young people for “%1”").replace("%1", opportunity.title))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(self.tr("About these suggestions"))
        self.model = MatchTableModel(
            [Column(self.tr("Young person"), lambda m: m.person_name, reasons_tooltip), requirements_column(),
             why_column()],
            self,
        )
        self.table = record_table(self.tr("Young people who match"))
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.table.activated.connect(self.open_selected)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Why the selected young person matches"))
        self.detail.setMaximumHeight(140)
        self.open_button = QPushButton(self.tr("&Open record"))
        self.open_button.setAccessibleName(self.tr("Open the selected young person's record"))
        self.open_button.clicked.connect(lambda: self.open_selected())
        # No default button: Enter in the list opens the record, and nothing else.
        self.open_button.setAutoDefault(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(buttons)
        self.reload()
        fit_to_screen(self)

    def reload(self) -> None:
        try:
            matches = self.services.matching.people_for(opportunity_id=self.opportunity_id)
        except NotFound:
            matches = None
        self.model.set_rows(matches or [])
        if matches is None:
            self.hint.setText(self.tr("This opportunity is closed or past its closing date, so nobody is suggested."))
        elif not matches:
            self.hint.setText(self.tr("Nobody with an open case to suggest: everyone is already put forward for it."))
        else:
            unmet = sum(1 for m in matches if not m.meets_requirements)
            count = self.tr("1 young person with an open case") if len(matches) == 1 else \
                self.tr("%1 young people with open cases").replace("%1", str(len(matches)))
            text = self.tr("%1, best fit first. Double-click or press Enter to open a record.").replace("%1", count)
            if unmet == 1:
                text += " " + self.tr("The last one has a requirement they do not meet yet, marked “Not met”.")
            elif unmet:
                text += " " + self.tr("The last %1 have a requirement they do not meet yet, marked “Not met”.") \
                    .replace("%1", str(unmet))
            self.hint.setText(text)
        self.table.setVisible(bool(matches))
        self.detail.setVisible(bool(matches))
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 240))
        if matches:
            self.table.selectRow(0)
        self._show_selected()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Room for the three columns and a few reasons: as much as the screen allows of it.
        return super().sizeHint().expandedTo(QSize(960, 560))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # Straight into the list: arrows to choose, Enter to open.
        if self.model.rowCount():
            self.table.setFocus()

    def selected(self) -> Match | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _show_selected(self) -> None:
        match = self.selected()
        self.open_button.setEnabled(match is not None)
        self.detail.setHtml(reasons_html(match.person_name, match) if match else "")

    def open_selected(self, index: QModelIndex | None = None) -> None:
        match = self.model.row_at(index.row()) if index is not None and index.isValid() else self.selected()
        if match is not None:
            self.person_requested.emit(match.person_id)
            self.accept()
