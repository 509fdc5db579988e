"""A check-in's fields, built once for the Check-ins tab's quick form and for the dialog that edits one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QWidget

from caseapp.models.codes import CheckInMethod, CheckInOutcome
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.date_field import DateField, MomentField


def _text_box(name: str, height: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class CheckInFields:
    """The words are in one translation context of their own ("CheckInFields"), each written out
    in a `QCoreApplication.translate` call so that the translators' extractor finds it."""

    def __init__(self, *, note_height: int) -> None:
        self.when = MomentField()
        self.when.setAccessibleName(QCoreApplication.translate("CheckInFields", "When"))
        self.method = CodeCombo(CheckInMethod)
        self.method.setAccessibleName(QCoreApplication.translate("CheckInFields", "How"))
        self.outcome = CodeCombo(CheckInOutcome)
        self.outcome.setAccessibleName(QCoreApplication.translate("CheckInFields", "Outcome"))
        self.note = _text_box(QCoreApplication.translate("CheckInFields", "Note"), note_height)
        self.actions_box = _text_box(QCoreApplication.translate("CheckInFields", "Actions agreed"), note_height)
        self.next_contact = DateField(optional=True)
        self.next_contact.setAccessibleName(QCoreApplication.translate("CheckInFields", "Next contact agreed"))

    def add_note_rows(self, form: QFormLayout) -> None:
        """The note, the actions agreed and the next contact, below wherever the screen puts the rest."""
        form.addRow(QCoreApplication.translate("CheckInFields", "&Note:"), self.note)
        form.addRow(QCoreApplication.translate("CheckInFields", "&Actions agreed:"), self.actions_box)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_contact)
        next_row.addStretch()
        next_label = QLabel(QCoreApplication.translate("CheckInFields", "Ne&xt contact agreed:"))
        next_label.setBuddy(self.next_contact)
        form.addRow(next_label, next_row)

    def by_field(self) -> dict[str, QWidget]:
        """Each widget under the name the service's refusals give its field."""
        return {"happened_at": self.when, "method": self.method, "outcome": self.outcome, "note": self.note,
                "actions": self.actions_box, "next_contact_on": self.next_contact}
