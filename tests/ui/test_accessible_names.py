"""Every control a worker can reach in the record and its dialogs has a name a screen reader can say.

The record and each dialog are opened the way a worker opens them (menus, tab buttons), on a
real store with something in every part of the record, and every interactive control in them
is looked at: named by itself, by its own words (a button's text), or by the label it is the
buddy of.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QToolButton,
    QWidget,
)

from caseapp.models.codes import NeedCategory, StepStatus, StepType, VettingNeed
from caseapp.services.people import PersonRecord
from caseapp.services.registry import Services
from caseapp.ui.insight import export_caseload as export_module
from caseapp.ui.insight.matches_tab import MatchesTab
from caseapp.ui.insight.oc3_dialog import Oc3Dialog
from caseapp.ui.main_window import MainWindow
from caseapp.ui.new_person_dialog import NewPersonDialog
from caseapp.ui.printing.print_dialog import PrintDialog
from caseapp.ui.record.checkins_tab import CheckInsTab
from caseapp.ui.record.handoffs_tab import HandOffsTab
from caseapp.ui.record.history_tab import HistoryTab
from caseapp.ui.record.move_step_dialog import MoveStepDialog
from caseapp.ui.record.pathway_tab import PathwayTab
from caseapp.ui.record.profile_tab import ProfileTab
from caseapp.ui.record.record_view import RecordView
from caseapp.ui.record.step_dialog import StepDialog
from caseapp.ui.record.support_tab import SupportTab
from caseapp.ui.record.vetting_tab import VettingTab
from caseapp.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import shown_window
from tests.ui.record_fixtures import days_ago, unnamed_controls


def test_the_rule_catches_a_control_with_no_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QWidget()
    qtbot.addWidget(box)
    named, labelled = QLineEdit(box), QComboBox(box)
    QPushButton("&Save", box)  # named by its own words
    named.setAccessibleName("Phone")
    QLabel("Se&x:", box).setBuddy(labelled)
    bare, icon_only = QLineEdit(box), QToolButton(box)
    bare.setObjectName("bare")
    icon_only.setObjectName("icon")
    assert unnamed_controls(box) == ["QLineEdit 'bare' in QWidget", "QToolButton 'icon' in QWidget"]


# -- a record with something in every part -------------------------------------------------


@pytest.fixture
def full_record(services: Services, person: PersonRecord) -> PersonRecord:
    employer = services.employers.add_employer(name="Parks Department")
    placement = services.pathway.add_step(
        person_id=person.id, type=StepType.PAID_PLACEMENT, status=StepStatus.IN_PROGRESS, title="Parks assistant",
        employer_id=employer.id, start_date=days_ago(30), line_manager="Dana Hill",
    )
    services.checkins.record_check_in(person_id=person.id, happened_at=datetime(2026, 11, 2, 10),
                                      method="phone", outcome="spoke", note="Keen on outdoor work")
    services.vetting.add_vetting_check(person_id=person.id, need=VettingNeed.REFERENCES,
                                       blocker="No previous employer")
    need = services.support.add_support_need(person_id=person.id, category=NeedCategory.MENTAL_HEALTH,
                                             description="Anxiety in new places")
    services.support.give_consent(need_id=need.id, given_on=days_ago(20))
    services.handoffs.build_hand_off(step_id=placement.id, line_manager="Dana Hill", need_ids=[need.id],
                                     first_two_weeks="Dana meets Sem at the gate")
    return person


@pytest.fixture
def window(qtbot, services: Services, full_record: PersonRecord, layout_settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    return shown_window(qtbot, services, layout_settings)


@pytest.fixture
def record(window: MainWindow, full_record: PersonRecord) -> RecordView:
    assert window.workspace is not None
    return window.workspace.open_person(full_record.id)


def test_main_window_and_record_header(window: MainWindow, record: RecordView) -> None:
    assert unnamed_controls(window.workspace.caseload) == []  # type: ignore[union-attr]
    assert unnamed_controls(window.workspace.tabBar()) == []  # type: ignore[union-attr]
    assert unnamed_controls(record.tabs.tabBar()) == []


RECORD_TABS = [ProfileTab, PathwayTab, CheckInsTab, VettingTab, SupportTab, HandOffsTab, MatchesTab, HistoryTab]


@pytest.mark.parametrize("tab", RECORD_TABS, ids=lambda cls: cls.title)
def test_every_record_tab(qtbot, record: RecordView, tab) -> None:  # type: ignore[no-untyped-def]
    record.show_page(tab)
    page = record.page(tab)
    qtbot.waitUntil(page.isVisible)
    table = getattr(page, "table", None)
    if table is not None and table.model().rowCount():
        table.selectRow(0)  # the parts shown only for a chosen row are there too
    assert unnamed_controls(page) == []


# -- dialogs -------------------------------------------------------------------------------


class Seen:
    """Stands in for a dialog's modal loop: shows it, keeps what was unnamed, and cancels it."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.dialogs: list[str] = []
        self.unnamed: list[str] = []

    def __call__(self, dialog: QDialog) -> int:
        dialog.show()
        self.qtbot.waitExposed(dialog)
        task = getattr(dialog, "task", None)
        if task is not None:  # the OC3 dialog starts checking when shown
            self.qtbot.waitUntil(lambda: not task.running, timeout=10_000)
        self.dialogs.append(dialog.windowTitle())
        self.unnamed += unnamed_controls(dialog)
        dialog.reject()
        return 0


@pytest.fixture
def seen(qtbot, monkeypatch: pytest.MonkeyPatch) -> Seen:  # type: ignore[no-untyped-def]
    watcher = Seen(qtbot)
    for cls in (NewPersonDialog, StepDialog, MoveStepDialog, SettingsDialog, PrintDialog, Oc3Dialog):
        monkeypatch.setattr(cls, "exec", lambda dialog: watcher(dialog))
    return watcher


def test_dialogs_from_the_menus(window: MainWindow, record: RecordView, seen: Seen) -> None:
    window.new_person_action.trigger()
    window.settings_action.trigger()
    window.print_action.trigger()  # the record is in front: its case summary
    record.show_page(HandOffsTab)
    hand_offs = record.page(HandOffsTab)
    hand_offs.table.selectRow(0)
    window.print_action.trigger()  # a hand-off chosen: its pack
    window.workspace.setCurrentIndex(0)  # type: ignore[union-attr]
    window.print_action.trigger()  # the caseload report
    assert seen.dialogs == ["New young person", "Settings", "Print case summary", "Print hand-off pack",
                            "Print caseload report"]
    assert seen.unnamed == []


def test_statutory_return_dialog(window: MainWindow, seen: Seen) -> None:
    window.oc3_action.trigger()
    assert seen.dialogs == ["Statutory return (SSDA903 OC3)"]
    assert seen.unnamed == []


def test_change_passphrase_dialog(window: MainWindow, seen: Seen, monkeypatch: pytest.MonkeyPatch) -> None:
    from caseapp.ui.change_passphrase_dialog import ChangePassphraseDialog

    monkeypatch.setattr(ChangePassphraseDialog, "exec", lambda dialog: seen(dialog))
    window.change_passphrase_action.trigger()
    assert seen.dialogs == ["Change passphrase"]
    assert seen.unnamed == []


def test_pathway_dialogs(qtbot, record: RecordView, seen: Seen) -> None:  # type: ignore[no-untyped-def]
    record.show_page(PathwayTab)
    pathway = record.page(PathwayTab)
    qtbot.mouseClick(pathway.add_button, Qt.MouseButton.LeftButton)
    pathway.table.selectRow(0)
    for button in (pathway.edit_button, pathway.move_button, pathway.end_button):
        assert button.isEnabled(), button.text()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen.dialogs == ["Add pathway step", "Edit pathway step", "Move step on", "End step early"]
    assert seen.unnamed == []


def test_dialogs_opened_from_the_tabs(qtbot, record: RecordView) -> None:  # type: ignore[no-untyped-def]
    opened = []
    for cls, button in ((VettingTab, "add_button"), (SupportTab, "add_button"), (HandOffsTab, "new_button")):
        record.show_page(cls)
        page = record.page(cls)
        qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)
        dialog = page.dialog
        assert dialog is not None
        qtbot.waitExposed(dialog)
        opened.append(dialog.windowTitle())
        assert unnamed_controls(dialog) == []
        dialog.reject()
    assert len(opened) == 3


def test_export_shows_nothing_unnamed_controls(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The save-as window is the system's; what caseapp shows itself is the busy window."""
    busy: list[list[str]] = []

    class WatchedBusy(QProgressDialog):
        def close(self) -> bool:
            busy.append(unnamed_controls(self) + ([] if self.accessibleName() else ["the busy window itself"]))
            return super().close()

    out = tmp_path / "caseload.csv"
    monkeypatch.setattr(export_module, "QProgressDialog", WatchedBusy)
    monkeypatch.setattr(export_module, "ask_path", lambda parent, services: (out, export_module.ExportFormat.CSV))
    window.export_action.trigger()
    assert out.exists()
    assert busy == [[]]


def test_employer_and_consent_dialogs(qtbot, services: Services, full_record: PersonRecord) -> None:  # type: ignore[no-untyped-def]
    from caseapp.ui.employers.commitment_dialog import CommitmentDialog
    from caseapp.ui.employers.employer_dialog import EmployerDialog
    from caseapp.ui.employers.opportunity_dialog import OpportunityDialog
    from caseapp.ui.insight.opportunity_matches_dialog import OpportunityMatchesDialog
    from caseapp.ui.record.consent_dialog import ConsentDialog

    employer = services.employers.list_employers()[0]
    opportunity = services.employers.add_opportunity(employer_id=employer.id, type="taster", title="Gardening taster")
    [need] = services.support.list_support_needs(person_id=full_record.id)
    dialogs = [
        EmployerDialog(services, employer),
        OpportunityDialog(services, employer.id, opportunity),
        CommitmentDialog(services, employer.id),
        ConsentDialog(services, need, withdraw=True),
        OpportunityMatchesDialog(services, opportunity.id),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert unnamed_controls(dialog) == [], type(dialog).__name__
        dialog.reject()
