"""A worker's first day, end to end through the real widgets on a real encrypted store:
set up → add a young person → add a pathway step and move it on → record a check-in → the
overdue mark goes → lock → unlock, back on the same screen.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWizard

from caseapp.models.codes import RightToWork, StepStatus, StepType, WorkerRole
from caseapp.services.registry import open_services
from caseapp.ui.caseload_table_model import CaseloadTableModel
from caseapp.ui.main_window import MainWindow
from caseapp.ui.new_person_dialog import NewPersonDialog
from caseapp.ui.record.checkins_tab import CheckInsTab
from caseapp.ui.record.move_step_dialog import MoveStepDialog
from caseapp.ui.record.pathway_tab import PathwayTab
from caseapp.ui.record.record_view import RecordView
from caseapp.ui.record.step_dialog import StepDialog
from caseapp.ui.setup_wizard import SetupWizard
from tests.conftest import CHEAP

PASSPHRASE = "lantern orchard velvet compass 42"
TODAY = date(2026, 11, 21)


def due_text(window: MainWindow, name: str) -> str:
    model = window.workspace.caseload.model
    for row in range(model.rowCount()):
        if model.index(row, CaseloadTableModel.COL_NAME).data() == name:
            return model.index(row, CaseloadTableModel.COL_DUE).data()
    raise AssertionError(f"{name} is not in the caseload")


def test_first_day(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout_settings) -> None:  # type: ignore[no-untyped-def]
    # -- first run: the set-up wizard -------------------------------------------------------
    wizard = SetupWizard(tmp_path / "caseload", kdf=CHEAP)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.welcome.name, "Alex Morgan")
    wizard.welcome.role.set_value(WorkerRole.EMPLOYABILITY_WORKER)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.passphrase.fields.passphrase, PASSPHRASE)
    qtbot.keyClicks(wizard.passphrase.fields.confirm, PASSPHRASE)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == SetupWizard.PAGE_RECOVERY_KEY, timeout=15_000)
    qtbot.mouseClick(wizard.recovery.stored, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    store = wizard.store
    assert store is not None and store.is_unlocked

    services = open_services(store, today=lambda: TODAY)
    window = MainWindow(services, layout_settings=layout_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.statusBar().currentMessage() == "0 young people, 0 overdue a contact"

        # -- add a young person, referred in the summer and not seen since ----------------
        def fill(dialog: NewPersonDialog) -> int:
            qtbot.keyClicks(dialog.form.widgets["given_name"], "Semhar")
            qtbot.keyClicks(dialog.form.widgets["family_name"], "Tekle")
            dialog.form.widgets["own_script_name"].setText("ሰምሃር ተኽለ")
            dialog.form.widgets["date_of_birth"].set_value(date(2006, 5, 4))
            dialog.form.widgets["referral_date"].set_value(date(2026, 7, 1))
            # Her share code was checked at referral: the paid placement below needs it on file.
            dialog.form.widgets["right_to_work"].set_value(RightToWork.UNLIMITED)
            dialog.form.widgets["right_to_work_checked_on"].set_value(date(2026, 7, 1))
            dialog.save()
            return dialog.result()

        monkeypatch.setattr(NewPersonDialog, "exec", fill)
        window.new_person_action.trigger()
        view = window.workspace.currentWidget()
        assert isinstance(view, RecordView)
        assert "days overdue" in due_text(window, "Semhar Tekle")
        assert window.statusBar().currentMessage() == "1 young person, 1 overdue a contact"

        # -- a pathway step, moved on ---------------------------------------------------
        def add_step(dialog: StepDialog) -> int:
            dialog.type.set_value(StepType.PAID_PLACEMENT)
            qtbot.keyClicks(dialog.title, "Park ranger assistant")
            dialog.status.set_value(StepStatus.OFFERED)
            dialog.save()
            return dialog.result()

        def move_on(dialog: MoveStepDialog) -> int:
            dialog.status.set_value(StepStatus.WAITING_TO_START)
            dialog.on.setDate(QDate(2026, 11, 20))
            dialog.save()
            return dialog.result()

        monkeypatch.setattr(StepDialog, "exec", add_step)
        monkeypatch.setattr(MoveStepDialog, "exec", move_on)
        view.show_page(PathwayTab)
        pathway = view.page(PathwayTab)
        qtbot.mouseClick(pathway.add_button, Qt.MouseButton.LeftButton)
        pathway.table.selectRow(0)
        qtbot.mouseClick(pathway.move_button, Qt.MouseButton.LeftButton)
        [step] = services.pathway.list_steps(person_id=view.person_id)
        assert (step.title, step.status) == ("Park ranger assistant", StepStatus.WAITING_TO_START)

        # -- a check-in: the overdue mark goes -------------------------------------------
        view.show_page(CheckInsTab)
        checkins = view.page(CheckInsTab)
        checkins.when.setDateTime(datetime(2026, 11, 20, 15, 0))
        qtbot.keyClicks(checkins.note, "Excited about the ranger role; travel pass sorted")
        qtbot.keyClick(checkins.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "overdue" not in due_text(window, "Semhar Tekle"), timeout=2000)
        # Waiting to start: fortnightly contact, judged from the check-in.
        assert due_text(window, "Semhar Tekle") == "04/12/2026"
        assert window.statusBar().currentMessage() == "1 young person, 0 overdue a contact"
        qtbot.waitUntil(lambda: "overdue" not in view.facts.text(), timeout=2000)

        # -- lock, and unlock back where the worker was ------------------------------------
        qtbot.keyClicks(checkins.note, "Half a thought")
        window.lock_action.trigger()
        assert not store.is_unlocked and window.windowTitle() == "caseapp — locked"
        qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
        with qtbot.waitSignal(window.unlock_page.unlocked, timeout=15_000):
            qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
        back = window.workspace.currentWidget()
        assert isinstance(back, RecordView) and back.person_id == view.person_id
        assert back.tabs.currentWidget() is back.page(CheckInsTab)
        assert back.page(CheckInsTab).note.toPlainText() == "Half a thought"
    finally:
        window.close()
        store.close(backup=False)
