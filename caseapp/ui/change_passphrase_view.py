"""The change-passphrase dialog's layout; `ChangePassphraseDialog` gives it behaviour.

Two pages: the choice (current passphrase, the new one twice, and why it is being changed),
then what was done, with the new recovery key when there is one.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from caseapp.ui import recovery_key
from caseapp.ui.passphrase_fields import PassphraseFields, problem_label
from caseapp.ui.widgets.field_errors import FormArea


def _paragraph(text: str = "", name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name is not None:
        label.setAccessibleName(name)
    return label


class ChangePassphraseView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change passphrase"))
        self.setMinimumWidth(600)
        self.pages = QStackedWidget()
        self.choose_page = self._choose_page()
        self.done_page = self._done_page()
        self.pages.addWidget(self.choose_page)
        self.pages.addWidget(self.done_page)

        self.buttons = QDialogButtonBox()
        self.change_button = QPushButton(self.tr("C&hange passphrase"))
        self.change_button.setDefault(True)
        self.buttons.addButton(self.change_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = QPushButton(self.tr("&Close"))
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.hide()

        # Three fields, their advice and the two choices explained are taller than a laptop
        # screen at 150%: the page scrolls, the buttons stay in view below it.
        self.area = FormArea(self.pages)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.buttons)
        # The order they are read in, whatever order the layouts made them.
        chain = [self.current, self.fields.passphrase, self.fields.confirm, self.fields.reveal,
                 self.someone_may_know, self.only_new, self.change_button, self.cancel_button,
                 self.key, self.print_button, self.stored, self.close_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _choose_page(self) -> QWidget:
        page = QWidget()
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setAccessibleName(self.tr("Current passphrase"))
        self.current_problem = problem_label(self.current.accessibleName())
        self.fields = PassphraseFields()
        # The strength bar is thin by design: held at that height, a layout never takes it
        # for squeezed below the height a bar usually asks for.
        self.fields.meter.setFixedHeight(self.fields.meter.maximumHeight())

        self.why = QGroupBox(self.tr("Why are you changing it?"))
        self.why.setAccessibleName(self.tr("Why are you changing it?"))
        self.someone_may_know = QRadioButton(self.tr("&Someone may know my passphrase"))
        self.someone_may_know.setAccessibleName(self.tr("Someone may know my passphrase"))
        self.someone_may_know.setAccessibleDescription(self.tr("Re-encrypts the caseload and its backups"))
        self.only_new = QRadioButton(self.tr("I &only want a new passphrase"))
        self.only_new.setAccessibleName(self.tr("I only want a new passphrase"))
        self.only_new.setAccessibleDescription(self.tr("Does not shut out copies and backups"))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.someone_may_know)
        self.choice.addButton(self.only_new)
        self.someone_may_know_text = _paragraph(
            self.tr(
                "caseapp re-encrypts the caseload, and the backups in its backups folder, under a "
                "new key, and gives you a new recovery key. After that, the old passphrase and the "
                "old recovery key open nothing. It can take a minute."
            ),
            self.tr("What Someone may know my passphrase does"),
        )
        self.only_new_text = _paragraph(
            self.tr(
                "Quick, but it shuts nobody out: copies of the caseload and the backups made before "
                "the change still open with the old passphrase, and the recovery key stays the same."
            ),
            self.tr("What I only want a new passphrase does"),
        )
        self.why_problem = problem_label(self.why.accessibleName())
        why_layout = QVBoxLayout(self.why)
        for widget in (self.someone_may_know, self.someone_may_know_text, self.only_new, self.only_new_text):
            if isinstance(widget, QLabel):
                widget.setContentsMargins(24, 0, 0, 6)
            why_layout.addWidget(widget)
        why_layout.addWidget(self.why_problem)

        self.busy_text = _paragraph("", self.tr("What is happening"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.busy_text.hide()
        self.progress.hide()
        self.problem = problem_label(self.tr("Changing the passphrase"))

        current_label = QLabel(self.tr("C&urrent passphrase:"))
        current_label.setBuddy(self.current)
        form = self.fields.form
        form.insertRow(0, current_label, self.current)
        form.insertRow(1, "", self.current_problem)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.fields)
        layout.addWidget(self.why)
        layout.addWidget(self.problem)
        layout.addWidget(self.busy_text)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_text = _paragraph("", self.tr("What was done"))
        self.backups_text = _paragraph("", self.tr("What was done to the backups"))
        self.key_box = QWidget()
        self.key_intro = _paragraph(
            self.tr(
                "This is your new recovery key. If the passphrase is ever forgotten, it is the only "
                "other way into the caseload. It is shown only this once: write it down or print "
                "it, keep it somewhere safe away from the laptop, and destroy the old one."
            )
        )
        self.key = recovery_key.key_label(self.tr("New recovery key"))
        self.print_button = QPushButton(self.tr("&Print recovery key…"))
        self.print_button.setAccessibleName(self.tr("Print the new recovery key"))
        self.print_button.setAutoDefault(False)
        self.print_problem = problem_label(self.tr("Printing"))
        self.stored = QCheckBox(self.tr("&I have written down or printed the new recovery key and stored it safely"))
        self.stored.setAccessibleName(self.tr("I have stored the new recovery key safely"))
        key_layout = QVBoxLayout(self.key_box)
        key_layout.setContentsMargins(0, 0, 0, 0)
        key_layout.addWidget(self.key_intro)
        key_layout.addWidget(self.key)
        print_row = QHBoxLayout()
        print_row.addWidget(self.print_button)
        print_row.addStretch(1)
        key_layout.addLayout(print_row)
        key_layout.addWidget(self.print_problem)
        key_layout.addWidget(self.stored)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.done_text)
        layout.addWidget(self.backups_text)
        layout.addWidget(self.key_box)
        layout.addStretch(1)
        return page
