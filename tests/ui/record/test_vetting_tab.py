"""The vetting tab on a real store: adding and editing checks, refusals shown beside the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from caseapp.models.codes import StepType, VettingNeed, VettingOutcome
from caseapp.ui.record.vetting_dialog import VettingDialog
from caseapp.ui.record.vetting_tab import VettingTab
from tests.ui.record_fixtures import TODAY, days_ago, shoot, unnamed_controls


def make_tab(qtbot, services, person) -> VettingTab:  # type: ignore[no-untyped-def]
    tab = VettingTab(services, person.id)
    qtbot.addWidget(tab)
    tab.resize(1000, 560)
    tab.show()
    return tab


def open_add(qtbot, tab: VettingTab) -> VettingDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_add_a_check_with_every_field(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    step = services.pathway.add_step(person_id=person.id, type=StepType.PAID_PLACEMENT, title="Parks assistant")
    tab = make_tab(qtbot, services, person)
    assert tab.model.rowCount() == 0
    dialog = open_add(qtbot, tab)
    dialog.need.set_value(VettingNeed.ADDRESS_HISTORY)
    dialog.step.setCurrentIndex(dialog.step.findData(step.id))
    dialog.outcome.set_value(VettingOutcome.ALTERNATIVE_ACCEPTED)
    assert dialog.decided_on.value() == TODAY  # a decision gets today's date unless changed
    qtbot.keyClicks(dialog.blocker, "Five moves in three years; no record of two of them")
    qtbot.keyClicks(dialog.alternative, "Letter from the leaving-care team confirming addresses")
    qtbot.keyClicks(dialog.approved_by, "Safeguarding lead, Parks service")
    qtbot.keyClicks(dialog.signed_off_by, "HR business partner")
    dialog.decided_on.set_value(days_ago(3))
    dialog.review_on.set_value(days_ago(-90))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    [check] = services.vetting.list_vetting_checks(person_id=person.id)
    assert check.need == VettingNeed.ADDRESS_HISTORY and check.step_id == step.id
    assert check.outcome == VettingOutcome.ALTERNATIVE_ACCEPTED
    assert check.blocker == "Five moves in three years; no record of two of them"
    assert check.alternative == "Letter from the leaving-care team confirming addresses"
    assert check.approved_by == "Safeguarding lead, Parks service"
    assert check.employer_signed_off_by == "HR business partner"
    assert (check.decided_on, check.review_on) == (days_ago(3), days_ago(-90))
    assert tab.model.rowCount() == 1
    assert tab.selected() == check  # the saved check is selected and shown in full
    row = [tab.model.index(0, c).data() for c in range(tab.model.columnCount())]
    assert row[0] == "Address history" and row[1].startswith("Paid placement: Parks assistant")
    assert "Letter from the leaving-care team" in tab.details.text()


def test_a_refusal_is_shown_beside_the_field_and_keeps_what_was_typed(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, services, person)
    dialog = open_add(qtbot, tab)
    dialog.need.set_value(VettingNeed.RIGHT_TO_WORK)
    dialog.outcome.set_value(VettingOutcome.ALTERNATIVE_ACCEPTED)
    qtbot.keyClicks(dialog.blocker, "No passport")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.errors.text("alternative") == "Describe the alternative that was accepted."
    assert dialog.errors.text("approved_by").startswith("Say who approved the alternative")
    assert "cannot be waived" in dialog.errors.text("how_met")
    assert dialog.blocker.toPlainText() == "No passport"
    assert services.vetting.list_vetting_checks(person_id=person.id) == []

    qtbot.keyClicks(dialog.alternative, "Home Office online check with a share code")
    qtbot.keyClicks(dialog.how_met, "Share code checked online by the employer")
    qtbot.keyClicks(dialog.approved_by, "Employer HR")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    [check] = services.vetting.list_vetting_checks(person_id=person.id)
    assert check.how_met == "Share code checked online by the employer"


def test_enter_saves_and_escape_cancels(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, services, person)
    dialog = open_add(qtbot, tab)
    qtbot.keyClicks(dialog.approved_by, "Nobody yet")
    qtbot.keyClick(dialog.approved_by, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert services.vetting.list_vetting_checks(person_id=person.id) == []

    dialog = open_add(qtbot, tab)
    dialog.need.set_value(VettingNeed.REFERENCES)
    qtbot.keyClicks(dialog.approved_by, "Team manager")
    qtbot.keyClick(dialog.approved_by, Qt.Key.Key_Return)
    [check] = services.vetting.list_vetting_checks(person_id=person.id)
    assert check.need == VettingNeed.REFERENCES and check.outcome == VettingOutcome.PENDING


def test_edit_a_check(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    check = services.vetting.add_vetting_check(person_id=person.id, need=VettingNeed.DBS_ENHANCED,
                                               blocker="Waiting for the certificate")
    tab = make_tab(qtbot, services, person)
    assert not tab.edit_button.isEnabled()
    tab.table.selectRow(0)
    assert tab.edit_button.isEnabled()
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog.blocker.toPlainText() == "Waiting for the certificate"
    dialog.outcome.set_value(VettingOutcome.MET_AS_STANDARD)
    dialog.decided_on.set_value(days_ago(1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    changed = services.vetting.get_vetting_check(check_id=check.id)
    assert changed.outcome == VettingOutcome.MET_AS_STANDARD and changed.decided_on == days_ago(1)
    assert tab.model.index(0, 2).data() == "Met the standard way"

    # Enter on the selected row opens it too.
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.dialog is not dialog and tab.dialog.isVisible() and tab.dialog.check.id == check.id


def test_a_review_that_has_come_round_is_marked(qtbot, services, person) -> None:  # type: ignore[no-untyped-def]
    services.vetting.add_vetting_check(person_id=person.id, need=VettingNeed.IDENTITY, review_on=days_ago(2))
    tab = make_tab(qtbot, services, person)
    assert tab.model.index(0, 4).data() == f"{days_ago(2):%d/%m/%Y} (due)"


def test_model_names_and_screenshot(qtbot, qtmodeltester, services, person) -> None:  # type: ignore[no-untyped-def]
    step = services.pathway.add_step(person_id=person.id, type=StepType.PAID_PLACEMENT, title="Parks assistant",
                                     start_date=days_ago(-30))
    add = services.vetting.add_vetting_check
    add(person_id=person.id, need=VettingNeed.RIGHT_TO_WORK, step_id=step.id,
        outcome=VettingOutcome.ALTERNATIVE_ACCEPTED, blocker="No passport or birth certificate",
        alternative="Home Office share code checked online", how_met="Share code checked online by HR",
        approved_by="Employer HR", decided_on=days_ago(10))
    add(person_id=person.id, need=VettingNeed.ADDRESS_HISTORY, step_id=step.id,
        outcome=VettingOutcome.ALTERNATIVE_ACCEPTED, blocker="Five moves in three years",
        alternative="Letter from the leaving-care team confirming addresses",
        approved_by="Safeguarding lead, Parks service", employer_signed_off_by="HR business partner",
        decided_on=days_ago(8), review_on=days_ago(-180))
    add(person_id=person.id, need=VettingNeed.REFERENCES, blocker="No previous employer",
        review_on=days_ago(1))
    tab = make_tab(qtbot, services, person)
    qtmodeltester.check(tab.model)
    tab.table.selectRow(1)
    assert unnamed_controls(tab) == []
    shoot(tab, "vetting_tab")
    tab.edit_check()
    assert unnamed_controls(tab.dialog) == []
    shoot(tab.dialog, "vetting_dialog")
