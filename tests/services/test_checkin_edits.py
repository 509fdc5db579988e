"""Editing a check-in: audited, and one recorded more than a day ago is changed only with a reason,
which the history shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from caseapp.models import AuditEvent, CheckIn
from caseapp.models.codes import AuditAction
from tests.services.helpers import add_person, at, days_ago, refused


@pytest.fixture
def person(svc):
    return add_person(svc)


def check_in(svc, person_id: int):  # type: ignore[no-untyped-def]
    return svc.checkins.record_check_in(person_id=person_id, happened_at=at(days_ago(3)), method="phone",
                                        outcome="spoke", note="Talked about the taster")


def recorded_ago(svc, check_in_id: int, hours: float) -> None:
    """As if the check-in had been recorded `hours` ago."""
    with svc.store.session() as s:
        s.execute(update(CheckIn).where(CheckIn.id == check_in_id)
                  .values(created_at=datetime.now(UTC) - timedelta(hours=hours)))


def last_event(svc) -> AuditEvent:
    with svc.store.read_session() as s:
        return s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()


def test_a_check_in_recorded_today_is_edited_without_a_reason(svc, person) -> None:
    recorded = check_in(svc, person.id)
    assert not svc.checkins.edit_needs_reason(check_in_id=recorded.id)
    svc.checkins.edit_check_in(check_in_id=recorded.id, note="Talked about the parks taster")
    assert last_event(svc).changes == {"note": ["Talked about the taster", "Talked about the parks taster"]}


def test_one_recorded_more_than_a_day_ago_needs_a_reason(svc, person) -> None:
    recorded = check_in(svc, person.id)
    recorded_ago(svc, recorded.id, hours=25)
    assert svc.checkins.edit_needs_reason(check_in_id=recorded.id)
    with refused(svc.store, "reason") as info:
        svc.checkins.edit_check_in(check_in_id=recorded.id, outcome="no_answer")
    assert info.value.problems["reason"] == (
        "This check-in was recorded more than a day ago. Say why it is being changed."
    )
    with refused(svc.store, "reason"):
        svc.checkins.edit_check_in(check_in_id=recorded.id, outcome="no_answer", reason="   ")


def test_the_reason_is_kept_with_the_change(svc, person) -> None:
    recorded = check_in(svc, person.id)
    recorded_ago(svc, recorded.id, hours=30)
    svc.checkins.edit_check_in(check_in_id=recorded.id, outcome="no_answer",
                               reason="Recorded as spoke by mistake")
    event = last_event(svc)
    assert (event.entity, event.action) == ("check_in", AuditAction.UPDATED)
    assert event.changes == {"outcome": ["spoke", "no_answer"], "reason": [None, "Recorded as spoke by mistake"]}
    [line] = [h for h in svc.people.history(person_id=person.id) if h.changes is event.changes or
              h.changes == event.changes]
    assert "Reason for the change → Recorded as spoke by mistake" in line.text
    assert ("Reason for the change", "—", "Recorded as spoke by mistake") in [
        (c.label, c.before, c.after) for c in line.details]


def test_nothing_changed_needs_no_reason_and_writes_nothing(svc, person) -> None:
    recorded = check_in(svc, person.id)
    recorded_ago(svc, recorded.id, hours=48)
    before = last_event(svc).id
    svc.checkins.edit_check_in(check_in_id=recorded.id, note="Talked about the taster")
    assert last_event(svc).id == before


def test_a_reason_given_when_none_is_needed_is_kept_too(svc, person) -> None:
    recorded = check_in(svc, person.id)
    svc.checkins.edit_check_in(check_in_id=recorded.id, outcome="declined", reason="Asked to correct it")
    assert last_event(svc).changes["reason"] == [None, "Asked to correct it"]


def test_a_reason_too_long_is_refused_beside_it(svc, person) -> None:
    recorded = check_in(svc, person.id)
    recorded_ago(svc, recorded.id, hours=30)
    with refused(svc.store, "reason"):
        svc.checkins.edit_check_in(check_in_id=recorded.id, outcome="declined", reason="x" * 501)


def test_the_record_says_when_it_was_recorded(svc, person) -> None:
    recorded = check_in(svc, person.id)
    assert recorded.recorded_at is not None
    assert abs(recorded.recorded_at - datetime.now(UTC)) < timedelta(minutes=1)
