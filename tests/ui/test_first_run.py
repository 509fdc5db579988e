"""A new caseload shows how to begin; the caseload has an Add button; Help has a short guide;
File › Back up to a folder writes an encrypted backup where the worker chooses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from caseapp.services.registry import Services
from caseapp.store.backup import read_backup
from caseapp.ui.guide import GuideDialog
from caseapp.ui.main_window import MainWindow
from caseapp.ui.new_person_dialog import NewPersonDialog
from caseapp.ui.widgets import confirm
from tests.ui.conftest import shown_window

SHOTS = Path("/tmp/shots")


@pytest.fixture
def window(qtbot, services: Services, layout_settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    return shown_window(qtbot, services, layout_settings)


def answer_dialog(kind: type[QDialog], look=None) -> list[QDialog]:  # type: ignore[no-untyped-def]
    """When a `kind` dialog opens, look at it and close it (always: one left open would hang)."""
    seen: list[QDialog] = []

    def close() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(10, close)
            return
        seen.append(dialog)
        try:
            if look is not None:
                look(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, close)
    return seen


def test_a_new_caseload_shows_how_to_begin(qtbot, window: MainWindow, services: Services) -> None:  # type: ignore[no-untyped-def]
    page = window.workspace.caseload
    assert page.welcome.isVisible() and not page.table.isVisible()
    assert "Nobody on this caseload yet" in page.welcome.findChild(type(page.empty)).text()
    if SHOTS.is_dir():
        window.resize(1366, 768)
        window.grab().save(str(SHOTS / "first-run.png"))
    opened = answer_dialog(NewPersonDialog)
    qtbot.mouseClick(page.welcome.add_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    guides = answer_dialog(GuideDialog)
    qtbot.mouseClick(page.welcome.guide_button, Qt.MouseButton.LeftButton)
    assert len(guides) == 1

    services.people.add_young_person(given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4))
    qtbot.waitUntil(lambda: page.table.isVisible())
    assert not page.welcome.isVisible()


def test_the_caseload_has_an_add_button(qtbot, window: MainWindow, services: Services) -> None:  # type: ignore[no-untyped-def]
    services.people.add_young_person(given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4))
    page = window.workspace.caseload
    qtbot.waitUntil(lambda: page.table.isVisible())

    def add(dialog: NewPersonDialog) -> None:
        dialog.form.widgets["given_name"].setText("Dawit")
        dialog.form.widgets["family_name"].setText("Haile")
        dialog.form.widgets["date_of_birth"].set_value(date(2007, 1, 9))
        dialog.save()

    answer_dialog(NewPersonDialog, add)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert {p.given_name for p in services.people.list_young_people()} == {"Semhar", "Dawit"}
    assert window.workspace.currentWidget().person_id != 0  # the new record opened


def test_a_filter_with_nobody_says_so_without_the_welcome(qtbot, window: MainWindow, services: Services) -> None:  # type: ignore[no-untyped-def]
    services.people.add_young_person(given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4))
    page = window.workspace.caseload
    page.everyone.setChecked(True)
    page.filter.setCurrentIndex(page.filter.findText("Closed cases"))
    qtbot.waitUntil(lambda: page.empty.isVisible())
    assert not page.welcome.isVisible()
    assert "Nobody matches this choice" in page.empty.text()


def test_the_guide_names_the_shortcuts_the_marks_and_the_folder(qtbot, window: MainWindow, services: Services) -> None:  # type: ignore[no-untyped-def]
    texts: list[str] = []
    answer_dialog(GuideDialog, lambda d: texts.append(d.text.toPlainText()))
    window.guide_action.trigger()
    [text] = texts
    assert "Ctrl+N" in text and "File › New young person" in text
    assert "Ctrl+L" in text and "File › Lock" in text
    assert "Ctrl+Return" in text or "Ctrl+Enter" in text
    assert "overdue" in text and "warning sign" in text
    assert str(services.store.folder) in text
    assert "File › Back up to a folder" in text and "last 10" in text


def test_back_up_to_a_folder(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "network-drive"
    target.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(target))
    window.backup_action.trigger()
    [made] = list(target.iterdir())
    info = read_backup(made)
    assert info.kind == "manual"
    assert "Backed up to" in window.statusBar().currentMessage()


def test_a_backup_that_cannot_be_written_says_why(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(not_a_folder))
    told: list[str] = []
    monkeypatch.setattr(confirm, "tell", lambda parent, title, text: told.append(text))
    window.backup_action.trigger()
    assert len(told) == 1 and "could not be written" in told[0]
    assert not_a_folder.read_text() == ""
