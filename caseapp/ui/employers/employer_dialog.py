"""Add or edit an employer: sector, contact, what they offer, notes from check-ins."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from caseapp.services.employers import EmployerRecord
from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.ui.widgets.field_errors import FormArea, fit_to_screen, show_refusal
from caseapp.ui.widgets.form_dialog import add_rows, save_cancel

# The widget's own class comes back, so its methods stay known.
W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setAccessibleName(name)
    return widget


def _text_box(name: str, height: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


class EmployerDialog(QDialog):
    def __init__(self, services: Services, employer: EmployerRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.employer = employer
        self.setWindowTitle(self.tr("Edit employer") if employer else self.tr("Add employer"))
        self.name = _named(QLineEdit(), self.tr("Employer name"))
        self.sector = _named(QLineEdit(), self.tr("Sector"))
        self.sector.setPlaceholderText(self.tr("e.g. Parks and green spaces"))
        self.contact_name = _named(QLineEdit(), self.tr("Contact"))
        self.contact_email = _named(QLineEdit(), self.tr("Contact email"))
        self.contact_phone = _named(QLineEdit(), self.tr("Contact phone"))
        self.offers = _text_box(self.tr("What they offer"), 60)
        self.offers.setPlaceholderText(self.tr("From a 20-minute virtual tour to an apprenticeship"))
        self.notes = _text_box(self.tr("Notes"), 100)
        self.notes.setPlaceholderText(self.tr("Notes from quarterly check-ins"))
        form = QFormLayout()
        rows = [
            (self.tr("&Name:"), "name", self.name), (self.tr("&Sector:"), "sector", self.sector),
            (self.tr("&Contact:"), "contact_name", self.contact_name),
            (self.tr("Contact &email:"), "contact_email", self.contact_email),
            (self.tr("Contact &phone:"), "contact_phone", self.contact_phone),
            (self.tr("What they &offer:"), "offers", self.offers), (self.tr("No&tes:"), "notes", self.notes),
        ]
        self.errors = add_rows(form, rows)
        buttons, self.save_button = save_cancel(self, self.tr("Save employer"))
        # With a refusal's sentences under its rows the form can be taller than a laptop
        # screen: the rows scroll, the buttons stay in view.
        self.area = FormArea(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        # Only once the button is inside the dialog does Enter reach it.
        self.save_button.setDefault(True)
        self.setMinimumWidth(520)
        if employer is not None:
            for name, widget in (("name", self.name), ("sector", self.sector), ("contact_name", self.contact_name),
                                 ("contact_email", self.contact_email), ("contact_phone", self.contact_phone)):
                widget.setText(getattr(employer, name) or "")
            self.offers.setPlainText(employer.offers or "")
            self.notes.setPlainText(employer.notes or "")
        self.errors.clear_when_changed()
        fit_to_screen(self)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "sector": self.sector.text(),
            "contact_name": self.contact_name.text(),
            "contact_email": self.contact_email.text(),
            "contact_phone": self.contact_phone.text(),
            "offers": self.offers.toPlainText(),
            "notes": self.notes.toPlainText(),
        }

    def save(self) -> None:
        try:
            if self.employer is None:
                self.saved = self.services.employers.add_employer(**self.values())
            else:
                self.saved = self.services.employers.edit_employer(employer_id=self.employer.id, **self.values())
        except ValidationError as exc:
            self.show_refusal(exc)
            return
        self.accept()

    def show_refusal(self, error: ValidationError) -> None:
        show_refusal(self, self.errors, self.area, error)
