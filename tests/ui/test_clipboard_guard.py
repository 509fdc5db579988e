"""Text copied from caseapp leaves the clipboard after a while, unless something else replaced it."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from caseapp.ui.clipboard_guard import ClipboardGuard


def copy_from_the_app(qtbot, text: str) -> QLineEdit:  # type: ignore[no-untyped-def]
    field = QLineEdit(text)
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    field.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None, timeout=2000)
    field.selectAll()
    field.copy()
    return field


def test_a_copy_is_cleared_after_the_delay(qtbot) -> None:  # type: ignore[no-untyped-def]
    guard = ClipboardGuard(clear_after_ms=50)
    copy_from_the_app(qtbot, "Semhar Tekle")
    assert QGuiApplication.clipboard().text() == "Semhar Tekle"
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=2000)
    guard.deleteLater()


def test_something_copied_since_is_left_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    guard = ClipboardGuard(clear_after_ms=60_000)
    copy_from_the_app(qtbot, "Semhar Tekle")
    guard._copied = "Semhar Tekle"
    QGuiApplication.clipboard().blockSignals(True)
    QGuiApplication.clipboard().setText("copied from another program")
    QGuiApplication.clipboard().blockSignals(False)
    guard.clear()  # as on lock
    assert QGuiApplication.clipboard().text() == "copied from another program"
    guard.deleteLater()
