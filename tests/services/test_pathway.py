"""Pathway steps: add, edit, move through the allowed statuses, end early, sustainment checks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import (
    ALLOWED_TRANSITIONS,
    SUSTAINMENT_WEEKS,
    AuditAction,
    RightToWork,
    StepStatus,
    StepType,
)
from caseapp.services.errors import NotFound
from tests.services.helpers import TODAY, add_person, days_ago, refused

START = days_ago(30)


def add_step(svc, person_id: int, **overrides: Any):
    fields: dict[str, Any] = {"type": StepType.PAID_PLACEMENT, "title": "Parks placement"}
    fields.update(overrides)
    return svc.pathway.add_step(person_id=person_id, **fields)


def step_in(svc, person_id: int, status: StepStatus):
    """A step sitting in `status`, reached the way a worker would."""
    if status == StepStatus.ENDED_EARLY:
        step = add_step(svc, person_id, status="in_progress", start_date=START)
        return svc.pathway.move_step(
            step_id=step.id, status=StepStatus.ENDED_EARLY, reason="Travel costs", on=days_ago(3)
        )
    dates: dict[str, Any] = {}
    if status in (StepStatus.OFFERED, StepStatus.ACCEPTED, StepStatus.WAITING_TO_START):
        dates = {"offered_on": days_ago(40), "start_date": TODAY + timedelta(days=20)}
    if status in (StepStatus.IN_PROGRESS, StepStatus.COMPLETED):
        dates = {"offered_on": days_ago(40), "start_date": START}
    if status == StepStatus.COMPLETED:
        dates["end_date"] = days_ago(2)
    return add_step(svc, person_id, status=status, **dates)


# -- add, get, list, edit -----------------------------------------------------------------


def test_add_get_list_and_edit(svc) -> None:
    person = add_person(svc)
    employer = svc.employers.add_employer(name="Parks and Open Spaces")
    later = add_step(svc, person.id, status="waiting_to_start", start_date=TODAY + timedelta(days=9))
    first = add_step(
        svc, person.id, type="cv_support", status="completed", start_date=days_ago(90),
        end_date=days_ago(89), provider="Leaving care team", outcome="CV ready",
    )
    undated = add_step(svc, person.id, type="mock_interview")
    assert undated.status is StepStatus.PLANNED  # the default
    assert svc.pathway.get_step(step_id=first.id) == first
    # Dated steps in date order, undated last.
    assert [s.id for s in svc.pathway.list_steps(person_id=person.id)] == [first.id, later.id, undated.id]

    edited = svc.pathway.edit_step(
        step_id=later.id, employer_id=employer.id, hours_per_week=25, pay_pence_per_hour=1260,
        ring_fenced=True, mentor="Named mentor",
    )
    assert (edited.employer_id, edited.hours_per_week, edited.pay_pence_per_hour) == (employer.id, 25, 1260)
    assert edited.ring_fenced and edited.status is StepStatus.WAITING_TO_START
    assert svc.pathway.get_step(step_id=later.id) == edited
    with svc.store.read_session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert last.entity == "pathway_step" and last.action == AuditAction.UPDATED
    assert last.changes["pay_pence_per_hour"] == [None, 1260]
    assert last.changes["ring_fenced"] == [False, True]


def test_an_opportunity_brings_its_employer(svc) -> None:
    person = add_person(svc)
    employer = svc.employers.add_employer(name="Harbour Hotel")
    opportunity = svc.employers.add_opportunity(employer_id=employer.id, type="job", title="Kitchen porter")
    step = add_step(svc, person.id, type="job", opportunity_id=opportunity.id)
    assert step.employer_id == employer.id
    assert svc.employers.people_on_opportunity(opportunity_id=opportunity.id) == [person.id]


def test_status_is_not_edited_but_moved(svc) -> None:
    step = add_step(svc, add_person(svc).id)
    with pytest.raises(TypeError):
        svc.pathway.edit_step(step_id=step.id, status="completed")


def test_missing_step_is_not_found(svc) -> None:
    with pytest.raises(NotFound):
        svc.pathway.get_step(step_id=404)
    with pytest.raises(NotFound):
        svc.pathway.move_step(step_id=404, status="offered")


# -- status transitions -------------------------------------------------------------------

ALL_PAIRS = [(a, b) for a in StepStatus for b in StepStatus if a != b]


def test_every_allowed_transition_works(svc) -> None:
    person = add_person(svc)
    for current, allowed in ALLOWED_TRANSITIONS.items():
        for new in allowed:
            step = step_in(svc, person.id, current)
            reason = "Moved out of area" if new == StepStatus.ENDED_EARLY else None
            moved = svc.pathway.move_step(step_id=step.id, status=new, on=days_ago(1), reason=reason)
            assert moved.status is new, (current, new)


def test_every_other_transition_is_refused_with_the_reason(svc) -> None:
    person = add_person(svc)
    steps = {status: step_in(svc, person.id, status) for status in StepStatus}
    for current, new in ALL_PAIRS:
        if new in ALLOWED_TRANSITIONS[current]:
            continue
        with refused(svc.store, "status") as info:
            svc.pathway.move_step(step_id=steps[current].id, status=new, on=days_ago(1), reason="Because")
        message = info.value.problems["status"]
        assert current.label.lower() in message, message
        if ALLOWED_TRANSITIONS[current]:
            assert new.label.lower() in message  # says where it may go instead
        else:
            assert "can no longer change" in message


def test_completed_cannot_go_back_to_planned(svc) -> None:
    step = step_in(svc, add_person(svc).id, StepStatus.COMPLETED)
    with refused(svc.store, "status") as info:
        svc.pathway.move_step(step_id=step.id, status="planned")
    assert info.value.problems["status"] == "This step is completed, so its status can no longer change."


@pytest.mark.parametrize("status", [StepStatus.COMPLETED, StepStatus.ENDED_EARLY, StepStatus.IN_PROGRESS])
def test_moving_to_the_same_status_is_refused_not_a_back_door_edit(svc, status: StepStatus) -> None:
    # Otherwise "completed -> completed" would quietly rewrite the end date of a finished step.
    step = step_in(svc, add_person(svc).id, status)
    with refused(svc.store, "status") as info:
        svc.pathway.move_step(step_id=step.id, status=status, on=days_ago(20), reason="Again")
    assert "already" in info.value.problems["status"]


def test_moving_sets_the_dates(svc) -> None:
    step = add_step(svc, add_person(svc).id)
    offered = svc.pathway.move_step(step_id=step.id, status="offered", on=days_ago(20))
    assert offered.offered_on == days_ago(20)
    started = svc.pathway.move_step(step_id=step.id, status="in_progress", on=days_ago(10))
    assert started.start_date == days_ago(10)
    done = svc.pathway.move_step(step_id=step.id, status="completed", on=days_ago(1), outcome="Offered a job")
    assert (done.end_date, done.outcome) == (days_ago(1), "Offered a job")


def test_a_step_can_be_withdrawn_before_its_start_date(svc) -> None:
    # Nine months from offer to start happens; the young person may withdraw meanwhile.
    step = step_in(svc, add_person(svc).id, StepStatus.WAITING_TO_START)
    withdrawn = svc.pathway.move_step(step_id=step.id, status="withdrawn", reason="Found other work")
    assert withdrawn.status is StepStatus.WITHDRAWN
    assert withdrawn.start_date == step.start_date and withdrawn.end_date is None
    assert withdrawn.ended_reason == "Found other work"


def test_ending_early_needs_a_reason(svc) -> None:
    step = step_in(svc, add_person(svc).id, StepStatus.IN_PROGRESS)
    for reason in (None, "", "   "):
        with refused(svc.store, "ended_reason"):
            svc.pathway.move_step(step_id=step.id, status=StepStatus.ENDED_EARLY, reason=reason)
    ended = svc.pathway.move_step(
        step_id=step.id, status=StepStatus.ENDED_EARLY, reason=" Health got in the way ", on=days_ago(5)
    )
    assert (ended.status, ended.ended_reason, ended.end_date) == (
        StepStatus.ENDED_EARLY, "Health got in the way", days_ago(5)
    )
    with svc.store.read_session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert last.action == AuditAction.CLOSED
    assert last.changes["ended_reason"] == [None, "Health got in the way"]


@pytest.mark.parametrize(
    ("status", "on", "reason", "field"),
    [
        ("finished", days_ago(1), None, "status"),
        (None, days_ago(1), None, "status"),
        ("completed", TODAY + timedelta(days=1), None, "on"),
        ("completed", START - timedelta(days=1), None, "on"),  # ends before it started
        ("ended_early", days_ago(1), "x" * 501, "ended_reason"),
        ("ended_early", days_ago(1), "Moved\x00", "ended_reason"),
    ],
)
def test_move_refusals(svc, status, on, reason, field) -> None:
    step = step_in(svc, add_person(svc).id, StepStatus.IN_PROGRESS)
    with refused(svc.store, field):
        svc.pathway.move_step(step_id=step.id, status=status, on=on, reason=reason)


def test_a_step_cannot_be_added_as_ended_early(svc) -> None:
    person = add_person(svc)
    with refused(svc.store, "status"):
        add_step(svc, person.id, status="ended_early", start_date=START, end_date=days_ago(1))


# -- sustainment checks -------------------------------------------------------------------


def expected_checks(start: date) -> list[tuple[int, date]]:
    return [(w, start + timedelta(weeks=w)) for w in SUSTAINMENT_WEEKS]


@pytest.mark.parametrize("kind", [StepType.JOB, StepType.APPRENTICESHIP])
def test_jobs_and_apprenticeships_that_start_get_sustainment_checks(svc, kind: StepType) -> None:
    person = add_person(svc)
    level = {"apprenticeship_level": 2} if kind == StepType.APPRENTICESHIP else {}
    accepted = add_step(svc, person.id, type=kind, status="accepted", offered_on=days_ago(60), **level)
    assert accepted.sustainment_checks == ()  # not started yet
    started = svc.pathway.move_step(step_id=accepted.id, status="in_progress", on=START)
    assert [(c.week, c.due_on) for c in started.sustainment_checks] == expected_checks(START)

    added = add_step(svc, person.id, type=kind, status="in_progress", start_date=days_ago(100), **level)
    assert [(c.week, c.due_on) for c in added.sustainment_checks] == expected_checks(days_ago(100))
    # Moving on again does not schedule a second set.
    done = svc.pathway.move_step(step_id=added.id, status="completed", on=days_ago(1))
    assert len(done.sustainment_checks) == 4


def test_other_steps_get_no_sustainment_checks(svc) -> None:
    step = step_in(svc, add_person(svc).id, StepStatus.IN_PROGRESS)  # a paid placement
    assert step.sustainment_checks == ()


def test_recording_a_sustainment_check(svc) -> None:
    step = add_step(svc, add_person(svc).id, type="job", status="in_progress", start_date=days_ago(60))
    week4 = step.sustainment_checks[0]
    after = svc.pathway.record_sustainment_check(
        check_id=week4.id, sustained=True, checked_on=days_ago(30), note="Settled in"
    )
    assert (after.sustainment_checks[0].checked_on, after.sustainment_checks[0].sustained) == (days_ago(30), True)
    with refused(svc.store, "checked_on"):
        svc.pathway.record_sustainment_check(check_id=week4.id, sustained=True, checked_on=TODAY + timedelta(days=1))
    with refused(svc.store, "sustained"):
        svc.pathway.record_sustainment_check(check_id=week4.id, sustained="yes")


def test_moving_the_start_of_a_job_moves_its_unchecked_sustainment_checks(svc) -> None:
    step = add_step(svc, add_person(svc).id, type="job", status="in_progress", start_date=days_ago(60))
    svc.pathway.record_sustainment_check(
        check_id=step.sustainment_checks[0].id, sustained=True, checked_on=days_ago(30)
    )
    moved = svc.pathway.edit_step(step_id=step.id, start_date=days_ago(50))
    checks = moved.sustainment_checks
    assert checks[0].due_on == days_ago(60) + timedelta(weeks=4)  # already checked: history
    assert [(c.week, c.due_on) for c in checks[1:]] == expected_checks(days_ago(50))[1:]


# -- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"type": None}, "type"),
        ({"type": "zoo_keeping"}, "type"),
        ({"status": "paused"}, "status"),
        ({"start_date": days_ago(5), "end_date": days_ago(6)}, "end_date"),
        ({"offered_on": days_ago(5), "start_date": days_ago(6)}, "start_date"),
        ({"offered_on": TODAY + timedelta(days=1)}, "offered_on"),
        ({"start_date": date(1850, 1, 1)}, "start_date"),
        ({"start_date": "next week"}, "start_date"),
        ({"start_date": date(2000, 1, 1)}, "start_date"),  # before they were born
        ({"pay_pence_per_hour": -1}, "pay_pence_per_hour"),
        ({"pay_pence_per_hour": 12.5}, "pay_pence_per_hour"),
        ({"pay_pence_per_hour": 100_001}, "pay_pence_per_hour"),
        ({"hours_per_week": -0.5}, "hours_per_week"),
        ({"hours_per_week": float("nan")}, "hours_per_week"),
        ({"hours_per_week": float("inf")}, "hours_per_week"),
        ({"hours_per_week": 61}, "hours_per_week"),
        ({"hours_per_week": "30"}, "hours_per_week"),
        ({"hours_per_week": True}, "hours_per_week"),
        ({"apprenticeship_level": 2}, "apprenticeship_level"),  # a paid placement has no level
        ({"type": "apprenticeship", "apprenticeship_level": 1}, "apprenticeship_level"),
        ({"type": "apprenticeship", "apprenticeship_level": 8}, "apprenticeship_level"),
        ({"ring_fenced": "yes"}, "ring_fenced"),
        ({"title": "x" * 201}, "title"),
        ({"outcome": "x" * 2001}, "outcome"),
        ({"mentor": "Ann\x0bLee"}, "mentor"),
        ({"line_manager": "\u202eeerf"}, "line_manager"),  # a right-to-left override: refused
        ({"status": "in_progress"}, "start_date"),  # started, so it has a start date
        ({"status": "in_progress", "start_date": TODAY + timedelta(days=1)}, "start_date"),
        ({"status": "completed", "start_date": START, "end_date": TODAY + timedelta(days=1)}, "end_date"),
        ({"employer_id": 999}, "employer_id"),
        ({"opportunity_id": 999}, "opportunity_id"),
    ],
)
def test_add_refuses_bad_input_naming_the_field(svc, overrides: dict[str, Any], field: str | None) -> None:
    person = add_person(svc, date_of_birth=date(2007, 1, 1))
    if field is None:
        add_step(svc, person.id, **overrides)
        return
    with refused(svc.store, field):
        add_step(svc, person.id, **overrides)


def test_a_refused_edit_changes_nothing(svc) -> None:
    step = step_in(svc, add_person(svc).id, StepStatus.IN_PROGRESS)
    with refused(svc.store, "end_date", "pay_pence_per_hour"):
        svc.pathway.edit_step(step_id=step.id, end_date=START - timedelta(days=1), pay_pence_per_hour=-5)
    assert svc.pathway.get_step(step_id=step.id) == step


# -- right to work ------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["in_progress", "accepted", "waiting_to_start"])
@pytest.mark.parametrize("kind", ["job", "apprenticeship"])
def test_an_expired_right_to_work_stops_a_new_job(svc, status: str, kind: str) -> None:
    person = add_person(svc, right_to_work="time_limited", right_to_work_expiry=days_ago(10))
    dates = {"start_date": days_ago(3)} if status == "in_progress" else {}
    with refused(svc.store, "status") as info:
        add_step(svc, person.id, type=kind, status=status, **dates)
    assert "expired" in info.value.problems["status"]


def test_a_job_running_past_the_right_to_work_expiry_is_refused(svc) -> None:
    # It started while the right to work was valid, but it cannot go on after the expiry.
    person = add_person(svc, right_to_work="time_limited", right_to_work_expiry=days_ago(10))
    with refused(svc.store, "status"):
        add_step(svc, person.id, type="job", status="in_progress", start_date=days_ago(60))


def test_a_job_starting_after_the_right_to_work_runs_out_is_refused(svc) -> None:
    person = add_person(svc, right_to_work="time_limited", right_to_work_expiry=TODAY + timedelta(days=10))
    with refused(svc.store, "status"):
        add_step(svc, person.id, type="job", status="accepted", start_date=TODAY + timedelta(days=30))
    ok = add_step(svc, person.id, type="job", status="accepted", start_date=TODAY + timedelta(days=5))
    assert ok.status is StepStatus.ACCEPTED


def test_no_right_to_work_means_no_job_but_other_steps_are_fine(svc) -> None:
    person = add_person(svc, right_to_work=RightToWork.NONE)
    with refused(svc.store, "status"):
        add_step(svc, person.id, type="job", status="in_progress", start_date=days_ago(3))
    planned = add_step(svc, person.id, type="job")  # planning is fine
    with refused(svc.store, "status"):
        svc.pathway.move_step(step_id=planned.id, status="in_progress", on=days_ago(1))
    assert add_step(svc, person.id, type="course_esol", status="in_progress", start_date=days_ago(3))


def test_a_renewed_right_to_work_lets_the_job_start(svc) -> None:
    person = add_person(svc, right_to_work="time_limited", right_to_work_expiry=days_ago(10))
    planned = add_step(svc, person.id, type="job")
    svc.people.edit_young_person(
        person_id=person.id, right_to_work_expiry=date(2028, 1, 1), right_to_work_checked_on=days_ago(1)
    )
    started = svc.pathway.move_step(step_id=planned.id, status="in_progress", on=days_ago(1))
    assert started.status is StepStatus.IN_PROGRESS
