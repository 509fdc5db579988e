"""Add or edit a vetting check: what was needed, what blocked it, the alternative accepted."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from caseapp.models.codes import LEGAL_REQUIREMENTS, VettingNeed, VettingOutcome
from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.services.vetting import VettingRecord
from caseapp.ui.record.step_text import step_label
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.date_field import DateField
from caseapp.ui.widgets.field_errors import FormArea, fit_to_screen, show_refusal
from caseapp.ui.widgets.form_dialog import add_rows, save_cancel

# The widget's own class comes back, so its methods stay known.
W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setAccessibleName(name)
    return widget


def _text_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(54)
    return box


class VettingDialog(QDialog):
    def __init__(self, services: Services, person_id: int, check: VettingRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.person_id = person_id
        self.check = check
        self.setWindowTitle(self.tr("Edit vetting check") if check else self.tr("Add vetting check"))
        self.need = _named(CodeCombo(VettingNeed), self.tr("Check needed"))
        self.step = _named(QComboBox(), self.tr("For step"))
        self.step.addItem(self.tr("Not for one step in particular"), None)
        for step in services.pathway.list_steps(person_id=person_id):
            self.step.addItem(step_label(step), step.id)
        self.outcome = _named(CodeCombo(VettingOutcome), self.tr("Outcome"))
        self.blocker = _named(_text_box(), self.tr("What blocked it"))
        self.alternative = _named(_text_box(), self.tr("Alternative accepted"))
        self.how_met = _named(_text_box(), self.tr("How the requirement was met"))
        self.approved_by = _named(QLineEdit(), self.tr("Approved by"))
        self.approved_by.setPlaceholderText(self.tr("e.g. the employer's safeguarding lead"))
        self.signed_off_by = _named(QLineEdit(), self.tr("Employer sign-off"))
        self.decided_on = _named(DateField(optional=True), self.tr("Decision date"))
        self.review_on = _named(DateField(optional=True), self.tr("Review date"))
        self.note = QLabel()
        self.note.setAccessibleName(self.tr("About this check"))
        self.note.setWordWrap(True)

        form = QFormLayout()
        rows = [
            (self.tr("Check &needed:"), "need", self.need), (self.tr("For &step:"), "step_id", self.step),
            (self.tr("&Outcome:"), "outcome", self.outcome), (self.tr("What &blocked it:"), "blocker", self.blocker),
            (self.tr("&Alternative accepted:"), "alternative", self.alternative),
            (self.tr("&How it was met:"), "how_met", self.how_met),
            (self.tr("A&pproved by:"), "approved_by", self.approved_by),
            (self.tr("&Employer sign-off by:"), "employer_signed_off_by", self.signed_off_by),
            (self.tr("&Decided on:"), "decided_on", self.decided_on),
            (self.tr("&Review on:"), "review_on", self.review_on),
        ]
        self.errors = add_rows(form, rows)
        buttons, self.save_button = save_cancel(self, self.tr("Save vetting check"))
        content = QVBoxLayout()
        content.addWidget(self.note)
        content.addLayout(form)
        # At 150% on a laptop screen the form with its sentences is taller than the screen:
        # the rows scroll, the buttons stay in view.
        self.area = FormArea(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        # Only once the button is inside the dialog does Enter reach it.
        self.save_button.setDefault(True)
        self.setMinimumWidth(520)
        if check is not None:
            self._show(check)
        self._need_changed()
        self.need.currentIndexChanged.connect(self._need_changed)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.errors.clear_when_changed()
        fit_to_screen(self)

    def _need_changed(self) -> None:
        # What the worker is told fits the check chosen: only a legal requirement is never waived.
        if self.need.value() in LEGAL_REQUIREMENTS:
            self.note.setText(self.tr("Right to work is a legal requirement: it can be evidenced another way, "
                                      "never waived. Say how it was met."))
        else:
            self.note.setText(self.tr("When this check cannot be done the usual way, say what blocked it, "
                                      "the alternative accepted and who approved it."))

    def _outcome_changed(self) -> None:
        # A decision needs its date; today is nearly always it, and it can be changed.
        if self.outcome.value() != VettingOutcome.PENDING and self.decided_on.value() is None:
            self.decided_on.set_value(self.services.today())

    def _show(self, check: VettingRecord) -> None:
        self.need.set_value(check.need)
        if check.step_id is not None and self.step.findData(check.step_id) < 0:
            self.step.addItem(self.tr("A step no longer on the pathway"), check.step_id)
        self.step.setCurrentIndex(max(self.step.findData(check.step_id), 0))
        self.outcome.set_value(check.outcome)
        self.blocker.setPlainText(check.blocker or "")
        self.alternative.setPlainText(check.alternative or "")
        self.how_met.setPlainText(check.how_met or "")
        self.approved_by.setText(check.approved_by or "")
        self.signed_off_by.setText(check.employer_signed_off_by or "")
        self.decided_on.set_value(check.decided_on)
        self.review_on.set_value(check.review_on)

    def values(self) -> dict[str, Any]:
        return {
            "need": self.need.value(),
            "step_id": self.step.currentData(),
            "outcome": self.outcome.value(),
            "blocker": self.blocker.toPlainText(),
            "alternative": self.alternative.toPlainText(),
            "how_met": self.how_met.toPlainText(),
            "approved_by": self.approved_by.text(),
            "employer_signed_off_by": self.signed_off_by.text(),
            "decided_on": self.decided_on.value(),
            "review_on": self.review_on.value(),
        }

    def save(self) -> None:
        try:
            if self.check is None:
                self.saved = self.services.vetting.add_vetting_check(person_id=self.person_id, **self.values())
            else:
                self.saved = self.services.vetting.edit_vetting_check(check_id=self.check.id, **self.values())
        except ValidationError as exc:
            self.show_refusal(exc)
            return
        self.accept()

    def show_refusal(self, error: ValidationError) -> None:
        show_refusal(self, self.errors, self.area, error)
