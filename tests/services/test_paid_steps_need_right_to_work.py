"""A paid step needs a right to work that is on file and lasts: a legal requirement, never waived."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from caseapp.models.codes import PAID_STEPS, RightToWork, StepStatus, StepType
from tests.services.helpers import TODAY, add_person, days_ago, refused

PAID = ["paid_placement", "internship", "apprenticeship", "job"]
STARTED = ["accepted", "waiting_to_start", "in_progress"]


def dates_for(status: str) -> dict[str, Any]:
    if status == "in_progress":
        return {"start_date": days_ago(3)}
    return {"start_date": TODAY + timedelta(days=20)}


def unchecked(svc, **fields: Any):  # type: ignore[no-untyped-def]
    return add_person(svc, right_to_work=None, right_to_work_checked_on=None, **fields)


def test_a_new_young_person_has_not_had_their_right_to_work_checked(svc) -> None:
    person = unchecked(svc, immigration_status=None)
    assert person.right_to_work is RightToWork.NOT_CHECKED
    assert svc.people.get_young_person(person_id=person.id).right_to_work is RightToWork.NOT_CHECKED


def test_the_paid_steps_are_placements_internships_apprenticeships_and_jobs() -> None:
    assert {s.value for s in PAID_STEPS} == set(PAID)


@pytest.mark.parametrize("status", STARTED)
@pytest.mark.parametrize("kind", PAID)
def test_a_paid_step_cannot_be_lined_up_before_the_right_to_work_is_checked(svc, kind: str, status: str) -> None:
    person = unchecked(svc)
    with refused(svc.store, "status") as info:
        svc.pathway.add_step(person_id=person.id, type=kind, status=status, **dates_for(status))
    sentence = info.value.problems["status"]
    assert "not been checked" in sentence
    assert "legal requirement" in sentence and "never waived" in sentence
    assert "Profile" in sentence  # where to record it


@pytest.mark.parametrize("kind", PAID)
def test_moving_a_planned_paid_step_on_is_refused_with_what_to_record(svc, kind: str) -> None:
    person = unchecked(svc)
    planned = svc.pathway.add_step(person_id=person.id, type=kind)  # planning is fine
    offered = svc.pathway.move_step(step_id=planned.id, status="offered", on=days_ago(2))  # so is an offer
    for status in ("accepted", "in_progress"):
        with refused(svc.store, "status") as info:
            svc.pathway.move_step(step_id=offered.id, status=status, on=days_ago(1))
        assert "right to work" in info.value.problems["status"].lower()
    assert svc.pathway.get_step(step_id=planned.id).status is StepStatus.OFFERED


def test_no_right_to_work_says_a_paid_step_cannot_go_ahead(svc) -> None:
    person = add_person(svc, right_to_work=RightToWork.NONE, right_to_work_checked_on=days_ago(5))
    with refused(svc.store, "status") as info:
        svc.pathway.add_step(person_id=person.id, type="paid_placement", status="accepted")
    assert "no right to work" in info.value.problems["status"]
    assert "never waived" in info.value.problems["status"]


@pytest.mark.parametrize("kind", ["paid_placement", "internship"])
def test_a_placement_starting_after_the_right_to_work_runs_out_is_refused(svc, kind: str) -> None:
    person = add_person(svc, right_to_work="time_limited", right_to_work_expiry=TODAY + timedelta(days=10),
                        right_to_work_checked_on=days_ago(30))
    with refused(svc.store, "status") as info:
        svc.pathway.add_step(person_id=person.id, type=kind, status="accepted", start_date=TODAY + timedelta(days=30))
    assert f"runs out on {TODAY + timedelta(days=10):%d/%m/%Y}, before the start date" in info.value.problems["status"]
    ok = svc.pathway.add_step(person_id=person.id, type=kind, status="accepted", start_date=TODAY + timedelta(days=5))
    assert ok.status is StepStatus.ACCEPTED


@pytest.mark.parametrize("rtw", [RightToWork.UNLIMITED, RightToWork.RESTRICTED])
@pytest.mark.parametrize("kind", PAID)
def test_a_confirmed_right_to_work_lets_a_paid_step_start(svc, kind: str, rtw: RightToWork) -> None:
    person = add_person(svc, right_to_work=rtw, right_to_work_checked_on=days_ago(5))
    step = svc.pathway.add_step(person_id=person.id, type=kind, status="in_progress", start_date=days_ago(3))
    assert step.status is StepStatus.IN_PROGRESS


@pytest.mark.parametrize("kind", ["work_experience", "volunteering", "pre_apprenticeship", "taster", "course_esol"])
def test_unpaid_steps_do_not_wait_for_the_check(svc, kind: str) -> None:
    person = unchecked(svc)
    step = svc.pathway.add_step(person_id=person.id, type=kind, status="in_progress", start_date=days_ago(3))
    assert step.status is StepStatus.IN_PROGRESS


def test_recording_the_check_lets_the_paid_step_start(svc) -> None:
    person = unchecked(svc)
    planned = svc.pathway.add_step(person_id=person.id, type=StepType.PAID_PLACEMENT)
    svc.people.edit_young_person(person_id=person.id, right_to_work="unlimited", right_to_work_checked_on=days_ago(1))
    started = svc.pathway.move_step(step_id=planned.id, status="in_progress", on=days_ago(1))
    assert started.status is StepStatus.IN_PROGRESS
