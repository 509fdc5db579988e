"""The caseload's optional columns (date of birth, reference, worker), on a real store: hidden
at first, shown from the header's menu or View > Caseload columns, sortable, and kept with
the column layout when the window is closed and opened again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMenu, QTableView

from caseapp.services.registry import Services
from caseapp.ui.caseload_table_model import CaseloadTableModel as M
from caseapp.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.ui.conftest import shown_window
from tests.ui.record_fixtures import shoot

OPTIONAL = {"Date of birth": M.COL_BORN, "Reference": M.COL_REF, "Worker": M.COL_WORKER}


@pytest.fixture
def people(services: Services) -> dict[str, int]:
    colleague = services.workers.add_worker(name="Bea Adeyemi", role="employability_worker").id
    ids = {}
    for given, family, born, worker in [
        ("Semhar", "Berhane", date(2006, 9, 12), services.worker_id),
        ("Semhar", "Berhane", date(2004, 2, 1), colleague),  # one name, two people
        ("Amna", "Elhassan", date(2007, 5, 30), None),
    ]:
        ids[f"{given} {born.year}"] = services.people.add_young_person(
            given_name=given, family_name=family, date_of_birth=born, worker_id=worker).id
    return ids


@pytest.fixture
def window(qtbot, services: Services, people: dict[str, int], layout_settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    win = shown_window(qtbot, services, layout_settings)
    win.workspace.caseload.everyone.setChecked(True)  # Amna has no worker yet
    return win


def reopened(qtbot, window: MainWindow, services: Services, layout: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    assert window.close()
    return shown_window(qtbot, services, layout)


def shown_columns(window: MainWindow) -> list[str]:
    """The headers a worker sees, left to right."""
    table = window.workspace.caseload.table
    header = table.horizontalHeader()
    return [table.model().headerData(header.logicalIndex(v), Qt.Orientation.Horizontal)
            for v in range(header.count()) if not header.isSectionHidden(header.logicalIndex(v))]


def column(window: MainWindow, number: int) -> list:
    model = window.workspace.caseload.model
    return [model.index(r, number).data() for r in range(model.rowCount())]


def checked(actions) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    return {a.text(): a.isChecked() for a in actions}


def with_menu(drive: Callable[[QMenu], None]) -> list[QMenu]:
    """Drive the pop-up menu once it is on screen, and always close it: a menu left open
    would wait for a click for ever."""
    seen: list[QMenu] = []

    def look(tries: int = 50) -> None:
        menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
        if not menus:
            if tries:
                QTimer.singleShot(10, lambda: look(tries - 1))
            return
        try:
            seen.append(menus[0])
            drive(menus[0])
        finally:
            menus[0].close()

    QTimer.singleShot(0, look)
    return seen



def test_hidden_at_first(window: MainWindow) -> None:
    assert shown_columns(window) == ["Name", "Own script", "Age", "Current step", "EET status", "Last contact",
                                     "Next contact due"]
    assert checked(window.workspace.caseload.column_actions) == dict.fromkeys(OPTIONAL, False)


def test_shown_from_the_headers_menu(qtbot, window: MainWindow, people: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = window.workspace.caseload
    header = page.table.horizontalHeader()
    offered: list[dict[str, bool]] = []

    def choose_date_of_birth(menu: QMenu) -> None:
        assert menu.accessibleName() == "Caseload columns"
        offered.append(checked(menu.actions()))
        shoot(menu, "caseload-header-menu")
        next(a for a in menu.actions() if a.text() == "Date of birth").trigger()

    with_menu(choose_date_of_birth)
    header.customContextMenuRequested.emit(QPoint(20, header.height() // 2))
    assert offered == [dict.fromkeys(OPTIONAL, False)]
    assert shown_columns(window)[-1] == "Date of birth"
    assert sorted(column(window, M.COL_BORN)) == ["01/02/2004", "12/09/2006", "30/05/2007"]
    assert page.table.columnWidth(M.COL_BORN) > 0

    # Unticked again from the same menu.
    with_menu(lambda menu: next(a for a in menu.actions() if a.text() == "Date of birth").trigger())
    header.customContextMenuRequested.emit(QPoint(20, header.height() // 2))
    assert "Date of birth" not in shown_columns(window)


def test_shown_from_the_view_menu_and_sorted(qtbot, window: MainWindow, services: Services,
                                             people: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    window.columns_menu.aboutToShow.emit()
    actions = {a.text(): a for a in window.columns_menu.actions()}
    assert list(actions) == list(OPTIONAL)
    for name in OPTIONAL:
        actions[name].trigger()
    assert shown_columns(window)[-3:] == ["Date of birth", "Reference", "Worker"]
    # The header's menu says the same: they are one set of choices.
    assert checked(window.workspace.caseload.column_actions) == dict.fromkeys(OPTIONAL, True)
    window.resize(1280, 600)
    shoot(window, "caseload-optional-columns")

    page = window.workspace.caseload
    header = page.table.horizontalHeader()

    def click_header(number: int) -> None:
        at = QPoint(header.sectionViewportPosition(number) + header.sectionSize(number) // 2, header.height() // 2)
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)

    click_header(M.COL_BORN)
    assert column(window, M.COL_BORN) == ["01/02/2004", "12/09/2006", "30/05/2007"]
    click_header(M.COL_BORN)
    assert column(window, M.COL_BORN) == ["30/05/2007", "12/09/2006", "01/02/2004"]
    click_header(M.COL_REF)
    assert column(window, M.COL_REF) == sorted(people.values())
    click_header(M.COL_REF)
    assert column(window, M.COL_REF) == sorted(people.values(), reverse=True)
    click_header(M.COL_WORKER)
    assert column(window, M.COL_WORKER) == ["Alex Morgan", "Bea Adeyemi", ""]  # nobody yet, last
    # The two of one name are told apart by these columns.
    rows = {(r.display_name, page.model.index(n, M.COL_BORN).data(), page.model.index(n, M.COL_WORKER).data())
            for n, r in enumerate(page.model.rows())}
    assert {r for r in rows if r[0] == "Semhar Berhane"} == {
        ("Semhar Berhane", "12/09/2006", "Alex Morgan"), ("Semhar Berhane", "01/02/2004", "Bea Adeyemi")}


def test_kept_across_closing_and_opening(qtbot, window: MainWindow, services: Services,
                                         layout_settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    page = window.workspace.caseload
    header = page.table.horizontalHeader()
    page.column_actions[0].trigger()  # date of birth
    page.column_actions[1].trigger()  # reference
    header.moveSection(header.visualIndex(M.COL_REF), 0)  # the reference first
    header.resizeSection(M.COL_NAME, 260)
    again = reopened(qtbot, window, services, layout_settings)
    assert shown_columns(again) == ["Reference", "Name", "Own script", "Age", "Current step", "EET status",
                                    "Last contact", "Next contact due", "Date of birth"]
    assert checked(again.workspace.caseload.column_actions) == {
        "Date of birth": True, "Reference": True, "Worker": False}
    assert again.workspace.caseload.table.columnWidth(M.COL_NAME) == 260

    # Hidden again, and kept hidden.
    again.workspace.caseload.column_actions[0].trigger()
    third = reopened(qtbot, again, services, layout_settings)
    assert "Date of birth" not in shown_columns(third) and "Reference" in shown_columns(third)


def test_a_layout_saved_with_seven_columns_still_restores(qtbot, services: Services, people: dict[str, int],
                                                         layout_settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    # What the release before these columns wrote: seven columns, no count beside them.
    old = QTableView()
    old.setModel(QStandardItemModel(0, 7, old))
    was = old.horizontalHeader()
    was.resizeSection(M.COL_NAME, 250)
    was.setSectionHidden(M.COL_OWN_SCRIPT, True)
    was.moveSection(M.COL_DUE, 0)
    layout_settings.setValue("caseload/header", was.saveState())
    old.deleteLater()

    window = shown_window(qtbot, services, layout_settings)
    assert shown_columns(window) == ["Next contact due", "Name", "Age", "Current step", "EET status",
                                     "Last contact"]
    assert window.workspace.caseload.table.columnWidth(M.COL_NAME) == 250
    assert checked(window.workspace.caseload.column_actions) == dict.fromkeys(OPTIONAL, False)
    window.workspace.caseload.column_actions[2].trigger()  # and the new ones can be shown
    assert shown_columns(window)[-1] == "Worker"
    again = reopened(qtbot, window, services, layout_settings)
    assert shown_columns(again) == ["Next contact due", "Name", "Age", "Current step", "EET status",
                                    "Last contact", "Worker"]


def test_a_layout_that_is_not_one_is_ignored(qtbot, services: Services, people: dict[str, int],
                                             layout_settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    layout_settings.setValue("caseload/header", b"not a header")
    layout_settings.setValue("caseload/columns", 12)
    window = shown_window(qtbot, services, layout_settings)
    assert "Name" in shown_columns(window) and "Worker" not in shown_columns(window)


def test_a_layout_saved_before_anyone_was_added_still_fits_the_names(
        qtbot, services: Services, layout_settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    first = shown_window(qtbot, services, layout_settings)
    assert first.close()
    services.people.add_young_person(given_name="Oluwaseun Adebayo-Williams", family_name="Ó Briain-Nakamura",
                                     date_of_birth=date(2006, 9, 12), worker_id=services.worker_id)
    window = shown_window(qtbot, services, layout_settings)
    table = window.workspace.caseload.table
    assert (
        table.columnWidth(M.COL_NAME) >= table.sizeHintForColumn(M.COL_NAME)
        > table.horizontalHeader().defaultSectionSize()
    )


def test_kept_across_a_lock(qtbot, window: MainWindow, services: Services) -> None:  # type: ignore[no-untyped-def]
    window.workspace.caseload.column_actions[2].trigger()  # worker
    window.lock_action.trigger()
    page = window.unlock_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    with qtbot.waitSignal(page.unlocked, timeout=10_000):
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert "Worker" in shown_columns(window)
    window.columns_menu.aboutToShow.emit()  # the menu holds the new caseload's choices
    assert checked(window.columns_menu.actions()) == {"Date of birth": False, "Reference": False, "Worker": True}
