"""Codes: stored values that statutory returns and the pathway rules depend on."""

from __future__ import annotations

from caseapp.models import Base
from caseapp.models.codes import (
    ALLOWED_TRANSITIONS,
    EMPLOYMENT_STEPS,
    LEGAL_REQUIREMENTS,
    PLACEMENT_STEPS,
    SUSTAINMENT_WEEKS,
    AccommodationType,
    EetStatus,
    Sex,
    StepStatus,
    StepType,
    VettingNeed,
)

FINISHED = {StepStatus.COMPLETED, StepStatus.ENDED_EARLY, StepStatus.WITHDRAWN}


def test_every_status_has_its_transitions_and_finished_ones_have_none() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(StepStatus)
    for current, allowed in ALLOWED_TRANSITIONS.items():
        assert current not in allowed
        assert (allowed == frozenset()) == (current in FINISHED)


def test_nothing_goes_back_to_an_earlier_stage() -> None:
    order = list(StepStatus)
    for current, allowed in ALLOWED_TRANSITIONS.items():
        assert all(order.index(new) > order.index(current) for new in allowed), current


def test_only_a_started_step_ends_and_an_unstarted_one_is_withdrawn() -> None:
    can_end = {
        s for s, allowed in ALLOWED_TRANSITIONS.items() if {StepStatus.COMPLETED, StepStatus.ENDED_EARLY} & allowed
    }
    can_withdraw = {s for s, allowed in ALLOWED_TRANSITIONS.items() if StepStatus.WITHDRAWN in allowed}
    assert can_end == {StepStatus.IN_PROGRESS}
    assert can_withdraw == {StepStatus.PLANNED, StepStatus.OFFERED, StepStatus.ACCEPTED, StepStatus.WAITING_TO_START}


def test_jobs_and_apprenticeships_are_employment_and_placements() -> None:
    assert EMPLOYMENT_STEPS == {StepType.JOB, StepType.APPRENTICESHIP}
    assert EMPLOYMENT_STEPS <= PLACEMENT_STEPS
    assert SUSTAINMENT_WEEKS == (4, 13, 26, 52)


def test_eet_codes_are_the_oc3_activ_codes() -> None:
    # F3/P3 were retired in 2021-22; "0" is for a child not in touch, not a status.
    assert {s.value for s in EetStatus} == {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6"}
    assert {s for s in EetStatus if s.is_neet} == {
        EetStatus.NEET_ILLNESS, EetStatus.NEET_OTHER, EetStatus.NEET_PARENTING
    }


def test_accommodation_codes_are_the_oc3_accom_letters() -> None:
    assert {a.value for a in AccommodationType} == set("BCDEGHKRSTUVWXYZ")


def test_sex_codes_are_the_header_codes() -> None:
    assert {s.value for s in Sex} == {"M", "F", "U"}


def test_right_to_work_is_the_legal_requirement() -> None:
    assert LEGAL_REQUIREMENTS == {VettingNeed.RIGHT_TO_WORK}


def test_every_code_has_a_readable_label() -> None:
    from caseapp.models import codes

    for enum_cls in vars(codes).values():
        if (
            isinstance(enum_cls, type) and issubclass(enum_cls, codes.LabelledEnum)
            and enum_cls is not codes.LabelledEnum
        ):
            for member in enum_cls:
                assert member.label and member.label[0].isupper() and "_" not in member.label, member


def test_every_constraint_is_named_for_batch_migrations() -> None:
    for table in Base.metadata.sorted_tables:
        for constraint in table.constraints:
            assert constraint.name, (table.name, constraint)
