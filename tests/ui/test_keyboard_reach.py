"""The main window can be worked from the keyboard: shortcuts do what they say, every menu item can be reached."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from caseapp.services.people import PersonRecord
from caseapp.services.registry import Services
from caseapp.ui.main_window import MainWindow
from caseapp.ui.new_person_dialog import NewPersonDialog
from caseapp.ui.printing.print_dialog import PrintDialog
from caseapp.ui.record.record_view import RecordView
from tests.ui.conftest import shown_window

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, services: Services, person: PersonRecord, layout_settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    return shown_window(qtbot, services, layout_settings, active=True)


def press(qtbot, window: MainWindow, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+key, sent where the worker's keys go: the widget with focus, else the window."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, CTRL)


def modal_from(qtbot, start: Callable[[], None]) -> QDialog | None:  # type: ignore[no-untyped-def]
    """Run `start`, which should open a modal dialog; note the dialog, close it with Esc, return it."""
    seen: list[QDialog] = []
    tries = [0]

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            seen.append(dialog)
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
            return
        tries[0] += 1
        if tries[0] < 200:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
    start()
    qtbot.waitUntil(lambda: tries[0] >= 200 or bool(seen), timeout=5000)
    if seen:
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=2000)
    return seen[0] if seen else None


def test_ctrl_n_opens_new_young_person(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = modal_from(qtbot, lambda: press(qtbot, window, Qt.Key.Key_N))
    assert isinstance(dialog, NewPersonDialog)
    assert window.workspace is not None and window.workspace.record_views() == []  # Esc added nobody


def test_ctrl_f_goes_to_the_search_box(qtbot, window: MainWindow, person: PersonRecord) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    window.workspace.open_person(person.id)  # somewhere else first
    press(qtbot, window, Qt.Key.Key_F)
    search = window.workspace.caseload.search
    qtbot.waitUntil(search.hasFocus)
    assert window.workspace.currentWidget() is window.workspace.caseload
    qtbot.keyClicks(search, "Tek")
    assert search.text() == "Tek"


def test_ctrl_1_2_3_switch_screens(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    workspace = window.workspace
    assert workspace is not None
    for key, page in [(Qt.Key.Key_2, workspace.employers), (Qt.Key.Key_3, workspace.dashboard),
                      (Qt.Key.Key_1, workspace.caseload), (Qt.Key.Key_3, workspace.dashboard)]:
        press(qtbot, window, key)
        assert workspace.currentWidget() is page, key


def test_ctrl_p_on_a_record_opens_print(qtbot, window: MainWindow, person: PersonRecord) -> None:  # type: ignore[no-untyped-def]
    workspace = window.workspace
    assert workspace is not None
    view = workspace.open_person(person.id)
    view.tabs.setFocus()
    dialog = modal_from(qtbot, lambda: press(qtbot, window, Qt.Key.Key_P))
    assert isinstance(dialog, PrintDialog)
    assert dialog.windowTitle() == "Print case summary"
    assert workspace.currentWidget() is view  # Esc closed the dialog, not the record


def test_ctrl_w_closes_the_record(qtbot, window: MainWindow, person: PersonRecord) -> None:  # type: ignore[no-untyped-def]
    workspace = window.workspace
    assert workspace is not None
    view = workspace.open_person(person.id)
    view.tabs.setFocus()
    press(qtbot, window, Qt.Key.Key_W)
    assert workspace.record_views() == []
    assert not isinstance(workspace.currentWidget(), RecordView)


# -- every menu item can be reached ----------------------------------------------------------


def menus(window: MainWindow) -> list[QMenu]:
    return [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]


def has_mnemonic(text: str) -> bool:
    return "&" in text.replace("&&", "")


def test_every_menu_and_enabled_item_has_a_key(window: MainWindow) -> None:
    tops = menus(window)
    assert [m.title() for m in tops] == ["&File", "&Edit", "&View", "&Help"]
    assert [m.title() for m in tops if not has_mnemonic(m.title())] == []
    unreachable = []
    items = 0
    for menu in tops:
        for action in menu.actions():
            if action.isSeparator() or not action.isEnabled():
                continue
            items += 1
            if action.shortcut().isEmpty() and not has_mnemonic(action.text()):
                unreachable.append(f"{menu.title()} > {action.text()}")
    assert items >= 12
    assert unreachable == []


def test_each_menus_mnemonics_are_different(window: MainWindow) -> None:
    """Two items with the same letter in one menu would need the key pressed twice."""
    for menu in [window.menuBar(), *menus(window)]:
        letters = [a.text().replace("&&", "").split("&")[1][0].lower()
                   for a in menu.actions() if has_mnemonic(a.text())]
        assert len(letters) == len(set(letters)), (menu.title() if isinstance(menu, QMenu) else "menu bar", letters)


def test_ctrl_q_quits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    [quit_action] = [a for menu in menus(window) for a in menu.actions()
                     if isinstance(a, QAction) and a.text().replace("&", "") == "Quit"]
    assert QKeySequence("Ctrl+Q") in quit_action.shortcuts()
    press(qtbot, window, Qt.Key.Key_Q)
    assert not window.isVisible()
