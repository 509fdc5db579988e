"""The set-up wizard's pages: their layout and the checks that belong to one page.

Creating the store, printing and cancelling belong to `SetupWizard` (setup_wizard.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from caseapp.models.codes import WorkerRole
from caseapp.services.errors import ValidationError
from caseapp.services.workers import check_worker_details
from caseapp.store import Store
from caseapp.store_location import Concern, location_concern
from caseapp.ui import recovery_key
from caseapp.ui.passphrase_fields import PassphraseFields, problem_label, show_problem
from caseapp.ui.widgets.code_combo import CodeCombo
from caseapp.ui.widgets.field_errors import FieldErrors

NAME_MAX = 120  # as the workers service allows


def _paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class WelcomePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to caseapp"))
        self.setSubTitle(self.tr("A few steps to set up your caseload on this laptop."))
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.name.setAccessibleName(self.tr("Your name"))
        self.role = CodeCombo(WorkerRole)
        self.role.setAccessibleName(self.tr("Your role"))
        self.name_problem = problem_label(self.tr("Your name"))
        # How a line manager reaches the worker: printed in every hand-off pack.
        self.details = {
            "phone": self._line(self.tr("Your phone"), 40, self.tr("e.g. 07700 900123")),
            "email": self._line(self.tr("Your email"), 200, self.tr("e.g. name@council.gov.uk")),
            "team": self._line(self.tr("Your team"), 120, self.tr("e.g. Leaving care EET team")),
            "hours": self._line(self.tr("Your working hours"), 200, self.tr("e.g. Monday to Thursday, 9am to 5pm")),
        }

        form = QFormLayout()
        form.addRow(self.tr("Your &name:"), self.name)
        form.addRow("", self.name_problem)
        form.addRow(self.tr("Your &role:"), self.role)
        form.addRow(self.tr("&Phone:"), self.details["phone"])
        form.addRow(self.tr("&Email:"), self.details["email"])
        form.addRow(self.tr("&Team:"), self.details["team"])
        form.addRow(self.tr("&Hours:"), self.details["hours"])
        self.errors = FieldErrors(form, dict(self.details))
        layout = QVBoxLayout(self)
        layout.addWidget(
            _paragraph(
                self.tr(
                    "Everything you record stays on this laptop, encrypted. Your name is shown "
                    "on the records you write, so colleagues know who to ask."
                )
            )
        )
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(
            _paragraph(
                self.tr(
                    "Hand-off packs print your phone, email, team and hours, so a line manager "
                    "can reach you. You can change them later under File, My details."
                )
            )
        )
        layout.addStretch(1)
        self.name.textChanged.connect(self.completeChanged)
        self.name.textChanged.connect(lambda: show_problem(self.name_problem, ""))

    def _line(self, name: str, max_length: int, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        return edit

    def isComplete(self) -> bool:
        return bool(self.name.text().strip())

    def validatePage(self) -> bool:
        """The details are checked here, as the workers service will check them, so nothing
        refused is found only once the caseload is being created."""
        try:
            check_worker_details({"name": self.worker_name(), "role": self.worker_role(), **self.worker_details()})
        except ValidationError as exc:
            self.errors.show(ValidationError({k: v for k, v in exc.problems.items() if k in self.details}))
            if "name" in exc.problems:
                show_problem(self.name_problem, exc.problems["name"])
                self.name.setFocus()
            return False
        self.errors.clear()
        return True

    def worker_details(self) -> dict[str, str]:
        return {field: edit.text() for field, edit in self.details.items()}

    def worker_name(self) -> str:
        return " ".join(self.name.text().split())

    def worker_role(self) -> WorkerRole:
        role = self.role.value()
        assert role is not None  # the box has no blank choice
        return role


class LocationPage(QWizardPage):
    def __init__(self, default_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Where your caseload is kept"))
        self.setSubTitle(self.tr("Most people keep the suggested folder."))
        self.folder = QLineEdit(str(default_folder))
        self.folder.setAccessibleName(self.tr("Caseload folder"))
        self.choose = QPushButton(self.tr("&Choose…"))
        self.choose.setAccessibleName(self.tr("Choose a folder"))
        self.problem = problem_label(self.tr("Caseload folder"))
        self.warning_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.warning_icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size)
        )
        self.warning_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.warning = _paragraph("")
        self.warning.setAccessibleName(self.tr("Warning about this folder"))
        self.warning_row = QWidget()
        warning_layout = QHBoxLayout(self.warning_row)
        warning_layout.setContentsMargins(0, 0, 0, 0)
        warning_layout.addWidget(self.warning_icon)
        warning_layout.addWidget(self.warning, 1)
        self.warning_row.hide()

        picker = QHBoxLayout()
        picker.addWidget(self.folder, 1)
        picker.addWidget(self.choose)
        folder_label = QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder)  # a row holding a layout gets no buddy by itself
        form = QFormLayout()
        form.addRow(folder_label, picker)
        form.addRow("", self.problem)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _paragraph(
                self.tr(
                    "Choose a folder on this laptop's own disk. Network drives and folders "
                    "kept in step by OneDrive, Dropbox, Google Drive, iCloud or Nextcloud can "
                    "damage the caseload or let two people open it at once."
                )
            )
        )
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.warning_row)
        layout.addStretch(1)

        self.folder.textChanged.connect(self._folder_changed)
        self.choose.clicked.connect(self._choose)
        self._folder_changed()

    def chosen(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def _choose(self) -> None:
        picked = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the caseload folder"), self.folder.text()
        )
        if picked:
            self.folder.setText(picked)

    def _folder_changed(self) -> None:
        show_problem(self.problem, "")
        text = self.folder.text().strip()
        concern = location_concern(self.chosen()) if text else None
        if concern is None:
            self.warning_row.hide()
        else:
            self.warning.setText(self._warning_text(concern.kind, concern.service))
            self.warning_row.show()
        self.completeChanged.emit()

    def _warning_text(self, kind: Concern, service: str | None) -> str:
        if kind is Concern.SYNCED:
            return self.tr(
                "This folder looks as if %1 keeps it in step with other computers. Syncing can "
                "copy the caseload while it is half-written and damage it. A folder on this "
                "laptop is safer; caseapp makes its own encrypted backups."
            ).replace("%1", service or self.tr("a sync service"))
        return self.tr(
            "This looks like a network folder. Over a network the caseload can be damaged, or "
            "opened by two people at once. A folder on this laptop is safer."
        )

    def isComplete(self) -> bool:
        return bool(self.folder.text().strip())

    def validatePage(self) -> bool:
        folder = self.chosen()
        problem = ""
        if not folder.is_absolute():
            problem = self.tr("Give the full path of the folder, or use Choose….")
        elif folder.exists() and not folder.is_dir():
            problem = self.tr("That is a file, not a folder. Choose a folder.")
        elif Store.exists(folder):
            problem = self.tr(
                "This folder already holds a caseload. Choose another folder, or cancel set-up "
                "and open caseapp with that caseload."
            )
        show_problem(self.problem, problem)
        if problem:
            self.folder.setFocus()
        return not problem


class BusyRow(QWidget):
    """A moving bar and a sentence, shown while slow work runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName(self.tr("What is happening"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName(self.tr("Working"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        self.hide()

    def start(self, message: str) -> None:
        self.text.setText(message)
        self.show()

    def stop(self) -> None:
        self.hide()


class PassphrasePage(QWizardPage):
    """Choosing the passphrase; its Next button creates the caseload."""

    create_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Choose a passphrase"))
        self.setSubTitle(self.tr("You will type it each time you open caseapp."))
        # After this page the caseload exists, so there is no going back past it.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("C&reate caseload"))
        self.fields = PassphraseFields()
        self.busy = BusyRow()
        self.problem = problem_label(self.tr("Creating the caseload"))
        self._created = False
        self._working = False
        layout = QVBoxLayout(self)
        layout.addWidget(
            _paragraph(
                self.tr(
                    "A few unrelated words make a passphrase that is easy to remember and hard "
                    "to guess. Nobody, not even IT, can look it up or reset it."
                )
            )
        )
        layout.addSpacing(8)
        layout.addWidget(self.fields)
        layout.addStretch(1)
        layout.addWidget(self.problem)
        layout.addWidget(self.busy)
        self.fields.edited.connect(lambda: show_problem(self.problem, ""))

    def set_working(self, working: bool, message: str = "") -> None:
        self._working = working
        self.fields.set_busy(working)
        if working:
            self.busy.start(message)
        else:
            self.busy.stop()
        self.completeChanged.emit()

    def mark_created(self) -> None:
        self._created = True

    def isComplete(self) -> bool:
        return not self._working

    def validatePage(self) -> bool:
        if self._created:
            return True
        if self._working or not self.fields.check():
            return False
        # Creation takes seconds: start it and stay here; the wizard moves on when it is done.
        self.create_requested.emit()
        return False


class RecoveryKeyPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your recovery key"))
        self.setSubTitle(self.tr("Your caseload is ready. One last, important step."))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Open my caseload"))
        self.key = recovery_key.key_label(self.tr("Recovery key"))
        self.print_button = QPushButton(self.tr("&Print recovery key…"))
        self.print_button.setAccessibleName(self.tr("Print recovery key"))
        self.stored = QCheckBox(
            self.tr("I &have printed or written down the recovery key and stored it safely")
        )
        self.stored.setAccessibleName(self.tr("I have stored the recovery key safely"))
        self.print_problem = problem_label(self.tr("Printing"))

        print_row = QHBoxLayout()
        print_row.addWidget(self.print_button)
        print_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _paragraph(
                self.tr(
                    "If the passphrase is ever forgotten, this key is the only other way into "
                    "the caseload. It is shown only this once: print it or write it down, and "
                    "keep it somewhere safe away from the laptop, such as a locked drawer."
                )
            )
        )
        layout.addSpacing(6)
        layout.addWidget(self.key)
        layout.addSpacing(6)
        layout.addLayout(print_row)
        layout.addWidget(self.print_problem)
        layout.addStretch(1)
        layout.addWidget(self.stored)
        self.stored.toggled.connect(self.completeChanged)

    def show_key(self, recovery_key: str) -> None:
        groups = recovery_key.split("-")
        half = (len(groups) + 1) // 2
        # Two lines of four groups fit the page at this size and are easier to copy by hand.
        self.key.setText("-".join(groups[:half]) + "\n" + "-".join(groups[half:]))

    def forget_key(self) -> None:
        self.key.clear()

    def isComplete(self) -> bool:
        return self.stored.isChecked()
