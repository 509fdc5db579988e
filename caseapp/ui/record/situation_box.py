"""EET status, accommodation, and closing the case: each change is dated and kept as history."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from caseapp.models.codes import AccommodationType, EetStatus
from caseapp.services.errors import ValidationError
from caseapp.services.oc3 import CLOSING_REASONS
from caseapp.services.people import PersonRecord
from caseapp.services.registry import Services
from caseapp.ui.models.record_table_model import day
from caseapp.ui.widgets import confirm
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.date_field import DateField
from caseapp.ui.widgets.field_errors import FieldErrors


def _button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(slot)
    return button


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class SituationBox(QGroupBox):
    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Situation now"))
        self.services = services
        self.person_id = person_id

        self.eet_now = QLabel()
        # Blank until the worker chooses: a change nobody chose is never one click away.
        self.eet = CodeCombo(EetStatus, blank="")
        self.eet.setAccessibleName(self.tr("New EET status"))
        self.eet_from = DateField()
        self.eet_from.setAccessibleName(self.tr("EET status from"))
        self.accommodation_now = QLabel()
        self.accommodation = CodeCombo(AccommodationType, blank="")
        self.accommodation.setAccessibleName(self.tr("New accommodation"))
        self.suitable = QCheckBox(self.tr("Suitable"))
        self.suitable.setChecked(True)
        self.accommodation_from = DateField()
        self.accommodation_from.setAccessibleName(self.tr("Accommodation from"))
        self.close_on = DateField()
        self.close_on.setAccessibleName(self.tr("Closing date"))
        # Editable, with the statutory return's standard reasons offered first: the OC3 return
        # reads DIED, RHOM, NREQ and REFU from them.
        self.close_reason = QComboBox()
        self.close_reason.setEditable(True)
        self.close_reason.addItem("")
        self.close_reason.addItems(list(CLOSING_REASONS.values()))
        self.close_reason.setCurrentIndex(0)
        self.close_reason.setMinimumWidth(320)
        self.close_reason.setAccessibleName(self.tr("Reason for closing"))
        typed_reason = self.close_reason.lineEdit()  # there is one: the box was made editable above
        if typed_reason is not None:
            typed_reason.setAccessibleName(self.tr("Reason for closing"))
        for field in (self.eet_from, self.accommodation_from, self.close_on):
            field.set_value(services.today())
        self.close_button = _button(self.tr("Close case…"), self.tr("Close case"), self.close_case)
        self.reopen_button = _button(self.tr("Reopen case"), self.tr("Reopen case"), self.reopen_case)

        def row(*widgets: QWidget) -> QHBoxLayout:
            line = QHBoxLayout()
            for widget in widgets:
                line.addWidget(widget)
            line.addStretch()
            return line

        form = QFormLayout(self)
        form.addRow(self.tr("EET status:"), self.eet_now)
        form.addRow(_label(self.tr("Change &EET status to:"), self.eet), row(
            self.eet, QLabel(self.tr("from")), self.eet_from,
            _button(self.tr("Record"), self.tr("Record EET status"), self.record_eet),
        ))
        form.addRow(self.tr("Accommodation:"), self.accommodation_now)
        form.addRow(_label(self.tr("Change acc&ommodation to:"), self.accommodation), row(
            self.accommodation, self.suitable, QLabel(self.tr("from")), self.accommodation_from,
            _button(self.tr("Record"), self.tr("Record accommodation"), self.record_accommodation),
        ))
        form.addRow(_label(self.tr("C&lose the case on:"), self.close_on), row(
            self.close_on, QLabel(self.tr("because")), self.close_reason, self.close_button, self.reopen_button,
        ))
        self.errors = FieldErrors(form, {"status": self.eet, "type": self.accommodation,
                                         "closed_on": self.close_on, "closed_reason": self.close_reason})
        # One message slot per change: the service's own field names.
        self.errors.fields["start_date"] = self.eet_from
        self.errors.fields["suitable"] = self.suitable

    def show_person(self, person: PersonRecord) -> None:
        # The "change to" boxes are left as the worker set them: a reload after some other
        # change must not throw away a choice not yet recorded.
        eet = person.current_eet
        self.eet_now.setText(f"{eet.status.label} (since {day(eet.start_date)})" if eet else self.tr("Not recorded"))
        home = person.current_accommodation
        if home:
            suitable = self.tr("suitable") if home.suitable else self.tr("not suitable")
            self.accommodation_now.setText(f"{home.type.label}, {suitable} (since {day(home.start_date)})")
        else:
            self.accommodation_now.setText(self.tr("Not recorded"))
        closed = person.closed_on is not None
        self.close_button.setEnabled(not closed)
        self.close_reason.setEnabled(not closed)
        self.close_on.setEnabled(not closed)
        self.reopen_button.setEnabled(closed)

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except ValidationError as exc:
            self.errors.show(exc)
            return False
        self.errors.clear()
        return True

    def record_eet(self) -> None:
        if self._run(lambda: self.services.people.set_eet_status(
                person_id=self.person_id, status=self.eet.value(), start_date=self.eet_from.value())):
            self.eet.set_value(None)  # recorded: blank again for the next change

    def record_accommodation(self) -> None:
        if self._run(lambda: self.services.people.set_accommodation(
                person_id=self.person_id, type=self.accommodation.value(), suitable=self.suitable.isChecked(),
                start_date=self.accommodation_from.value())):
            self.accommodation.set_value(None)

    def close_case(self) -> None:
        if not self.close_reason.currentText().strip():
            self.errors.show(ValidationError({"closed_reason": self.tr("Reason for closing is required.")}))
            return
        if not confirm.ask(self, self.tr("Close case"),
                           self.tr("Close this case? It leaves the caseload but nothing is deleted; "
                                   "you can reopen it."), self.tr("Close case")):
            return
        self._run(lambda: self.services.people.close_case(
            person_id=self.person_id, closed_on=self.close_on.value(), reason=self.close_reason.currentText()))

    def reopen_case(self) -> None:
        self._run(lambda: self.services.people.reopen_case(person_id=self.person_id))
