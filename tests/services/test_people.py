"""Young people: add, edit, close, reopen, get, list; EET and accommodation histories."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import AccommodationType, AuditAction, EetStatus, RightToWork, Sex
from caseapp.services.errors import NotFound
from tests.services.helpers import TODAY, add_person, born_aged, days_ago, refused


def events_for(store, entity: str, entity_id: int) -> list[AuditEvent]:
    with store.read_session() as s:
        return list(
            s.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
                .order_by(AuditEvent.id)
            )
        )


# -- add, get, list -----------------------------------------------------------------------


def test_add_then_get_gives_back_the_cleaned_record(svc) -> None:
    # "Nguyễn" typed with a combining accent must be stored as one NFC form, trimmed.
    decomposed = unicodedata.normalize("NFD", "  Nguyễn ")
    person = add_person(
        svc,
        given_name=" Thảo",
        family_name=decomposed,
        preferred_name="",
        own_script_name=None,
        sex="F",
        right_to_work=RightToWork.TIME_LIMITED,
        right_to_work_expiry=date(2027, 6, 1),
        sectors_of_interest=["animal care", " animal care ", "parks and gardens"],
    )
    assert person.family_name == "Nguyễn" and unicodedata.is_normalized("NFC", person.family_name)
    assert person.given_name == "Thảo"
    assert person.preferred_name is None  # empty text means "not given"
    assert person.sex is Sex.FEMALE
    assert person.sectors_of_interest == ("animal care", "parks and gardens")
    assert person.age(TODAY) == 19
    assert person.display_name == "Thảo Nguyễn"
    assert svc.people.get_young_person(person_id=person.id) == person

    created = events_for(svc.store, "young_person", person.id)
    assert [e.action for e in created] == [AuditAction.CREATED]
    assert created[0].person_id == person.id
    assert created[0].changes["family_name"] == [None, "Nguyễn"]


def test_preferred_name_is_what_people_read(svc) -> None:
    person = add_person(svc, given_name="Mohamed", family_name="Elhassan", preferred_name="Mo")
    assert person.display_name == "Mo Elhassan"


@pytest.mark.parametrize("years", [14, 30])
def test_ages_at_the_edges_of_14_to_30_are_accepted(svc, years: int) -> None:
    person = add_person(svc, date_of_birth=born_aged(years))
    assert person.age(TODAY) == years


def test_a_birthday_today_counts(svc) -> None:
    person = add_person(svc, date_of_birth=TODAY.replace(year=TODAY.year - 30))
    assert person.age(TODAY) == 30


def test_list_is_by_family_then_given_name_and_can_leave_out_closed_cases(svc) -> None:
    b = add_person(svc, given_name="Yonas", family_name="Haile")
    a = add_person(svc, given_name="Amna", family_name="Abdalla")
    c = add_person(svc, given_name="Helen", family_name="Haile")
    svc.people.close_case(person_id=b.id, closed_on=days_ago(1), reason="Moved out of area")
    assert [p.id for p in svc.people.list_young_people()] == [a.id, c.id, b.id]
    assert [p.id for p in svc.people.list_young_people(include_closed=False)] == [a.id, c.id]


def test_get_of_a_missing_person_says_so(svc) -> None:
    with pytest.raises(NotFound):
        svc.people.get_young_person(person_id=999)


# -- edit ---------------------------------------------------------------------------------


def test_edit_changes_only_the_given_fields_and_audits_before_and_after(svc) -> None:
    person = add_person(svc, phone="07700 900001", strengths="Reliable")
    edited = svc.people.edit_young_person(person_id=person.id, phone="07700 900002")
    assert edited.phone == "07700 900002"
    assert edited.strengths == "Reliable" and edited.given_name == person.given_name
    assert svc.people.get_young_person(person_id=person.id) == edited

    last = events_for(svc.store, "young_person", person.id)[-1]
    assert last.action == AuditAction.UPDATED
    assert last.changes == {"phone": ["07700 900001", "07700 900002"]}


def test_an_edit_that_changes_nothing_writes_no_audit_event(svc) -> None:
    person = add_person(svc, phone="07700 900001")
    svc.people.edit_young_person(person_id=person.id, phone=" 07700 900001 ")
    assert len(events_for(svc.store, "young_person", person.id)) == 1


def test_edit_refuses_a_field_it_does_not_know(svc) -> None:
    person = add_person(svc)
    with pytest.raises(TypeError):
        svc.people.edit_young_person(person_id=person.id, age=20)


def test_a_refused_edit_changes_nothing(svc) -> None:
    person = add_person(svc)
    with refused(svc.store, "given_name", "email"):
        svc.people.edit_young_person(person_id=person.id, given_name="  ", email="not an email")
    assert svc.people.get_young_person(person_id=person.id) == person


def test_editing_someone_who_has_since_turned_31_is_still_possible(store) -> None:
    # Records are kept long after 30: a phone change must not be refused over an
    # unchanged date of birth that was valid when it was entered.
    from tests.services.conftest import services_for

    then = services_for(store, today=date(2020, 1, 1))
    person = add_person(then, date_of_birth=date(1995, 6, 1), referral_date=date(2019, 1, 1))
    now = services_for(store, today=TODAY, worker_name="Priya Shah")
    edited = now.people.edit_young_person(person_id=person.id, phone="07700 900003")
    assert edited.phone == "07700 900003"
    # ...but a new date of birth is still checked.
    with refused(store, "date_of_birth"):
        now.people.edit_young_person(person_id=person.id, date_of_birth=date(1990, 1, 1))


# -- close and reopen ---------------------------------------------------------------------


def test_close_then_reopen(svc) -> None:
    person = add_person(svc)
    closed = svc.people.close_case(person_id=person.id, closed_on=days_ago(2), reason=" Found work ")
    assert (closed.closed_on, closed.closed_reason) == (days_ago(2), "Found work")
    assert events_for(svc.store, "young_person", person.id)[-1].action == AuditAction.CLOSED

    with refused(svc.store, "closed_on"):
        svc.people.close_case(person_id=person.id, closed_on=days_ago(1), reason="Again")

    reopened = svc.people.reopen_case(person_id=person.id)
    assert (reopened.closed_on, reopened.closed_reason) == (None, None)
    assert events_for(svc.store, "young_person", person.id)[-1].action == AuditAction.REOPENED


@pytest.mark.parametrize(
    ("closed_on", "reason", "field"),
    [
        (None, "Moved away", "closed_on"),
        (date(2026, 11, 22), "Moved away", "closed_on"),  # tomorrow
        (days_ago(1), "", "closed_reason"),
        (days_ago(1), None, "closed_reason"),
        (days_ago(1), "x" * 301, "closed_reason"),
        (days_ago(1), "Moved\x00away", "closed_reason"),
    ],
)
def test_closing_needs_a_past_date_and_a_reason(svc, closed_on, reason, field) -> None:
    person = add_person(svc)
    with refused(svc.store, field):
        svc.people.close_case(person_id=person.id, closed_on=closed_on, reason=reason)


# -- validation on add --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"given_name": None}, "given_name"),
        ({"given_name": "   "}, "given_name"),
        ({"family_name": ""}, "family_name"),
        ({"date_of_birth": None}, "date_of_birth"),
        ({"given_name": "x" * 101}, "given_name"),
        ({"own_script_name": "ሰ" * 201}, "own_script_name"),
        ({"aspirations": "x" * 2001}, "aspirations"),
        ({"given_name": "Sem\x07har"}, "given_name"),
        ({"family_name": "Tekle\x1b[31m"}, "family_name"),
        ({"address": "1 High St\x00"}, "address"),
        ({"date_of_birth": born_aged(13)}, "date_of_birth"),
        ({"date_of_birth": born_aged(31)}, "date_of_birth"),
        ({"date_of_birth": date(2026, 11, 22)}, "date_of_birth"),
        ({"date_of_birth": "2006-01-01"}, "date_of_birth"),
        ({"date_of_birth": datetime(2006, 1, 1, 9, 0)}, "date_of_birth"),
        ({"sex": "X"}, "sex"),
        ({"referral_source": "police"}, "referral_source"),
        ({"care_leaver_category": "former"}, "care_leaver_category"),
        ({"immigration_status": "citizen"}, "immigration_status"),
        ({"right_to_work": "yes"}, "right_to_work"),
        ({"english_level": "level_3"}, "english_level"),
        ({"digital_access": "some"}, "digital_access"),
        ({"right_to_work": "time_limited"}, "right_to_work_expiry"),
        ({"referral_date": date(2026, 11, 22)}, "referral_date"),
        ({"referral_date": date(1899, 12, 31)}, "referral_date"),
        ({"right_to_work_checked_on": date(2027, 1, 1)}, "right_to_work_checked_on"),
        ({"email": "semhar.example.org"}, "email"),
        ({"email": "semhar @example.org"}, "email"),
        ({"worker_id": 999}, "worker_id"),
        ({"pa_id": "Priya"}, "pa_id"),
        ({"uasc": "yes"}, "uasc"),
        ({"sectors_of_interest": "retail"}, "sectors_of_interest"),
        ({"areas_can_reach": ["Chelmsford", 7]}, "areas_can_reach"),
        ({"places_not_safe": [f"Area {n}" for n in range(31)]}, "places_not_safe"),
    ],
)
def test_add_refuses_bad_input_naming_the_field(svc, overrides: dict[str, Any], field: str) -> None:
    with refused(svc.store, field) as info:
        add_person(svc, **overrides)
    assert info.value.problems[field].strip()  # a sentence a worker can act on


def test_every_problem_is_reported_at_once(svc) -> None:
    with refused(svc.store, "given_name", "family_name", "date_of_birth", "sex") as info:
        svc.people.add_young_person(given_name="", family_name=None, date_of_birth=None, sex="?")
    assert len(info.value.problems) == 4


def test_the_age_message_says_why(svc) -> None:
    with refused(svc.store, "date_of_birth") as info:
        add_person(svc, date_of_birth=born_aged(31))
    assert "31" in info.value.problems["date_of_birth"]
    assert "14 to 30" in info.value.problems["date_of_birth"]


def test_add_refuses_a_field_it_does_not_know(svc) -> None:
    with pytest.raises(TypeError):
        add_person(svc, age=19)


# -- EET status history -------------------------------------------------------------------


def test_eet_history_is_back_to_back(svc) -> None:
    person = add_person(svc)
    svc.people.set_eet_status(person_id=person.id, status=EetStatus.NEET_OTHER, start_date=days_ago(300))
    after = svc.people.set_eet_status(person_id=person.id, status="F5", start_date=days_ago(20))
    first, second = after.eet_history
    assert (first.status, first.start_date, first.end_date) == (EetStatus.NEET_OTHER, days_ago(300), days_ago(20))
    assert (second.status, second.start_date, second.end_date) == (EetStatus.EMPLOYMENT_FT, days_ago(20), None)
    assert after.current_eet == second


@pytest.mark.parametrize(
    ("status", "start", "field"),
    [
        ("F9", days_ago(5), "status"),
        (None, days_ago(5), "status"),
        ("G5", None, "start_date"),
        ("G5", date(2026, 11, 22), "start_date"),
        ("G5", days_ago(400), "start_date"),  # before the current spell began
        ("G5", born_aged(19) - timedelta(days=1), "start_date"),  # before birth
    ],
)
def test_eet_status_refusals(svc, status, start, field) -> None:
    person = add_person(svc)
    svc.people.set_eet_status(person_id=person.id, status="F2", start_date=days_ago(300))
    with refused(svc.store, field):
        svc.people.set_eet_status(person_id=person.id, status=status, start_date=start)


# -- accommodation history ----------------------------------------------------------------


def test_accommodation_history_is_back_to_back(svc) -> None:
    person = add_person(svc)
    svc.people.set_accommodation(person_id=person.id, type="E", suitable=True, start_date=days_ago(200))
    after = svc.people.set_accommodation(
        person_id=person.id, type=AccommodationType.FOYER, suitable=False, start_date=days_ago(10)
    )
    first, second = after.accommodation_history
    assert (first.type, first.end_date) == (AccommodationType.SUPPORTED_LODGINGS, days_ago(10))
    assert (second.type, second.suitable, second.end_date) == (AccommodationType.FOYER, False, None)
    assert after.current_accommodation == second


@pytest.mark.parametrize(
    ("kind", "suitable", "start", "field"),
    [
        ("Q", True, days_ago(5), "type"),
        ("U", "yes", days_ago(5), "suitable"),
        ("U", True, date(2026, 11, 22), "start_date"),
        # OC3: S1 (suitable no fixed abode) and X1 (suitable custody) are invalid codes.
        ("S", True, days_ago(5), "suitable"),
        ("X", True, days_ago(5), "suitable"),
    ],
)
def test_accommodation_refusals(svc, kind, suitable, start, field) -> None:
    person = add_person(svc)
    with refused(svc.store, field):
        svc.people.set_accommodation(person_id=person.id, type=kind, suitable=suitable, start_date=start)


def test_former_foster_carers_only_from_the_18th_birthday(svc) -> None:
    # OC3: Z (staying put with former foster carers) is not valid at 17.
    person = add_person(svc, date_of_birth=date(2008, 3, 1))
    with refused(svc.store, "type"):
        svc.people.set_accommodation(person_id=person.id, type="Z", suitable=True, start_date=date(2026, 2, 28))
    after = svc.people.set_accommodation(person_id=person.id, type="Z", suitable=True, start_date=date(2026, 3, 1))
    assert after.current_accommodation.type is AccommodationType.FORMER_FOSTER_CARERS
    assert svc.people.set_accommodation(person_id=person.id, type="S", suitable=False, start_date=days_ago(1))


def test_names_are_one_line_but_notes_may_break_lines(svc) -> None:
    with refused(svc.store, "family_name") as info:
        add_person(svc, family_name="Tekle\nHaile")
    assert info.value.problems["family_name"] == "Family name must be on one line."
    person = add_person(svc, aspirations="Work outdoors.\nMaybe parks, maybe a zoo.")
    assert person.aspirations == "Work outdoors.\nMaybe parks, maybe a zoo."


def test_a_case_cannot_close_before_its_referral(svc) -> None:
    person = add_person(svc, referral_date=days_ago(30))
    with refused(svc.store, "closed_on") as info:
        svc.people.close_case(person_id=person.id, closed_on=days_ago(31), reason="Moved away")
    assert "before" in info.value.problems["closed_on"]
