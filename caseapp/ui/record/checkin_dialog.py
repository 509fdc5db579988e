"""Edit a check-in already recorded; one recorded more than a day ago asks why it is changed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from caseapp.services.checkins import REASON_LENGTH, CheckInRecord
from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.ui.record.checkin_fields import CheckInFields
from caseapp.ui.widgets.field_errors import FieldErrors, FormArea, fit_to_screen, show_refusal
from caseapp.ui.widgets.form_dialog import save_cancel


class CheckInDialog(QDialog):
    def __init__(self, services: Services, check_in: CheckInRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.check_in = check_in
        self.saved: CheckInRecord | None = None
        self.needs_reason = services.checkins.edit_needs_reason(check_in_id=check_in.id)
        self.setWindowTitle(self.tr("Edit check-in"))
        fields = CheckInFields(note_height=90)
        self.when, self.method, self.outcome = fields.when, fields.method, fields.outcome
        self.note, self.actions_box, self.next_contact = fields.note, fields.actions_box, fields.next_contact
        self.reason = QLineEdit()
        self.reason.setMaxLength(REASON_LENGTH)
        self.reason.setAccessibleName(self.tr("Reason for the change"))
        self.reason.setPlaceholderText(self.tr("e.g. recorded against the wrong day"))

        form = QFormLayout()
        form.addRow(self.tr("&When:"), self.when)
        form.addRow(self.tr("&How:"), self.method)
        form.addRow(self.tr("&Outcome:"), self.outcome)
        fields.add_note_rows(form)
        self.reason_hint = QLabel()
        self.reason_hint.setWordWrap(True)
        if self.needs_reason:
            self.reason_hint.setText(self.tr(
                "This check-in was recorded more than a day ago. Say why it is being changed: "
                "the reason is kept in its History."))
        else:
            self.reason_hint.setText(self.tr("A reason is not needed for a check-in recorded today, "
                                             "but one given is kept in its History."))
        form.addRow(self.reason_hint)
        form.addRow(self.tr("&Reason for the change:"), self.reason)
        self.errors = FieldErrors(
            form,
            {**fields.by_field(), "reason": self.reason},
        )
        buttons, self.save_button = save_cancel(self, self.tr("Save check-in"))
        # Seven rows, two text boxes and a hint are near a laptop screen's height at 150%,
        # and taller with a refusal's sentences: the rows scroll, the buttons stay in view.
        self.area = FormArea(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        self.save_button.setDefault(True)
        self.setMinimumWidth(560)

        at = check_in.happened_at
        self.when.setDateTime(QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute, at.second)))
        self.method.set_value(check_in.method)
        self.outcome.set_value(check_in.outcome)
        self.note.setPlainText(check_in.note or "")
        self.actions_box.setPlainText(check_in.actions or "")
        self.next_contact.set_value(check_in.next_contact_on)
        self.errors.clear_when_changed()
        fit_to_screen(self)

    def values(self) -> dict[str, Any]:
        happened: datetime = self.when.dateTime().toPython()  # type: ignore[assignment]
        when = happened.replace(second=0, microsecond=0)
        # Minutes are what the form shows: an untouched time keeps the stored one exactly.
        if when == self.check_in.happened_at.replace(second=0, microsecond=0, tzinfo=None):
            when = self.check_in.happened_at
        return {
            "happened_at": when,
            "method": self.method.value(),
            "outcome": self.outcome.value(),
            "note": self.note.toPlainText(),
            "actions": self.actions_box.toPlainText(),
            "next_contact_on": self.next_contact.value(),
        }

    def save(self) -> None:
        try:
            self.saved = self.services.checkins.edit_check_in(
                check_in_id=self.check_in.id, reason=self.reason.text(), **self.values())
        except ValidationError as exc:
            self.show_refusal(exc)
            return
        self.accept()

    def show_refusal(self, error: ValidationError) -> None:
        show_refusal(self, self.errors, self.area, error)
