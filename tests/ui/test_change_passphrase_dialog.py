"""File > Change passphrase…, driven through real widgets on a real store (cheap key derivation)."""

from __future__ import annotations

import re
import threading
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from caseapp.services.registry import Services
from caseapp.store import Store, WrongPassphrase
from caseapp.ui import recovery_key
from caseapp.ui.change_passphrase_dialog import ChangePassphraseDialog
from caseapp.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.ui.conftest import shown_window
from tests.ui.record_fixtures import unnamed_controls

NEW = "violet kettle orbit marsh lamp"
RECOVERY_KEY = re.compile(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}")


@pytest.fixture
def caseload(services: Services) -> Services:
    """Someone in the caseload, and a backup in its backups folder."""
    services.people.add_young_person(given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4))
    services.store.backup_now(services.store.backups_dir)
    return services


@pytest.fixture
def dialog(qtbot, caseload: Services) -> ChangePassphraseDialog:  # type: ignore[no-untyped-def]
    made = ChangePassphraseDialog(caseload)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def fill(qtbot, dialog: ChangePassphraseDialog, current: str = PASSPHRASE, new: str = NEW) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.current, current)
    qtbot.keyClicks(dialog.fields.passphrase, new)
    qtbot.keyClicks(dialog.fields.confirm, new)


def choose(qtbot, radio) -> None:  # type: ignore[no-untyped-def]
    """Click the round button itself: the widget is as wide as the dialog, its words are not."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()


def opens(folder, passphrase: str) -> bool:  # type: ignore[no-untyped-def]
    other = Store(folder)
    try:
        other.unlock(passphrase)
    except WrongPassphrase:
        return False
    other.close(backup=False)
    return True


def wait_for_done_page(qtbot, dialog: ChangePassphraseDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.done_page, timeout=30_000)
    # Its Close button is laid out on the next turn of the event loop, as a person would see it.
    qtbot.waitUntil(lambda: dialog.close_button.height() > 0)


def shown_key(dialog: ChangePassphraseDialog) -> str:
    return dialog.key.text().replace("\n", "-")


def test_someone_may_know_re_encrypts_shows_the_key_once_and_says_what_it_did(
    qtbot, dialog: ChangePassphraseDialog, caseload: Services  # type: ignore[no-untyped-def]
) -> None:
    store = caseload.store
    progress: list[int] = []
    dialog.progress.valueChanged.connect(progress.append)
    fill(qtbot, dialog)
    choose(qtbot, dialog.someone_may_know)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert dialog.busy
    assert dialog.progress.isVisible() and not dialog.change_button.isEnabled()
    dialog.reject()  # Esc while it runs: it cannot stop halfway, so it stays
    assert dialog.isVisible()
    wait_for_done_page(qtbot, dialog)

    assert max(progress) == 4  # the new key, the database, one backup, the switch: all shown
    key = shown_key(dialog)
    assert RECOVERY_KEY.fullmatch(key)
    assert "re-encrypted under a new key" in dialog.done_text.text()
    assert "old recovery key no longer" in dialog.done_text.text()
    backups = dialog.backups_text.text()
    assert "1 backup in the caseload's backups folder was re-encrypted" in backups
    assert "delete them yourself" in backups
    assert dialog.current.text() == "" and dialog.fields.text() == ""  # nothing typed lingers

    # Not closed until the worker says the key is stored.
    assert not dialog.close_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.stored, Qt.MouseButton.LeftButton)
    assert dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result() == ChangePassphraseDialog.DialogCode.Accepted
    assert dialog.key.text() == ""

    assert store.is_unlocked
    assert [p.given_name for p in caseload.people.list_young_people()] == ["Semhar"]
    store.close(backup=False)
    assert not opens(store.folder, PASSPHRASE)
    assert opens(store.folder, NEW)
    again = Store(store.folder)
    again.unlock_with_recovery_key(key)
    again.close(backup=False)


def test_only_a_new_passphrase_says_it_shuts_nobody_out(
    qtbot, dialog: ChangePassphraseDialog, caseload: Services  # type: ignore[no-untyped-def]
) -> None:
    assert "shuts nobody out" in dialog.only_new_text.text()
    fill(qtbot, dialog)
    choose(qtbot, dialog.only_new)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    wait_for_done_page(qtbot, dialog)
    assert "still open with the old passphrase" in dialog.done_text.text()
    assert not dialog.key_box.isVisible()
    assert dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    caseload.store.close(backup=False)
    assert opens(caseload.store.folder, NEW)


def test_a_wrong_current_passphrase_is_said_beside_it_and_changes_nothing(
    qtbot, dialog: ChangePassphraseDialog, caseload: Services  # type: ignore[no-untyped-def]
) -> None:
    fill(qtbot, dialog, current="not the passphrase at all")
    choose(qtbot, dialog.someone_may_know)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.current_problem.isVisible()
    assert dialog.current_problem.text() == "That passphrase does not open this caseload."
    assert dialog.pages.currentWidget() is dialog.choose_page
    assert dialog.fields.text() == NEW  # nothing typed is lost on a refusal
    assert caseload.store.is_unlocked
    caseload.store.close(backup=False)
    assert opens(caseload.store.folder, PASSPHRASE)


def test_each_problem_is_said_beside_its_field_before_anything_starts(
    qtbot, dialog: ChangePassphraseDialog  # type: ignore[no-untyped-def]
) -> None:
    qtbot.keyClicks(dialog.fields.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.fields.confirm, PASSPHRASE)
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy
    assert dialog.why_problem.text() == "Choose why you are changing it."
    assert dialog.fields.passphrase_problem.text() == "The new passphrase must differ from the current one."
    dialog.current.clear()
    dialog.fields.clear()
    qtbot.keyClicks(dialog.fields.passphrase, "aaaaaaaaaaaa")
    qtbot.keyClicks(dialog.fields.confirm, "aaaaaaaaaaaa")
    choose(qtbot, dialog.only_new)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy
    assert dialog.current_problem.text() == "Type the passphrase you use now."
    assert dialog.fields.passphrase_problem.isVisible()  # the wizard's own policy sentence


def test_the_whole_change_by_keyboard_alone(qtbot, dialog: ChangePassphraseDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    def type_here(text: str) -> None:
        qtbot.keyClicks(QApplication.focusWidget(), text)

    def press(key: Qt.Key) -> None:
        qtbot.keyClick(QApplication.focusWidget(), key)

    assert QApplication.focusWidget() is dialog.current
    type_here(PASSPHRASE)
    press(Qt.Key.Key_Tab)
    type_here(NEW)
    press(Qt.Key.Key_Tab)
    type_here(NEW)
    press(Qt.Key.Key_Tab)  # the reveal tick box
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.someone_may_know
    press(Qt.Key.Key_Space)
    assert dialog.someone_may_know.isChecked()
    press(Qt.Key.Key_Return)  # the default button: Change passphrase
    wait_for_done_page(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.key  # where the eye and the screen reader go
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.print_button
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.stored
    press(Qt.Key.Key_Space)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.close_button
    press(Qt.Key.Key_Space)
    assert not dialog.isVisible()


def test_every_control_on_both_pages_has_a_name(qtbot, dialog: ChangePassphraseDialog) -> None:  # type: ignore[no-untyped-def]
    assert unnamed_controls(dialog) == []
    fill(qtbot, dialog)
    choose(qtbot, dialog.someone_may_know)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    wait_for_done_page(qtbot, dialog)
    assert unnamed_controls(dialog) == []


def test_from_the_menu_and_a_lock_mid_change_waits_for_it_then_says_so_after_unlock(
    qtbot, caseload: Services, layout_settings: QSettings, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    window: MainWindow = shown_window(qtbot, caseload, layout_settings)
    store = caseload.store
    release = threading.Event()
    real_rotate = store.rotate_key

    def held_rotate(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real_rotate(*args, **kwargs)

    monkeypatch.setattr(store, "rotate_key", held_rotate)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: told.append(text)))
    seen: list[ChangePassphraseDialog] = []

    def drive() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, ChangePassphraseDialog) and w.isVisible())
        seen.append(dialog)
        fill(qtbot, dialog)
        dialog.someone_may_know.setChecked(True)
        dialog.start()
        assert dialog.busy
        # The idle lock fires mid-change: it waits for the change, then locks.
        threading.Timer(0.3, release.set).start()
        window.lock()

    QTimer.singleShot(0, drive)
    window.change_passphrase_action.trigger()
    assert seen and not seen[0].isVisible()
    assert window.windowTitle() == "caseapp — locked"
    assert not store.is_unlocked
    assert not window.change_passphrase_action.isEnabled()
    qtbot.waitUntil(lambda: getattr(window, "_key_notice_pending", False), timeout=30_000)
    assert told == []  # nothing over the lock screen

    with qtbot.waitSignal(window.unlock_page.unlocked, timeout=30_000):
        window.unlock_page.passphrase.setText(NEW)
        window.unlock_page.unlock()
    assert len(told) == 1 and "recovery key was not confirmed" in told[0]
    assert window.workspace is not None
    store.close(backup=False)
    assert not opens(store.folder, PASSPHRASE)


def test_the_new_recovery_key_can_be_printed(
    qtbot, dialog: ChangePassphraseDialog, tmp_path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from tests.ui.setup_wizard.steps import pdf_text

    target = tmp_path / "printed.pdf"

    class ChosenPrinter:
        """The system's print window, as if the worker chose a printer and pressed Print."""

        def __init__(self, printer: QPrinter, parent: object = None) -> None:
            self.printer = printer

        def setWindowTitle(self, title: str) -> None:  # noqa: N802 - Qt's name
            pass

        def exec(self) -> int:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(target))
            return 1

    monkeypatch.setattr(recovery_key, "QPrintDialog", ChosenPrinter)
    fill(qtbot, dialog)
    choose(qtbot, dialog.someone_may_know)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    wait_for_done_page(qtbot, dialog)
    key = shown_key(dialog)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    text = " ".join(pdf_text(target).split())
    for group in key.split("-"):
        assert group in text
    assert "old recovery key no longer" in text
    assert b"Semhar" not in target.read_bytes() and "Alex" not in text  # nobody's name
    assert not dialog.print_problem.isVisible()
