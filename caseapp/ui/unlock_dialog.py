"""The unlock page in a window of its own, for starting the app on an existing caseload.

Accepted once the store is open (unlocking runs in the background, so `accepted` comes
a moment after Enter). Escape or closing the window leaves it locked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from caseapp.store import KdfParams, Store
from caseapp.ui.unlock_page import UnlockPage

if TYPE_CHECKING:  # for the annotation only: the first screen loads no more than it shows
    from PySide6.QtGui import QCloseEvent


class UnlockDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None, *, kdf: KdfParams | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unlock caseload"))
        self.page = UnlockPage(store, kdf=kdf)
        # The fields tests and callers reach for most.
        self.passphrase = self.page.passphrase
        self.error = self.page.passphrase_problem
        self.page.unlocked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        self.setMinimumWidth(520)
        self.page.mode_changed.connect(lambda _mode: self.adjustSize())
        self.page.show_passphrase()

    def reject(self) -> None:
        # Closing mid-attempt would leave the store opening with no window to show it.
        if not self.page.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.page.busy:
            event.ignore()
            return
        super().closeEvent(event)
