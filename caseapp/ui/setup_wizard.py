"""First run: the worker, the folder, the passphrase, then the recovery key shown once.

The caseload is created only when the passphrase page's "Create caseload" is pressed, on a
pool thread. Before that, Back and Cancel leave nothing on disk. After it there is no going
back (it is a commit page); cancelling then deletes the new, still empty caseload, because
a caseload whose recovery key was never confirmed as stored is one forgotten passphrase
away from being lost.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from caseapp import dates
from caseapp.paths import default_data_dir
from caseapp.services.workers import OwnedCaseload, create_owned_caseload
from caseapp.store import KdfParams, Store, StoreError
from caseapp.ui import recovery_key
from caseapp.ui.background import BackgroundTask
from caseapp.ui.passphrase_fields import show_problem
from caseapp.ui.setup_wizard_view import LocationPage, PassphrasePage, RecoveryKeyPage, WelcomePage

# -- the wizard --------------------------------------------------------------------------


class SetupWizard(QWizard):
    """After `exec()` returns Accepted: `store` is the open store, `worker_id` its owner.

    `folder` is the suggested place (default: the local app-data folder); `kdf` is the key
    derivation cost (None: tuned to this machine; tests pass a cheap one).
    """

    PAGE_WELCOME, PAGE_LOCATION, PAGE_PASSPHRASE, PAGE_RECOVERY_KEY = range(4)

    def __init__(
        self, folder: Path | None = None, *, kdf: KdfParams | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._kdf = kdf
        self._made: OwnedCaseload | None = None
        self._finished: OwnedCaseload | None = None
        self.setWindowTitle(self.tr("Set up caseapp"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.welcome = WelcomePage()
        self.location = LocationPage(Path(folder) if folder is not None else default_data_dir())
        self.passphrase = PassphrasePage()
        self.recovery = RecoveryKeyPage()
        for page_id, page in enumerate((self.welcome, self.location, self.passphrase, self.recovery)):
            self.setPage(page_id, page)
        self.setMinimumSize(640, 520)

        self._task = BackgroundTask(self)
        self._task.succeeded.connect(self._created)
        self._task.failed.connect(self._not_created)
        self.passphrase.create_requested.connect(self._create)
        self.recovery.print_button.clicked.connect(self._print)
        self.currentIdChanged.connect(self._entered)

    # -- result --------------------------------------------------------------------------

    @property
    def store(self) -> Store | None:
        return self._finished.store if self._finished else None

    @property
    def worker_id(self) -> int | None:
        return self._finished.owner.id if self._finished else None

    @property
    def folder(self) -> Path:
        return self.location.chosen()

    @property
    def busy(self) -> bool:
        return self._task.running

    # -- flow ----------------------------------------------------------------------------

    def _entered(self, page_id: int) -> None:
        if page_id == self.PAGE_PASSPHRASE:
            name = self.welcome.worker_name()
            self.passphrase.fields.set_user_inputs([name, "caseapp", "council", self.folder.name])
            self.passphrase.fields.passphrase.setFocus()

    def _create(self) -> None:
        if self.busy:
            return
        folder, secret = self.folder, self.passphrase.fields.text()
        name, role, kdf = self.welcome.worker_name(), self.welcome.worker_role(), self._kdf
        details = self.welcome.worker_details()
        self._set_working(True)
        # Created off the GUI thread: the key derivation takes seconds.
        self._task.start(lambda: create_owned_caseload(folder, secret, name=name, role=role, kdf=kdf, details=details))

    def _set_working(self, working: bool) -> None:
        self.passphrase.set_working(
            working, self.tr("Creating your encrypted caseload. This takes a few seconds…")
        )
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not working)

    def _created(self, made: OwnedCaseload) -> None:
        self._made = made
        self._set_working(False)
        self.passphrase.fields.clear()
        self.passphrase.mark_created()
        self.recovery.show_key(made.recovery_key)
        self.next()

    def _not_created(self, exc: BaseException) -> None:
        self._set_working(False)
        if isinstance(exc, StoreError):
            message = str(exc)
        elif isinstance(exc, OSError):
            message = self.tr(
                "The caseload could not be created in that folder. Check that you can save "
                "files there, or go back and choose another folder."
            )
        else:
            message = self.tr(
                "Something went wrong while creating the caseload. Try again; if it happens "
                "again, ask IT for help."
            )
        show_problem(self.passphrase.problem, message)

    # -- printing ------------------------------------------------------------------------

    def recovery_document(self) -> QTextDocument:
        today = dates.day(date.today())
        made = self.tr("For the encrypted caseload set up on %1.").replace("%1", today)
        return recovery_key.document(self.recovery.key.text(), made)

    def print_recovery_key(self, printer: QPrinter) -> None:
        recovery_key.print_on(printer, self.recovery_document())

    def _print(self) -> None:
        recovery_key.ask_and_print(self, self.recovery_document(), self.recovery.print_problem)

    # -- finishing and cancelling --------------------------------------------------------

    def accept(self) -> None:
        if self._made is None or not self.recovery.isComplete():
            return
        self._finished = self._made
        self._forget_key()
        super().accept()

    def reject(self) -> None:
        if self.busy:
            return  # creation cannot be stopped halfway; it takes seconds
        if self._made is not None:
            answer = QMessageBox.question(
                self,
                self.tr("Stop setting up?"),
                self.tr(
                    "The new caseload will be deleted. Nothing has been put in it yet, so "
                    "nothing is lost, and you can set up again next time caseapp starts."
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            made, self._made = self._made, None
            made.store.discard_new(made.made_folders)
        self._forget_key()
        super().reject()

    def _forget_key(self) -> None:
        self.recovery.forget_key()
