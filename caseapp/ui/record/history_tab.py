"""History: every change to the record, who made it and when, in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from caseapp.services.audit import HistoryLine
from caseapp.services.registry import Services
from caseapp.ui.models.record_table_model import Column, RecordTableModel, moment
from caseapp.ui.record.tab import RecordTab
from caseapp.ui.widgets.tables import record_table


def _shown(value: object) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _details(line: HistoryLine) -> str:
    return "\n".join(
        f"{field.replace('_', ' ')}: {_shown(before)} → {_shown(after)}"
        for field, (before, after) in line.changes.items()
    )


class HistoryTab(RecordTab):
    title = "History"

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, person_id, parent)
        tr = self.tr
        self.model = RecordTableModel(
            [
                Column(tr("When"), lambda h: moment(h.at)),
                Column(tr("Who"), lambda h: h.who),
                Column(tr("What"), lambda h: h.text, _details),
            ],
            self,
        )
        self.table = record_table(tr("History of the record"))
        self.table.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Newest first. Point at a line to see what changed.")))
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.services.people.history(person_id=self.person_id))
        self.table.resizeColumnsToContents()
