"""Right to work on screen: a new record says it is not yet checked, and a paid step waits for it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog

from caseapp.models.codes import RightToWork, StepStatus, StepType
from caseapp.services.registry import Services
from caseapp.ui.new_person_dialog import NewPersonDialog
from caseapp.ui.record.move_step_dialog import MoveStepDialog
from caseapp.ui.record.profile_tab import ProfileTab


@pytest.fixture
def unchecked(services: Services) -> int:
    return services.people.add_young_person(
        given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4), worker_id=services.worker_id,
        referral_date=date(2026, 1, 5),
    ).id


def test_a_new_young_person_starts_with_right_to_work_not_yet_checked(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    dialog = NewPersonDialog(services)
    qtbot.addWidget(dialog)
    combo = dialog.form.widgets["right_to_work"]
    assert dialog.form.widgets["immigration_status"].currentText() == "Not recorded"
    assert combo.currentText() == "Not yet checked"
    dialog.form.widgets["given_name"].setText("Zoë")
    dialog.form.widgets["family_name"].setText("Ó Briain")
    dialog.form.widgets["date_of_birth"].set_value(date(2007, 2, 28))
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = services.people.get_young_person(person_id=dialog.person_id)
    assert stored.right_to_work is RightToWork.NOT_CHECKED


def test_undoing_profile_edits_puts_back_not_yet_checked(qtbot, services: Services, unchecked: int) -> None:  # type: ignore[no-untyped-def]
    tab = ProfileTab(services, unchecked)
    qtbot.addWidget(tab)
    combo = tab.form.widgets["right_to_work"]
    assert combo.currentText() == "Not yet checked"
    combo.set_value(None)  # what a blank draft or an empty record puts in the box
    assert combo.value() == RightToWork.NOT_CHECKED
    assert not tab.has_unsaved_changes()


def test_a_paid_step_waits_for_the_right_to_work_with_the_reason_beside_the_field(  # type: ignore[no-untyped-def]
    qtbot, services: Services, unchecked: int,
) -> None:
    step = services.pathway.add_step(person_id=unchecked, type=StepType.PAID_PLACEMENT, title="Parks placement")
    dialog = MoveStepDialog(services, step)
    qtbot.addWidget(dialog)
    dialog.status.set_value(StepStatus.IN_PROGRESS)
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    sentence = dialog.errors.text("status")
    assert sentence.startswith("Their right to work has not been checked yet, so this paid placement cannot")
    assert "never waived" in sentence and "Profile" in sentence
    assert services.pathway.get_step(step_id=step.id).status is StepStatus.PLANNED
