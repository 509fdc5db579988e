"""Add or edit a pathway step: every field the pathway service keeps."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseapp.models.codes import StepStatus, StepType
from caseapp.services.errors import ValidationError
from caseapp.services.pathway import StepRecord
from caseapp.services.registry import Services
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.date_field import DateField
from caseapp.ui.widgets.field_errors import FormArea, fit_to_screen, show_refusal
from caseapp.ui.widgets.form_dialog import add_rows, save_cancel
from caseapp.ui.widgets.money import PoundsField

# A new step starts somewhere before it is under way; ending it is a move, with a reason.
NEW_STEP_STATUSES = (StepStatus.PLANNED, StepStatus.OFFERED, StepStatus.ACCEPTED,
                     StepStatus.WAITING_TO_START, StepStatus.IN_PROGRESS, StepStatus.COMPLETED)


# The widget's own class comes back, so its methods stay known.
W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setAccessibleName(name)
    return widget


class StepDialog(QDialog):
    def __init__(self, services: Services, person_id: int, step: StepRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.person_id = person_id
        self.step = step
        self.setWindowTitle(self.tr("Edit pathway step") if step else self.tr("Add pathway step"))
        self.type = _named(CodeCombo(StepType), self.tr("Step type"))
        self.status = _named(CodeCombo(NEW_STEP_STATUSES), self.tr("Status"))
        self.title = _named(QLineEdit(), self.tr("Role or course"))
        self.employer = _named(QComboBox(), self.tr("Employer"))
        self.employer.addItem(self.tr("None"), None)
        for employer in services.employers.list_employers():
            self.employer.addItem(employer.name, employer.id)
        self.opportunity = _named(QComboBox(), self.tr("Opportunity"))
        self.employer.currentIndexChanged.connect(self._fill_opportunities)
        self.provider = _named(QLineEdit(), self.tr("Provider"))
        self.offered_on = _named(DateField(optional=True), self.tr("Offer date"))
        self.start_date = _named(DateField(optional=True), self.tr("Start date"))
        self.end_date = _named(DateField(optional=True), self.tr("End date"))
        hours = QDoubleSpinBox()
        hours.setRange(0, 60)
        hours.setSpecialValueText(self.tr("Not known"))
        self.hours = _named(hours, self.tr("Hours per week"))
        self.pay = _named(PoundsField(), self.tr("Pay per hour"))
        self.ring_fenced = _named(QCheckBox(self.tr("Ring-fenced for care leavers")), self.tr("Ring-fenced"))
        level = QSpinBox()
        level.setRange(1, 7)
        level.setSpecialValueText(self.tr("Not an apprenticeship"))
        self.level = _named(level, self.tr("Apprenticeship level"))
        self.mentor = _named(QLineEdit(), self.tr("Mentor"))
        self.line_manager = _named(QLineEdit(), self.tr("Line manager"))
        self.line_manager_contact = _named(QLineEdit(), self.tr("Line manager's contact"))
        outcome = QPlainTextEdit()
        outcome.setTabChangesFocus(True)
        outcome.setFixedHeight(60)
        self.outcome = _named(outcome, self.tr("Outcome"))

        form = QFormLayout()
        rows: list[tuple[str, str, QWidget]] = [
            (self.tr("Step &type:"), "type", self.type), (self.tr("&Status:"), "status", self.status),
            (self.tr("&Role or course:"), "title", self.title), (self.tr("&Employer:"), "employer_id", self.employer),
            (self.tr("O&pportunity:"), "opportunity_id", self.opportunity),
            (self.tr("Pro&vider:"), "provider", self.provider),
            (self.tr("&Offered on:"), "offered_on", self.offered_on),
            (self.tr("Sta&rts:"), "start_date", self.start_date),
            (self.tr("E&nds:"), "end_date", self.end_date), (self.tr("&Hours per week:"), "hours_per_week", self.hours),
            (self.tr("&Pay per hour:"), "pay_pence_per_hour", self.pay), ("", "ring_fenced", self.ring_fenced),
            (self.tr("Apprenticeship &level:"), "apprenticeship_level", self.level),
            (self.tr("&Mentor:"), "mentor", self.mentor),
            (self.tr("L&ine manager:"), "line_manager", self.line_manager),
            (self.tr("Line manager's &contact:"), "line_manager_contact", self.line_manager_contact),
            (self.tr("O&utcome:"), "outcome", self.outcome),
        ]
        self.errors = add_rows(form, rows)
        buttons, self.save_button = save_cancel(self, self.tr("Save pathway step"))
        # Seventeen rows are taller than a laptop screen at 150%, and taller still with the
        # sentences a refusal puts under them: the rows scroll, the buttons stay in view.
        self.area = FormArea(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        if step is not None:
            self._show(step)
        else:
            self._fill_opportunities()
        self.errors.clear_when_changed()
        fit_to_screen(self)

    def _fill_opportunities(self) -> None:
        self.opportunity.clear()
        self.opportunity.addItem(self.tr("None"), None)
        employer_id = self.employer.currentData()
        if employer_id is not None:
            for opportunity in self.services.employers.list_opportunities(employer_id=employer_id):
                self.opportunity.addItem(f"{opportunity.title} ({opportunity.type.label})", opportunity.id)

    def _show(self, step: StepRecord) -> None:
        self.type.set_value(step.type)
        if self.status.findData(step.status) < 0:
            self.status.addItem(step.status.label, step.status)
        self.status.set_value(step.status)
        # Status changes go through "Move on", which checks the allowed moves.
        self.status.setEnabled(False)
        self.title.setText(step.title or "")
        self.employer.setCurrentIndex(max(self.employer.findData(step.employer_id), 0))
        self._fill_opportunities()
        self.opportunity.setCurrentIndex(max(self.opportunity.findData(step.opportunity_id), 0))
        self.provider.setText(step.provider or "")
        self.offered_on.set_value(step.offered_on)
        self.start_date.set_value(step.start_date)
        self.end_date.set_value(step.end_date)
        self.hours.setValue(step.hours_per_week or 0)
        self.pay.set_pence(step.pay_pence_per_hour)
        self.ring_fenced.setChecked(step.ring_fenced)
        self.level.setValue(step.apprenticeship_level or 1)
        self.mentor.setText(step.mentor or "")
        self.line_manager.setText(step.line_manager or "")
        self.line_manager_contact.setText(step.line_manager_contact or "")
        self.outcome.setPlainText(step.outcome or "")

    def values(self) -> dict[str, Any]:
        return {
            "type": self.type.value(),
            "title": self.title.text(),
            "employer_id": self.employer.currentData(),
            "opportunity_id": self.opportunity.currentData(),
            "provider": self.provider.text(),
            "offered_on": self.offered_on.value(),
            "start_date": self.start_date.value(),
            "end_date": self.end_date.value(),
            "hours_per_week": self.hours.value() or None,
            "pay_pence_per_hour": self.pay.pence(),
            "ring_fenced": self.ring_fenced.isChecked(),
            "apprenticeship_level": self.level.value() if self.level.value() > 1 else None,
            "mentor": self.mentor.text(),
            "line_manager": self.line_manager.text(),
            "line_manager_contact": self.line_manager_contact.text(),
            "outcome": self.outcome.toPlainText(),
        }

    def save(self) -> None:
        values = self.values()
        try:
            if self.step is None:
                self.services.pathway.add_step(person_id=self.person_id, status=self.status.value(), **values)
            else:
                self.services.pathway.edit_step(step_id=self.step.id, **values)
        except ValidationError as exc:
            self.show_refusal(exc)
            return
        self.accept()

    def show_refusal(self, error: ValidationError) -> None:
        show_refusal(self, self.errors, self.area, error)
