"""Matches: the open opportunities ranked for this young person, each saying why in one line."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from caseapp.services.errors import NotFound
from caseapp.services.matching import Match
from caseapp.services.registry import Services
from caseapp.ui.insight.match_text import (
    MatchTableModel,
    closes,
    reasons_html,
    reasons_tooltip,
    requirements_column,
    why_column,
)
from caseapp.ui.models.record_table_model import Column
from caseapp.ui.record.tab import RecordTab
from caseapp.ui.widgets.tables import fit_columns, record_table, selected_row


class MatchesTab(RecordTab):
    title = QT_TRANSLATE_NOOP("RecordView", "Matches")

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, person_id, parent)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(self.tr("About these matches"))
        self.model = MatchTableModel(
            [
                Column(self.tr("Opportunity"), lambda m: m.opportunity_title, reasons_tooltip),
                Column(self.tr("Kind"), lambda m: m.opportunity_type.label, reasons_tooltip),
                Column(self.tr("Employer"), lambda m: m.employer_name, reasons_tooltip),
                Column(self.tr("Where"), lambda m: m.location or "", reasons_tooltip),
                Column(self.tr("Closes"), closes, reasons_tooltip),
                requirements_column(),
                why_column(),
            ],
            self,
        )
        self.table = record_table(self.tr("Opportunities that match"), layout_key="matches")
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName(self.tr("No matches"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Why the selected opportunity matches"))
        self.detail.setMaximumHeight(150)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.reload()

    def reload(self) -> None:
        chosen = self.selected()
        try:
            matches = self.services.matching.opportunities_for(person_id=self.person_id)
        except NotFound:
            self._say(self.tr("Their case is closed, so no opportunities are suggested. Reopen the case to see "
                              "matches again."))
            return
        self.model.set_rows(matches)
        if not matches:
            self._say(self.tr("No open opportunity to suggest just now: none is open for applications, or they "
                              "are already put forward for each one."))
            return
        unmet = sum(1 for m in matches if not m.meets_requirements)
        count = self.tr("1 open opportunity") if len(matches) == 1 else \
            self.tr("%1 open opportunities").replace("%1", str(len(matches)))
        text = self.tr("%1, best fit first: interests, requirements, getting there, closing date.") \
            .replace("%1", count)
        if unmet == 1:
            text += " " + self.tr("The last one has a requirement they do not meet yet, marked “Not met”.")
        elif unmet:
            text += " " + self.tr("The last %1 have a requirement they do not meet yet, marked “Not met”.") \
                .replace("%1", str(unmet))
        self.hint.setText(text)
        self.hint.show()
        self.empty.hide()
        self.table.show()
        self.detail.show()
        fit_columns(self.table)
        # The explanation is the last column and stretches; keep the others from crowding it out.
        for column in range(self.model.columnCount() - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))
        self._select(chosen.opportunity_id if chosen else matches[0].opportunity_id)

    def _say(self, sentence: str) -> None:
        self.model.set_rows([])
        self.empty.setText(sentence)
        self.empty.show()
        self.hint.hide()
        self.table.hide()
        self.detail.hide()

    def selected(self) -> Match | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _select(self, opportunity_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).opportunity_id == opportunity_id:
                self.table.selectRow(row)
                return
        self.table.selectRow(0)

    def _show_selected(self) -> None:
        match = self.selected()
        if match is None:
            self.detail.clear()
            return
        heading = self.tr("%1 at %2").replace("%1", match.opportunity_title).replace("%2", match.employer_name)
        self.detail.setHtml(reasons_html(heading, match))
