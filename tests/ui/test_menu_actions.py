"""The File menu's actions reach the right thing: Print what is in front of the worker, Export
what the screen shows in the order it shows it, and the statutory return's fixes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from caseapp.reports.api import ReportKind
from caseapp.services.exports import ExportFormat
from caseapp.services.oc3 import FIELD_CHILD, FIELD_CONTACT, FIELD_EET
from caseapp.services.registry import Services
from caseapp.ui.insight import export_caseload as export_module
from caseapp.ui.insight.oc3_dialog import Oc3Dialog
from caseapp.ui.main_window import MainWindow
from caseapp.ui.printing.print_dialog import PrintDialog
from caseapp.ui.record.checkins_tab import CheckInsTab
from caseapp.ui.record.handoffs_tab import HandOffsTab
from caseapp.ui.record.profile_tab import ProfileTab


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[ReportKind, int | None]]:
    """What each Print dialog was opened for (closed at once, so nothing is written)."""
    seen: list[tuple[ReportKind, int | None]] = []

    def opened(dialog: PrintDialog) -> int:
        seen.append((dialog.kind, dialog.record_id))
        return 0

    monkeypatch.setattr(PrintDialog, "exec", opened)
    return seen


def test_print_follows_what_is_in_front(window: MainWindow, services: Services, people, printed) -> None:  # type: ignore[no-untyped-def]
    window.print_action.trigger()  # on the caseload
    window.workspace.open_person(people["Amna"])
    window.print_action.trigger()  # on a record
    assert printed == [(ReportKind.CASELOAD, None), (ReportKind.CASE_SUMMARY, people["Amna"])]


def test_print_on_a_selected_hand_off_prints_its_pack(window: MainWindow, services: Services, printed) -> None:  # type: ignore[no-untyped-def]
    from tests.reports.conftest import make_case

    case = make_case(services)
    window.workspace.refresh()
    view = window.workspace.open_person(case.person.id)
    view.show_page(HandOffsTab)
    tab = view.page(HandOffsTab)
    tab.table.selectRow(0)
    assert tab.selected() is not None
    window.print_action.trigger()
    assert printed == [(ReportKind.HAND_OFF_PACK, case.hand_off.id)]


def test_export_writes_the_screens_rows_in_the_screens_order(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: Services, people, tmp_path: Path, monkeypatch,
) -> None:
    target = tmp_path / "shown.csv"
    monkeypatch.setattr(export_module, "ask_path", lambda parent, services: (target, ExportFormat.CSV))
    page = window.workspace.caseload
    page.everyone.click()
    page.table.sortByColumn(page.model.COL_NAME, Qt.SortOrder.DescendingOrder)
    on_screen = [page.model.index(r, page.model.COL_NAME).data() for r in range(page.model.rowCount())]
    assert len(on_screen) >= 3 and on_screen != sorted(on_screen)

    window.export_action.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    assert [row[0] for row in rows] == on_screen


def test_a_return_problem_opens_the_record_where_it_is_fixed(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: Services, people, monkeypatch,
) -> None:
    opened: list[Oc3Dialog] = []
    monkeypatch.setattr(Oc3Dialog, "exec", lambda self: opened.append(self) or 0)
    window.oc3_action.trigger()
    [dialog] = opened

    dialog.fix_requested.emit(people["Amna"], FIELD_CHILD)
    view = window.workspace.currentWidget()
    assert view.person_id == people["Amna"]
    assert view.tabs.currentWidget() is view.page(ProfileTab)
    assert window.focusWidget() is view.page(ProfileTab).form.widgets[FIELD_CHILD]

    dialog.fix_requested.emit(people["Dritë"], FIELD_EET)
    view = window.workspace.currentWidget()
    assert window.focusWidget() is view.page(ProfileTab).situation.eet

    dialog.fix_requested.emit(people["Semhar"], FIELD_CONTACT)
    view = window.workspace.currentWidget()
    assert view.person_id == people["Semhar"]
    assert view.tabs.currentWidget() is view.page(CheckInsTab)
