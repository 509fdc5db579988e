"""Move a step on to its next stage, or end it early with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from caseapp.models.codes import ALLOWED_TRANSITIONS, StepStatus
from caseapp.services.errors import ValidationError
from caseapp.services.pathway import StepRecord
from caseapp.services.registry import Services
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.date_field import DateField
from caseapp.ui.widgets.field_errors import FieldErrors, FormArea, fit_to_screen, show_refusal


def _text(name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(70)
    return box


class MoveStepDialog(QDialog):
    """`ending=True` asks for the reason the step ended early; otherwise for the next stage."""

    def __init__(self, services: Services, step: StepRecord, *, ending: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.step = step
        self.ending = ending
        what = f"{step.type.label}: {step.title}" if step.title else step.type.label
        self.setWindowTitle(self.tr("End step early") if ending else self.tr("Move step on"))
        choices = [s for s in StepStatus if s in ALLOWED_TRANSITIONS[step.status] and s != StepStatus.ENDED_EARLY]
        self.status = CodeCombo(choices)
        self.status.setAccessibleName(self.tr("Next stage"))
        self.on = DateField()
        self.on.setAccessibleName(self.tr("Date"))
        self.on.set_value(services.today())
        self.reason = _text(self.tr("Why it ended early"))
        self.outcome = _text(self.tr("Outcome"))
        form = QFormLayout()
        self.summary = QLabel(self.tr("%1, now %2.").replace("%1", what).replace("%2", step.status.label.lower()))
        # A long role or course wraps rather than widening the dialog past the screen.
        self.summary.setWordWrap(True)
        form.addRow(self.summary)
        fields: dict[str, QWidget] = {"on": self.on}
        if ending:
            form.addRow(self.tr("&Why it ended:"), self.reason)
            fields["ended_reason"] = self.reason
        else:
            form.addRow(self.tr("&Move to:"), self.status)
            fields["status"] = self.status
        form.addRow(self.tr("&On:"), self.on)
        form.addRow(self.tr("O&utcome:"), self.outcome)
        fields["outcome"] = self.outcome
        self.errors = FieldErrors(form, fields)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("End step") if ending else self.tr("Move on"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        # With a refusal's sentences under the two text boxes the form can be taller than a
        # laptop screen at 150%: the rows scroll, the buttons stay in view.
        self.area = FormArea(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        self.errors.clear_when_changed()
        fit_to_screen(self)

    def save(self) -> None:
        outcome = self.outcome.toPlainText() or None
        try:
            if self.ending:
                self.services.pathway.move_step(step_id=self.step.id, status=StepStatus.ENDED_EARLY,
                                                on=self.on.value(), reason=self.reason.toPlainText(), outcome=outcome)
            else:
                self.services.pathway.move_step(step_id=self.step.id, status=self.status.value(),
                                                on=self.on.value(), outcome=outcome)
        except ValidationError as exc:
            self.show_refusal(exc)
            return
        self.accept()

    def show_refusal(self, error: ValidationError) -> None:
        show_refusal(self, self.errors, self.area, error)
