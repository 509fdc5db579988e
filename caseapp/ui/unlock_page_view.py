"""Layout of the unlock page: the passphrase, or the recovery key and a new passphrase.

Nothing here knows the store; `UnlockPage` adds the behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseapp.ui.passphrase_fields import PassphraseFields, problem_label

CARD_WIDTH = 480


def _button(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    # Enter is handled by the fields themselves, so a dialog around this page must not
    # also "click" a default button.
    button.setAutoDefault(False)
    return button


class UnlockPageView(QWidget):
    mode_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Unlock caseload"))
        self.title = QLabel(self.tr("Your caseload is locked"))
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setAccessibleName(self.tr("Your caseload is locked"))

        # Two modes, one shown. Not a QStackedWidget: that keeps the size of the larger,
        # and a window around the short passphrase mode would stand half empty.
        self.modes = [self._passphrase_mode(), self._recovery_mode()]

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no end known: a moving bar
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.setAccessibleName(self.tr("Working"))
        self.busy_text = QLabel()
        self.busy_text.setAccessibleName(self.tr("What is happening"))
        self.busy_bar.hide()
        self.busy_text.hide()

        card = QWidget()
        card.setMaximumWidth(CARD_WIDTH)
        column = QVBoxLayout(card)
        column.addWidget(self.title)
        column.addSpacing(6)
        for mode in self.modes:
            column.addWidget(mode)
        column.addWidget(self.busy_text)
        column.addWidget(self.busy_bar)

        # The card sits in the middle of whatever space the main window gives it.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.set_mode(0)

    def set_mode(self, index: int) -> None:
        for i, mode in enumerate(self.modes):
            mode.setVisible(i == index)
        self._mode = index
        self.mode_changed.emit(index)

    def mode(self) -> int:
        return self._mode

    def _passphrase_mode(self) -> QWidget:
        page = QWidget()
        intro = QLabel(self.tr("Enter your passphrase to open it."))
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase_problem = problem_label(self.tr("Passphrase"))
        self.unlock_button = _button(self.tr("&Unlock"), self.tr("Unlock"))
        self.use_recovery_button = _button(self.tr("Use &recovery key…"), self.tr("Use recovery key"))
        self.use_recovery_button.setFlat(True)
        self.use_recovery_button.setToolTip(
            self.tr(
                "If the passphrase is forgotten, open the caseload with its recovery key and "
                "choose a new passphrase."
            )
        )

        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow("", self.passphrase_problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_recovery_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    def _recovery_mode(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "Type the recovery key from the printed or written copy, then choose a new "
                "passphrase. The old passphrase will stop working."
            )
        )
        intro.setWordWrap(True)
        self.recovery_key = QLineEdit()
        self.recovery_key.setAccessibleName(self.tr("Recovery key"))
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.recovery_key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.recovery_problem = problem_label(self.tr("Recovery key"))
        self.new_passphrase = PassphraseFields()
        self.recover_button = _button(
            self.tr("&Open and set passphrase"),
            self.tr("Open with the recovery key and set the new passphrase"),
        )
        self.back_button = _button(self.tr("&Back to passphrase"), self.tr("Back to passphrase"))
        self.back_button.setFlat(True)

        self.new_passphrase.form.insertRow(0, self.tr("Recovery &key:"), self.recovery_key)
        self.new_passphrase.form.insertRow(1, "", self.recovery_problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.recover_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.new_passphrase)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page
