"""Add or edit a support need: its kind, what it is, and the adjustments that help."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QPlainTextEdit, QVBoxLayout, QWidget

from caseapp.models.codes import NeedCategory
from caseapp.services.errors import ValidationError
from caseapp.services.registry import Services
from caseapp.services.support import NeedRecord
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.field_errors import FieldErrors, FormArea, fit_to_screen, show_refusal


def _text_box(name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(80)
    return box


class NeedDialog(QDialog):
    def __init__(self, services: Services, person_id: int, need: NeedRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.person_id = person_id
        self.need = need
        self.setWindowTitle(self.tr("Edit support need") if need else self.tr("Add support need"))
        self.category = CodeCombo(NeedCategory)
        self.category.setAccessibleName(self.tr("Kind of need"))
        self.description = _text_box(self.tr("Description"))
        self.adjustments = _text_box(self.tr("Adjustments that help"))
        self.adjustments.setPlaceholderText(self.tr("e.g. a later start on Mondays; a quiet place for breaks"))
        form = QFormLayout()
        form.addRow(self.tr("&Kind of need:"), self.category)
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow(self.tr("&Adjustments that help:"), self.adjustments)
        self.errors = FieldErrors(
            form, {"category": self.category, "description": self.description, "adjustments": self.adjustments}
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(self.tr("Save support need"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        # A refusal's sentences under the two text boxes push the rows down, not under the
        # buttons; on a short screen the rows scroll and the buttons stay in view.
        self.area = FormArea(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        # Only once the button is inside the dialog does Enter reach it.
        self.save_button.setDefault(True)
        self.setMinimumWidth(480)
        if need is not None:
            self.category.set_value(need.category)
            self.description.setPlainText(need.description)
            self.adjustments.setPlainText(need.adjustments or "")
        self.errors.clear_when_changed()
        fit_to_screen(self)

    def values(self) -> dict[str, Any]:
        return {
            "category": self.category.value(),
            "description": self.description.toPlainText(),
            "adjustments": self.adjustments.toPlainText(),
        }

    def save(self) -> None:
        try:
            if self.need is None:
                self.saved = self.services.support.add_support_need(person_id=self.person_id, **self.values())
            else:
                self.saved = self.services.support.edit_support_need(need_id=self.need.id, **self.values())
        except ValidationError as exc:
            self.show_refusal(exc)
            return
        self.accept()

    def show_refusal(self, error: ValidationError) -> None:
        show_refusal(self, self.errors, self.area, error)
