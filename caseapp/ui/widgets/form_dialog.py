"""The parts every record dialog shares: its labelled rows with their error labels, and
Save/Cancel wired to the dialog's `save()` and `reject()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QPushButton, QWidget

from caseapp.ui.widgets.field_errors import FieldErrors


def add_rows(form: QFormLayout, rows: Sequence[tuple[str, str, QWidget]]) -> FieldErrors:
    """(label, service field name, widget) rows; the errors show beside each field."""
    for label, _name, widget in rows:
        form.addRow(label, widget)
    return FieldErrors(form, {name: widget for _label, name, widget in rows})


class SavingDialog(Protocol):
    """A record dialog: Save calls its save(), which closes it only once the service agrees."""

    def save(self) -> None: ...

    def reject(self) -> None: ...


def save_cancel(dialog: SavingDialog, save_name: str) -> tuple[QDialogButtonBox, QPushButton]:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setAccessibleName(save_name)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
        QCoreApplication.translate("FormDialog", "Cancel"))
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    return buttons, save
