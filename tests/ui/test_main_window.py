"""The main window on a real store: caseload, search, opening records, locking and unlocking."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QWidget

from caseapp.services.registry import Services
from caseapp.ui.caseload_table_model import CaseloadTableModel
from caseapp.ui.main_window import MainWindow
from caseapp.ui.record.checkins_tab import CheckInsTab
from caseapp.ui.record.record_view import RecordView
from tests.conftest import PASSPHRASE
from tests.ui.conftest import PEOPLE


def names(model: CaseloadTableModel) -> list[str]:
    return [model.index(r, CaseloadTableModel.COL_NAME).data() for r in range(model.rowCount())]


def visible_text(root: QWidget) -> str:
    """Every piece of text a person could read in the window, tab titles included."""
    parts = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        for getter in ("text", "toPlainText", "title", "placeholderText"):
            value = getattr(widget, getter, None)
            if callable(value):
                try:
                    parts.append(str(value()))
                except TypeError:
                    pass
        if hasattr(widget, "tabText") and hasattr(widget, "count"):
            parts += [widget.tabText(i) for i in range(widget.count())]
        model = getattr(widget, "model", None)
        if callable(model) and model() is not None and hasattr(model(), "rowCount"):
            m = model()
            for r in range(m.rowCount()):
                for c in range(m.columnCount()):
                    parts.append(str(m.index(r, c).data()))
    return "\n".join(parts)


def test_caseload_overdue_first_with_counts(window: MainWindow) -> None:
    caseload = window.workspace.caseload
    model = caseload.model
    assert names(model)[0] == "Semhar Tekle"
    assert "Dritë Çela" not in names(model)  # not on my caseload
    overdue = [model.index(r, CaseloadTableModel.COL_DUE).data() for r in range(model.rowCount())]
    assert "days overdue" in overdue[0]
    tip = model.index(0, CaseloadTableModel.COL_DUE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Contact is overdue\nDue by the rule: every 4 weeks, the usual rule")
    tips = {
        model.index(r, CaseloadTableModel.COL_DUE).data(Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())
    }
    assert all(t and "Due by the rule: " in t for t in tips)
    assert window.statusBar().currentMessage() == "3 young people, 1 overdue a contact"
    window.workspace.caseload.everyone.setChecked(True)
    assert window.statusBar().currentMessage() == "4 young people, 1 overdue a contact"
    assert window.windowTitle() == "caseapp"


def test_search_as_you_type(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.find_action.trigger()
    caseload = window.workspace.caseload
    caseload.everyone.setChecked(True)
    qtbot.keyClicks(caseload.search, "nguyen")  # no accent typed
    qtbot.waitUntil(lambda: names(caseload.model) == ["Thảo Nguyễn"], timeout=2000)
    caseload.search.clear()
    qtbot.keyClicks(caseload.search, "tekel")  # one typo
    qtbot.waitUntil(lambda: names(caseload.model) == ["Semhar Tekle"], timeout=2000)
    qtbot.keyClick(caseload.search, Qt.Key.Key_Return)
    view = window.workspace.currentWidget()
    assert isinstance(view, RecordView) and view.person_id is not None
    assert window.workspace.tabText(window.workspace.currentIndex()) == "Semhar Tekle"


def test_sorting_covers_every_row_and_returns_to_overdue_first(window: MainWindow) -> None:
    caseload = window.workspace.caseload
    caseload.everyone.setChecked(True)
    table = caseload.table
    table.sortByColumn(CaseloadTableModel.COL_NAME, Qt.SortOrder.AscendingOrder)
    assert names(caseload.model) == ["Dritë Çela", "Amna Elhassan", "Thảo Nguyễn", "Semhar Tekle"]
    table.sortByColumn(CaseloadTableModel.COL_NAME, Qt.SortOrder.DescendingOrder)
    assert names(caseload.model)[0] == "Semhar Tekle"
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    assert names(caseload.model)[0] == "Semhar Tekle"


@pytest.mark.slow  # adds 450 young people through the service first
def test_lazy_model_fetches_in_batches(qtbot, qtmodeltester, services: Services) -> None:  # type: ignore[no-untyped-def]
    for n in range(450):
        services.people.add_young_person(given_name=f"P{n}", family_name="Test", date_of_birth=date(2006, 1, 1))
    model = CaseloadTableModel()
    model.set_rows(services.caseload.caseload())
    assert model.total() == 450 and model.rowCount() == CaseloadTableModel.BATCH
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * CaseloadTableModel.BATCH
    assert model.row_of(model.rows()[-1].person_id) == 449 and model.rowCount() == 450
    qtmodeltester.check(model)


def test_lock_hides_everything_and_unlock_returns_to_the_same_place(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: Services, people,
) -> None:
    view = window.workspace.open_person(people["Amna"])
    view.show_page(CheckInsTab)
    view.page(CheckInsTab).note.setPlainText("Wants to try catering")
    QGuiApplication.clipboard().setText("Amna Elhassan")
    window.clipboard._copied = "Amna Elhassan"  # as if copied from the window

    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    window.lock_action.trigger()

    assert not services.store.is_unlocked
    assert window.windowTitle() == "caseapp — locked"
    shown = visible_text(window)
    for given, family, own in PEOPLE:
        assert given not in shown and family not in shown and (own is None or own not in shown)
    assert "Wants to try catering" not in shown
    assert QGuiApplication.clipboard().text() == ""
    assert not window.new_person_action.isEnabled()

    page = window.unlock_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    with qtbot.waitSignal(page.unlocked, timeout=10_000):
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert services.store.is_unlocked
    current = window.workspace.currentWidget()
    assert isinstance(current, RecordView) and current.person_id == people["Amna"]
    assert current.tabs.currentWidget() is current.page(CheckInsTab)
    assert current.page(CheckInsTab).note.toPlainText() == "Wants to try catering"
    assert services.drafts.take_drafts() == {}  # handed back, not left in the store


def test_idle_minutes_lock_the_app(qtbot, window: MainWindow, services: Services) -> None:  # type: ignore[no-untyped-def]
    window.idle.set_interval_ms(50)
    window.idle.start()
    qtbot.waitUntil(lambda: not services.store.is_unlocked, timeout=3000)
    assert window.windowTitle() == "caseapp — locked"


def test_layout_is_remembered_without_personal_data(qtbot, window: MainWindow, layout_settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    window.workspace.open_person(window.workspace.caseload.model.rows()[0].person_id)
    window.close()
    layout_settings.sync()
    keys = layout_settings.allKeys()
    assert set(keys) == {"window/geometry", "caseload/header", "caseload/columns"}
    with open(layout_settings.fileName(), "rb") as raw:
        text = raw.read()
    for given, family, _own in PEOPLE:
        assert given.encode() not in text and family.encode() not in text


def test_closing_with_unsaved_changes_asks(qtbot, window: MainWindow, services: Services, people, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from caseapp.ui.widgets import confirm

    view = window.workspace.open_person(people["Amna"])
    view.page(CheckInsTab).note.setPlainText("Spoke about the taster day")
    monkeypatch.setattr(confirm, "ask_unsaved", lambda *a: "cancel")
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(confirm, "ask_unsaved", lambda *a: "save")
    assert window.close()
    [saved] = services.checkins.list_check_ins(person_id=people["Amna"])
    assert saved.note == "Spoke about the taster day"


def test_new_person_opens_their_record(qtbot, window: MainWindow, services: Services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from caseapp.ui.new_person_dialog import NewPersonDialog

    def fill(dialog: NewPersonDialog) -> int:
        dialog.save()  # nothing typed: refused beside the fields
        assert dialog.form.error_text("given_name") == "Given name is required."
        # setText: the key simulator cannot type letters outside ASCII.
        dialog.form.widgets["given_name"].setText("Zoë")
        dialog.form.widgets["family_name"].setText("Ó Briain")
        dialog.form.widgets["date_of_birth"].set_value(date(2007, 2, 28))
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(NewPersonDialog, "exec", fill)
    window.new_person_action.trigger()
    view = window.workspace.currentWidget()
    assert isinstance(view, RecordView)
    person = services.people.get_young_person(person_id=view.person_id)
    assert (person.given_name, person.worker_id) == ("Zoë", services.worker_id)
    assert "Zoë Ó Briain" in names(window.workspace.caseload.model)


def test_every_control_has_an_accessible_name(window: MainWindow, people) -> None:
    window.workspace.open_person(people["Semhar"])
    unnamed = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractButton)) and not isinstance(widget, QLabel):
            if widget.isVisibleTo(window) and not (widget.accessibleName() or getattr(widget, "text", lambda: "")()):
                unnamed.append(type(widget).__name__ + ":" + widget.objectName())
    assert unnamed == []


def test_demo_banner(qtbot, services: Services, layout_settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(services, demo=True, layout_settings=layout_settings)
    qtbot.addWidget(win)
    banner = win.findChild(QLabel, "demoBanner")
    assert banner is not None and "DEMO" in banner.text()
    assert "DEMO" in win.windowTitle()


def test_the_session_locking_locks_the_app(window: MainWindow, services: Services) -> None:
    # What the desktop's D-Bus signal calls; no bus runs in the test.
    window.session_lock.screensaver_changed(False)
    assert services.store.is_unlocked
    window.session_lock.screensaver_changed(True)
    assert not services.store.is_unlocked
