"""The first-run wizard, driven through Qt; it creates real encrypted stores (cheap KDF)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
)

from caseapp.models.codes import WorkerRole
from caseapp.services.workers import WorkersService, create_owned_caseload
from caseapp.store import Store, WrongPassphrase
from caseapp.ui import recovery_key
from caseapp.ui.setup_wizard import SetupWizard
from tests.conftest import CHEAP
from tests.ui.setup_wizard.steps import (
    BACK,
    CANCEL,
    COMMIT,
    FINISH,
    NAME,
    NEXT,
    STRONG,
    click,
    create,
    pdf_text,
    to_passphrase_page,
    type_passphrase,
)

# -- the pages before anything is created --------------------------------------------------


def test_name_is_needed_before_next(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    assert not wizard.button(NEXT).isEnabled()
    qtbot.keyClicks(wizard.welcome.name, "   ")
    assert not wizard.button(NEXT).isEnabled()
    qtbot.keyClicks(wizard.welcome.name, NAME)
    assert wizard.button(NEXT).isEnabled()
    roles = [wizard.welcome.role.itemText(i) for i in range(wizard.welcome.role.count())]
    assert roles == [role.label for role in WorkerRole]


def test_default_folder_is_suggested_and_synced_folders_are_warned_about(
    qtbot, wizard: SetupWizard, folder: Path
) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(wizard.welcome.name, NAME)
    click(qtbot, wizard, NEXT)
    page = wizard.location
    assert page.folder.text() == str(folder)
    assert not page.warning_row.isVisible()
    page.folder.setText(r"C:\Users\st\OneDrive - Borough Council\caseapp")
    assert page.warning_row.isVisible()
    assert "OneDrive" in page.warning.text()
    page.folder.setText(r"\\fileserver\team\caseapp")
    assert "network folder" in page.warning.text()
    page.folder.setText(str(folder))
    assert not page.warning_row.isVisible()


def test_choose_button_uses_the_folder_dialog(qtbot, wizard: SetupWizard, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    picked = tmp_path / "picked"
    monkeypatch.setattr(
        "caseapp.ui.setup_wizard_view.QFileDialog.getExistingDirectory", staticmethod(lambda *a, **k: str(picked))
    )
    qtbot.keyClicks(wizard.welcome.name, NAME)
    click(qtbot, wizard, NEXT)
    qtbot.mouseClick(wizard.location.choose, Qt.MouseButton.LeftButton)
    assert wizard.folder == picked


def test_a_folder_holding_a_store_is_refused(qtbot, wizard: SetupWizard, store: Store) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(wizard.welcome.name, NAME)
    click(qtbot, wizard, NEXT)
    wizard.location.folder.setText(str(store.folder))
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == SetupWizard.PAGE_LOCATION
    assert wizard.location.problem.isVisible()
    assert "already holds a caseload" in wizard.location.problem.text()


def test_weak_passphrase_is_refused_beside_the_field(qtbot, wizard: SetupWizard, folder: Path) -> None:  # type: ignore[no-untyped-def]
    to_passphrase_page(qtbot, wizard)
    fields = wizard.passphrase.fields
    # The worker's own name is among the guesses zxcvbn is told about.
    type_passphrase(qtbot, wizard, "Semhar Tekle 2024")
    fields.assess_now()
    assert fields.meter.value() < 3
    click(qtbot, wizard, COMMIT)

    assert wizard.currentId() == SetupWizard.PAGE_PASSPHRASE
    assert not wizard.busy
    assert fields.passphrase_problem.isVisible()
    assert fields.passphrase_problem.text().startswith("This passphrase would be too easy to guess.")
    assert "your own name" in fields.passphrase_problem.text()
    assert not folder.exists()


def test_mismatched_confirmation_is_refused_beside_it(qtbot, wizard: SetupWizard, folder: Path) -> None:  # type: ignore[no-untyped-def]
    to_passphrase_page(qtbot, wizard)
    type_passphrase(qtbot, wizard, STRONG, STRONG + "s")
    click(qtbot, wizard, COMMIT)
    fields = wizard.passphrase.fields
    assert fields.confirm_problem.isVisible()
    assert not fields.passphrase_problem.isVisible()
    assert not folder.exists()


def test_strength_meter_follows_typing(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    to_passphrase_page(qtbot, wizard)
    fields = wizard.passphrase.fields
    qtbot.keyClicks(fields.passphrase, "password")
    qtbot.waitUntil(lambda: fields.meter_text.text() == "Very weak", timeout=2000)
    fields.passphrase.setText(STRONG)
    qtbot.waitUntil(lambda: fields.meter.value() == 4, timeout=2000)
    assert "centuries" in fields.feedback.text()


def test_back_and_cancel_before_creating_leave_nothing(qtbot, wizard: SetupWizard, folder: Path) -> None:  # type: ignore[no-untyped-def]
    to_passphrase_page(qtbot, wizard)
    type_passphrase(qtbot, wizard, STRONG)
    click(qtbot, wizard, BACK)
    click(qtbot, wizard, BACK)
    with qtbot.waitSignal(wizard.rejected, timeout=5000):
        click(qtbot, wizard, CANCEL)
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert wizard.store is None
    assert not folder.parent.exists()


# -- creating ----------------------------------------------------------------------------


def test_creates_a_store_that_unlocks_with_the_passphrase_and_has_the_worker_as_owner(
    qtbot, wizard: SetupWizard, folder: Path
) -> None:  # type: ignore[no-untyped-def]
    to_passphrase_page(qtbot, wizard)
    type_passphrase(qtbot, wizard, STRONG)
    click(qtbot, wizard, COMMIT)
    # Mid-creation: nothing can be pressed, and the work is shown.
    assert wizard.busy
    assert not wizard.button(BACK).isEnabled()
    assert not wizard.button(CANCEL).isEnabled()
    assert not wizard.button(COMMIT).isEnabled()
    assert wizard.passphrase.busy.isVisible()
    wizard.reject()  # Escape or the close box while creating is ignored
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.currentId() == SetupWizard.PAGE_RECOVERY_KEY, timeout=15_000)

    key = wizard.recovery.key.text()
    assert len(key.replace("-", "").replace("\n", "")) == 32
    assert wizard.recovery.key.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert not wizard.button(BACK).isEnabled()  # the caseload exists: no going back
    assert wizard.passphrase.fields.text() == ""
    assert not wizard.button(FINISH).isEnabled()
    qtbot.mouseClick(wizard.recovery.stored, Qt.MouseButton.LeftButton)
    assert wizard.button(FINISH).isEnabled()
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        click(qtbot, wizard, FINISH)
    assert wizard.recovery.key.text() == ""  # shown once, then gone

    store = wizard.store
    assert store is not None and store.is_unlocked and store.folder == folder
    owner = WorkersService(store).get_worker(worker_id=WorkersService(store).owner_id())
    assert owner.id == wizard.worker_id
    assert (owner.name, owner.role) == (NAME, WorkerRole.PERSONAL_ADVISER)
    store.close(backup=False)

    reopened = Store(folder)
    with pytest.raises(WrongPassphrase):
        reopened.unlock("not the passphrase at all")
    reopened.unlock(STRONG)
    reopened.close(backup=False)
    by_key = Store(folder)
    by_key.unlock_with_recovery_key(key)
    by_key.close(backup=False)


def test_cancel_after_creating_asks_then_deletes_the_new_store(
    qtbot, wizard: SetupWizard, folder: Path, answers: list
) -> None:  # type: ignore[no-untyped-def]
    create(qtbot, wizard)
    assert Store.exists(folder)

    answers.append(QMessageBox.StandardButton.No)
    click(qtbot, wizard, CANCEL)
    assert wizard.isVisible()
    assert Store.exists(folder)

    answers.append(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(wizard.rejected, timeout=5000):
        click(qtbot, wizard, CANCEL)
    assert wizard.store is None
    assert not folder.parent.exists()  # the folders made for it went too


def test_a_failure_after_the_store_is_made_leaves_nothing(
    qtbot, wizard: SetupWizard, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(WorkersService, "add_owner", refuse)
    to_passphrase_page(qtbot, wizard)
    type_passphrase(qtbot, wizard, STRONG)
    click(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: not wizard.busy, timeout=15_000)

    assert wizard.currentId() == SetupWizard.PAGE_PASSPHRASE
    assert wizard.passphrase.problem.isVisible()
    assert "could not be created" in wizard.passphrase.problem.text()
    assert "disk full" not in wizard.passphrase.problem.text()
    assert wizard.button(BACK).isEnabled()  # free to choose another folder
    assert not folder.parent.exists()


# -- the recovery key on paper -----------------------------------------------------------


def test_recovery_key_prints_to_pdf(qtbot, wizard: SetupWizard, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key = create(qtbot, wizard)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "key.pdf"
    printer.setOutputFileName(str(target))
    wizard.print_recovery_key(printer)

    assert target.read_bytes().startswith(b"%PDF")
    text = pdf_text(target)
    for group in key.replace("\n", "-").split("-"):
        assert group in text
    assert "safe" in text
    assert NAME.split()[0] not in text  # nothing about the worker
    assert b"Semhar" not in target.read_bytes()


def test_print_button_goes_through_the_print_dialog(
    qtbot, wizard: SetupWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "printed.pdf"

    class FakePrintDialog:
        def __init__(self, printer: QPrinter, parent: object = None) -> None:
            self.printer = printer

        def setWindowTitle(self, title: str) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(target))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(recovery_key, "QPrintDialog", FakePrintDialog)
    key = create(qtbot, wizard)
    qtbot.mouseClick(wizard.recovery.print_button, Qt.MouseButton.LeftButton)
    assert key.split("-")[0] in pdf_text(target)
    assert not wizard.recovery.print_problem.isVisible()


# -- accessibility ------------------------------------------------------------------------


def test_every_control_on_every_page_has_an_accessible_name(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    for page in (wizard.welcome, wizard.location, wizard.passphrase, wizard.recovery):
        controls = [
            w for kind in (QLineEdit, QPushButton, QCheckBox, QProgressBar, QComboBox) for w in page.findChildren(kind)
        ]
        assert controls, page.title()
        assert [type(w).__name__ for w in controls if not w.accessibleName()] == [], page.title()


# -- the launch flow ---------------------------------------------------------------------


def test_first_run_sets_up_then_later_runs_unlock_the_chosen_folder(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from caseapp.ui import launch
    from caseapp.ui.unlock_dialog import UnlockDialog

    default, chosen = tmp_path / "default", tmp_path / "chosen"
    monkeypatch.delenv("CASEAPP_DATA_DIR", raising=False)
    monkeypatch.setattr("caseapp.paths.default_data_dir", lambda: default)
    monkeypatch.setattr("caseapp.store_location._pointer", lambda config_dir: tmp_path / "config" / "pointer")
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    opened: list[tuple[Path, str, bool]] = []

    class FakeMainWindow:  # the real one is built and tested on its own
        def __init__(self, services, *, demo: bool = False) -> None:  # type: ignore[no-untyped-def]
            worker = services.workers.get_worker(worker_id=services.worker_id)
            opened.append((services.store.folder, worker.name, demo))

        def show(self) -> None:
            pass

    monkeypatch.setattr("caseapp.ui.main_window.MainWindow", FakeMainWindow)

    def finish_wizard(wizard: SetupWizard) -> int:
        assert wizard.folder == default  # the default folder is suggested
        wizard.location.folder.setText(str(chosen))
        wizard._made = create_owned_caseload(
            wizard.folder, STRONG, name=NAME, role=WorkerRole.TEAM_LEAD, kdf=CHEAP
        )
        wizard.recovery.stored.setChecked(True)
        wizard.accept()
        return QDialog.DialogCode.Accepted

    def unlock(dialog: UnlockDialog) -> int:
        dialog.page._store.unlock(STRONG)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SetupWizard, "exec", finish_wizard)
    monkeypatch.setattr(UnlockDialog, "exec", unlock)

    assert launch.run_gui(store=None, data_dir=default, demo=False) == 0
    assert opened.pop() == (chosen, NAME, False)

    # Next time the app finds the caseload where set-up put it, and asks to unlock it.
    monkeypatch.setattr(SetupWizard, "exec", lambda self: pytest.fail("set-up ran twice"))
    assert launch.run_gui(store=None, data_dir=default, demo=False) == 0
    assert opened.pop() == (chosen, NAME, False)
    assert not default.exists()
