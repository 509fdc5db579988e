"""Add or edit a social-value commitment: the measure (named by the user), pledge, contract, period."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, TypeVar

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from caseapp.models.codes import StepType
from caseapp.services.employers import CommitmentRecord
from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.date_field import DateField
from caseapp.ui.widgets.field_errors import FormArea, fit_to_screen, show_refusal
from caseapp.ui.widgets.form_dialog import add_rows, save_cancel

# The widget's own class comes back, so its methods stay known.
W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setAccessibleName(name)
    return widget


class CommitmentDialog(QDialog):
    def __init__(self, services: Services, employer_id: int, commitment: CommitmentRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.employer_id = employer_id
        self.commitment = commitment
        self.setWindowTitle(self.tr("Edit commitment") if commitment else self.tr("Add commitment"))
        self.measure = _named(QLineEdit(), self.tr("Measure"))
        # Measure names from published frameworks can be licensed text: people word their own.
        self.measure.setPlaceholderText(self.tr("In your own words, e.g. 8-week paid placements for care leavers"))
        self.step_type = _named(CodeCombo(StepType, blank=self.tr("Not tied to one kind of step")),
                                self.tr("What counts as delivered"))
        pledged = QSpinBox()
        pledged.setRange(0, 100_000)
        self.pledged = _named(pledged, self.tr("Pledged"))
        self.contract = _named(QLineEdit(), self.tr("Contract"))
        self.period_start = _named(DateField(), self.tr("Period start"))
        self.period_end = _named(DateField(), self.tr("Period end"))
        today = services.today()
        self.period_start.set_value(today)
        self.period_end.set_value(today + timedelta(days=364))
        form = QFormLayout()
        rows = [
            (self.tr("&Measure:"), "measure", self.measure),
            (self.tr("&Counts as delivered:"), "step_type", self.step_type),
            (self.tr("&Pledged:"), "pledged", self.pledged), (self.tr("C&ontract:"), "contract", self.contract),
            (self.tr("Period &from:"), "period_start", self.period_start),
            (self.tr("Period &to:"), "period_end", self.period_end),
        ]
        self.errors = add_rows(form, rows)
        buttons, self.save_button = save_cancel(self, self.tr("Save commitment"))
        # With a refusal's sentences under its rows the form can be taller than a laptop
        # screen: the rows scroll, the buttons stay in view.
        self.area = FormArea(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        # Only once the button is inside the dialog does Enter reach it.
        self.save_button.setDefault(True)
        self.setMinimumWidth(520)
        if commitment is not None:
            self.measure.setText(commitment.measure)
            self.step_type.set_value(commitment.step_type)
            self.pledged.setValue(commitment.pledged)
            self.contract.setText(commitment.contract or "")
            self.period_start.set_value(commitment.period_start)
            self.period_end.set_value(commitment.period_end)
        self.errors.clear_when_changed()
        fit_to_screen(self)

    def values(self) -> dict[str, Any]:
        return {
            "measure": self.measure.text(),
            "step_type": self.step_type.value(),
            "pledged": self.pledged.value(),
            "contract": self.contract.text(),
            "period_start": self.period_start.value(),
            "period_end": self.period_end.value(),
        }

    def save(self) -> None:
        employers = self.services.employers
        try:
            if self.commitment is None:
                self.saved = employers.add_commitment(employer_id=self.employer_id, **self.values())
            else:
                self.saved = employers.edit_commitment(commitment_id=self.commitment.id, **self.values())
        except ValidationError as exc:
            self.show_refusal(exc)
            return
        self.accept()

    def show_refusal(self, error: ValidationError) -> None:
        show_refusal(self, self.errors, self.area, error)
