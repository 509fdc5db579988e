"""Every field of a young person's profile, as a form; the values go to PeopleService.

Shared by the New young person dialog and the Profile tab, so both show the same fields,
labels and messages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
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

from caseapp.models.fields import GROUPS, LEFT_GROUPS, PERSON_FIELDS, Field, Kind
from caseapp.services.errors import ValidationError
from caseapp.services.people import LIST_FIELDS, PersonRecord
from caseapp.services.workers import WorkerRecord
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.date_field import DateField
from caseapp.ui.widgets.field_errors import FieldErrors

FLAG_FIELDS = tuple(f.name for f in PERSON_FIELDS if f.kind is Kind.FLAG)


def _tr(text: str) -> str:
    # The declarations mark their labels under this class's name (caseapp/models/fields.py).
    return QCoreApplication.translate("PersonForm", text)


def _text() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(60)
    return edit


class PersonForm(QWidget):
    def __init__(self, workers: list[WorkerRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets: dict[str, QWidget] = {f.name: self._widget(f, workers) for f in PERSON_FIELDS}
        left, right = QVBoxLayout(), QVBoxLayout()
        self._forms: list[FieldErrors] = []
        for number, title in enumerate(GROUPS):
            form = QFormLayout()
            mine = [f for f in PERSON_FIELDS if f.group == number]
            for f in mine:
                form.addRow(_tr(f.row) if f.row else "", self.widgets[f.name])
            self._forms.append(FieldErrors(form, {f.name: self.widgets[f.name] for f in mine}))
            box = QGroupBox(_tr(title))
            box.setLayout(form)
            (left if number < LEFT_GROUPS else right).addWidget(box)
        left.addStretch()
        right.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

    def _widget(self, f: Field, workers: list[WorkerRecord]) -> QWidget:
        """The widget the field's kind is edited with, named for a screen reader."""
        widget: QWidget
        if f.kind is Kind.CODE:
            assert f.codes is not None, f.name
            widget = CodeCombo(f.codes, blank=_tr(f.blank) if f.blank else None, default=f.default)
        elif f.kind in (Kind.DAY, Kind.BIRTH_DATE):
            widget = DateField(optional=True)
        elif f.kind is Kind.FLAG:
            widget = QCheckBox(_tr(f.label))
        elif f.kind is Kind.WORKER:
            widget = QComboBox()
            self._fill_workers(widget, workers)
        elif f.kind is Kind.TEXT:
            widget = _text()
        else:
            widget = QLineEdit()
            if f.max_length and f.kind is Kind.LINE:
                # The service's limit, so typing stops there instead of being refused on save.
                widget.setMaxLength(f.max_length)
            if f.kind is Kind.WORDS:
                widget.setPlaceholderText(self.tr("separate with commas"))
        widget.setAccessibleName(_tr(f.accessible or f.label))
        return widget

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
        for f in PERSON_FIELDS:
            widget = self.widgets[f.name]
            if f.kind is Kind.WORKER and isinstance(widget, QComboBox):
                self._fill_workers(widget, workers)

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
