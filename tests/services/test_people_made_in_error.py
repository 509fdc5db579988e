"""Likely duplicates found on adding or editing, and records made in error removed: deleted
while that is still safe, else closed as created in error; every step audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from caseapp import settings as declared
from caseapp.models import AuditEvent, CaseloadSummary, SearchToken, YoungPerson
from caseapp.models.base import utcnow
from caseapp.models.codes import AuditAction, ClosingReason, closing_reason
from caseapp.services.errors import NotFound
from caseapp.services.oc3 import CLOSING_REASONS
from tests.services.helpers import add_person, at, born_aged, days_ago


def added_hours_ago(svc, person_id: int, hours: float) -> None:  # type: ignore[no-untyped-def]
    with svc.store.session() as s:
        s.execute(update(YoungPerson).where(YoungPerson.id == person_id)
                  .values(created_at=utcnow() - timedelta(hours=hours)))


# -- likely duplicates ---------------------------------------------------------------------


def test_same_birth_date_and_a_close_name_is_a_likely_duplicate(svc) -> None:
    born = born_aged(19)
    first = add_person(svc, given_name="Semhar", family_name="Berhane", date_of_birth=born, child_ref="C1001")
    add_person(svc, given_name="Semhar", family_name="Berhane", date_of_birth=born_aged(20))  # born another day
    add_person(svc, given_name="Amna", family_name="Berhane", date_of_birth=born)  # another name
    for given, family in [("Semhar", "Berhane"), ("semhar", "BERHANE"), ("Semhar", "Berhan"),
                          ("Semhra", "Berhane"), ("Berhane", "Semhar"), ("Semhar Tsegay", "Berhane")]:
        [found] = svc.people.likely_duplicates(given_name=given, family_name=family, date_of_birth=born)
        assert found.person_id == first.id, (given, family)
    assert (found.display_name, found.date_of_birth, found.child_ref, found.worker_name, found.closed_on) == (
        "Semhar Berhane", born, "C1001", "Alex Morgan", None)


def test_a_preferred_name_and_accents_find_the_same_person(svc) -> None:
    born = born_aged(21)
    thao = add_person(svc, given_name="Thảo", family_name="Nguyễn", date_of_birth=born)
    assert [d.person_id for d in svc.people.likely_duplicates(
        given_name="Thao", family_name="Nguyen", date_of_birth=born)] == [thao.id]
    assert [d.person_id for d in svc.people.likely_duplicates(
        given_name="Thi Thao", family_name="Nguyen", preferred_name="Thao", date_of_birth=born)] == [thao.id]


def test_nobody_else_is_a_duplicate_of_themselves(svc) -> None:
    sem = add_person(svc, given_name="Semhar", family_name="Berhane")
    assert svc.people.likely_duplicates(given_name="Semhar", family_name="Berhane", date_of_birth=sem.date_of_birth,
                                        exclude_person_id=sem.id) == []
    assert svc.people.likely_duplicates(given_name="Semhar", family_name="Berhane", date_of_birth=None) == []
    assert svc.people.likely_duplicates(given_name="", family_name="Berhane", date_of_birth=sem.date_of_birth) == []


def test_a_closed_record_is_shown_as_closed(svc) -> None:
    sem = add_person(svc, given_name="Semhar", family_name="Berhane")
    svc.people.close_case(person_id=sem.id, closed_on=days_ago(3), reason="Refuses contact")
    [found] = svc.people.likely_duplicates(given_name="Semhar", family_name="Berhane", date_of_birth=sem.date_of_birth)
    assert found.closed_on == days_ago(3)


# -- closing reasons -----------------------------------------------------------------------


def test_closing_reasons_start_with_the_likeliest_and_keep_the_returns_codes() -> None:
    assert list(CLOSING_REASONS.values())[0] != "Died"
    assert list(CLOSING_REASONS.values()) == [
        "No longer requires leaving-care services", "Refuses contact",
        "Returned home to live with parents for six months or more", "Died"]
    assert closing_reason("Created in error: a second record for the same person") == ClosingReason.CREATED_IN_ERROR
    assert closing_reason("Moved away") is None


# -- removing a record made in error -------------------------------------------------------


def test_a_new_record_with_nothing_on_it_is_deleted_and_the_deletion_audited(svc) -> None:
    sem = add_person(svc, given_name="Semhar", family_name="Berhane")
    svc.people.set_eet_status(person_id=sem.id, status="G5", start_date=days_ago(1))
    plan = svc.people.removal_plan(person_id=sem.id)
    assert plan.can_delete and "nothing is recorded" in plan.why
    result = svc.people.remove_made_in_error(person_id=sem.id)
    assert (result.deleted, result.person) == (True, None)
    with pytest.raises(NotFound):
        svc.people.get_young_person(person_id=sem.id)
    with svc.store.read_session() as s:
        assert s.scalars(select(SearchToken).where(SearchToken.person_id == sem.id)).all() == []
        assert s.get(CaseloadSummary, sem.id) is None
        events = s.scalars(select(AuditEvent).where(AuditEvent.person_id == sem.id).order_by(AuditEvent.id)).all()
    deleted = [(e.entity, e.action) for e in events if e.action == AuditAction.DELETED]
    assert deleted == [("eet_status_period", AuditAction.DELETED), ("young_person", AuditAction.DELETED)]
    assert events[-1].changes["given_name"] == ["Semhar", None]
    assert svc.search.search("Berhane") == []


def test_a_record_with_something_on_it_is_closed_as_created_in_error(svc) -> None:
    sem = add_person(svc, given_name="Semhar", family_name="Berhane")
    svc.checkins.record_check_in(person_id=sem.id, happened_at=at(days_ago(1)), method="phone", outcome="spoke")
    plan = svc.people.removal_plan(person_id=sem.id)
    assert (plan.can_delete, plan.why) == (False, "It cannot be deleted because a check-in is recorded on it.")
    result = svc.people.remove_made_in_error(person_id=sem.id)
    assert result.deleted is False and result.person is not None
    assert (result.person.closed_on, result.person.closed_reason) == (svc.people.today(), "Created in error")
    with svc.store.read_session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert (last.entity, last.action, last.person_id) == ("young_person", AuditAction.CLOSED, sem.id)


def test_after_the_settings_while_a_record_is_closed_not_deleted(svc) -> None:
    sem = add_person(svc, given_name="Semhar", family_name="Berhane")
    added_hours_ago(svc, sem.id, 23)
    assert svc.people.removal_plan(person_id=sem.id).can_delete
    added_hours_ago(svc, sem.id, 25)
    plan = svc.people.removal_plan(person_id=sem.id)
    assert (plan.can_delete, plan.why) == (False, "It cannot be deleted because it was added more than 24 hours ago.")
    svc.settings.set_setting(key=declared.DELETE_MADE_IN_ERROR_HOURS.key, value=48)
    assert svc.people.removal_plan(person_id=sem.id).can_delete
    svc.settings.set_setting(key=declared.DELETE_MADE_IN_ERROR_HOURS.key, value=0)
    assert not svc.people.removal_plan(person_id=sem.id).can_delete
    assert svc.people.remove_made_in_error(person_id=sem.id).deleted is False


def test_a_closed_record_that_cannot_be_deleted_says_to_reopen_it(svc) -> None:
    from tests.services.helpers import refused

    sem = add_person(svc, given_name="Semhar", family_name="Berhane")
    added_hours_ago(svc, sem.id, 48)
    svc.people.close_case(person_id=sem.id, closed_on=days_ago(0), reason="Refuses contact")
    with refused(svc.store, "closed_on") as info:
        svc.people.remove_made_in_error(person_id=sem.id)
    assert "reopen it first" in info.value.problems["closed_on"]


def test_a_record_closed_as_created_in_error_is_not_in_the_statutory_return(svc) -> None:
    from caseapp.services.oc3 import Oc3Service

    sem = add_person(svc, given_name="Semhar", family_name="Berhane",
                     date_of_birth=born_aged(18, days_after_birthday=60),
                     care_leaver_category="former_relevant", child_ref="C1")
    svc.checkins.record_check_in(person_id=sem.id, happened_at=at(days_ago(2)), method="phone", outcome="spoke")
    svc.people.remove_made_in_error(person_id=sem.id)
    oc3 = Oc3Service(svc.store, actor_id=svc.worker_id, today=lambda: days_ago(0))
    year = days_ago(0).year + (1 if days_ago(0).month > 3 else 0)
    result = oc3.check(year=year)
    assert [(p.person_id, p.sentence) for p in result.not_included] == [
        (sem.id, "Not in the return: the record was closed as created in error.")]
    assert sem.id not in {line.person_id for line in result.lines}
