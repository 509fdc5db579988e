"""Every field of a young person's profile, as a form; the values go to PeopleService.

Shared by the New young person dialog and the Profile tab, so both show the same fields,
labels and messages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from caseapp.models.codes import (
    CareLeaverCategory,
    DigitalAccess,
    ImmigrationStatus,
    ReferralSource,
    RightToWork,
    Sex,
    SkillLevel,
)
from caseapp.services.errors import ValidationError
from caseapp.services.people import PersonRecord
from caseapp.services.workers import WorkerRecord
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.date_field import DateField
from caseapp.ui.widgets.field_errors import FieldErrors

LIST_FIELDS = ("sectors_of_interest", "areas_can_reach", "places_not_safe")
FLAG_FIELDS = ("uasc", "no_recourse_to_public_funds", "esol_need")


def _line(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    return edit


def _text(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(60)
    return edit


class PersonForm(QWidget):
    def __init__(self, workers: list[WorkerRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets: dict[str, QWidget] = {
            "given_name": _line(self.tr("Given name")),
            "family_name": _line(self.tr("Family name")),
            "preferred_name": _line(self.tr("Preferred name")),
            "own_script_name": _line(self.tr("Name in own script")),
            "date_of_birth": DateField(optional=True),
            "sex": CodeCombo(Sex, blank=self.tr("Not recorded")),
            "child_ref": _line(self.tr("Child reference")),
            "worker_id": self._worker_combo(workers, self.tr("Worker")),
            "pa_id": self._worker_combo(workers, self.tr("Personal Adviser")),
            "phone": _line(self.tr("Phone")),
            "email": _line(self.tr("Email")),
            "address": _line(self.tr("Address")),
            "safe_contact": _line(self.tr("Safe ways and times to contact")),
            "referral_source": CodeCombo(ReferralSource, blank=self.tr("Not recorded")),
            "referral_date": DateField(optional=True),
            "care_leaver_category": CodeCombo(CareLeaverCategory, blank=self.tr("Not recorded")),
            "uasc": QCheckBox(self.tr("Came to the UK as an unaccompanied asylum-seeking child")),
            "immigration_status": CodeCombo(ImmigrationStatus, blank=self.tr("Not recorded")),
            # Nobody's right to work is known until it has been checked: the service's default.
            "right_to_work": CodeCombo(RightToWork, default=RightToWork.NOT_CHECKED),
            "right_to_work_expiry": DateField(optional=True),
            "right_to_work_checked_on": DateField(optional=True),
            "no_recourse_to_public_funds": QCheckBox(self.tr("No recourse to public funds")),
            "english_level": CodeCombo(SkillLevel, blank=self.tr("Not known")),
            "maths_level": CodeCombo(SkillLevel, blank=self.tr("Not known")),
            "esol_need": QCheckBox(self.tr("Would benefit from English language (ESOL) classes")),
            "digital_access": CodeCombo(DigitalAccess, blank=self.tr("Not known")),
            "sectors_of_interest": _line(self.tr("Sectors of interest")),
            "aspirations": _text(self.tr("Aspirations")),
            "strengths": _text(self.tr("Strengths")),
            "areas_can_reach": _line(self.tr("Areas they can reach")),
            "places_not_safe": _line(self.tr("Places not safe to travel to")),
        }
        w = self.widgets
        # Two dates whose row labels mean little read aloud on their own.
        w["right_to_work_expiry"].setAccessibleName(self.tr("Right to work runs out on"))
        w["right_to_work_checked_on"].setAccessibleName(self.tr("Right to work checked on"))
        for name in LIST_FIELDS:
            w[name].setPlaceholderText(self.tr("separate with commas"))  # type: ignore[attr-defined]

        groups = [
            (self.tr("Who they are"), [
                (QT_TRANSLATE_NOOP("PersonForm", "&Given name:"), "given_name"), (QT_TRANSLATE_NOOP("PersonForm", "&Family name:"), "family_name"),
                (QT_TRANSLATE_NOOP("PersonForm", "P&referred name:"), "preferred_name"), (QT_TRANSLATE_NOOP("PersonForm", "Name in own &script:"), "own_script_name"),
                (QT_TRANSLATE_NOOP("PersonForm", "Date of &birth:"), "date_of_birth"), (QT_TRANSLATE_NOOP("PersonForm", "Se&x:"), "sex"), (QT_TRANSLATE_NOOP("PersonForm", "Child reference:"), "child_ref"),
            ]),
            (self.tr("Who supports them"), [
                (QT_TRANSLATE_NOOP("PersonForm", "&Worker:"), "worker_id"), (QT_TRANSLATE_NOOP("PersonForm", "Personal &Adviser:"), "pa_id"),
                (QT_TRANSLATE_NOOP("PersonForm", "Referral source:"), "referral_source"), (QT_TRANSLATE_NOOP("PersonForm", "Referral date:"), "referral_date"),
                (QT_TRANSLATE_NOOP("PersonForm", "Care-leaver category:"), "care_leaver_category"),
            ]),
            (self.tr("Contact"), [
                (QT_TRANSLATE_NOOP("PersonForm", "&Phone:"), "phone"), (QT_TRANSLATE_NOOP("PersonForm", "&Email:"), "email"), (QT_TRANSLATE_NOOP("PersonForm", "Address:"), "address"),
                (QT_TRANSLATE_NOOP("PersonForm", "Safe ways and &times:"), "safe_contact"),
            ]),
            (self.tr("Right to work"), [
                ("", "uasc"), (QT_TRANSLATE_NOOP("PersonForm", "Immigration status:"), "immigration_status"), (QT_TRANSLATE_NOOP("PersonForm", "Right to work:"), "right_to_work"),
                (QT_TRANSLATE_NOOP("PersonForm", "Runs out on:"), "right_to_work_expiry"), (QT_TRANSLATE_NOOP("PersonForm", "Checked on:"), "right_to_work_checked_on"),
                ("", "no_recourse_to_public_funds"),
            ]),
            (self.tr("Skills and hopes"), [
                (QT_TRANSLATE_NOOP("PersonForm", "English level:"), "english_level"), (QT_TRANSLATE_NOOP("PersonForm", "Maths level:"), "maths_level"), ("", "esol_need"),
                (QT_TRANSLATE_NOOP("PersonForm", "Digital access:"), "digital_access"), (QT_TRANSLATE_NOOP("PersonForm", "Sectors of interest:"), "sectors_of_interest"),
                (QT_TRANSLATE_NOOP("PersonForm", "Aspirations:"), "aspirations"), (QT_TRANSLATE_NOOP("PersonForm", "Strengths:"), "strengths"),
                (QT_TRANSLATE_NOOP("PersonForm", "Areas they can reach:"), "areas_can_reach"), (QT_TRANSLATE_NOOP("PersonForm", "Places not safe to travel to:"), "places_not_safe"),
            ]),
        ]
        left, right = QVBoxLayout(), QVBoxLayout()
        self._forms: list[FieldErrors] = []
        for number, (title, rows) in enumerate(groups):
            form = QFormLayout()
            for label, name in rows:
                form.addRow(self.tr(label), w[name])
                if label and not w[name].accessibleName():
                    # The row's label, read aloud without its shortcut mark and colon.
                    w[name].setAccessibleName(self.tr(label).replace("&", "").rstrip(":"))
            self._forms.append(FieldErrors(form, {name: w[name] for _label, name in rows}))
            box = QGroupBox(title)
            box.setLayout(form)
            (left if number in (0, 1, 2) else right).addWidget(box)
        left.addStretch()
        right.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

    def _worker_combo(self, workers: list[WorkerRecord], name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        self._fill_workers(combo, workers)
        return combo

    def _fill_workers(self, combo: QComboBox, workers: list[WorkerRecord]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)  # the choice is put back below: nothing was chosen
        try:
            combo.clear()
            combo.addItem(self.tr("Nobody yet"), None)
            for worker in workers:
                if worker.active:
                    combo.addItem(f"{worker.name} ({worker.role.label})", worker.id)
                    continue
                # Kept so a record allocated before they left still shows them, but never offered.
                combo.addItem(self.tr("%1 (no longer active)").replace("%1", worker.name), worker.id)
                combo.model().item(combo.count() - 1).setEnabled(False)  # type: ignore[attr-defined]
                combo.view().setRowHidden(combo.count() - 1, True)  # type: ignore[attr-defined]
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
        finally:
            combo.blockSignals(False)

    def set_workers(self, workers: list[WorkerRecord]) -> None:
        """Colleagues added, edited or made inactive since the form was built; what each
        drop-down shows stays chosen."""
        for name in ("worker_id", "pa_id"):
            self._fill_workers(self.widgets[name], workers)  # type: ignore[arg-type]

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, CodeCombo | DateField):
                out[name] = widget.value()
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
            elif isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText()
            elif name in LIST_FIELDS:
                out[name] = [part.strip() for part in widget.text().split(",") if part.strip()]  # type: ignore[attr-defined]
            else:
                out[name] = widget.text()  # type: ignore[attr-defined]
        return out

    def set_record(self, person: PersonRecord | None) -> None:
        for name, widget in self.widgets.items():
            self._put(name, widget, getattr(person, name) if person is not None else None)
        self.clear_errors()

    def plain_values(self, names: list[str] | None = None) -> dict[str, Any]:
        """`values()` as JSON can hold them (dates as ISO text, codes as their stored value)."""
        out = {}
        for name, value in self.values().items():
            if names is None or name in names:
                out[name] = value.isoformat() if isinstance(value, date) else getattr(value, "value", value)
        return out

    def set_plain_values(self, values: dict[str, Any]) -> None:
        """Put back what `plain_values()` gave; names the form no longer has are ignored."""
        for name, value in values.items():
            widget = self.widgets.get(name)
            if widget is None:
                continue
            if isinstance(widget, DateField):
                value = date.fromisoformat(value) if value else None
            elif isinstance(widget, CodeCombo):
                codes = [widget.itemData(i) for i in range(widget.count())]
                # Qt may hand a str-valued code back as its plain value: compare values.
                value = next((c for c in codes if c is not None and getattr(c, "value", c) == value), None)
            self._put(name, widget, value)

    @staticmethod
    def _put(name: str, widget: QWidget, value: Any) -> None:
        if isinstance(widget, CodeCombo | DateField):
            widget.set_value(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif name in LIST_FIELDS:
            widget.setText(", ".join(value or ()))  # type: ignore[attr-defined]
        else:
            widget.setText(value or "")  # type: ignore[attr-defined]

    def clear_errors(self) -> None:
        for errors in self._forms:
            errors.clear()

    def show_errors(self, error: ValidationError) -> None:
        """Each sentence beside its field, whichever group the field is in."""
        self.clear_errors()
        for errors in reversed(self._forms):
            mine = {k: v for k, v in error.problems.items() if k in errors.fields}
            if mine:
                errors.show(ValidationError(mine))

    def error_text(self, field: str) -> str:
        for errors in self._forms:
            if field in errors.fields:
                return errors.text(field)
        return ""
