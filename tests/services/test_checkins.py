"""Check-ins: record every contact or attempt; edit, delete, get, list; what is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import AuditAction, CheckInMethod, CheckInOutcome
from caseapp.services.errors import NotFound
from tests.services.helpers import add_person, at, days_ago, refused


def check_in(svc, person_id: int, **overrides: Any):
    fields: dict[str, Any] = {"happened_at": at(days_ago(3)), "method": "phone", "outcome": "spoke"}
    fields.update(overrides)
    return svc.checkins.record_check_in(person_id=person_id, **fields)


def last_event(store) -> AuditEvent:
    with store.read_session() as s:
        return s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()


def test_record_get_list_edit_and_delete(svc) -> None:
    person = add_person(svc)
    older = check_in(svc, person.id, happened_at=at(days_ago(20)), method=CheckInMethod.HOME_VISIT,
                     note=" Talked about travel to the placement. ", actions="Book travel pass",
                     next_contact_on=days_ago(6))
    newer = check_in(svc, person.id, outcome="no_answer", method="message")
    assert older.worker_id == svc.worker_id  # recorded by whoever is using the app
    assert (older.method, older.outcome, older.note) == (
        CheckInMethod.HOME_VISIT, CheckInOutcome.SPOKE, "Talked about travel to the placement."
    )
    assert svc.checkins.get_check_in(check_in_id=older.id) == older
    assert svc.checkins.list_check_ins(person_id=person.id) == [newer, older]  # newest first

    edited = svc.checkins.edit_check_in(check_in_id=newer.id, outcome="message_left", note="Left a voicemail.")
    assert (edited.outcome, edited.note, edited.method) == (
        CheckInOutcome.MESSAGE_LEFT, "Left a voicemail.", CheckInMethod.MESSAGE
    )
    event = last_event(svc.store)
    assert (event.entity, event.action, event.person_id) == ("check_in", AuditAction.UPDATED, person.id)
    assert event.changes == {"outcome": ["no_answer", "message_left"], "note": [None, "Left a voicemail."]}

    svc.checkins.delete_check_in(check_in_id=newer.id)
    assert svc.checkins.list_check_ins(person_id=person.id) == [older]
    deleted = last_event(svc.store)
    assert deleted.action == AuditAction.DELETED
    assert deleted.changes["note"] == ["Left a voicemail.", None]  # the audit keeps what it said
    with pytest.raises(NotFound):
        svc.checkins.get_check_in(check_in_id=newer.id)


def test_a_check_in_may_be_recorded_for_another_worker_or_none(svc) -> None:
    pa = svc.workers.add_worker(name="Priya Shah", role="personal_adviser")
    person = add_person(svc)
    assert check_in(svc, person.id, worker_id=pa.id).worker_id == pa.id
    assert check_in(svc, person.id, worker_id=None).worker_id is None


def test_a_time_zone_aware_time_is_stored_as_given(svc) -> None:
    person = add_person(svc)
    when = datetime(2026, 11, 10, 9, 30, tzinfo=UTC)
    recorded = check_in(svc, person.id, happened_at=when)
    again = svc.checkins.get_check_in(check_in_id=recorded.id)
    assert again == recorded
    assert again.happened_at.tzinfo is None
    assert again.happened_at == when.astimezone().replace(tzinfo=None)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"happened_at": None}, "happened_at"),
        ({"happened_at": date(2026, 11, 1)}, "happened_at"),  # a day, not a time
        ({"happened_at": "2026-11-01 10:00"}, "happened_at"),
        ({"happened_at": datetime.now() + timedelta(hours=2)}, "happened_at"),
        ({"happened_at": datetime.now(UTC) + timedelta(days=3)}, "happened_at"),
        ({"happened_at": at(days_ago(401))}, "happened_at"),  # before the referral
        ({"happened_at": datetime(2001, 1, 1)}, "happened_at"),  # before they were born
        ({"method": None}, "method"),
        ({"method": "carrier_pigeon"}, "method"),
        ({"outcome": ""}, "outcome"),
        ({"outcome": "maybe"}, "outcome"),
        ({"note": "x" * 2001}, "note"),
        ({"note": "Fine\x00"}, "note"),
        ({"actions": "Send CV\x08"}, "actions"),
        ({"actions": 42}, "actions"),
        ({"next_contact_on": days_ago(4)}, "next_contact_on"),  # before this contact
        ({"next_contact_on": date(2301, 1, 1)}, "next_contact_on"),
        ({"next_contact_on": datetime(2026, 12, 1, 10)}, "next_contact_on"),
        ({"worker_id": 999}, "worker_id"),
    ],
)
def test_refusals_name_the_field(svc, overrides: dict[str, Any], field: str) -> None:
    person = add_person(svc)
    with refused(svc.store, field):
        check_in(svc, person.id, **overrides)


def test_a_future_check_in_says_why(svc) -> None:
    person = add_person(svc)
    with refused(svc.store, "happened_at") as info:
        check_in(svc, person.id, happened_at=datetime.now() + timedelta(days=1))
    assert "future" in info.value.problems["happened_at"]


def test_a_refused_edit_changes_nothing(svc) -> None:
    person = add_person(svc)
    recorded = check_in(svc, person.id)
    with refused(svc.store, "happened_at", "method"):
        svc.checkins.edit_check_in(
            check_in_id=recorded.id, happened_at=datetime.now() + timedelta(days=1), method="fax"
        )
    assert svc.checkins.get_check_in(check_in_id=recorded.id) == recorded


def test_unknown_fields_are_a_programming_error(svc) -> None:
    person = add_person(svc)
    with pytest.raises(TypeError):
        check_in(svc, person.id, mood="good")
