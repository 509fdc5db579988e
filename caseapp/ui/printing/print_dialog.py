"""Print: the choices for one document, then save the PDF and open it in the system viewer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseapp.reports import api
from caseapp.reports.sections import Section
from caseapp.services import output_files
from caseapp.services.errors import NotFound, ValidationError
from caseapp.services.registry import Services
from caseapp.store.database import Database
from caseapp.ui.printing.print_job import PrintJob
from caseapp.ui.widgets import confirm
from caseapp.ui.widgets.field_errors import FormArea, error_label, fit_to_screen


def now() -> datetime:
    """The moment a name is offered; tests replace this function."""
    return datetime.now()


def start_folder(store: Database) -> Path:
    """Where the save dialog opens: the folder last saved in (kept in the encrypted store, as
    its path may carry a name), else Documents, else home. Never the working folder, which is
    wherever the app happened to be started from."""
    last = output_files.last_folder(store)
    if last is not None:
        return last
    for location in (QStandardPaths.StandardLocation.DocumentsLocation, QStandardPaths.StandardLocation.HomeLocation):
        found = QStandardPaths.writableLocation(location)
        if found and Path(found).is_dir():
            return Path(found)
    return Path.home()


def ask_where(parent: QWidget, suggested: Path) -> Path | None:
    """The save-as dialog, opened at `suggested` (a folder and a name); tests replace this function."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("PrintDialog", "Save the PDF"), str(suggested),
        QCoreApplication.translate("PrintDialog", "PDF documents (*.pdf)")
    )
    if not name:
        return None
    return Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")


def open_in_viewer(path: Path) -> bool:
    """The system's PDF viewer, from which the worker prints; False if none could be started.
    Tests replace this function."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(folder: Path) -> bool:
    """The folder in the system's file manager; False if it could not be opened. Tests replace this function."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class PrintDialog(QDialog):
    """kind: api.ReportKind; record_id: the person (case summary) or hand-off (pack)."""

    printed = Signal(object)  # the saved path

    def __init__(self, services: Services, kind: api.ReportKind, *, record_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.kind = kind
        self.record_id = record_id
        titles = {
            api.ReportKind.HAND_OFF_PACK: self.tr("Print hand-off pack"),
            api.ReportKind.CASE_SUMMARY: self.tr("Print case summary"),
            api.ReportKind.CASELOAD: self.tr("Print caseload report"),
        }
        self.setWindowTitle(titles[kind])
        # The choices scroll where the screen is too short for them (a pack's many needs, or
        # any of them on a laptop at 150%); the progress and the buttons stay in view below.
        # What is wrong is said in the scrolling part too: there it always has the height its
        # wrapped sentence needs.
        rows = QVBoxLayout()
        self.choices: dict[object, QCheckBox] = {}
        self.recipient: QLineEdit | None = None
        self.all_overdue: QCheckBox | None = None
        self.contact_warning: QWidget | None = None
        self.unreachable = False  # a pack whose worker has neither phone nor email
        if kind == api.ReportKind.HAND_OFF_PACK:
            rows.addWidget(self._pack_choices())
            rows.addWidget(self._contact_row())
        elif kind == api.ReportKind.CASE_SUMMARY:
            rows.addWidget(self._sections())
        else:
            self.all_overdue = QCheckBox(self.tr("List every young person overdue a contact by name (can be long)"))
            self.all_overdue.setAccessibleName(self.tr("List every overdue young person"))
            rows.addWidget(self.all_overdue)
        rows.addWidget(self._protection())
        # Said once, where the file is made: a PDF without a password leaves the encryption.
        self.encryption_note = QLabel()
        self.encryption_note.setWordWrap(True)
        self.encryption_note.setAccessibleName(self.tr("Whether the PDF is encrypted"))
        rows.addWidget(self.encryption_note)
        self.protect.toggled.connect(self._show_encryption)
        self._show_encryption(self.protect.isChecked())
        self.problem = error_label()
        self.problem.setAccessibleName(self.tr("Printing problem"))
        rows.addWidget(self.problem)
        rows.addStretch(1)
        self.area = FormArea(rows)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Printing progress"))
        self.progress.setRange(0, 100)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("&Save PDF and open…"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._abandoned = False
        self.job = PrintJob(self)
        self.job.progressed.connect(self._progressed)
        self.job.saved.connect(self._saved)
        self.job.failed.connect(self._failed)
        fit_to_screen(self)

    # -- the choices ---------------------------------------------------------------------------

    def _pack_choices(self) -> QGroupBox:
        box = QGroupBox(self.tr("What the line manager will read about support needs"))
        column = QVBoxLayout(box)
        choices = api.hand_off_pack_choices(
            self.services.store, hand_off_id=self.record_id or 0, actor_id=self.services.worker_id,
            today=self.services.today(),
        )
        column.addWidget(QLabel(self.tr(
            "Only needs the young person agreed to share, and that were chosen for this hand-off, can be ticked.")))
        for choice in choices:
            check = QCheckBox(f"{choice.label}: {choice.description}")
            check.setAccessibleName(choice.label)
            check.setChecked(choice.selectable)
            check.setEnabled(choice.selectable)
            if choice.why_not:
                check.setToolTip(choice.why_not)
                check.setText(check.text() + f" — {choice.why_not}")
            self.choices[choice.need_id] = check
            column.addWidget(check)
        if not choices:
            column.addWidget(QLabel(self.tr("No support needs are recorded; the pack will say so kindly.")))
        return box

    def _contact(self):
        return api.hand_off_pack_contact(self.services.store, hand_off_id=self.record_id or 0,
                                         actor_id=self.services.worker_id)

    def _contact_row(self) -> QWidget:
        """Said before printing: a pack that gives the line manager no way to reach its worker."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.contact_note = error_label()
        self.contact_note.setAccessibleName(self.tr("No way to reach the worker"))
        self.contact_button = QPushButton(self.tr("Add phone or &email…"))
        self.contact_button.setAccessibleName(self.tr("Add a phone number or email for the pack"))
        self.contact_button.clicked.connect(self._add_contact)
        line.addWidget(self.contact_note, 1)
        line.addWidget(self.contact_button)
        self.contact_warning = row
        self._show_contact()
        return row

    def _show_contact(self) -> None:
        contact = self._contact()
        missing = contact is not None and not contact.reachable
        if missing:
            mine = contact.id == self.services.worker_id
            self.contact_note.setText(
                self.tr("This pack gives the line manager no phone number or email to reach you.") if mine else
                self.tr("This pack gives the line manager no phone number or email to reach %1, the young "
                        "person's worker.").replace("%1", contact.name))
        self.unreachable = missing
        self.contact_note.setVisible(missing)
        self.contact_button.setVisible(missing)
        if self.contact_warning is not None:
            self.contact_warning.setVisible(missing)

    def _add_contact(self) -> None:
        from caseapp.ui.worker_dialog import WorkerDialog

        contact = self._contact()
        if contact is None:
            return
        dialog = WorkerDialog(self.services, contact, own=contact.id == self.services.worker_id, parent=self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        self._show_contact()
        fit_to_screen(self)  # the warning gone leaves no gap where it was

    def _sections(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sections"))
        form = QFormLayout(box)
        for section in Section:
            check = QCheckBox(self.tr(section.label))
            check.setChecked(True)
            check.setAccessibleName(section.label)
            self.choices[section] = check
            form.addRow(check)
        self.recipient = QLineEdit()
        self.recipient.setAccessibleName(self.tr("Who it is for"))
        self.recipient.setPlaceholderText(self.tr("for the case file"))
        form.addRow(self.tr("&For:"), self.recipient)
        return box

    def _protection(self) -> QGroupBox:
        box = QGroupBox(self.tr("Protect the PDF with a password (optional)"))
        box.setCheckable(True)
        box.setChecked(False)
        form = QFormLayout(box)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("PDF password"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("PDF password again"))
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Again:"), self.confirm)
        self.protect = box
        return box

    def _show_encryption(self, protected: bool) -> None:
        if protected:
            text = self.tr("The PDF will be encrypted with AES-256: only someone with the password can open it. "
                           "Give the password separately, never in the same email.")
        else:
            text = self.tr("Without a password the PDF is not encrypted: anyone who can open the file can read "
                           "it. Keep it where only those who need it can reach it.")
        self.encryption_note.setText(text)

    def chosen(self) -> list:
        return [key for key, check in self.choices.items() if check.isChecked() and check.isEnabled()]

    # -- printing ------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        if text:
            fit_to_screen(self, grow_only=True)
            self.area.show_sentence(self.problem)

    def _writer(self, out: Path, password: str | None) -> Callable:
        svc = self.services
        actor, today = svc.worker_id, svc.today()
        record_id = self.record_id or 0  # as for the contact above: no record 0, so "not found"
        if self.kind == api.ReportKind.HAND_OFF_PACK:
            need_ids = self.chosen()
            return lambda progress, cancelled: api.print_hand_off_pack(
                svc.store, hand_off_id=record_id, out=out, need_ids=need_ids, bus=svc.bus,
                progress=progress, cancelled=cancelled, actor_id=actor, password=password, today=today)
        if self.kind == api.ReportKind.CASE_SUMMARY:
            sections = self.chosen()
            recipient = (self.recipient.text().strip() or None) if self.recipient else None
            return lambda progress, cancelled: api.print_case_summary(
                svc.store, person_id=record_id, out=out, sections=sections, recipient=recipient,
                bus=svc.bus, progress=progress, cancelled=cancelled, actor_id=actor, password=password, today=today)
        every = self.all_overdue is not None and self.all_overdue.isChecked()
        limit = None if every else 50
        return lambda progress, cancelled: api.print_caseload_report(
            svc.store, out=out, overdue_list_limit=limit, progress=progress, cancelled=cancelled,
            actor_id=actor, password=password, today=today)

    def start(self) -> None:
        if self.job.running:
            return
        password = None
        if self.protect.isChecked():
            if self.password.text() != self.confirm.text():
                self._say(self.tr("The two passwords differ."))
                return
            password = self.password.text()
        if self.kind == api.ReportKind.CASE_SUMMARY and not self.chosen():
            self._say(self.tr("Choose at least one section."))
            return
        if self.unreachable and not confirm.ask(
            self, self.tr("No way to reach the worker"),
            self.contact_note.text() + " " + self.tr("The pack asks them to call if anything worries them. "
                                                     "Print it all the same?"),
            self.tr("Print all the same"),
        ):
            return
        folder = start_folder(self.services.store)
        name = api.default_file_name(self.kind, record_id=self.record_id, on=self.services.today(),
                                     at=now().time(), folder=folder)
        out = ask_where(self, folder / name)
        if out is None:
            return
        self._say("")
        self.progress.setValue(0)
        self.progress.show()
        fit_to_screen(self, grow_only=True)
        self.save_button.setEnabled(False)
        self.job.start(self._writer(out, password))

    def reject(self) -> None:
        # Cancel, Esc and the title bar's close all come here: while printing they cancel the
        # job and stay open to say so; otherwise they close.
        if self.job.running:
            self.job.cancel()
            return
        super().reject()

    def close_for_lock(self) -> None:
        """The app is locking: cancel, close, and open nothing if the job finishes anyway."""
        self._abandoned = True
        self.job.cancel()
        super().reject()

    def release(self) -> None:
        """Delete the dialog once nothing runs on its behalf: a job still going holds it."""
        if self.job.running:
            self.job.saved.connect(self.deleteLater)
            self.job.failed.connect(self.deleteLater)
        else:
            self.deleteLater()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _saved(self, path: object) -> None:
        if self._abandoned:
            return
        self.progress.hide()
        self.save_button.setEnabled(True)
        saved = Path(str(path))
        self.printed.emit(path)
        # Only an outright refusal is said; an opener that reports nothing is trusted to have tried.
        if open_in_viewer(saved) is False:
            self._offer_folder(saved)
            if self._abandoned:  # locked while the question was open
                return
        self.accept()

    def _offer_folder(self, saved: Path) -> None:
        """No viewer opened: the PDF is there all the same, so say where and offer its folder."""
        if not confirm.ask(
            self, self.tr("The PDF could not be opened"),
            self.tr("The PDF is saved as %1, but no program to show PDF files could be opened on this "
                    "computer. Open the folder it is in, to open or print it from there?").replace("%1", str(saved)),
            self.tr("Open the folder"),
        ):
            return
        if open_folder(saved.parent) is False:
            confirm.tell(self, self.tr("The folder could not be opened"),
                         self.tr("The folder could not be opened either. The PDF is saved as %1.").replace(
                             "%1", str(saved)))

    def _failed(self, exc: object) -> None:
        if self._abandoned:
            return
        self.progress.hide()
        self.save_button.setEnabled(True)
        if isinstance(exc, api.ReportCancelled):
            self._say(self.tr("Printing was cancelled. Nothing was saved."))
        elif isinstance(exc, ValidationError):
            self._say(" ".join(exc.problems.values()))
        elif isinstance(exc, (api.SaveFailed, NotFound)):
            self._say(str(exc))
        else:
            # The exception's text could hold personal data; its type name never does.
            self._say(self.tr("The PDF could not be made (%1). Nothing was saved.").replace("%1", type(exc).__name__))

