"""History: every change to the record, who made it and when, in plain words."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from caseapp.services.audit import HistoryLine
from caseapp.services.registry import Services
from caseapp.ui.models.record_table_model import Column, RecordTableModel, moment
from caseapp.ui.record.tab import RecordTab
from caseapp.ui.widgets.tables import fit_columns, record_table


def _details(line: HistoryLine) -> str:
    return "\n".join(f"{c.label}: {c.before} → {c.after}" for c in line.details)


class HistoryTab(RecordTab):
    title = QT_TRANSLATE_NOOP("RecordView", "History")

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, person_id, parent)
        self.model = RecordTableModel(
            [
                Column(self.tr("When"), lambda h: moment(h.at)),
                Column(self.tr("Who"), lambda h: h.who),
                Column(self.tr("What"), lambda h: h.text, _details),
            ],
            self,
        )
        self.table = record_table(self.tr("History of the record"), layout_key="history")
        self.table.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Newest first. Point at a line to see what changed.")))
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.services.people.history(person_id=self.person_id))
        fit_columns(self.table)
