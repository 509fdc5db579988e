"""The unlock dialog and the main window, driven through Qt on a real encrypted store."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from caseapp.services.caseload import CaseloadService
from caseapp.services.people import PeopleService
from caseapp.store import Store
from caseapp.ui.main_window import MainWindow
from caseapp.ui.caseload_table_model import CaseloadTableModel
from caseapp.ui.unlock_dialog import UnlockDialog
from tests.conftest import PASSPHRASE

# (given, family, own script): Latin diacritics, and names written in Ge'ez and Arabic.
PEOPLE = [
    ("Semhar", "Tekle", "ሰምሃር ተኽለ"),
    ("Amna", "Elhassan", "آمنة الحسن"),
    ("Thảo", "Nguyễn", None),
    ("Dritë", "Çela", None),
    ("Şêrko", "Barzanî", None),
]


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


@pytest.fixture
def people_store(store: Store) -> Store:
    service = PeopleService(store)
    for given, family, own in PEOPLE:
        service.add_young_person(
            given_name=given, family_name=family, own_script_name=own, date_of_birth=date(2006, 5, 4)
        )
    return store


def open_dialog(qtbot, store: Store) -> UnlockDialog:  # type: ignore[no-untyped-def]
    dialog = UnlockDialog(store)
    qtbot.addWidget(dialog)
    # Shown (not exec'd) so the test keeps control; showing also makes Unlock the default button.
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# -- unlock dialog ------------------------------------------------------------------------


def test_wrong_passphrase_is_explained_beside_the_field(qtbot, locked_store: Store) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, locked_store)
    assert not dialog.error.isVisible()

    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    assert dialog.error.isVisible()
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
    assert dialog.error.isVisible()

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


# -- main window --------------------------------------------------------------------------


def displayed(model: CaseloadTableModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_demo_window_shows_banner_and_people(qtbot, people_store: Store, no_message_boxes: list[str]) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(people_store, demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    banner = window.findChild(QLabel, "demoBanner")
    assert banner is not None and banner.isVisible()
    assert "DEMO" in banner.text()
    assert "DEMO" in window.windowTitle()

    names = displayed(window.model, CaseloadTableModel.COL_NAME)
    assert sorted(names) == sorted(f"{given} {family}" for given, family, _ in PEOPLE)
    own_scripts = displayed(window.model, CaseloadTableModel.COL_OWN_SCRIPT)
    assert {"ሰምሃር ተኽለ", "آمنة الحسن"} <= set(own_scripts)
    assert window.table.model() is window.model
    assert window.statusBar().currentMessage() == f"{len(PEOPLE)} young people, 0 overdue"
    assert no_message_boxes == []


def test_real_window_has_no_demo_banner(qtbot, people_store: Store) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(people_store, demo=False)
    qtbot.addWidget(window)
    assert window.findChild(QLabel, "demoBanner") is None
    assert "DEMO" not in window.windowTitle()


def test_refresh_picks_up_a_new_person(qtbot, people_store: Store) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(people_store)
    qtbot.addWidget(window)
    PeopleService(people_store).add_young_person(
        given_name="Zoë", family_name="Ó Briain", date_of_birth=date(2005, 1, 31)
    )
    window.refresh()
    assert "Zoë Ó Briain" in displayed(window.model, CaseloadTableModel.COL_NAME)
    assert window.statusBar().currentMessage() == f"{len(PEOPLE) + 1} young people, 0 overdue"


def test_empty_caseload(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 0
    assert window.statusBar().currentMessage() == "0 young people, 0 overdue"


# -- table model --------------------------------------------------------------------------


def overdue_store(people_store: Store) -> Store:
    """Semhar last spoke to 60 days ago, so her four-weekly contact is overdue."""
    from datetime import datetime, timedelta

    from caseapp.services.checkins import CheckInService

    semhar = next(p for p in PeopleService(people_store).list_young_people() if p.family_name == "Tekle")
    CheckInService(people_store).record_check_in(
        person_id=semhar.id, happened_at=datetime.now() - timedelta(days=60), method="phone", outcome="spoke"
    )
    return people_store


def test_caseload_model_passes_qt_model_tester(qtmodeltester, people_store: Store) -> None:  # type: ignore[no-untyped-def]
    model = CaseloadTableModel()
    model.set_rows(CaseloadService(overdue_store(people_store)).caseload())
    assert model.rowCount() == len(PEOPLE)
    qtmodeltester.check(model)


def test_overdue_contacts_come_first_and_are_marked(qtbot, people_store: Store) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(overdue_store(people_store))
    qtbot.addWidget(window)
    model = window.model
    first = model.index(0, CaseloadTableModel.COL_DUE)
    assert model.index(0, CaseloadTableModel.COL_NAME).data() == "Semhar Tekle"
    assert "days overdue" in first.data()
    assert first.data(Qt.ItemDataRole.FontRole).bold()
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "Contact is overdue"
    assert model.index(1, CaseloadTableModel.COL_DUE).data(Qt.ItemDataRole.FontRole) is None
    assert window.statusBar().currentMessage() == f"{len(PEOPLE)} young people, 1 overdue"


def test_caseload_model_cells(people_store: Store) -> None:
    rows = CaseloadService(people_store).caseload()
    model = CaseloadTableModel()
    model.set_rows(rows)
    row = next(i for i, r in enumerate(rows) if r.family_name == "Tekle")
    cell = lambda column: model.index(row, column).data()  # noqa: E731
    assert cell(CaseloadTableModel.COL_NAME) == "Semhar Tekle"
    assert cell(CaseloadTableModel.COL_OWN_SCRIPT) == "ሰምሃር ተኽለ"
    assert cell(CaseloadTableModel.COL_AGE) == rows[row].age
    assert cell(CaseloadTableModel.COL_LAST) == "None yet"
    assert cell(CaseloadTableModel.COL_DUE) == rows[row].next_due.strftime("%d/%m/%Y")
    assert model.index(row, 0).data(CaseloadTableModel.RowRole) == rows[row]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert model.data(QModelIndex()) is None
