"""The unlock dialog and the main window, driven through Qt on a real encrypted store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from caseapp.store import Store
from caseapp.ui.unlock_dialog import UnlockDialog
from tests.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal box would block the test; record any the code tries to show instead."""
    shown: list[str] = []

    def record(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        shown.append(str(args[2]) if len(args) > 2 else "")
        return QMessageBox.StandardButton.Ok

    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    return shown


@pytest.fixture
def locked_store(store: Store) -> Store:
    store.lock()
    return store


def open_dialog(qtbot, store: Store) -> UnlockDialog:  # type: ignore[no-untyped-def]
    dialog = UnlockDialog(store)
    qtbot.addWidget(dialog)
    # Shown (not exec'd) so the test keeps control.
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# -- unlock dialog ------------------------------------------------------------------------


def test_wrong_passphrase_is_explained_beside_the_field(qtbot, locked_store: Store) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, locked_store)
    assert not dialog.error.isVisible()

    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    # Unlocking runs off the GUI thread: the answer arrives a moment later.
    qtbot.waitUntil(dialog.error.isVisible, timeout=5000)

    assert dialog.error.text() == "That passphrase does not open this caseload."
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not locked_store.is_unlocked
    # The typed text is selected so the next attempt replaces it.
    assert dialog.passphrase.selectedText() == "not the passphrase"
    # focusWidget, not hasFocus: an offscreen window is never the active one.
    assert dialog.focusWidget() is dialog.passphrase


def test_right_passphrase_unlocks_and_accepts(qtbot, locked_store: Store) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, locked_store)
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible, timeout=5000)

    # The wrong attempt is still selected, so typing replaces it.
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert locked_store.is_unlocked
    assert dialog.passphrase.text() == ""  # not left in the widget's memory


def test_passphrase_field_hides_what_is_typed(qtbot, locked_store: Store) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, locked_store)
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password


def test_cancel_leaves_the_store_locked(qtbot, locked_store: Store) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, locked_store)
    with qtbot.waitSignal(dialog.rejected, timeout=5000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not locked_store.is_unlocked
