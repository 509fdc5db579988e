"""When a job, apprenticeship or course starts, the EET status it means, for the worker to confirm."""

from __future__ import annotations

from typing import Any

import pytest

from caseapp.models.codes import EetStatus, StepStatus
from tests.services.helpers import add_person, days_ago


def started(svc, person_id: int, kind: str, **fields: Any):  # type: ignore[no-untyped-def]
    return svc.pathway.add_step(person_id=person_id, type=kind, status="in_progress", start_date=days_ago(3), **fields)


@pytest.mark.parametrize(
    ("kind", "hours", "status"),
    [
        ("job", 37.5, EetStatus.EMPLOYMENT_FT),
        ("job", None, EetStatus.EMPLOYMENT_FT),  # most are full time; the worker is asked first
        ("job", 12, EetStatus.EMPLOYMENT_PT),  # under 16 hours a week is part time in the return
        ("job", 16, EetStatus.EMPLOYMENT_FT),
        ("paid_placement", 30, EetStatus.EMPLOYMENT_FT),
        ("internship", 30, EetStatus.EMPLOYMENT_FT),
        ("apprenticeship", 30, EetStatus.APPRENTICESHIP_FT),
        ("apprenticeship", 15, EetStatus.APPRENTICESHIP_PT),
        ("course_esol", 6, EetStatus.OTHER_EDUCATION_PT),
        ("course_english_maths", 20, EetStatus.OTHER_EDUCATION_FT),
        ("course_other", None, EetStatus.OTHER_EDUCATION_FT),
    ],
)
def test_the_status_a_started_step_means(svc, kind: str, hours: float | None, status: EetStatus) -> None:
    person = add_person(svc)
    svc.people.set_eet_status(person_id=person.id, status=EetStatus.NEET_OTHER, start_date=days_ago(100))
    step = started(svc, person.id, kind, hours_per_week=hours)
    suggestion = svc.pathway.eet_status_on_start(step_id=step.id)
    assert suggestion is not None
    assert (suggestion.status, suggestion.start_date) == (status, days_ago(3))


@pytest.mark.parametrize("kind", ["taster", "work_experience", "volunteering", "cv_support", "mock_interview"])
def test_steps_that_are_not_education_employment_or_training_suggest_nothing(svc, kind: str) -> None:
    person = add_person(svc)
    assert svc.pathway.eet_status_on_start(step_id=started(svc, person.id, kind).id) is None


def test_a_step_not_under_way_suggests_nothing(svc) -> None:
    person = add_person(svc)
    planned = svc.pathway.add_step(person_id=person.id, type="job")
    assert svc.pathway.eet_status_on_start(step_id=planned.id) is None
    ended = svc.pathway.move_step(
        step_id=started(svc, person.id, "job").id, status=StepStatus.COMPLETED, on=days_ago(1)
    )
    assert svc.pathway.eet_status_on_start(step_id=ended.id) is None


def test_nothing_is_suggested_when_the_status_already_says_so(svc) -> None:
    person = add_person(svc)
    svc.people.set_eet_status(person_id=person.id, status=EetStatus.APPRENTICESHIP_FT, start_date=days_ago(10))
    assert svc.pathway.eet_status_on_start(step_id=started(svc, person.id, "apprenticeship").id) is None


def test_with_no_status_recorded_it_starts_on_the_first_day(svc) -> None:
    person = add_person(svc)
    suggestion = svc.pathway.eet_status_on_start(step_id=started(svc, person.id, "job").id)
    assert (suggestion.status, suggestion.start_date) == (EetStatus.EMPLOYMENT_FT, days_ago(3))


def test_a_status_recorded_after_the_first_day_is_not_overtaken(svc) -> None:
    # NEET recorded yesterday, the job started three days ago: the change starts from yesterday,
    # the earliest day the people service can take, so it can be recorded as suggested.
    person = add_person(svc)
    svc.people.set_eet_status(person_id=person.id, status=EetStatus.NEET_OTHER, start_date=days_ago(1))
    suggestion = svc.pathway.eet_status_on_start(step_id=started(svc, person.id, "job").id)
    assert suggestion.start_date == days_ago(1)
    changed = svc.people.set_eet_status(person_id=person.id, status=suggestion.status, start_date=suggestion.start_date)
    assert changed.current_eet.status is EetStatus.EMPLOYMENT_FT
