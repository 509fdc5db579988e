"""Asks for the passphrase; the store's own message appears beside the field on failure."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from caseapp.store import Store, StoreError


class UnlockDialog(QDialog):
    def __init__(self, store: Store, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._store = store
        self.setWindowTitle(self.tr("Unlock caseload"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlight); font-weight: bold;")
        self.error.setAccessibleName(self.tr("Unlock problem"))
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow("", self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Unlock"))
        buttons.accepted.connect(self._unlock)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Enter the passphrase for this caseload.")))
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _unlock(self) -> None:
        try:
            self._store.unlock(self.passphrase.text())
        except StoreError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        self.passphrase.clear()
        self.accept()
