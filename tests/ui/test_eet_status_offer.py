"""EET status on screen: "Change EET status to" starts blank, and a job, apprenticeship or course
that starts offers, once, to bring the EET status in line."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import AccommodationType, EetStatus, StepStatus, StepType
from caseapp.services.registry import Services
from caseapp.ui.record.move_step_dialog import MoveStepDialog
from caseapp.ui.record.pathway_tab import PathwayTab
from caseapp.ui.record.profile_tab import ProfileTab
from caseapp.ui.record.step_dialog import StepDialog

START = date(2026, 11, 2)


@pytest.fixture
def person(services: Services) -> int:
    pid = services.people.add_young_person(
        given_name="Semhar", family_name="Tekle", date_of_birth=date(2006, 5, 4), worker_id=services.worker_id,
        referral_date=date(2026, 1, 5), right_to_work="unlimited", right_to_work_checked_on=date(2026, 1, 5),
    ).id
    services.people.set_eet_status(person_id=pid, status=EetStatus.NEET_OTHER, start_date=date(2026, 3, 1))
    return pid


def test_change_eet_status_to_starts_blank(qtbot, services: Services, person: int) -> None:  # type: ignore[no-untyped-def]
    services.people.set_accommodation(person_id=person, type=AccommodationType.SUPPORTED_LODGINGS, suitable=True,
                                      start_date=date(2026, 3, 1))
    tab = ProfileTab(services, person)
    qtbot.addWidget(tab)
    box = tab.situation
    assert "NEET: other" in box.eet_now.text()
    assert box.eet.currentText() == "" and box.eet.value() is None
    assert box.accommodation.currentText() == "" and box.accommodation.value() is None
    box.record_eet()  # nothing chosen: nothing recorded, and the box says why
    assert box.errors.text("status") == "EET status is required."
    assert len(services.people.get_young_person(person_id=person).eet_history) == 1
    box.eet.set_value(EetStatus.OTHER_EDUCATION_PT)
    box.eet_from.setDate(QDate(2026, 11, 2))
    box.record_eet()
    assert services.people.get_young_person(person_id=person).current_eet.status == EetStatus.OTHER_EDUCATION_PT
    tab.reload()
    assert box.eet.value() is None  # recorded: blank again for the next change


def drive(qtbot, monkeypatch, *, kind: StepType = StepType.JOB, hours: float = 37.5,  # type: ignore[no-untyped-def]
          status: StepStatus = StepStatus.PLANNED) -> None:
    def run(dialog: QDialog) -> int:
        if isinstance(dialog, StepDialog):
            dialog.type.set_value(kind)
            qtbot.keyClicks(dialog.title, "Kitchen assistant")
            dialog.hours.setValue(hours)
            dialog.status.set_value(status)
            if status == StepStatus.IN_PROGRESS:
                dialog.start_date.set_value(START)
        else:
            dialog.status.set_value(StepStatus.IN_PROGRESS)
            dialog.on.setDate(QDate(START.year, START.month, START.day))
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(StepDialog, "exec", run)
    monkeypatch.setattr(MoveStepDialog, "exec", run)


def pathway(qtbot, services: Services, person: int) -> PathwayTab:  # type: ignore[no-untyped-def]
    tab = PathwayTab(services, person)
    qtbot.addWidget(tab)
    return tab


def test_a_job_that_starts_offers_to_update_the_eet_status(  # type: ignore[no-untyped-def]
    qtbot, services: Services, person: int, answers, monkeypatch,
) -> None:
    drive(qtbot, monkeypatch)
    tab = pathway(qtbot, services, person)
    tab.add_step()
    assert answers.asked == []  # planned: nothing has started
    tab.table.selectRow(0)
    tab.move_step()
    assert len(answers.asked) == 1
    assert "Training or employment, full time" in answers.asked[0] and "02/11/2026" in answers.asked[0]
    now = services.people.get_young_person(person_id=person).current_eet
    assert (now.status, now.start_date) == (EetStatus.EMPLOYMENT_FT, START)
    with services.store.read_session() as s:  # audited, as every write is
        created = s.scalars(select(AuditEvent.entity).where(AuditEvent.person_id == person)
                            .order_by(AuditEvent.id.desc()).limit(2)).all()
    assert "eet_status_period" in created


def test_saying_not_now_changes_nothing_and_is_not_asked_again(  # type: ignore[no-untyped-def]
    qtbot, services: Services, person: int, answers, monkeypatch,
) -> None:
    drive(qtbot, monkeypatch, kind=StepType.COURSE_ESOL, hours=6)
    tab = pathway(qtbot, services, person)
    tab.add_step()
    tab.table.selectRow(0)
    answers.replies = [False]
    tab.move_step()
    assert len(answers.asked) == 1 and "Other education, part time" in answers.asked[0]
    assert services.people.get_young_person(person_id=person).current_eet.status == EetStatus.NEET_OTHER
    tab.reload()
    tab.add_step()  # another change on the pathway: the started course is not offered again
    assert len(answers.asked) == 1


def test_a_step_added_as_under_way_offers_too(qtbot, services: Services, person: int, answers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    drive(qtbot, monkeypatch, kind=StepType.APPRENTICESHIP, hours=30, status=StepStatus.IN_PROGRESS)
    tab = pathway(qtbot, services, person)
    tab.add_step()
    assert len(answers.asked) == 1 and "Apprenticeship, full time" in answers.asked[0]
    assert services.people.get_young_person(person_id=person).current_eet.status == EetStatus.APPRENTICESHIP_FT


def test_no_offer_for_a_taster_or_when_the_status_already_matches(  # type: ignore[no-untyped-def]
    qtbot, services: Services, person: int, answers, monkeypatch,
) -> None:
    drive(qtbot, monkeypatch, kind=StepType.TASTER, status=StepStatus.IN_PROGRESS)
    tab = pathway(qtbot, services, person)
    tab.add_step()
    services.people.set_eet_status(person_id=person, status=EetStatus.EMPLOYMENT_FT, start_date=date(2026, 10, 1))
    drive(qtbot, monkeypatch, kind=StepType.JOB, status=StepStatus.IN_PROGRESS)
    tab.add_step()
    assert answers.asked == []
    assert len(services.pathway.list_steps(person_id=person)) == 2
