"""Employers, their opportunities and their social-value commitments."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from caseapp.models import AuditEvent
from caseapp.models.codes import AuditAction, SkillLevel, StepType, VettingNeed
from caseapp.services.errors import NotFound
from tests.services.helpers import TODAY, days_ago, refused


def last_event(store) -> AuditEvent:
    with store.read_session() as s:
        return s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()


# -- employers ----------------------------------------------------------------------------


def test_employer_add_get_edit_close_and_list(svc) -> None:
    zoo = svc.employers.add_employer(
        name=" Zoo and Wildlife Trust ", sector="animal care", offers="20-minute virtual tour"
    )
    parks = svc.employers.add_employer(name="Parks and Open Spaces")
    assert zoo.name == "Zoo and Wildlife Trust" and zoo.closed_on is None
    assert svc.employers.get_employer(employer_id=zoo.id) == zoo
    assert [e.id for e in svc.employers.list_employers()] == [parks.id, zoo.id]  # by name

    edited = svc.employers.edit_employer(employer_id=zoo.id, notes="Quarterly check-in: two tasters booked")
    assert (edited.notes, edited.sector) == ("Quarterly check-in: two tasters booked", "animal care")
    assert last_event(svc.store).changes == {"notes": [None, "Quarterly check-in: two tasters booked"]}

    closed = svc.employers.close_employer(employer_id=zoo.id)
    assert closed.closed_on == TODAY
    assert last_event(svc.store).action == AuditAction.CLOSED
    assert [e.id for e in svc.employers.list_employers()] == [parks.id]
    assert [e.id for e in svc.employers.list_employers(include_closed=True)] == [parks.id, zoo.id]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Harbour\x00Hotel"}, "name"),
        ({"name": "Harbour Hotel", "sector": "x" * 101}, "sector"),
        ({"name": "Harbour Hotel", "contact_phone": "0" * 41}, "contact_phone"),
        ({"name": "Harbour Hotel", "offers": "x" * 2001}, "offers"),
        ({"name": "Harbour Hotel", "notes": "x" * 10_001}, "notes"),
    ],
)
def test_employer_refusals(svc, fields: dict[str, Any], field: str) -> None:
    with refused(svc.store, field):
        svc.employers.add_employer(**fields)


@pytest.mark.parametrize("closed_on", [TODAY + timedelta(days=1), "today", date(1800, 1, 1)])
def test_closing_an_employer_needs_a_real_past_date(svc, closed_on) -> None:
    employer = svc.employers.add_employer(name="Harbour Hotel")
    with refused(svc.store, "closed_on"):
        svc.employers.close_employer(employer_id=employer.id, closed_on=closed_on)


def test_a_refused_employer_edit_changes_nothing(svc) -> None:
    employer = svc.employers.add_employer(name="Harbour Hotel")
    with refused(svc.store, "name"):
        svc.employers.edit_employer(employer_id=employer.id, name="  ")
    assert svc.employers.get_employer(employer_id=employer.id) == employer


# -- opportunities ------------------------------------------------------------------------


def test_opportunity_add_get_edit_close_and_list(svc) -> None:
    employer = svc.employers.add_employer(name="Parks and Open Spaces")
    other = svc.employers.add_employer(name="Harbour Hotel")
    placement = svc.employers.add_opportunity(
        employer_id=employer.id, type="paid_placement", title="8-week paid placement", places=4,
        start_date=date(2027, 1, 11), end_date=date(2027, 3, 8), closing_date=date(2026, 12, 14),
        pay_pence_per_hour=1260, hours_per_week=30, location="Chelmsford", ring_fenced=True,
        dbs_level="dbs_basic", english_level="entry_3",
    )
    assert (placement.type, placement.dbs_level, placement.english_level) == (
        StepType.PAID_PLACEMENT, VettingNeed.DBS_BASIC, SkillLevel.ENTRY_3
    )
    assert placement.needs_right_to_work and placement.ring_fenced
    assert svc.employers.get_opportunity(opportunity_id=placement.id) == placement
    tour = svc.employers.add_opportunity(employer_id=employer.id, type="workplace_tour", title="Virtual tour",
                                         needs_right_to_work=False)
    assert tour.places == 1  # the default
    job = svc.employers.add_opportunity(
        employer_id=other.id, type="job", title="Kitchen porter", closing_date=date(2026, 12, 1)
    )
    # Soonest closing first, open-ended last.
    assert [o.id for o in svc.employers.list_opportunities()] == [job.id, placement.id, tour.id]
    assert [o.id for o in svc.employers.list_opportunities(employer_id=employer.id)] == [placement.id, tour.id]

    edited = svc.employers.edit_opportunity(opportunity_id=placement.id, places=6)
    assert (edited.places, edited.title) == (6, "8-week paid placement")
    closed = svc.employers.close_opportunity(opportunity_id=placement.id, closed_on=days_ago(1))
    assert closed.closed_on == days_ago(1)
    assert placement.id not in [o.id for o in svc.employers.list_opportunities()]
    assert placement.id in [o.id for o in svc.employers.list_opportunities(include_closed=True)]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"type": None}, "type"),
        ({"type": "gig"}, "type"),
        ({"title": ""}, "title"),
        ({"places": 0}, "places"),
        ({"places": None}, "places"),
        ({"places": 2.5}, "places"),
        ({"places": 1001}, "places"),
        ({"pay_pence_per_hour": -100}, "pay_pence_per_hour"),
        ({"hours_per_week": float("nan")}, "hours_per_week"),
        ({"hours_per_week": -1}, "hours_per_week"),
        ({"start_date": date(2027, 2, 1), "end_date": date(2027, 1, 1)}, "end_date"),
        ({"start_date": date(2027, 1, 1), "closing_date": date(2027, 1, 2)}, "closing_date"),
        ({"dbs_level": "references"}, "dbs_level"),
        ({"dbs_level": "dbs_super"}, "dbs_level"),
        ({"english_level": "fluent"}, "english_level"),
        ({"ring_fenced": "no"}, "ring_fenced"),
        ({"needs_right_to_work": None}, "needs_right_to_work"),
        ({"requirements": "x" * 2001}, "requirements"),
        ({"location": "Chelms\x7fford"}, "location"),
    ],
)
def test_opportunity_refusals(svc, fields: dict[str, Any], field: str) -> None:
    employer = svc.employers.add_employer(name="Harbour Hotel")
    values: dict[str, Any] = {"type": "job", "title": "Kitchen porter"}
    values.update(fields)
    with refused(svc.store, field):
        svc.employers.add_opportunity(employer_id=employer.id, **values)


def test_opportunity_for_a_missing_employer_is_not_found(svc) -> None:
    with pytest.raises(NotFound):
        svc.employers.add_opportunity(employer_id=404, type="job", title="Kitchen porter")


def test_closing_an_opportunity_needs_a_real_past_date(svc) -> None:
    employer = svc.employers.add_employer(name="Harbour Hotel")
    opportunity = svc.employers.add_opportunity(employer_id=employer.id, type="job", title="Kitchen porter")
    with refused(svc.store, "closed_on"):
        svc.employers.close_opportunity(opportunity_id=opportunity.id, closed_on=TODAY + timedelta(days=1))


# -- commitments --------------------------------------------------------------------------


def test_commitments_add_edit_and_list(svc) -> None:
    employer = svc.employers.add_employer(name="Greenfield Facilities")
    later = svc.employers.add_commitment(
        employer_id=employer.id, measure="Apprenticeships for care leavers", step_type="apprenticeship",
        pledged=2, contract="Contract 104", period_start=date(2027, 4, 1), period_end=date(2028, 3, 31),
    )
    sooner = svc.employers.add_commitment(
        employer_id=employer.id, measure="8-week paid placements for care leavers", step_type=StepType.PAID_PLACEMENT,
        pledged=4, period_start=date(2026, 4, 1), period_end=date(2027, 3, 31),
    )
    assert svc.employers.list_commitments(employer_id=employer.id) == [sooner, later]
    assert svc.employers.get_commitment(commitment_id=later.id) == later
    edited = svc.employers.edit_commitment(commitment_id=sooner.id, pledged=5)
    assert (edited.pledged, edited.measure) == (5, sooner.measure)
    assert svc.employers.get_commitment(commitment_id=sooner.id) == edited
    assert last_event(svc.store).changes == {"pledged": [4, 5]}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"measure": ""}, "measure"),
        ({"measure": "x" * 301}, "measure"),
        ({"pledged": -1}, "pledged"),
        ({"pledged": None}, "pledged"),
        ({"pledged": 1.5}, "pledged"),
        ({"step_type": "anything"}, "step_type"),
        ({"period_start": None}, "period_start"),
        ({"period_end": date(2026, 3, 31)}, "period_end"),
    ],
)
def test_commitment_refusals(svc, fields: dict[str, Any], field: str) -> None:
    employer = svc.employers.add_employer(name="Greenfield Facilities")
    values: dict[str, Any] = {
        "measure": "Paid placements", "pledged": 3, "period_start": date(2026, 4, 1), "period_end": date(2027, 3, 31)
    }
    values.update(fields)
    with refused(svc.store, field):
        svc.employers.add_commitment(employer_id=employer.id, **values)


def test_a_refused_commitment_edit_changes_nothing(svc) -> None:
    employer = svc.employers.add_employer(name="Greenfield Facilities")
    pledge = svc.employers.add_commitment(employer_id=employer.id, measure="Paid placements", pledged=3,
                                          period_start=date(2026, 4, 1), period_end=date(2027, 3, 31))
    with refused(svc.store, "period_end", "pledged"):
        svc.employers.edit_commitment(commitment_id=pledge.id, period_end=date(2026, 1, 1), pledged=-3)
    assert svc.employers.get_commitment(commitment_id=pledge.id) == pledge


def test_unknown_fields_are_a_programming_error(svc) -> None:
    with pytest.raises(TypeError):
        svc.employers.add_employer(name="Harbour Hotel", rating=5)
