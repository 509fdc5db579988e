"""Add or edit a worker or Personal Adviser, or the worker's own details ("My details").

The same fields either way: a hand-off pack prints the young person's worker's phone, email,
team and hours for the line manager, whoever that worker is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from caseapp.models.codes import WorkerRole
from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.services.workers import WorkerRecord
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.field_errors import FormArea, fit_to_screen, show_refusal
from caseapp.ui.widgets.form_dialog import add_rows, save_cancel


def _line(name: str, max_length: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setMaxLength(max_length)
    edit.setPlaceholderText(placeholder)
    return edit


class WorkerDialog(QDialog):
    """`worker`: None to add a colleague; `own`: the worker's own details (My details)."""

    def __init__(self, services: Services, worker: WorkerRecord | None = None, *, own: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.saved: WorkerRecord | None = None
        if own:
            title = self.tr("My details")
        else:
            title = self.tr("Edit colleague") if worker else self.tr("Add colleague")
        self.setWindowTitle(title)
        self.name = _line(self.tr("Name"), 120)
        self.role = CodeCombo(WorkerRole)
        self.role.setAccessibleName(self.tr("Role"))
        self.phone = _line(self.tr("Phone"), 40, self.tr("e.g. 07700 900123"))
        self.email = _line(self.tr("Email"), 200, self.tr("e.g. name@council.gov.uk"))
        self.team = _line(self.tr("Team"), 120, self.tr("e.g. Leaving care EET team"))
        self.hours = _line(self.tr("Hours"), 200, self.tr("e.g. Monday to Thursday, 9am to 5pm"))
        intro = QLabel(
            self.tr("Hand-off packs print these so a line manager can reach you. Give a phone number "
                    "or an email, ideally both.")
            if own else
            self.tr("Hand-off packs print the young person's worker's phone, email, team and hours for "
                    "the line manager.")
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.errors = add_rows(form, [
            (self.tr("&Name:"), "name", self.name),
            (self.tr("&Role:"), "role", self.role),
            (self.tr("&Phone:"), "phone", self.phone),
            (self.tr("&Email:"), "email", self.email),
            (self.tr("&Team:"), "team", self.team),
            (self.tr("&Hours:"), "hours", self.hours),
        ])
        buttons, self.save_button = save_cancel(self, self.tr("Save details") if own else self.tr("Save colleague"))
        # A window does not grow with the sentences a refusal puts under the rows: in a scroll
        # area the rows get the height they need, and the buttons stay in view below them.
        self.area = FormArea(form)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        self.save_button.setDefault(True)
        self.setMinimumWidth(560)
        if worker is not None:
            self.name.setText(worker.name)
            self.role.set_value(worker.role)
            for field in ("phone", "email", "team", "hours"):
                getattr(self, field).setText(getattr(worker, field) or "")
        elif not own:
            self.role.set_value(WorkerRole.PERSONAL_ADVISER)
        self.errors.clear_when_changed()
        fit_to_screen(self)
        self.name.setFocus()

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "role": self.role.value(),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "team": self.team.text(),
            "hours": self.hours.text(),
        }

    def save(self) -> None:
        try:
            if self.worker is None:
                self.saved = self.services.workers.add_worker(**self.values())
            else:
                self.saved = self.services.workers.edit_worker(worker_id=self.worker.id, **self.values())
        except ValidationError as exc:
            self.show_refusal(exc)
            return
        self.accept()

    def show_refusal(self, error: ValidationError) -> None:
        show_refusal(self, self.errors, self.area, error)
