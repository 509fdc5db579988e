"""The colleagues window's layout: the list of workers and Personal Advisers, and its buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from caseapp.services.workers import WorkerRecord
from caseapp.ui.models.record_table_model import Column, RecordTableModel
from caseapp.ui.widgets.field_errors import error_label
from caseapp.ui.widgets.tables import record_table


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


class ColleaguesView(QWidget):
    """Builds every control; `ColleaguesDialog` gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner_id: int | None = None
        self.cases: dict[int, int] = {}
        intro = QLabel(self.tr(
            "The workers and Personal Advisers young people are allocated to. Someone who has left is made "
            "inactive: their name stays on what they recorded, and they are no longer offered on a record."))
        intro.setWordWrap(True)
        self.model = RecordTableModel([
            Column(self.tr("Name"), self._name),
            Column(self.tr("Role"), lambda w: w.role.label),
            # Whether they can be allocated, and what they still hold, stay in sight when the
            # window is too narrow for every column.
            Column(self.tr("Status"), lambda w: self.tr("Active") if w.active else self.tr("Inactive")),
            Column(self.tr("Open cases"), lambda w: self.cases.get(w.id, 0)),
            Column(self.tr("Phone"), lambda w: w.phone or ""),
            Column(self.tr("Email"), lambda w: w.email or ""),
            Column(self.tr("Team"), lambda w: w.team or ""),
        ], self)
        self.table = record_table(self.tr("Colleagues"), layout_key="colleagues")
        self.table.setModel(self.model)
        self.add_button = _button(self.tr("&Add colleague…"), self.tr("Add a colleague"))
        self.edit_button = _button(self.tr("&Edit…"), self.tr("Edit the selected colleague"))
        self.active_button = _button(self.tr("Make &inactive…"), self.tr("Make the selected colleague inactive"))
        self.problem = error_label()
        self.problem.setAccessibleName(self.tr("Problem"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _name(self, worker: WorkerRecord) -> str:
        return self.tr("%1 (you)").replace("%1", worker.name) if worker.id == self.owner_id else worker.name
