"""Vetting: each check a placement or job needed, and how it was met or worked around."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from caseapp.services.registry import Services
from caseapp.services.vetting import VettingRecord
from caseapp.ui.models.record_table_model import Column, RecordTableModel, day
from caseapp.ui.record.step_text import step_label
from caseapp.ui.record.tab import RecordTab
from caseapp.ui.record.vetting_dialog import VettingDialog
from caseapp.ui.widgets.tables import fit_columns, record_table, select_record, selected_record


def _one_line(text: str | None) -> str:
    return (text or "").replace("\n", " ")


class VettingTab(RecordTab):
    title = QT_TRANSLATE_NOOP("RecordView", "Vetting")

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, person_id, parent)
        self._steps: dict[int, str] = {}
        self.dialog: VettingDialog | None = None
        self.model = RecordTableModel(
            [
                Column(self.tr("Check needed"), lambda c: c.need.label),
                Column(self.tr("For step"), lambda c: self._steps.get(c.step_id or 0, "")),
                Column(self.tr("Outcome"), lambda c: c.outcome.label),
                Column(self.tr("Decided"), lambda c: day(c.decided_on)),
                Column(self.tr("Review"), self._review),
                Column(self.tr("Approved by"), lambda c: c.approved_by or ""),
                Column(self.tr("Alternative or how met"), self._how, self._how),
            ],
            self,
        )
        self.table = record_table(self.tr("Vetting checks"), layout_key="vetting")
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.activated.connect(self.edit_check)
        self.hint = QLabel(self.tr("Checks that can block a start, and the alternatives accepted instead."))
        self.details = QLabel()
        self.details.setAccessibleName(self.tr("Selected check"))
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = self._button(self.tr("&Add check…"), self.tr("Add a vetting check"), self.add_check)
        self.edit_button = self._button(self.tr("Ed&it check…"), self.tr("Edit the selected vetting check"),
                                        self.edit_check)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.reload()

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _how(self, check: VettingRecord) -> str:
        return _one_line(check.alternative or check.how_met)

    def _review(self, check: VettingRecord) -> str:
        if check.review_on is None:
            return ""
        if check.review_on <= self.services.today():
            return self.tr("%1 (due)").replace("%1", day(check.review_on))
        return day(check.review_on)

    def reload(self) -> None:
        chosen = self.selected()
        self._steps = {s.id: step_label(s) for s in self.services.pathway.list_steps(person_id=self.person_id)}
        self.model.set_rows(self.services.vetting.list_vetting_checks(person_id=self.person_id))
        fit_columns(self.table)
        if chosen is not None:
            self.select_check(chosen.id)
        self._selected()

    def selected(self) -> VettingRecord | None:
        return selected_record(self.table)

    def select_check(self, check_id: int) -> None:
        select_record(self.table, check_id)

    def _selected(self) -> None:
        check = self.selected()
        self.edit_button.setEnabled(check is not None)
        if check is None:
            self.details.setText(self.tr("Select a check to see it in full."))
            return
        parts = [
            (self.tr("What blocked it"), check.blocker),
            (self.tr("Alternative accepted"), check.alternative),
            (self.tr("How it was met"), check.how_met),
            (self.tr("Approved by"), check.approved_by),
            (self.tr("Employer sign-off by"), check.employer_signed_off_by),
        ]
        lines = [f"<b>{escape(label)}:</b> {escape(value)}" for label, value in parts if value]
        self.details.setText("<br>".join(lines) or self.tr("Nothing more recorded for this check."))

    def _open(self, dialog: VettingDialog) -> None:
        self.dialog = dialog
        # Nothing typed in it is needed once it closes, and records should not linger in memory.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def saved() -> None:
            self.reload()
            self.select_check(dialog.saved.id)

        dialog.accepted.connect(saved)
        dialog.open()

    def add_check(self) -> None:
        self._open(VettingDialog(self.services, self.person_id, parent=self))

    def edit_check(self) -> None:
        if check := self.selected():
            self._open(VettingDialog(self.services, self.person_id, check, parent=self))
