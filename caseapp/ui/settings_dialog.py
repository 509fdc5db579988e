"""Every caseload setting, each with its label, limits and the service's message on refusal."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseapp import settings as declared
from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.services.settings_service import whole
from caseapp.ui.widgets.field_errors import FieldErrors, FormArea, fit_to_screen, show_refusal
from caseapp.ui.widgets.money import PoundsField


class SettingsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Settings"))
        values = services.settings.get_all()
        self.fields: dict[str, PoundsField | QSpinBox | QLineEdit] = {}
        self.setMinimumWidth(560)
        form = QFormLayout()
        for setting in declared.ALL:
            label = self.tr(setting.label)
            field: PoundsField | QSpinBox | QLineEdit
            if setting is declared.LIVING_WAGE_PENCE:
                # Stored in pence, typed in pounds.
                label = self.tr("Local living wage (per hour)")
                field = pounds = PoundsField()
                pounds.setMinimum((setting.minimum or 0) / 100)
                pounds.setMaximum((setting.maximum or 0) / 100)
                pounds.set_pence(whole(values, setting))
            elif setting.type is int:
                field = number = QSpinBox()
                number.setRange(setting.minimum or 0, setting.maximum or 1_000_000)
                number.setValue(whole(values, setting))
            else:
                field = QLineEdit(str(values[setting.key]))
            field.setAccessibleName(label)
            field.setMinimumWidth(220)
            self.fields[setting.key] = field
            form.addRow(label + ":", field)
        self.errors = FieldErrors(form, self.fields)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        # Nine rows, each with room for a sentence under it, are taller than a laptop screen
        # at 150%: the rows scroll, the buttons stay in view.
        self.area = FormArea(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        self.errors.clear_when_changed()
        fit_to_screen(self)

    def value(self, key: str) -> object:
        field = self.fields[key]
        if isinstance(field, PoundsField):
            return field.pence()
        return field.value() if isinstance(field, QSpinBox) else field.text()

    def save(self) -> None:
        # Every value is checked before any is saved, so a refusal changes nothing.
        problems: dict[str, str] = {}
        for key in self.fields:
            try:
                declared.BY_KEY[key].check(self.value(key))
            except ValueError as exc:
                problems[key] = str(exc)
        if problems:
            self.show_refusal(ValidationError(problems))
            return
        try:
            for key in self.fields:
                self.services.settings.set_setting(key=key, value=self.value(key))
        except ValidationError as exc:
            self.show_refusal(exc)
            return
        self.accept()

    def show_refusal(self, error: ValidationError) -> None:
        show_refusal(self, self.errors, self.area, error)
