"""Vetting checks: what was needed, what blocked it, the alternative accepted, who approved it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import AuditAction, VettingNeed, VettingOutcome
from caseapp.services.errors import NotFound
from tests.services.helpers import TODAY, add_person, days_ago, refused


def add_check(svc, person_id: int, **overrides: Any):
    fields: dict[str, Any] = {"need": "identity", "blocker": "No passport"}
    fields.update(overrides)
    return svc.vetting.add_vetting_check(person_id=person_id, **fields)


def test_add_get_list_and_edit(svc) -> None:
    person = add_person(svc)
    step = svc.pathway.add_step(person_id=person.id, type="job", status="offered", offered_on=days_ago(10))
    pending = add_check(svc, person.id, step_id=step.id)
    assert pending.outcome is VettingOutcome.PENDING  # the default
    assert svc.vetting.get_vetting_check(check_id=pending.id) == pending

    accepted = svc.vetting.edit_vetting_check(
        check_id=pending.id,
        outcome="alternative_accepted",
        alternative="Letter from the council confirming identity",
        approved_by="Employer safeguarding lead",
        employer_signed_off_by="HR manager",
        decided_on=days_ago(2),
        review_on=days_ago(2) + timedelta(days=180),
    )
    assert accepted.outcome is VettingOutcome.ALTERNATIVE_ACCEPTED
    assert (accepted.blocker, accepted.step_id) == ("No passport", step.id)  # kept
    assert svc.vetting.get_vetting_check(check_id=pending.id) == accepted

    rtw = add_check(svc, person.id, need=VettingNeed.RIGHT_TO_WORK, outcome="met_as_standard",
                    how_met="Home Office share code checked online", decided_on=days_ago(1))
    assert svc.vetting.list_vetting_checks(person_id=person.id) == [accepted, rtw]

    with svc.store.read_session() as s:
        edit = s.scalars(
            select(AuditEvent).where(AuditEvent.entity == "vetting_check", AuditEvent.entity_id == pending.id)
            .order_by(AuditEvent.id.desc()).limit(1)
        ).one()
    assert (edit.action, edit.person_id) == (AuditAction.UPDATED, person.id)
    assert edit.changes["outcome"] == ["pending", "alternative_accepted"]
    assert edit.changes["approved_by"] == [None, "Employer safeguarding lead"]


def test_right_to_work_can_be_evidenced_differently_but_never_waived(svc) -> None:
    person = add_person(svc)
    for outcome in ("met_as_standard", "alternative_accepted"):
        with refused(svc.store, "how_met") as info:
            add_check(svc, person.id, need="right_to_work", outcome=outcome, decided_on=days_ago(1),
                      alternative="PA reference", approved_by="Safeguarding lead")
        assert "cannot be waived" in info.value.problems["how_met"]
    met = add_check(svc, person.id, need="right_to_work", outcome="alternative_accepted", decided_on=days_ago(1),
                    alternative="Positive verification notice from the Home Office employer checking service",
                    approved_by="Safeguarding lead", how_met="Employer checking service")
    assert met.how_met == "Employer checking service"
    # Not met is a fact to record, not a waiver.
    assert add_check(svc, person.id, need="right_to_work", outcome="not_met", decided_on=days_ago(1))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"need": None}, "need"),
        ({"need": "passport"}, "need"),
        ({"outcome": "waived"}, "outcome"),
        ({"outcome": "alternative_accepted", "decided_on": days_ago(1), "approved_by": "Lead"}, "alternative"),
        ({"outcome": "alternative_accepted", "decided_on": days_ago(1), "alternative": "PA reference"}, "approved_by"),
        ({"outcome": "met_as_standard"}, "decided_on"),
        ({"decided_on": TODAY + timedelta(days=1)}, "decided_on"),
        ({"decided_on": days_ago(1), "review_on": days_ago(2)}, "review_on"),
        ({"review_on": "in six months"}, "review_on"),
        ({"blocker": "x" * 501}, "blocker"),
        ({"approved_by": "Lead\x00"}, "approved_by"),
        ({"employer_signed_off_by": "x" * 201}, "employer_signed_off_by"),
        ({"step_id": 999}, "step_id"),
    ],
)
def test_refusals_name_the_field(svc, overrides: dict[str, Any], field: str) -> None:
    person = add_person(svc)
    with refused(svc.store, field):
        add_check(svc, person.id, **overrides)


def test_a_check_can_only_point_at_the_same_persons_step(svc) -> None:
    someone = add_person(svc)
    other = add_person(svc, given_name="Yonas")
    their_step = svc.pathway.add_step(person_id=other.id, type="job")
    with refused(svc.store, "step_id"):
        add_check(svc, someone.id, step_id=their_step.id)


def test_a_refused_edit_changes_nothing(svc) -> None:
    person = add_person(svc)
    check = add_check(svc, person.id)
    with refused(svc.store, "alternative", "approved_by", "decided_on"):
        svc.vetting.edit_vetting_check(check_id=check.id, outcome="alternative_accepted")
    assert svc.vetting.get_vetting_check(check_id=check.id) == check


def test_missing_person_or_check_is_not_found(svc) -> None:
    with pytest.raises(NotFound):
        add_check(svc, 404)
    with pytest.raises(NotFound):
        svc.vetting.edit_vetting_check(check_id=404, blocker="x")
